/**
 * The service under load, over real HTTP: a long DRG settlement beside short ones, a full
 * queue, the time limit, an oversized body, a request that needs too much memory, and a
 * shutdown with work in flight. Nothing here asserts a speed; only who answers, and what.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, codes, conformance, drgRequest, get, post, ROOT, serve, yangxiRequest, type Answer, type Served } from './helpers.js';

/** About two seconds of settling on a 2-core machine. */
const SLOW_CASES = 600_000;
let slowBody = '';
let conforms: (method: string, path: string, a: Answer) => void;
const started: Served[] = [];

beforeAll(async () => {
  if (!existsSync(CLI)) execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  slowBody = drgRequest(SLOW_CASES);
});

afterAll(async () => {
  for (const s of started) await s.stop();
});

async function start(args: string[]): Promise<Served> {
  const s = await serve(args);
  started.push(s);
  conforms ??= conformance((await get(s.url, '/v1/openapi.json')).json);
  return s;
}

/** Waits until /healthz shows at least this many settlements running (and queued). */
async function until(s: Served, running: number, queued = 0): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    const h = (await get(s.url, '/healthz')).json as { running: number; queued: number };
    if (h.running >= running && h.queued >= queued) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the service never got that busy');
}

/** Σ payments = distributable, to the fen (BigInt), for a drg-points answer. */
function paymentsAddUp(a: Answer): void {
  const v = a.json['values'] as Record<string, string>;
  const fen = (s: string): bigint => BigInt(s.replace('.', ''));
  const payments = Object.keys(v).filter((k) => k.startsWith('payment.'));
  expect(payments).toHaveLength(3);
  expect(payments.reduce((n, k) => n + fen(v[k] ?? '0'), 0n)).toBe(fen(v['distributable'] ?? ''));
}

describe('a long settlement beside short ones', () => {
  it('answers five Yangxi settlements while a 600,000-case DRG settlement runs', async () => {
    const s = await start(['--concurrency', '2']);
    const order: string[] = [];
    const slow = post(s.url, '/v1/settle', slowBody).then((a) => {
      order.push('slow');
      return a;
    });
    await until(s, 1);
    for (let i = 0; i < 5; i++) {
      const a = await post(s.url, '/v1/settle', yangxiRequest({ trace: false }));
      expect((a.json['values'] as Record<string, string>)['package']).toBe('342216000.00');
      order.push(`fast ${i}`);
    }
    const a = await slow;
    expect(a.status).toBe(200);
    paymentsAddUp(a);
    expect(order).toEqual(['fast 0', 'fast 1', 'fast 2', 'fast 3', 'fast 4', 'slow']);
  });
});

describe('limits', () => {
  it('a full queue: 503 service_busy with Retry-After, and the queued work still done', async () => {
    const s = await start(['--concurrency', '1', '--queue', '1']);
    const body = drgRequest(200_000);
    const first = post(s.url, '/v1/settle', body);
    await until(s, 1);
    const second = post(s.url, '/v1/settle', body);
    await until(s, 1, 1);
    const refused = await post(s.url, '/v1/settle', yangxiRequest());
    conforms('post', '/v1/settle', refused);
    expect([refused.status, codes(refused)]).toEqual([503, ['service_busy']]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.json.issues?.[0]?.params).toMatchObject({ limit: 1 });
    for (const a of await Promise.all([first, second])) {
      expect(a.status).toBe(200);
      paymentsAddUp(a);
    }
  });

  it('the time limit: 503 time_limit, and the next request is served by a fresh thread', async () => {
    const s = await start(['--concurrency', '1', '--timeout', '0.5']);
    const a = await post(s.url, '/v1/settle', slowBody);
    conforms('post', '/v1/settle', a);
    expect([a.status, codes(a)]).toEqual([503, ['time_limit']]);
    expect(a.json.issues?.[0]?.params).toEqual({ limit: 500 });
    const b = await post(s.url, '/v1/settle', yangxiRequest({ trace: false }));
    expect((b.json['values'] as Record<string, string>)['package']).toBe('342216000.00');
  });

  it('an oversized body: 413 request_too_large; one under the limit is read', async () => {
    const s = await start(['--max-body', '0.05']);
    const limit = Math.round(0.05 * 1024 * 1024);
    const big = yangxiRequest({ tables: { notes: 'x'.repeat(limit) } });
    const a = await post(s.url, '/v1/settle', big);
    conforms('post', '/v1/settle', a);
    expect([a.status, codes(a)]).toEqual([413, ['request_too_large']]);
    expect(a.json.issues?.[0]?.params).toEqual({ limit: `${limit} bytes` });
    const small = await post(s.url, '/v1/settle', yangxiRequest({ trace: false }));
    expect(small.status).toBe(200);
  });

  it('a request that needs more memory than a thread has: 422 memory_limit, and the service goes on', async () => {
    const s = await start(['--worker-memory', '64', '--concurrency', '1']);
    const a = await post(s.url, '/v1/settle', drgRequest(300_000));
    conforms('post', '/v1/settle', a);
    expect([a.status, codes(a)]).toEqual([422, ['memory_limit']]);
    const b = await post(s.url, '/v1/settle', yangxiRequest({ trace: false }));
    expect(b.status).toBe(200);
  });
});

