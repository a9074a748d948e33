/** A `{name}` placeholder in a rule-file text (a loop variable, or a column in a row template). */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Fills `{name}` in a rule-file text with loop variables; unknown names are left as written. */
export function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  if (vars.size === 0 || !text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (m, v: string) => vars.get(v) ?? m);
}
