/**
 * The command line: finds the command, reads its options by the command table, prints help or
 * the version, and runs it. Returns the exit status.
 */
import { readFileSync } from 'node:fs';
import { engineVersion } from '../settle/run.js';
import { commandHelp, overview, usageError } from './help.js';
import { EXIT, wantsColour, type Output } from './io.js';
import { describeCommand, explainCommand, simulateCommand, validateCommand } from './inspect.js';
import { runCommand } from './run.js';
import { COMMANDS, parseCommand, usageIssue, type CommandName, type Parsed } from './spec.js';
import { runAllCommand, testCommand } from './test-cases.js';

const RUN: Readonly<Record<CommandName, (p: Parsed, out: Output) => number | Promise<number>>> = {
  run: runCommand,
  simulate: simulateCommand,
  validate: validateCommand,
  describe: describeCommand,
  explain: explainCommand,
  test: testCommand,
  'run-all': runAllCommand,
};

/** The package's version, from its package.json (the engine's when that cannot be read). */
function version(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const v = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
    return typeof v === 'string' ? v : engineVersion;
  } catch {
    return engineVersion;
  }
}

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    process.stdout.write(`yibao-settle ${version()}\n`);
    return EXIT.ok;
  }
  if (first === undefined) {
    // Nothing asked for at all is bad usage; asking for help is not.
    process.stderr.write(`${overview()}\n`);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    process.stdout.write(`${topic !== undefined && isCommand(topic) ? commandHelp(COMMANDS[topic]) : overview()}\n`);
    return EXIT.ok;
  }
  const json = argv.includes('--json') || argv.includes('--format=json') || (argv.includes('--format') && argv[argv.indexOf('--format') + 1] === 'json');
  if (!isCommand(first)) return usageError(usageIssue('unknown_command', { option: first }), overview(), json);
  const spec = COMMANDS[first];
  const parsed = parseCommand(spec, rest);
  if (!parsed.ok) return usageError(parsed.issue, commandHelp(spec), json);
  if (parsed.parsed.values['help']) {
    process.stdout.write(`${commandHelp(spec)}\n`);
    return EXIT.ok;
  }
  return RUN[first](parsed.parsed, { json, colour: wantsColour(process.stdout) && !json });
}
