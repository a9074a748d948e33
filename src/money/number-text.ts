/**
 * A number as officials type it into a spreadsheet cell: `1,234,567.89`, full-width `１２３`,
 * a full-width comma `，` or period `．`, `２％`. Wherever a number is written as text that
 * cannot be split — a JSON string, a CSV cell (quoted, or in a tab-separated paste), a grid or
 * XLSX cell — it is read the same way: trimmed, full-width forms made plain, and thousands
 * separators removed once their grouping is checked (`1,23,4` is refused, never guessed at).
 * An unquoted comma in a comma-separated file still splits the row, which then has the wrong
 * number of fields (csv_field_count). JSON numbers cannot hold any of this and are read as written.
 */
/** Full-width and other look-alike characters of numbers, and the plain ones they stand for. */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ['，', ','],
  ['．', '.'],
  ['％', '%'],
  ['－', '-'],
  ['−', '-'],
]);

/** Plain digits, point, minus and percent: nothing to rewrite. */
const PLAIN = /^[0-9.%-]*$/;

/** Thousands grouping: a first group of 1–3 digits not starting with 0, then groups of exactly 3. */
const GROUPED = /^(-?)([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?(%?)$/;

/**
 * The number's text with full-width forms made plain and checked thousands separators removed,
 * or bad_grouping when the text has separators in the wrong places. Anything else is left for
 * the decimal parser to accept or refuse.
 *
 * @example plainNumberText('１，２３４．５０') // { ok: true, text: '1234.50' }
 * @example plainNumberText('1,23,4') // { ok: false }
 */
export function plainNumberText(text: string): { readonly ok: true; readonly text: string } | { readonly ok: false } {
  if (PLAIN.test(text)) return { ok: true, text };
  let t = '';
  for (const c of text.trim()) {
    const code = c.charCodeAt(0);
    t += code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 0x30) : (LOOK_ALIKES.get(c) ?? c);
  }
  if (!t.includes(',')) return { ok: true, text: t };
  const m = GROUPED.exec(t);
  if (!m) return { ok: false };
  return { ok: true, text: `${m[1] ?? ''}${(m[2] as string).replace(/,/g, '')}${m[3] ?? ''}${m[4] ?? ''}` };
}

