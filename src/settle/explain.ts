import { escapeControls } from '../issues/escape.js';
import { getOwn } from './record.js';
import type { Figure, Settlement } from './types.js';

/** One node of a figure's explanation tree. */
export interface Explanation {
  readonly figure: Figure;
  readonly inputs: readonly Explanation[];
}

/**
 * The tree of figures behind one named value, down to inputs and parameters. Each figure
 * appears once; a repeated one is not expanded again.
 *
 * @returns undefined when the settlement has no figure of that name (trace off or unknown name).
 * @example explain(run.value, 'countyPool')?.inputs.map((i) => i.figure.name) // ['surplus', 'countyShare', …]
 */
export function explain(settlement: Settlement, name: string): Explanation | undefined {
  if (typeof settlement !== 'object' || settlement === null || typeof settlement.figures !== 'object' || settlement.figures === null || typeof name !== 'string') return undefined;
  const seen = new Set<string>();
  const walk = (n: string): Explanation | undefined => {
    // Names come from the command line and from data: "toString" or "__proto__" is no figure.
    const figure = getOwn(settlement.figures, n);
    if (!figure) return undefined;
    if (seen.has(n)) return { figure, inputs: [] };
    seen.add(n);
    const inputs: Explanation[] = [];
    for (const k of Object.keys(figure.inputs)) {
      const e = walk(k);
      if (e) inputs.push(e);
    }
    return { figure, inputs };
  };
  return walk(name);
}

/** Prints an explanation tree, one figure a line, with formula, rounding and rule position. */
export function formatExplanation(e: Explanation, file = ''): string {
  const lines: string[] = [];
  const walk = (x: Explanation, prefix: string, last: boolean, top: boolean): void => {
    const f = x.figure;
    const fileName = f.file ?? file;
    const where = f.at ? ` @${fileName ? `${fileName}:` : ''}${f.at.line}:${f.at.column}` : ` (${fileName ? `${fileName} ` : ''}${f.pointer})`;
    const round = f.rounding ? ` round ${f.rounding.places} ${f.rounding.mode}` : '';
    const exact = f.exact !== undefined ? ` exact ${f.exact}` : '';
    const head = `${f.name} = ${f.value}`;
    const detail = f.source === 'input' || f.source === 'parameter' ? `  [${f.source}]` : `  = ${f.formula}${round}${exact}`;
    lines.push(`${top ? '' : prefix + (last ? '└─ ' : '├─ ')}${head}${detail}${where}${f.note ? `  — ${f.note}` : ''}`);
    const childPrefix = top ? '' : prefix + (last ? '   ' : '│  ');
    x.inputs.forEach((c, i) => walk(c, childPrefix, i === x.inputs.length - 1, false));
  };
  walk(e, '', true, true);
  return lines.map(escapeControls).join('\n');
}
