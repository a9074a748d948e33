/**
 * Sets an own, enumerable property. Names in a settlement can come from input data (a member id
 * in `share.{id}`), so `__proto__` is defined as a plain key rather than assigned, which would
 * replace the object's prototype instead of recording the value.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
