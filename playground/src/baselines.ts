/**
 * The rule a change is measured against. The compare view compares with the baseline chosen
 * there (a preset, or the version pinned); the parameter panel and the audit record, when no
 * baseline is chosen, with the preset the rule came from. Pure functions of the page's state.
 */
import { t, type Locale } from './i18n.js';
import { findPreset } from './presets.js';
import { isModified, ruleChanges, type RuleChange } from './rule-changes.js';

export interface BaselineState {
  readonly ruleText: string;
  readonly locale: Locale;
  /** The preset the page started from. */
  readonly preset: string | undefined;
  /** The compare view's choice: a preset id or 'pinned'. */
  readonly baseline: string | undefined;
  readonly pinned: { readonly file: string; readonly text: string } | undefined;
}

type Named = { file: string; text: string; name: string };

/** The rule text the change list compares with: the compare view's baseline, else the preset it came from. */
export function changeBaseline(s: BaselineState, forCompare: boolean): Named | undefined {
  const choice = forCompare || s.baseline !== undefined ? s.baseline : s.preset;
  if (choice === 'pinned') return s.pinned ? { ...s.pinned, name: t(s.locale, 'comparePinned') } : undefined;
  const p = findPreset(choice);
  return p ? { file: p.ruleFile, text: p.ruleText, name: p.title[s.locale] } : undefined;
}

/** Whether the rule text differs in meaning from the preset it came from (the picker says 已修改). */
export function presetModified(s: BaselineState): boolean {
  const p = findPreset(s.preset);
  return p !== undefined && isModified(p.ruleText, s.ruleText, s.locale);
}

/** The baseline of the audit record: the compare view's, else the preset once the rule differs from it. */
export function recordBaseline(s: BaselineState): { file: string; text: string } | undefined {
  if (s.baseline === undefined && !presetModified(s)) return undefined;
  return changeBaseline(s, false);
}

/** What changed against the baseline. */
export function changesOf(s: BaselineState, forCompare: boolean): readonly RuleChange[] | undefined {
  const base = changeBaseline(s, forCompare);
  return base ? ruleChanges(base.text, s.ruleText, s.locale) : undefined;
}

/** The compare view's baseline rule file: the pinned version or the chosen preset. */
export function compareBaseline(s: BaselineState): { file: string; text: string } | undefined {
  if (s.baseline === 'pinned') return s.pinned;
  const p = findPreset(s.baseline);
  return p ? { file: p.ruleFile, text: p.ruleText } : undefined;
}
