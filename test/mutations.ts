/**
 * Mutations of JSON documents for fuzzing and differential tests: every path of a document, and
 * a copy of it with one change at a path.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths of every node in a JSON value, the root's ([]) first. */
export function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k] as Json, [...at, k], out);
  return out;
}

/**
 * A copy of `doc` changed at `path` by operation `op`: 0 replace by `value`, 1 delete, 2 wrap in
 * a list, 3 swap number and string, 4 add an unknown key `extra` beside it, 5 repeat it (an
 * element of a list, such as a table row); any other op, or the root with op ≠ 0, changes nothing.
 */
export function mutate(doc: Json, path: readonly (string | number)[], op: number, value: Json): Json {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  if (path.length === 0) return op === 0 ? value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (op === 0) parent[last] = value;
  else if (op === 1) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 2) parent[last] = [parent[last] as Json];
  else if (op === 3) parent[last] = typeof parent[last] === 'string' ? Number(parent[last]) : String(parent[last]);
  else if (op === 4 && !Array.isArray(parent)) parent['extra'] = value;
  else if (op === 5 && Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[last])) as Json);
  return copy;
}
