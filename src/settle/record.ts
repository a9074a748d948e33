/**
 * Sets an own, enumerable property. Names in a settlement can come from input data (a member id
 * in `share.{id}`), so `__proto__` is defined as a plain key rather than assigned, which would
 * replace the object's prototype instead of recording the value.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/**
 * The record's own value for `key`, or undefined: `toString`, `constructor` or `__proto__` named
 * by a user reaches no inherited member of Object.prototype.
 */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
