/**
 * The guards in process (fastify's inject, no socket): the moment between "shutting down" and
 * the port closing, which a real connection reaches only by chance, and the key's headers.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from './context.js';
import { installGuards, requestId } from './guards.js';
import type { ServiceOptions } from './options.js';

const OPTIONS: ServiceOptions = { port: 0, host: '127.0.0.1', maxBodyBytes: 1024, timeoutMs: 1000, concurrency: 1, queue: 1, workerMemoryMb: 64, apiKey: undefined };

function app(apiKey?: string): { app: ReturnType<typeof Fastify>; ctx: ServiceContext; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const ctx = {
    options: { ...OPTIONS, apiKey },
    catalog: new Map(),
    log: (event: string, fields = {}) => lines.push({ event, ...fields }),
    pool: undefined as never, // the guards never reach the pool
    notes: new WeakMap(),
    load: { closing: false, inFlight: 0, meanTaskMs: 50 },
  } satisfies ServiceContext;
  const a = Fastify({ genReqId: (req) => requestId(req.headers['x-request-id']) });
  installGuards(a, ctx);
  a.get('/v1/rules', async () => ({ rules: [] }));
  a.get('/healthz', async () => ({ status: 'ok' }));
  return { app: a, ctx, lines };
}

const codes = (body: string): string[] => (JSON.parse(body) as { issues: { code: string }[] }).issues.map((i) => i.code);

describe('guards', () => {
  it('while shutting down: 503 shutting_down with "Connection: close", logged', async () => {
    const { app: a, ctx, lines } = app();
    ctx.load.closing = true;
    const r = await a.inject({ method: 'GET', url: '/v1/rules', headers: { 'x-request-id': 'abc-1' } });
    expect([r.statusCode, codes(r.body), r.headers['connection'], r.headers['x-request-id']]).toEqual([503, ['shutting_down'], 'close', 'abc-1']);
    expect(lines.at(-1)).toMatchObject({ event: 'request', id: 'abc-1', status: 503, codes: ['shutting_down'] });
  });

  it('with a key: 401 without it, through with either header, /healthz open', async () => {
    const key = 'a-key-of-sixteen-or-more';
    const { app: a } = app(key);
    const none = await a.inject({ method: 'GET', url: '/v1/rules' });
    expect([none.statusCode, codes(none.body), none.headers['www-authenticate']]).toEqual([401, ['unauthorized'], 'Bearer']);
    expect((await a.inject({ method: 'GET', url: '/v1/rules', headers: { authorization: `bearer ${key}` } })).statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/v1/rules', headers: { 'x-api-key': key } })).statusCode).toBe(200);
    expect((await a.inject({ method: 'GET', url: '/v1/rules', headers: { 'x-api-key': key.slice(1) } })).statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: '/healthz?probe=1' })).statusCode).toBe(200);
  });

  it('a client request id is kept only when it is a plain token', () => {
    expect(requestId('his-2024.0042_a')).toBe('his-2024.0042_a');
    expect(requestId('bad id\nwith "quotes"')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
