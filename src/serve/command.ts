/**
 * `yibao-settle serve`: reads the options, loads and checks every rule file, listens, and on
 * SIGINT/SIGTERM stops taking requests, finishes those in flight and exits 0.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { formatIssue } from '../index.js';
import { loadCatalog } from './catalog.js';
import { serviceIssue } from './issues.js';
import { jsonLog } from './log.js';
import { startService, type ServiceOptions } from './server.js';

export const SERVE_USAGE = `yibao-settle serve — 结算服务 / the settlement service over HTTP (docs/service.md)

usage:
  yibao-settle serve [--port 8080] [--host 127.0.0.1] [--rules <folder>]
                     [--max-body <MB>] [--timeout <seconds>] [--concurrency <threads>] [--queue <requests>]
                     [--worker-memory <MB>] [--api-key <key>]

  --port            TCP port (0: any free port; the log's "listening" line names it)      default 8080
  --host            address to listen on; 0.0.0.0 for every interface                     default 127.0.0.1
  --rules           a folder of rule files served beside the presets (by their "id")
  --max-body        largest request body, MB (larger: 413)                                default 64
  --timeout         longest time for one request, seconds, queue included (longer: 503)   default 60
  --concurrency     settlements at once (worker threads)                                  default: the cores (%CORES%)
  --queue           requests that may wait for a thread (more: 503 + Retry-After)         default 64
  --worker-memory   heap per worker thread, MB (more: 422 memory_limit)                   default 2048
  --api-key         require this key (Authorization: Bearer <key> or X-API-Key); prefer the
                    environment variable YIBAO_API_KEY, which other users cannot see in ps

The log is one JSON object a line on stdout. SIGINT or SIGTERM: finish requests in flight, exit 0.
exit status: 0 stopped cleanly; 1 a rule file has problems or the port cannot be used; 2 bad usage`;

/** A usage problem: the message, then the usage, on stderr; exit status 2. */
class UsageError extends Error {}

function number(name: string, text: string | undefined, fallback: number, min: number, max: number, whole: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || n < min || n > max || (whole && !Number.isInteger(n))) {
    throw new UsageError(`--${name} needs ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

/** The options of `serve` from its arguments and the environment. */
export function serveOptions(args: readonly string[], env: NodeJS.ProcessEnv): { options: ServiceOptions; rules: string | undefined; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        rules: { type: 'string' },
        'max-body': { type: 'string' },
        timeout: { type: 'string' },
        concurrency: { type: 'string' },
        queue: { type: 'string' },
        'worker-memory': { type: 'string' },
        'api-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const apiKey = v['api-key'] ?? env['YIBAO_API_KEY'];
  // A key that is set but empty or short is a mistake, not a wish for no key.
  if (apiKey !== undefined && apiKey.length < 16) throw new UsageError('the API key (--api-key or YIBAO_API_KEY) needs at least 16 characters');
  const options: ServiceOptions = {
    port: number('port', v.port, 8080, 0, 65535, true),
    host: v.host ?? '127.0.0.1',
    maxBodyBytes: Math.round(number('max-body', v['max-body'], 64, 0.001, 4096, false) * 1024 * 1024),
    timeoutMs: Math.round(number('timeout', v.timeout, 60, 0.001, 86_400, false) * 1000),
    concurrency: number('concurrency', v.concurrency, Math.max(1, availableParallelism()), 1, 1024, true),
    queue: number('queue', v.queue, 64, 0, 1_000_000, true),
    workerMemoryMb: number('worker-memory', v['worker-memory'], 2048, 64, 1_048_576, true),
    apiKey,
  };
  return { options, rules: v.rules, help: v.help === true };
}

/** Runs `yibao-settle serve`; resolves with the exit status once the service has stopped. */
export async function serveCommand(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = serveOptions(args, process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${SERVE_USAGE.replace('%CORES%', String(availableParallelism()))}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${SERVE_USAGE.replace('%CORES%', String(availableParallelism()))}\n`);
    return 0;
  }
  const { options } = parsed;
  const loaded = loadCatalog(parsed.rules);
  if (!loaded.ok) {
    for (const i of loaded.issues) process.stderr.write(`${formatIssue(i)}\n`);
    return 1;
  }
  const log = jsonLog();
  let service;
  try {
    service = await startService(options, loaded.catalog, log);
  } catch (e) {
    const address = `${options.host}:${options.port}`;
    process.stderr.write(`${formatIssue(serviceIssue('listen_failed', '', { address, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, undefined, 'yibao-settle serve'))}\n`);
    return 1;
  }
  for (const id of loaded.replaced) log('replaced', { level: 'warn', id, file: loaded.catalog.get(id)?.entry.file });
  if (options.apiKey === undefined && !/^(127\.|::1$|localhost$)/.test(options.host)) {
    log('warning', { level: 'warn', detail: 'listening beyond this machine without an API key; set YIBAO_API_KEY' });
  }
  log('listening', {
    url: service.url,
    rules: [...loaded.catalog.keys()],
    concurrency: options.concurrency,
    queue: options.queue,
    maxBodyBytes: options.maxBodyBytes,
    timeoutMs: options.timeoutMs,
    apiKey: options.apiKey !== undefined,
  });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      // A second signal while finishing means: stop now.
      if (stopping) process.exit(1);
      stopping = true;
      log('signal', { signal });
      service.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
