/**
 * The HTTP side of the service (fastify): keys, sizes, load and time are checked here; bodies
 * go unread to a pool of worker threads (piscina), so a long DRG settlement occupies one
 * thread while short requests keep being answered by the others, and this thread stays free.
 */
import Fastify from 'fastify';
import { Piscina } from 'piscina';
import { workerOptions } from '../batch/worker-options.js';
import type { Catalog } from './catalog.js';
import type { ServiceContext } from './context.js';
import { installGuards, requestId } from './guards.js';
import type { Log } from './log.js';
import type { ServiceOptions } from './options.js';
import { installRoutes } from './routes.js';
import type { Task, TaskResult, WorkerSetup } from './task.js';

/** A listening service. */
export interface RunningService {
  readonly url: string;
  /** Stops taking requests, finishes those in flight, then stops the threads. */
  close(): Promise<void>;
}

/** Starts the service and resolves once it listens (rejects when it cannot, e.g. EADDRINUSE). */
export async function startService(options: ServiceOptions, catalog: Catalog, log: Log): Promise<RunningService> {
  const setup: WorkerSetup = { catalog: [...catalog.values()].map((c) => c.entry) };
  const pool = new Piscina<Task, TaskResult>({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: options.concurrency,
    maxThreads: options.concurrency,
    maxQueue: options.queue,
    // Threads stay: starting one costs the library's load and the request schemas' compilation.
    idleTimeout: 2 ** 31 - 1,
    resourceLimits: { maxOldGenerationSizeMb: options.workerMemoryMb },
    workerData: setup,
    ...workerOptions(),
  });
  const ctx: ServiceContext = { options, catalog, log, pool, notes: new WeakMap(), load: { closing: false, inFlight: 0, meanTaskMs: 50 } };
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    // Our own 503 (shutting_down, as a coded issue) replaces fastify's.
    return503OnClosing: false,
    // Time to receive a body; the settlement's own limit is timeoutMs, kept by the route.
    requestTimeout: options.timeoutMs + 60_000,
    genReqId: (req) => requestId(req.headers['x-request-id']),
  });
  // Bodies stay bytes here: the worker decodes them (refusing bad UTF-8) and reads their numbers exactly.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  installGuards(app, ctx);
  installRoutes(app, ctx);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (e) {
    await pool.destroy();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      ctx.load.closing = true;
      log('closing', { inFlight: ctx.load.inFlight });
      await app.close();
      await pool.close();
      log('closed');
    },
  };
}
