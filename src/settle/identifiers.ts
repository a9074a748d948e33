/**
 * Text values — ids, levels, group codes — as the engine compares them. Two ids that look the
 * same must be the same: a member "医院" typed on one machine and "医院" pasted from another
 * (composed and decomposed forms), or "H1" and "H1 " from a spreadsheet, would otherwise be two
 * members, and money would follow the wrong one.
 *
 * The rule (docs/rule-format.md, "Text and ids"), the same for JSON documents, CSV cells,
 * parameters given at settle time and the rule file's own choices: surrounding white space is
 * removed (JSON and CSV alike), the text is put in Unicode NFC, and a text holding a control or
 * invisible character (NUL, ESC, tab, a line break, zero-width and bidirectional marks) is
 * refused. An empty key is refused where the table is keyed by it (readRows).
 */

/** Characters that no text value may hold: they are invisible or change what a screen shows. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** A text value as compared, or the character that makes it unusable. */
export type NormalText = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly character: string };

/** "U+001B" for a character, as messages name it. */
const codePoint = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The text trimmed and in Unicode NFC, or the first control or invisible character in it.
 *
 * @example normalizeText(' H1 ') // { ok: true, value: 'H1' }
 * @example normalizeText('H\u001b1') // { ok: false, character: 'U+001B' }
 */
export function normalizeText(text: string): NormalText {
  const bad = FORBIDDEN.exec(text.trim());
  if (bad) return { ok: false, character: codePoint(bad[0]) };
  return { ok: true, value: text.trim().normalize('NFC') };
}

/**
 * Whether the text is already as normalizeText leaves it (the fast readers keep such a value as
 * written and hand any other to the general reader, which normalizes it or says what is wrong).
 * Printable ASCII with no space at either end is decided without building a string.
 */
export function isNormalText(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  let ascii = text.charCodeAt(0) !== 0x20 && text.charCodeAt(n - 1) !== 0x20;
  for (let i = 0; ascii && i < n; i++) {
    const c = text.charCodeAt(i);
    ascii = c >= 0x20 && c < 0x7f;
  }
  if (ascii) return true;
  const r = normalizeText(text);
  return r.ok && r.value === text;
}
