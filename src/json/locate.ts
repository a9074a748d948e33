import type { Position } from '../settle/types.js';

/** Maps offsets in a text to 1-based line:column; built once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    // A leading byte-order mark is not a column: editors (and TextDecoder) do not show it.
    if (text.charCodeAt(0) === 0xfeff) this.starts[0] = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, offset - (this.starts[lo] as number) + 1) };
  }
}
