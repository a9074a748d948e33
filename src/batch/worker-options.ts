/**
 * How this package's worker threads start. Piscina loads a worker file with require() first;
 * Node 20.19+ can require an ES module, but doing so in a worker thread can end the process
 * with a fatal V8 error ("IsGraphAsync must be used on an instantiated module"). With require of
 * ES modules turned off in the worker, piscina loads our worker files as ES modules (its second way).
 * Only that switch is passed: other options of the process (a heap size, say) are not all
 * allowed for a worker thread, and the workers need none of them.
 */
const FLAG = '--no-experimental-require-module';

/** Worker options with require(esm) off, where this Node has the switch; none otherwise. */
export function workerOptions(): { execArgv?: string[] } {
  const flags = process.allowedNodeEnvironmentFlags;
  return flags.has(FLAG) || flags.has('--experimental-require-module') ? { execArgv: [FLAG] } : {};
}
