/**
 * `yibao-settle serve`: reads the options, loads and checks every rule file, listens, and on
 * SIGINT/SIGTERM stops taking requests, finishes those in flight and exits 0.
 */
import { formatIssue } from '../index.js';
import { loadCatalog } from './catalog.js';
import { serviceIssue } from './issues.js';
import { jsonLog } from './log.js';
import { serveOptions, serveUsage, UsageError } from './options.js';
import { startService } from './server.js';

/** Runs `yibao-settle serve`; resolves with the exit status once the service has stopped. */
export async function serveCommand(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = serveOptions(args, process.env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${serveUsage()}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${serveUsage()}\n`);
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
