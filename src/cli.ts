#!/usr/bin/env node
/**
 * The command line's entry: `yibao-settle run|simulate|validate|describe|explain|test|run-all|serve`
 * (src/cli/ holds the commands). The only place that wires the process: its streams, its exit
 * status, and the one dynamic import — the HTTP service, loaded only for `serve`.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { Exit, EXIT } from './cli/io.js';
import { main } from './cli/main.js';
import { formatIssue } from './issues/format-issue.js';
import { makeIssue } from './issues/issue.js';

/** Reports that the output cannot be written, on one coded line, and ends with status 1. */
function writeFailed(reason: string): never {
  try {
    process.stderr.write(formatIssue(makeIssue('write_failed', 'stdout', '', { reason })) + '\n');
  } catch {
    // stderr is gone too: the exit status is all that is left to say it.
  }
  process.exit(EXIT.issues);
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // A reader that stops early (| head -1) has all it wanted: end quietly.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  writeFailed(e.code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : `${e.code ?? ''} ${e.message}`.trim());
});
process.stderr.on('error', () => {
  // Nowhere left to report to; the exit status still tells.
});

/**
 * Node gives a process started with stdout closed (`>&-`) /dev/null in its place, opened for
 * reading and writing; a shell's `> /dev/null` opens it for writing only. Results written there
 * would vanish with status 0, so a closed stdout is refused up front (Linux, where /proc says).
 */
function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}

if (stdoutWasClosed()) writeFailed('standard output is closed');

const argv = process.argv.slice(2);
// The service parses its own options and loads its HTTP stack only when asked for.
const run = argv[0] === 'serve' ? import('./serve/command.js').then((m) => m.serveCommand(argv.slice(1))) : main(argv);
run.then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof Exit) {
      process.exitCode = e.code;
      return;
    }
    process.stderr.write(formatIssue(makeIssue('internal_error', 'yibao-settle', '', { detail: e instanceof Error ? e.message : String(e) })) + '\n');
    process.exitCode = EXIT.internal;
  },
);
