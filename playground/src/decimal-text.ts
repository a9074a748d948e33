/**
 * Exact integer arithmetic on the engine's printed decimal text, for the two places where the
 * playground must relate figures the engine printed separately: the difference column of the
 * compare view and the widths in the fund-flow diagram. Text is read digit by digit into a
 * BigInt at a common scale, so nothing is ever a float and nothing is rounded: the difference of
 * "0.10" and "0.3" is exactly "0.20". Widths are ratios of these integers, for pixels only.
 */

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Printed decimal text as an integer count of 10^-scale units; undefined if not plain. */
export function toScaled(text: string, scale: number): bigint | undefined {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = ''] = m;
  if (fraction.length > scale) return undefined;
  const digits = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -digits : digits;
}

function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Prints an integer count of 10^-scale units as decimal text with exactly `scale` decimals. */
export function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * `right − left` exactly, printed with the larger of the two scales ("100.00" − "80.50" →
 * "19.50"); undefined when either text is not a plain decimal.
 */
export function differenceText(left: string, right: string): string | undefined {
  const scale = Math.max(scaleOf(left), scaleOf(right));
  const a = toScaled(left, scale);
  const b = toScaled(right, scale);
  if (a === undefined || b === undefined) return undefined;
  return fromScaled(b - a, scale);
}

/**
 * A rate as people read it, exactly: "0.02" → "2%", "0.025" → "2.5%", "1" → "100%"; text
 * already written with a per cent sign is kept ("8%"). The decimal point moves two places in the
 * digits; nothing is rounded. Text that is not a plain decimal comes back unchanged.
 */
export function percentText(text: string): string {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?\s*%$/.test(t)) return t.replace(/\s+/g, '');
  const scale = scaleOf(t);
  const units = toScaled(t, scale);
  if (units === undefined) return text;
  const shifted = fromScaled(units * 100n, scale);
  return `${shifted.includes('.') ? shifted.replace(/0+$/, '').replace(/\.$/, '') : shifted}%`;
}
