import type { Exact } from '../money/exact.js';

/** The static type of a value in a formula. `const` is an untyped literal that adapts. */
export type Ty =
  | { readonly k: 'money' }
  | { readonly k: 'number' }
  | { readonly k: 'const' }
  | { readonly k: 'boolean' }
  | { readonly k: 'text' }
  | { readonly k: 'table'; readonly table: TableTy }
  | { readonly k: 'row'; readonly table: TableTy }
  | { readonly k: 'list'; readonly of: Ty }
  | { readonly k: 'map'; readonly of: Ty };

export interface TableTy {
  readonly name: string;
  readonly key: string | undefined;
  /** Declared and computed columns. Computed ones are added as steps compile. */
  readonly columns: Map<string, Ty>;
}

export const MONEY: Ty = { k: 'money' };
export const NUMBER: Ty = { k: 'number' };
export const CONST: Ty = { k: 'const' };
export const BOOLEAN: Ty = { k: 'boolean' };
export const TEXT: Ty = { k: 'text' };

/** A row of a table: column name → value; null prototype, keys come from files. */
export interface Row {
  [column: string]: Value;
}

export interface TableValue {
  readonly rows: Row[];
  /** Row by key column value, when the table has a key. */
  readonly index: Map<string, Row> | undefined;
}

/** A value at run time. Its shape is known statically from its Ty. */
export type Value = Exact | string | boolean | TableValue | readonly Exact[] | Map<string, Exact> | Row;

export function describeTy(t: Ty): string {
  switch (t.k) {
    case 'money':
      return 'money';
    case 'number':
    case 'const':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'text':
      return 'text';
    case 'table':
      return `table ${t.table.name}`;
    case 'row':
      return `row of ${t.table.name}`;
    case 'list':
      return `list of ${describeTy(t.of)}`;
    case 'map':
      return `map of ${describeTy(t.of)}`;
  }
}

export function isNumeric(t: Ty): boolean {
  return t.k === 'money' || t.k === 'number' || t.k === 'const';
}
