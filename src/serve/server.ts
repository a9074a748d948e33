/**
 * The HTTP side of the service (fastify): keys, sizes, load and time are checked here; bodies
 * go unread to a pool of worker threads (piscina), so a long DRG settlement occupies one
 * thread while short requests keep being answered by the others, and this thread stays free.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { Piscina } from 'piscina';
import { engineVersion, type Issue } from '../index.js';
import type { Catalog } from './catalog.js';
import { issuesDocument, serviceIssue } from './issues.js';
import type { Log } from './log.js';
import { openApiDocument } from './openapi.js';
import { OPERATIONS, type Operation, type Task, type TaskResult, type WorkerSetup } from './task.js';

/** How a service runs: where it listens and the limits it keeps. */
export interface ServiceOptions {
  readonly port: number;
  readonly host: string;
  /** Largest request body accepted, in bytes (larger: 413). */
  readonly maxBodyBytes: number;
  /** Longest a request may take from arrival to answer, queue included (longer: 503 time_limit). */
  readonly timeoutMs: number;
  /** Settlements run at once: the worker threads. */
  readonly concurrency: number;
  /** Requests that may wait for a thread; one more is answered 503 with Retry-After. */
  readonly queue: number;
  /** Heap limit of each worker thread, in MB (a request that needs more: 422 memory_limit). */
  readonly workerMemoryMb: number;
  /** Required in `Authorization: Bearer …` or `X-API-Key` when set. */
  readonly apiKey: string | undefined;
}

/** A listening service. */
export interface RunningService {
  readonly url: string;
  /** Stops taking requests, finishes those in flight, then stops the threads. */
  close(): Promise<void>;
}

/** What the request log records of one request, besides method, path, status and time. */
interface RequestNote {
  rules?: string;
  codes?: readonly string[];
}

