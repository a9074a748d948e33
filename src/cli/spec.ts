/**
 * The commands, their arguments and options in one table: parsing (node:util parseArgs, strict),
 * `<command> --help` and docs/command-line.md all go by it, so an option a command does not take
 * is an error, never silently ignored, and adding one is one line here.
 */
import { parseArgs } from 'node:util';
import { makeIssue, type Issue } from '../issues/issue.js';

/** A bilingual line of help. */
export interface Help {
  readonly zh: string;
  readonly en: string;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The values a string option may take. */
  readonly values?: readonly string[];
  /** How the value is shown in help, e.g. `name=value`. */
  readonly arg?: string;
  readonly help: Help;
}

export type CommandName = 'run' | 'simulate' | 'validate' | 'describe' | 'explain' | 'test' | 'run-all';

export interface CommandSpec {
  readonly name: CommandName;
  /** The positional arguments as shown, e.g. `<rule-file> <input-file>`. */
  readonly args: string;
  /** How many positional arguments it takes: [least, most]. */
  readonly count: readonly [number, number];
  readonly summary: Help;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: { zh: '显示本命令的用法和示例', en: 'show this command’s usage and examples' } };
const JSON_OUT: OptionSpec = { type: 'boolean', help: { zh: '结果为 JSON；出错时标准错误上也输出 { "issues": [...] }', en: 'results as JSON; problems as { "issues": [...] } on stderr' } };
const PARAM: OptionSpec = { type: 'string', multiple: true, arg: 'name=value', help: { zh: '本次计算改用这个参数值（可多次）', en: 'use this parameter value for this run (repeatable)' } };
const TABLE: OptionSpec = { type: 'string', multiple: true, arg: 'name=file.csv', help: { zh: '从 CSV 文件读取一张表（- 为标准输入）', en: 'read a table from a CSV file (- for standard input)' } };
const ENCODING: OptionSpec = { type: 'string', values: ['utf-8', 'gb18030', 'auto'], help: { zh: '输入和 CSV 的编码：中文 Excel 另存的 CSV 用 gb18030', en: 'encoding of inputs and CSV files: gb18030 for CSV saved by Chinese Excel' } };
const LANG: OptionSpec = { type: 'string', values: ['zh', 'en'], help: { zh: '输出语言', en: 'language of the output' } };
const DATE: OptionSpec = { type: 'string', arg: 'YYYY-MM-DD', help: { zh: '只用在这一天施行的规则文件（规则文件的 effective；给文件夹时选出当日施行的版本）', en: 'use only the rule files in force on this day (their "effective" dates; for a folder, the version in force)' } };
const QUIET: OptionSpec = { type: 'boolean', short: 'q', help: { zh: '不显示进度', en: 'no progress line' } };

