import type { Position } from '../settle/types.js';

/**
 * Maps offsets in a text to 1-based line:column. The line starts are found on the first
 * question, not on construction: most documents are read, settled and dropped without anyone
 * asking where anything is, and a SourceDoc is made for each of them.
 */
export class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, offset - (starts[lo] as number) + 1) };
  }
}

function lineStarts(text: string): number[] {
  // A leading byte-order mark is not a column: editors (and TextDecoder) do not show it.
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