describe('a client that hangs up', () => {
  it('stops its settlement: the thread is freed and the log says "abandoned"', async () => {
    const s = await start(['--concurrency', '1']);
    const socket = connect(Number(new URL(s.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`POST /v1/settle HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\n\r\n${slowBody}`);
    await until(s, 1);
    socket.destroy();
    for (let i = 0; i < 500 && !s.log().some((l) => l.event === 'abandoned'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(s.log().find((l) => l.event === 'abandoned')).toMatchObject({ path: '/v1/settle' });
    const h = await get(s.url, '/healthz');
    expect(h.json).toMatchObject({ running: 0, queued: 0 });
    const b = await post(s.url, '/v1/settle', yangxiRequest({ trace: false }));
    expect(b.status).toBe(200);
  });
});

describe('shutdown', () => {
  it('SIGTERM with a settlement in flight: it is answered in full, nothing new is taken, exit 0', async () => {
    const s = await serve(['--concurrency', '1']);
    const slow = post(s.url, '/v1/settle', slowBody);
    await until(s, 1);
    s.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    // A new request finds the port closed, or (on a kept-alive connection) a coded 503.
    const late = await post(s.url, '/v1/settle', yangxiRequest()).catch(() => undefined);
    if (late) expect([late.status, codes(late)]).toEqual([503, ['shutting_down']]);
    const a = await slow;
    expect(a.status).toBe(200);
    paymentsAddUp(a);
    expect(await s.stop()).toBe(0);
    // After the signal: closing (one in flight), the settlement's own request line, closed.
    const log = s.log();
    const after = log.slice(log.findIndex((l) => l.event === 'signal'));
    expect(after[1]).toMatchObject({ event: 'closing', inFlight: 1 });
    expect(after.filter((l) => l.event === 'request' && l['status'] === 200)).toHaveLength(1);
    expect(after.at(-1)?.event).toBe('closed');
  });

  it('a connection with a settlement in flight at SIGTERM: that answer comes with "Connection: close", nothing after it is taken', async () => {
    const s = await serve(['--concurrency', '1']);
    const socket = connect(Number(new URL(s.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const closed = new Promise((r) => socket.on('close', r));
    const raw = (body: string): string => `POST /v1/settle HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    socket.write(raw(slowBody));
    await until(s, 1);
    s.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    // Sent on the same connection after the signal: not read, not settled, not answered.
    socket.write(raw(yangxiRequest()));
    await closed;
    expect([...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1])).toEqual(['200']);
    expect(received).toMatch(/^connection: close\r$/im);
    expect(await s.stop()).toBe(0);
    expect(s.log().filter((l) => l.event === 'request' && l['path'] === '/v1/settle').map((l) => l['rules'])).toEqual(['drg-points']);
  });
});
