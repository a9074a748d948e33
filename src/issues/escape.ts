/**
 * Characters that change what a terminal shows rather than showing themselves: C0 and C1
 * controls (ESC starts colour and cursor sequences), DEL, zero-width and bidirectional marks.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The text with every control or invisible character written as `\u001b`, so an id or label
 * from a hostile file prints as what it is and cannot recolour or rewrite the terminal.
 *
 * @example escapeControls('a\u001b[31m') // 'a\\u001b[31m'
 */
export function escapeControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
