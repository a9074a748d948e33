/**
 * `--date`: the rule files in force on a day. A folder given to `run` is a set of versions of one
 * scheme, of which the one in force is settled; `run-all` and `test` leave out the files not in
 * force; a single rule file not in force that day is refused rather than settled by mistake.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inForce, isDay, pickInForce } from '../settle/effective.js';
import type { RuleFile } from '../settle/model.js';
import { commandHelp, usageError } from './help.js';
import { fileName, loadRules, printIssues, type Output } from './io.js';
import { COMMANDS, usageIssue, type CommandName } from './spec.js';

/** `--date YYYY-MM-DD`, checked to be a real day; undefined when not given. */
export function dateOf(value: unknown, out: Output, command: CommandName): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && isDay(value)) return value;
  return usageError(usageIssue('option_value', { option: '--date', expected: 'a day written YYYY-MM-DD, such as 2025-07-01', received: String(value) }), commandHelp(COMMANDS[command]), out.json);
}

/** Whether `path` is a folder. */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The rule files of a folder (cases files aside), in name order. */
export function ruleFilesOf(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.json') && !f.endsWith('.cases.json')).sort().map((f) => join(folder, f));
}

/** The rule file to settle on `date`: the folder's version in force, or the file given if it is in force. */
export function ruleInForce(path: string, date: string | undefined, out: Output): { rules: RuleFile; path: string } {
  if (!isFolder(path)) {
    const rules = loadRules(path, out);
    if (date !== undefined) {
      const picked = pickInForce([{ file: fileName(path), effective: rules.effective }], date, fileName(path));
      if (!picked.ok) printIssues(picked.issues, out);
    }
    return { rules, path };
  }
  if (date === undefined) return usageError(usageIssue('arguments', { option: 'run <rules-folder> <input-file>', expected: 'a folder of rule file versions with --date to pick the one in force', received: path }), commandHelp(COMMANDS.run), out.json);
  const versions = ruleFilesOf(path).map((p) => ({ path: p, file: fileName(p), rules: loadRules(p, out) }));
  const picked = pickInForce(versions.map((v) => ({ ...v, effective: v.rules.effective })), date, fileName(path));
  if (!picked.ok) return printIssues(picked.issues, out);
  return { rules: picked.value.rules, path: picked.value.path };
}

/** Whether a loaded rule file is in force on `date` (always, without a date). */
export function inForceOn(rules: RuleFile, date: string | undefined): boolean {
  return date === undefined || inForce(rules.effective, date);
}
