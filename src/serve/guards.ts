/**
 * What every request passes before and after its route: a request id, the shutdown and key
 * checks, the request log, and the answers for errors fastify raises (too large, not JSON, no
 * such endpoint) as coded issues instead of fastify's own error bodies.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { refuse, type ServiceContext } from './context.js';
import { serviceIssue } from './issues.js';
import { OPERATIONS } from './task.js';

/** Paths anyone may read: load balancers probe /healthz; the API description holds no data. */
const OPEN_PATHS = new Set(['/healthz', '/v1/openapi.json']);

/** Every endpoint, as the unknown_endpoint issue lists them. */
export const ENDPOINTS: readonly string[] = [...OPERATIONS.map((op) => `POST /v1/${op}`), 'GET /v1/rules', 'GET /v1/rules/{id}', 'GET /v1/openapi.json', 'GET /healthz'];

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
const pathOf = (req: FastifyRequest): string => (req.url.split('?')[0] ?? '').slice(0, 200);

/** A request id: the client's `X-Request-Id` when it is a plain token, else a new UUID. */
export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(header) ? header : randomUUID();
}

/** Installs the hooks and error answers on the app. */
export function installGuards(app: FastifyInstance, ctx: ServiceContext): void {
  const key = ctx.options.apiKey === undefined ? undefined : digest(ctx.options.apiKey);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (ctx.load.closing) return refuse(ctx, reply, 503, [serviceIssue('shutting_down', '', {})]);
    if (key && !OPEN_PATHS.has(pathOf(req))) {
      const auth = req.headers.authorization;
      const given = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : req.headers['x-api-key'];
      // Compared as digests in constant time: the answer's timing says nothing about the key.
      if (typeof given !== 'string' || !timingSafeEqual(digest(given), key)) {
        reply.header('www-authenticate', 'Bearer');
        return refuse(ctx, reply, 401, [serviceIssue('unauthorized', '', {})]);
      }
    }
    return undefined;
  });
  // While shutting down, no connection is kept open for a next request.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (ctx.load.closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const note = ctx.notes.get(req);
    const status = reply.statusCode;
    ctx.log('request', {
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      id: req.id,
      method: req.method,
      path: pathOf(req),
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      bytesIn: Number(req.headers['content-length'] ?? 0),
      rules: note?.rules,
      codes: note?.codes,
    });
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return refuse(ctx, reply, 413, [serviceIssue('request_too_large', '', { limit: `${ctx.options.maxBodyBytes} bytes` })]);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const received = req.headers['content-type'] ?? 'no Content-Type';
      return refuse(ctx, reply, 415, [serviceIssue('unsupported_media_type', '', { received, expected: 'application/json' })]);
    }
    ctx.log('error', { level: 'error', id: req.id, code: err.code ?? 'unknown', detail: err.message.slice(0, 200) });
    return refuse(ctx, reply, 500, [serviceIssue('internal_error', '', { detail: err.code ?? 'unexpected error' })]);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = pathOf(req);
    const template = /^\/v1\/rules\/[^/]+$/.test(path) ? '/v1/rules/{id}' : path;
    const methods = ENDPOINTS.filter((e) => e.endsWith(` ${template}`)).map((e) => e.split(' ')[0]);
    if (methods.length > 0) reply.header('allow', methods.join(', '));
    const issue = serviceIssue('unknown_endpoint', '', { method: req.method, path, expected: ENDPOINTS.join(', ') });
    return refuse(ctx, reply, methods.length > 0 ? 405 : 404, [issue]);
  });
}
