/**
 * The endpoints. POSTs go to the worker pool, refused at once when the queue is full and
 * stopped at the time limit; GETs answer from what the service read at start.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { engineVersion } from '../index.js';
import { refuse, type ServiceContext } from './context.js';
import { clip, serviceIssue } from './issues.js';
import { openApiDocument } from './openapi.js';
import { OPERATIONS, type Operation } from './task.js';

/** Seconds a refused client should wait: the work ahead of it over the threads, at least 1. */
function retryAfter(ctx: ServiceContext): number {
  return Math.max(1, Math.ceil((ctx.load.inFlight * ctx.load.meanTaskMs) / ctx.options.concurrency / 1000));
}

function busy(ctx: ServiceContext, reply: FastifyReply): FastifyReply {
  const seconds = retryAfter(ctx);
  reply.header('retry-after', String(seconds));
  return refuse(ctx, reply, 503, [serviceIssue('service_busy', '', { limit: ctx.options.queue, retryAfter: seconds })]);
}

/** One request through the pool. */
async function dispatch(ctx: ServiceContext, op: Operation, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  if (ctx.pool.queueSize >= ctx.options.queue) return busy(ctx, reply);
  // A copy of exactly the body's bytes, moved (not copied again) to the worker thread.
  const body = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array(0);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ctx.options.timeoutMs);
  // A client that hangs up does not keep a thread busy for nothing.
  const hangUp = (): void => {
    if (!reply.sent) controller.abort();
  };
  reply.raw.once('close', hangUp);
  const started = performance.now();
  ctx.load.inFlight++;
  try {
    const result = await ctx.pool.run({ op, body }, { signal: controller.signal, transferList: [body.buffer] });
    ctx.load.meanTaskMs = 0.8 * ctx.load.meanTaskMs + 0.2 * (performance.now() - started);
    ctx.notes.set(req, { ...(result.rules === undefined ? {} : { rules: result.rules }), ...(result.codes ? { codes: result.codes } : {}) });
    return reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
  } catch (e) {
    if (timedOut) return refuse(ctx, reply, 503, [serviceIssue('time_limit', '', { limit: ctx.options.timeoutMs })]);
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') return refuse(ctx, reply, 422, [serviceIssue('memory_limit', '', { limit: ctx.options.workerMemoryMb })]);
    // The queue filled between the check above and the run.
    if (/queue is at limit/.test(String(e))) return busy(ctx, reply);
    if (controller.signal.aborted) {
      // The client hung up: its settlement was stopped with its thread; nobody reads an answer.
      ctx.log('abandoned', { level: 'warn', id: req.id, path: `/v1/${op}`, ms: Math.round(performance.now() - started) });
      return reply;
    }
    ctx.log('error', { level: 'error', id: req.id, code: typeof code === 'string' ? code : 'worker', detail: String(e).slice(0, 200) });
    return refuse(ctx, reply, 500, [serviceIssue('internal_error', '', { detail: 'the settlement thread failed' })]);
  } finally {
    ctx.load.inFlight--;
    clearTimeout(timer);
    reply.raw.off('close', hangUp);
  }
}

/** Installs every endpoint on the app. */
export function installRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  for (const op of OPERATIONS) app.post(`/v1/${op}`, (req, reply) => dispatch(ctx, op, req, reply));
  app.get('/v1/rules', async () => ({ rules: [...ctx.catalog.values()].map((c) => c.info) }));
  app.get<{ Params: { id: string } }>('/v1/rules/:id', async (req, reply) => {
    const item = ctx.catalog.get(req.params.id);
    if (!item) {
      return refuse(ctx, reply, 404, [serviceIssue('unknown_rules', '', { id: clip(req.params.id), expected: [...ctx.catalog.keys()].join(', ') })]);
    }
    return { ...item.info, text: item.entry.text, ...(item.example === undefined ? {} : { example: item.example }) };
  });
  const openapi = JSON.stringify(openApiDocument(ctx.options.apiKey !== undefined));
  app.get('/v1/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  const started = Date.now();
  app.get('/healthz', async (_req, reply) => {
    const queued = ctx.pool.queueSize;
    return reply.code(ctx.load.closing ? 503 : 200).send({
      status: ctx.load.closing ? 'closing' : 'ok',
      version: engineVersion,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
      rules: ctx.catalog.size,
      concurrency: ctx.options.concurrency,
      running: Math.max(0, ctx.load.inFlight - queued),
      queued,
      queueLimit: ctx.options.queue,
    });
  });
}