const OPEN_PATHS = new Set(['/healthz', '/v1/openapi.json']);
const ENDPOINTS = [...OPERATIONS.map((op) => `POST /v1/${op}`), 'GET /v1/rules', 'GET /v1/rules/{id}', 'GET /v1/openapi.json', 'GET /healthz'];

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Starts the service and resolves once it listens. */
export async function startService(options: ServiceOptions, catalog: Catalog, log: Log): Promise<RunningService> {
  const setup: WorkerSetup = { catalog: [...catalog.values()].map((c) => c.entry) };
  const pool = new Piscina<Task, TaskResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: options.concurrency,
    maxThreads: options.concurrency,
    maxQueue: options.queue,
    idleTimeout: 2 ** 31 - 1,
    resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb },
    workerData: setup,
  });
  const notes = new WeakMap<FastifyRequest, RequestNote>();
  const keyDigest = options.apiKey === undefined ? undefined : digest(options.apiKey);
  let closing = false;
  let inFlight = 0;
  let meanTaskMs = 50;

  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    return503OnClosing: false,
    // Time to receive a body; the settlement's own limit is timeoutMs, kept by the handler.
    requestTimeout: options.timeoutMs + 60_000,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });
  const refuse = (reply: FastifyReply, status: number, issues: readonly Issue[]): FastifyReply => {
    notes.set(reply.request, { ...notes.get(reply.request), codes: issues.map((i) => i.code) });
    return reply.code(status).type('application/json; charset=utf-8').send(issuesDocument(issues));
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (closing) {
      reply.header('connection', 'close');
      return refuse(reply, 503, [serviceIssue('shutting_down')]);
    }
    if (keyDigest && !OPEN_PATHS.has(req.url.split('?')[0] ?? '')) {
      const auth = req.headers.authorization;
      const given = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : req.headers['x-api-key'];
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), keyDigest)) {
        reply.header('www-authenticate', 'Bearer');
        return refuse(reply, 401, [serviceIssue('unauthorized')]);
      }
    }
    return undefined;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const note = notes.get(req);
    log('request', {
      level: reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info',
      id: req.id,
      method: req.method,
      path: (req.url.split('?')[0] ?? '').slice(0, 200),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      bytesIn: Number(req.headers['content-length'] ?? 0),
      rules: note?.rules,
      codes: note?.codes,
    });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, 413, [serviceIssue('request_too_large', '', { limit: `${options.maxBodyBytes} bytes` })]);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const received = req.headers['content-type'] ?? 'no Content-Type';
      return refuse(reply, 415, [serviceIssue('unsupported_media_type', '', { received, expected: 'application/json' })]);
    }
    log('error', { level: 'error', id: req.id, code: err.code ?? 'unknown', detail: err.message.slice(0, 200) });
    return refuse(reply, 500, [serviceIssue('internal_error', '', { detail: err.code ?? 'unexpected error' })]);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const template = /^\/v1\/rules\/[^/]+$/.test(path) ? '/v1/rules/{id}' : path;
    const known = ENDPOINTS.filter((e) => e.endsWith(` ${template}`));
    if (known.length > 0) reply.header('allow', known.map((e) => e.split(' ')[0]).join(', '));
    return refuse(reply, known.length > 0 ? 405 : 404, [serviceIssue('unknown_endpoint', '', { method: req.method, path: path.slice(0, 200), expected: ENDPOINTS.join(', ') })]);
  });

  /** One request through the pool: refused at once when the queue is full, stopped at the time limit. */
  const dispatch = async (op: Operation, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    if (pool.queueSize >= options.queue) {
      const retryAfter = Math.max(1, Math.ceil((inFlight * meanTaskMs) / options.concurrency / 1000));
      reply.header('retry-after', String(retryAfter));
      return refuse(reply, 503, [serviceIssue('service_busy', '', { limit: options.queue, retryAfter })]);
    }
    const body = req.body instanceof Buffer ? new Uint8Array(req.body) : new Uint8Array(0);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    // A client that hangs up does not keep a thread busy for nothing.
    const hangUp = (): void => {
      if (!reply.sent) controller.abort();
    };
    reply.raw.once('close', hangUp);
    const started = performance.now();
    inFlight++;
    try {
      const result = await pool.run({ op, body }, { signal: controller.signal, transferList: [body.buffer] });
      meanTaskMs = 0.8 * meanTaskMs + 0.2 * (performance.now() - started);
      notes.set(req, { ...(result.rules === undefined ? {} : { rules: result.rules }), ...(result.codes ? { codes: result.codes } : {}) });
      return reply.code(result.status).type('application/json; charset=utf-8').send(result.body);
    } catch (e) {
      if (timedOut) return refuse(reply, 503, [serviceIssue('time_limit', '', { limit: options.timeoutMs })]);
      const code = (e as { code?: string }).code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') return refuse(reply, 422, [serviceIssue('memory_limit', '', { limit: options.workerMemoryMb })]);
      if (/queue is at limit/.test((e as Error).message)) {
        reply.header('retry-after', '1');
        return refuse(reply, 503, [serviceIssue('service_busy', '', { limit: options.queue, retryAfter: 1 })]);
      }
      if (controller.signal.aborted) return reply; // the client is gone; nobody reads an answer
      log('error', { level: 'error', id: req.id, code: code ?? 'worker', detail: String((e as Error).message).slice(0, 200) });
      return refuse(reply, 500, [serviceIssue('internal_error', '', { detail: 'the settlement thread failed' })]);
    } finally {
      inFlight--;
      clearTimeout(timer);
      reply.raw.off('close', hangUp);
    }
  };

  for (const op of OPERATIONS) app.post(`/v1/${op}`, (req, reply) => dispatch(op, req, reply));
  app.get('/v1/rules', async () => ({ rules: [...catalog.values()].map((c) => c.info) }));
  app.get<{ Params: { id: string } }>('/v1/rules/:id', async (req, reply) => {
    const item = catalog.get(req.params.id);
    if (!item) return refuse(reply, 404, [serviceIssue('unknown_rules', '', { id: req.params.id.slice(0, 100), expected: [...catalog.keys()].join(', ') })]);
    return { ...item.info, text: item.entry.text, ...(item.example === undefined ? {} : { example: item.example }) };
  });
  const openapi = JSON.stringify(openApiDocument(keyDigest !== undefined));
  app.get('/v1/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').send(openapi));
  const started = Date.now();
  app.get('/healthz', async (_req, reply) => {
    const queued = pool.queueSize;
    return reply.code(closing ? 503 : 200).send({
      status: closing ? 'closing' : 'ok',
      version: engineVersion,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
      rules: catalog.size,
      concurrency: options.concurrency,
      running: Math.max(0, inFlight - queued),
      queued,
      queueLimit: options.queue,
    });
  });

  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      closing = true;
      log('closing', { inFlight });
      await app.close();
      await pool.close();
      log('closed');
    },
  };
}
