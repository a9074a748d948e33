/**
 * What the HTTP side's parts share: the options, the catalog, the log, the pool, the running
 * counts, and one way to refuse a request (a status and coded issues).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Piscina } from 'piscina';
import type { Issue } from '../index.js';
import type { Catalog } from './catalog.js';
import { issuesDocument } from './issues.js';
import type { Log } from './log.js';
import type { ServiceOptions } from './options.js';
import type { Task, TaskResult } from './task.js';

/** What the request log records of one request, besides method, path, status and time. */
export interface RequestNote {
  readonly rules?: string;
  readonly codes?: readonly string[];
}

/** The state of a running service, shared by its hooks and routes. */
export interface ServiceContext {
  readonly options: ServiceOptions;
  readonly catalog: Catalog;
  readonly log: Log;
  readonly pool: Piscina<Task, TaskResult>;
  readonly notes: WeakMap<FastifyRequest, RequestNote>;
  readonly load: { closing: boolean; inFlight: number; meanTaskMs: number };
}

/** Answers a request with a status and issues, and notes their codes for the log. */
export function refuse(ctx: ServiceContext, reply: FastifyReply, status: number, issues: readonly Issue[]): FastifyReply {
  ctx.notes.set(reply.request, { ...ctx.notes.get(reply.request), codes: issues.map((i) => i.code) });
  return reply.code(status).type('application/json; charset=utf-8').send(issuesDocument(issues));
}
