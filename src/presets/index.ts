/**
 * yibao-settle/presets — the rule files of real counties that ship with the package, with their
 * example inputs, loaded without a file system: the same in Node, a browser and a bundled program.
 *
 * @example
 * import { loadPreset, presetExample } from 'yibao-settle/presets';
 * import { settle } from 'yibao-settle';
 * const rules = loadPreset('yangxi');
 * if (rules.ok) console.log(settle(rules.value, presetExample('yangxi') ?? '{}'));
 *
 * @packageDocumentation
 */
import { fail, makeIssue, type Result } from '../issues/issue.js';
import type { RuleFile } from '../settle/model.js';
import { readRuleFile } from '../settle/settle.js';
import { PRESET_TEXTS } from './texts.generated.js';

/** The ids of the bundled presets (`yangxi`, `drg-points`, …), sorted. */
export function presetIds(): readonly string[] {
  return Object.keys(PRESET_TEXTS);
}

/** A preset's rule-file text, exactly as `rules/<id>.json`; undefined for an unknown id. */
export function presetText(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(PRESET_TEXTS, id) ? PRESET_TEXTS[id]?.rule : undefined;
}

/** A preset's example input text (`rules/examples/<id>.input.json`), if it has one. */
export function presetExample(id: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(PRESET_TEXTS, id) ? PRESET_TEXTS[id]?.example : undefined;
}

/**
 * A preset read and checked, as readRuleFile gives it (issues name `rules/<id>.json`); an unknown
 * id is `unknown_rules` listing the ids there are.
 */
export function loadPreset(id: string): Result<RuleFile> {
  const text = presetText(id);
  if (text === undefined) return fail([makeIssue('unknown_rules', 'presets', '', { id: String(id), expected: presetIds().join(', ') })]);
  return readRuleFile(text, { file: `rules/${id}.json` });
}
