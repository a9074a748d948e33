/**
 * The service as its users meet it: `node dist/cli.js serve --port 0` in its own process on a
 * loopback port, spoken to over HTTP; every answer held to the OpenAPI document it serves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

/** A log line of the service (one JSON object). */
export type LogLine = Readonly<Record<string, unknown>> & { readonly event: string };

/** A running service process. */
export interface Served {
  readonly url: string;
  readonly proc: ChildProcess;
  /** Every log line so far. */
  log(): LogLine[];
  stderr(): string;
  /** Sends a signal (unless one was sent already) and resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `yibao-settle serve --port 0 …args` and resolves once it logs "listening". */
export function serve(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, YIBAO_API_KEY: undefined, ...env } });
  const lines: LogLine[] = [];
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start: ${err}`)), 60_000);
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = JSON.parse(out.slice(0, nl)) as LogLine;
        out = out.slice(nl + 1);
        lines.push(line);
        if (line.event === 'listening') {
          clearTimeout(timer);
          resolve({
            url: String(line['url']),
            proc,
            log: () => [...lines],
            stderr: () => err,
            stop: (signal = 'SIGTERM') => {
              // A second signal means "stop now" to the service: send one only.
              if (proc.exitCode === null && !proc.killed) proc.kill(signal);
              return exited;
            },
          });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code}: ${err}`));
    });
  });
}

/** An HTTP answer: status, headers and the body parsed as JSON. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Record<string, unknown> & { issues?: { code: string; file: string; pointer: string; at?: { line: number; column: number }; params: Record<string, unknown>; message: { zh: string; en: string } }[] };
  readonly text: string;
}

/** POSTs a body (text as is, anything else as JSON) and reads the answer. */
export async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body),
  });
  return answer(res);
}

export async function get(url: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(`${url}${path}`, { headers }));
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === '' ? {} : (JSON.parse(text) as Answer['json']) };
}

/** The issue codes of an answer. */
export const codes = (a: Answer): string[] => (a.json.issues ?? []).map((i) => i.code);

/** A text file of the repository. */
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/**
 * Holds answers to an OpenAPI document: the schema of `responses[status]` of the operation
 * must accept the body. Returns the checker; it fails the test with ajv's errors.
 */
export function conformance(doc: Record<string, unknown>): (method: string, path: string, a: Answer) => void {
  // strict: false because the document is OpenAPI, not a bare schema (openapi, info, paths …).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const cache = new Map<string, ValidateFunction>();
  return (method, path, a) => {
    const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${a.status}/content/application~1json/schema`;
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi${pointer}` });
      cache.set(pointer, validate);
    }
    const ok = validate(a.json);
    expect(ok ? [] : validate.errors, `${method} ${path} → ${a.status} does not match the OpenAPI document`).toEqual([]);
  };
}

/** A drg-points request with `n` generated cases as CSV: a long settlement (about 2 s per 600,000 cases here). */
export function drgRequest(n: number): string {
  const example = JSON.parse(read('rules/examples/drg-points.input.json')) as { hospitals: { id: string }[]; groups: { id: string }[] } & Record<string, unknown>;
  const hospitals = example.hospitals.map((h) => h.id);
  const groups = example.groups.map((g) => g.id);
  const lines = ['hospital,group,cost,complete,halved'];
  for (let i = 0; i < n; i++) {
    lines.push(`${hospitals[i % 3]},${groups[(i * 7) % 3]},${5000 + (i % 20000)}.${String(i % 100).padStart(2, '0')},${i % 10 !== 0},${i % 50 === 0}`);
  }
  const { cases: _cases, ...input } = example;
  return JSON.stringify({ rules: 'drg-points', trace: false, input, tables: { cases: lines.join('\n') } });
}

/** The Yangxi example request (11 members, DOMAIN.md E1). */
export function yangxiRequest(extra: Record<string, unknown> = {}): string {
  return `{"rules":"yangxi","input":${read('rules/examples/yangxi.input.json')}${Object.entries(extra).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('')}}`;
}
