/**
 * Effective dates: the days a rule file is in force (`"effective": { "from", "to" }`, inclusive),
 * and the one version in force on a day among several rule files — what `--date` picks.
 */
import { makeIssue, type Issue, type Result } from '../issues/issue.js';
import { member, type JsonObject } from '../json/read-json.js';
import { issueAt, type SourceDoc } from './source.js';

/** The days a rule file is in force, inclusive; no `to`: until it is superseded. */
export interface Effective {
  readonly from: string;
  readonly to?: string;
}

/** Whether `text` is a real day written YYYY-MM-DD (2024-02-30 is not). */
export function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The rule file's `effective`, checked: real days, `to` not before `from`. */
export function readEffective(doc: SourceDoc, root: JsonObject, issues: Issue[]): Effective | undefined {
  const node = member(root, 'effective');
  if (node?.type !== 'object') return undefined;
  const from = member(node, 'from');
  const to = member(node, 'to');
  const day = (n: typeof from, key: string): string | undefined => {
    if (n?.type !== 'string') return undefined;
    if (isDay(n.value)) return n.value;
    issues.push(issueAt(doc, 'bad_format', `/effective/${key}`, { expected: 'a day written YYYY-MM-DD, such as 2025-01-01' }));
    return undefined;
  };
  const f = day(from, 'from');
  const t = day(to, 'to');
  if (f === undefined || (to !== undefined && t === undefined)) return undefined;
  if (t !== undefined && t < f) {
    issues.push(issueAt(doc, 'out_of_range', '/effective/to', { expected: `a day on or after "from" (${f})` }));
    return undefined;
  }
  return t === undefined ? { from: f } : { from: f, to: t };
}

/** Whether a rule file with these dates is in force on `day` (one without dates always is). */
export function inForce(effective: Effective | undefined, day: string): boolean {
  if (!effective) return true;
  return effective.from <= day && (effective.to === undefined || day <= effective.to);
}

/**
 * The one rule file in force on `day` among `candidates` (a folder's files): none is
 * `no_rules_in_force`, several `rules_in_force_overlap`, each naming the files and their dates.
 */
export function pickInForce<T extends { readonly file: string; readonly effective?: Effective | undefined }>(candidates: readonly T[], day: string, folder: string): Result<T> {
  const inForceNow = candidates.filter((c) => inForce(c.effective, day));
  const dates = (c: T): string => (c.effective ? `${c.file} (${c.effective.from} – ${c.effective.to ?? '…'})` : `${c.file} (no dates)`);
  if (inForceNow.length === 1) return { ok: true, value: inForceNow[0] as T };
  const issue =
    inForceNow.length === 0
      ? makeIssue('no_rules_in_force', folder, '', { date: day, files: candidates.map(dates).join(', ') || '—' })
      : makeIssue('rules_in_force_overlap', folder, '', { date: day, files: inForceNow.map(dates).join(', ') });
  return { ok: false, issues: [issue] };
}
