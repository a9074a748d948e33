/**
 * The usage texts, made from the command table: the overview (`yibao-settle --help`) and each
 * command's options with examples (`yibao-settle run --help`).
 */
import type { Issue } from '../issues/issue.js';
import { EXIT, Exit, printIssues } from './io.js';
import { COMMANDS, type CommandSpec } from './spec.js';

const EXIT_TEXT = `exit status / 退出码: 0 ok 成功; 1 invalid rule file or input 规则或数据有错; 2 bad usage 用法有误; 3 a check, a plausibility condition or a test failed 核对、合理性检查或测试未通过; 70 internal error 内部错误 (docs/command-line.md)`;

/** The overview: every command with its arguments and what it does. */
export function overview(): string {
  const lines = Object.values(COMMANDS).map((c) => `  yibao-settle ${c.name} ${c.args}\n      ${c.summary.zh} / ${c.summary.en}`);
  return [
    'yibao-settle — 医共体医保基金结算 / medical-community fund settlement',
    '',
    'usage:',
    ...lines,
    '  yibao-settle serve [--port 8080] [--host 127.0.0.1] [--rules <folder>] ...',
    '      结算服务（serve --help；docs/service.md） / the settlement service (serve --help; docs/service.md)',
    '',
    '  yibao-settle <command> --help     每个命令的选项和示例 / each command’s options and examples',
    '  yibao-settle --version            版本 / the version',
    '',
    EXIT_TEXT,
  ].join('\n');
}

/** One command's usage: arguments, options with their values, examples. */
export function commandHelp(spec: CommandSpec): string {
  const opts = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.arg ?? o.values?.join('|') ?? 'value'}>` : ''}`;
    return `  ${flag.padEnd(34)} ${o.help.zh} / ${o.help.en}`;
  });
  return [
    `usage: yibao-settle ${spec.name} ${spec.args} [options]`,
    '',
    `${spec.summary.zh} / ${spec.summary.en}`,
    '',
    'options / 选项:',
    ...opts,
    '',
    'examples / 示例:',
    ...spec.examples.map((e) => `  ${e}`),
    '',
    EXIT_TEXT,
  ].join('\n');
}

/** Bad usage: the coded problem (as JSON with `--json`), then the usage of the command (or the overview); exit 2. */
export function usageError(issue: Issue, help: string, json: boolean): never {
  try {
    printIssues([issue], { json, colour: false });
  } catch (e) {
    // printIssues always ends the command; for bad usage the status is 2, after the usage.
    if (!(e instanceof Exit)) throw e;
  }
  // With --json, stderr is one JSON document for a program to read: no usage text after it.
  if (!json) process.stderr.write(`\n${help}\n`);
  throw new Exit(EXIT.usage);
}