export const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  run: {
    name: 'run',
    args: '<rule-file | rules-folder> <input-file> | <workspace.yibao.json>',
    count: [1, 2],
    summary: { zh: '结算一年的数据，打印每个数字、核对和资金流水', en: 'settle a year’s data: every figure, the checks and the ledger' },
    options: {
      json: JSON_OUT,
      format: { type: 'string', values: ['text', 'json', 'csv'], help: { zh: '结果格式：text（默认）、json、csv（名称、说明、数值）', en: 'result format: text (default), json, csv (name, label, value)' } },
      lang: LANG,
      param: PARAM,
      table: TABLE,
      stream: { type: 'string', arg: 'name=file', help: { zh: '流式读取一张表（病例清单，CSV 或 .ndjson；- 为标准输入），内存与行数无关', en: 'stream one table (a case list, CSV or .ndjson; - for standard input) in bounded memory' } },
      threads: { type: 'string', arg: 'n', help: { zh: '与 --stream 同用：用几个工作线程结算病例清单（默认 1）', en: 'with --stream: worker threads to settle the case list on (default 1)' } },
      rows: { type: 'string', multiple: true, arg: 'table', help: { zh: '结果中包含这张表的逐行计算结果（--format csv 时只输出这些行）', en: 'include this table’s computed rows in the result (with --format csv, print those rows)' } },
      encoding: ENCODING,
      date: DATE,
      'verify-conditions': { type: 'boolean', help: { zh: '用 json-rules-engine 复核每个条件判断', en: 're-check every decision with json-rules-engine' } },
      quiet: QUIET,
      help: HELP,
    },
    examples: [
      'yibao-settle run rules/yangxi.json rules/examples/yangxi.input.json',
      'yibao-settle run rules/yangxi.json input.json --param countyRatio=7 --param townRatio=3',
      'yibao-settle run rules/yangxi.json input.json --format csv --lang zh > 结果.csv',
      'cat input.json | yibao-settle run rules/yangxi.json -',
      'yibao-settle run rules/drg-points.json year.json --stream cases=cases.csv --json',
      'yibao-settle run rules/drg-points.json year.json --stream cases=cases.csv --threads 2',
      'yibao-settle run versions/ input.json --date 2025-07-01',
    ],
  },
  simulate: {
    name: 'simulate',
    args: '<rule-file> <scenario-file>',
    count: [2, 2],
    summary: { zh: '按年结算多年情景，上一年的结果结转到下一年', en: 'settle a scenario of several years, each carrying into the next' },
    options: { json: JSON_OUT, param: PARAM, encoding: ENCODING, help: HELP },
    examples: ['yibao-settle simulate rules/ningbo.json rules/examples/ningbo.scenario.json'],
  },
  validate: {
    name: 'validate',
    args: '<rule-file>',
    count: [1, 1],
    summary: { zh: '检查规则文件，指出每个问题的行和列', en: 'check a rule file, each problem with its line and column' },
    options: { json: JSON_OUT, help: HELP },
    examples: ['yibao-settle validate rules/yangxi.json'],
  },
  describe: {
    name: 'describe',
    args: '<rule-file>',
    count: [1, 1],
    summary: { zh: '把规则读成中文（或英文）句子', en: 'read the rule as sentences in Chinese (or English)' },
    options: { lang: LANG, format: { type: 'string', values: ['md', 'html'], help: { zh: '输出 Markdown（默认）或 HTML', en: 'Markdown (default) or HTML' } }, help: HELP },
    examples: ['yibao-settle describe rules/yangxi.json', 'yibao-settle describe rules/yangxi.json --lang en --format html > yangxi.html'],
  },
  explain: {
    name: 'explain',
    args: '<rule-file> <input-file> <value-name>',
    count: [3, 3],
    summary: { zh: '追溯一个数字：公式、输入和舍入，一直到原始数据', en: 'trace one figure: formula, inputs and rounding, down to the source data' },
    options: {
      lang: LANG,
      format: { type: 'string', values: ['words', 'tree'], help: { zh: 'words（默认）：带名称和数值的公式；tree：程序中的名称和公式', en: 'words (default): formulas with labels and values filled in; tree: the names and formulas of the rule' } },
      json: JSON_OUT,
      param: PARAM,
      table: TABLE,
      encoding: ENCODING,
      help: HELP,
    },
    examples: ['yibao-settle explain rules/yangxi.json rules/examples/yangxi.input.json share.town-1', 'yibao-settle explain rules/yangxi.json rules/examples/yangxi.input.json countyPool --format tree'],
  },
  test: {
    name: 'test',
    args: '<rules-dir | cases-file ...>',
    count: [1, Infinity],
    summary: { zh: '运行测试用例（*.cases.json），逐项对比预期', en: 'run test cases (*.cases.json), figure by figure' },
    options: { date: DATE, quiet: QUIET, help: HELP },
    examples: ['yibao-settle test rules/', 'yibao-settle test rules/yangxi.cases.json', 'yibao-settle test versions/ --date 2025-07-01'],
  },
  'run-all': {
    name: 'run-all',
    args: '<rules-dir>',
    count: [1, 1],
    summary: { zh: '用各自的示例结算目录中的每个规则文件', en: 'settle every rule file of a folder with its example input' },
    options: { threads: { type: 'string', arg: 'n', help: { zh: '用几个工作线程结算（默认 1：在本线程中；文件很多时设为核心数）', en: 'worker threads to settle on (default 1: this thread; the number of cores for many files)' } }, date: DATE, quiet: QUIET, help: HELP },
    examples: ['yibao-settle run-all rules', 'yibao-settle run-all rules --threads 2', 'yibao-settle run-all versions --date 2025-07-01'],
  },
};

/** A command line read: the positional arguments and the options' values. */
export interface Parsed {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

/** A bad_usage issue: what is wrong with the command line, in both languages. */
export function usageIssue(reason: string, params: Readonly<Record<string, string>> = {}): Issue {
  return makeIssue('bad_usage', 'command line', '', { reason, ...params });
}

/** Reads a command's arguments by its table entry: the values, or what is wrong with them. */
export function parseCommand(spec: CommandSpec, args: readonly string[]): { ok: true; parsed: Parsed } | { ok: false; issue: Issue } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(spec.options)) options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    return { ok: false, issue: parseError(e) };
  }
  const values = parsed.values as Parsed['values'];
  if (values['help']) return { ok: true, parsed: { positionals: parsed.positionals, values } };
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (o.values && typeof v === 'string' && !o.values.includes(v)) return { ok: false, issue: usageIssue('option_value', { option: `--${name}`, expected: o.values.join(' | '), received: v }) };
  }
  const n = parsed.positionals.length;
  if (n < spec.count[0] || n > spec.count[1]) return { ok: false, issue: usageIssue('arguments', { option: `${spec.name} ${spec.args}`, received: parsed.positionals.join(' ') }) };
  return { ok: true, parsed: { positionals: parsed.positionals, values } };
}

function parseError(e: unknown): Issue {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageIssue('unknown_option', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return usageIssue('no_value', { option });
  return usageIssue('arguments', { received: message });
}

/** `name=value` pairs of a repeatable option (`--param k=v`), or the one that lacks its `=`. */
export function pairs(option: string, list: readonly string[] | undefined): { ok: true; value: Record<string, string> } | { ok: false; issue: Issue } {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const kv of list ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) return { ok: false, issue: usageIssue('option_value', { option: `--${option}`, expected: 'name=value', received: kv }) };
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return { ok: true, value: out };
}
