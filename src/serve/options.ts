/**
 * The options of `yibao-settle serve`, from its arguments (node:util parseArgs, strict: an
 * option it does not take is an error) and the environment (YIBAO_API_KEY).
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

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

const USAGE = `yibao-settle serve — 结算服务 / the settlement service over HTTP (docs/service.md)

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

/** The usage text of `serve`, with this machine's core count as the default concurrency. */
export function serveUsage(): string {
  return USAGE.replace('%CORES%', String(availableParallelism()));
}

/** A usage problem: the message, then the usage, on stderr; exit status 2. */
export class UsageError extends Error {}

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

