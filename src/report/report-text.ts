import { escapeControls } from '../issues/escape.js';
import type { RuleFile } from '../settle/compile.js';
import type { Settlement } from '../settle/types.js';

/** Groups digits of a printed decimal for people: "342216000.00" → "342,216,000.00". */
export function groupDigits(value: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!m) return value;
  return `${m[1] ?? ''}${(m[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** Decimals shown of an unrounded value in text for people; the whole value is in `--json`. */
export const SHOWN_DECIMALS = 12;

/**
 * A number with separators, its decimals cut at SHOWN_DECIMALS with "…" when there are more: an
 * unrounded quotient (points summed from cost ratios) has up to 90, which no one reads.
 */
export function shownNumber(value: string): string {
  const m = /^(-?\d+)\.(\d+)$/.exec(value);
  if (!m || (m[2] as string).length <= SHOWN_DECIMALS) return groupDigits(value);
  return `${groupDigits(`${m[1] as string}.${(m[2] as string).slice(0, SHOWN_DECIMALS)}`)}…`;
}

function pad(s: string, n: number, right = false): string {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((w, c) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - width));
  return right ? fill + s : s + fill;
}

/**
 * The readable report the CLI prints without --json: every value with its label, the checks,
 * and the ledger.
 */
export function formatReport(rules: RuleFile, s: Settlement): string {
  const out: string[] = [];
  out.push(`${rules.title.zh}`);
  out.push(`${rules.title.en}`);
  out.push(`rule ${rules.id} sha256:${s.rule.fingerprint.slice(0, 16)}…  input sha256:${s.input.fingerprint.slice(0, 16)}…  ${s.engine.name} ${s.engine.version}`);
  out.push('');
  const names = Object.keys(s.values);
  const w = Math.min(40, Math.max(...names.map((n) => n.length), 8));
  const printed = names.map((n) => shownNumber(s.values[n] as string));
  const vw = Math.max(...printed.map((p) => p.length), 8);
  names.forEach((n, i) => {
    const f = s.figures[n];
    const note = f ? `  ${f.formula}` : '';
    out.push(`${pad(n, w)}  ${pad(printed[i] as string, vw, true)}${note.length > 90 ? note.slice(0, 89) + '…' : note}`);
  });
  out.push('');
  out.push('核对 / checks');
  for (const c of s.checks) out.push(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : `  expected ${c.expected}, got ${c.actual}`}`);
  if (s.ledger.length > 0) {
    out.push('');
    out.push('资金流水 / ledger');
    const lw = Math.max(...s.ledger.map((t) => `${t.from} → ${t.to}`.length));
    const aw = Math.max(...s.ledger.map((t) => groupDigits(t.amount).length));
    for (const t of s.ledger) out.push(`  ${pad(`${t.from} → ${t.to}`, lw)}  ${pad(groupDigits(t.amount), aw, true)}  ${t.value}${t.memo ? `  (${t.memo})` : ''}`);
  }
  // Ids and labels come from files: one holding ESC must not recolour or rewrite the terminal.
  return out.map(escapeControls).join('\n');
}
