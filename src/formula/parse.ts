/**
 * Formula text → syntax tree with positions. A small recursive-descent grammar; formulas are
 * data, never JavaScript. Length and nesting are capped so a hostile file cannot exhaust the stack.
 *
 *   expr    := or
 *   or      := and ("or" and)*           and := not ("and" not)*        not := "not" not | compare
 *   compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
 *   sum     := product (("+"|"-") product)*        product := unary (("*"|"×"|"/"|"÷") unary)*
 *   unary   := "-" unary | postfix                  postfix := primary ("[" expr "]" | "." name)*
 *   primary := number ["%"] | string | "true" | "false" | name ["(" args ")"] | "(" expr ")"
 */
import { parseDecimalText } from '../money/decimal-string.js';
import type { Dec } from '../money/decimal.js';

export const MAX_FORMULA_LENGTH = 10_000;
export const MAX_FORMULA_DEPTH = 64;

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Ast =
  | { readonly t: 'num'; readonly pos: number; readonly value: Dec; readonly text: string }
  | { readonly t: 'str'; readonly pos: number; readonly value: string }
  | { readonly t: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly t: 'name'; readonly pos: number; readonly name: string }
  | { readonly t: 'neg'; readonly pos: number; readonly arg: Ast }
  | { readonly t: 'not'; readonly pos: number; readonly arg: Ast }
  | { readonly t: 'bin'; readonly pos: number; readonly op: BinaryOp; readonly left: Ast; readonly right: Ast }
  | { readonly t: 'call'; readonly pos: number; readonly fn: string; readonly args: readonly Ast[] }
  | { readonly t: 'index'; readonly pos: number; readonly obj: Ast; readonly key: Ast }
  | { readonly t: 'member'; readonly pos: number; readonly obj: Ast; readonly name: string };

export interface FormulaSyntaxError {
  readonly code: 'formula_syntax' | 'formula_too_long' | 'formula_too_deep' | 'not_decimal' | 'too_many_digits';
  readonly pos: number;
  readonly detail: string;
}

export type ParseResult = { readonly ok: true; readonly ast: Ast } | { readonly ok: false; readonly error: FormulaSyntaxError };

type Tok =
  | { k: 'num'; pos: number; text: string }
  | { k: 'str'; pos: number; value: string }
  | { k: 'name'; pos: number; text: string }
  | { k: 'op'; pos: number; text: string }
  | { k: 'end'; pos: number };

class Stop {
  constructor(readonly error: FormulaSyntaxError) {}
}

const NAME_START = /[A-Za-z_\u4e00-\u9fff]/;
const NAME_PART = /[A-Za-z0-9_\u4e00-\u9fff]/;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c >= '0' && c <= '9') {
      while (i < src.length && /[0-9.]/.test(src[i] as string)) i++;
      if (/[eE]/.test(src[i] ?? '')) throw new Stop({ code: 'not_decimal', pos: start, detail: `${src.slice(start, i + 1)}… (exponents are not allowed; write the number in full)` });
      if (src[i] === '%') i++;
      out.push({ k: 'num', pos: start, text: src.slice(start, i) });
      continue;
    }
    if (NAME_START.test(c)) {
      // A dotted name such as budget.employee is one token; '.' after ']' or ')' is member access.
      while (i < src.length && (NAME_PART.test(src[i] as string) || (src[i] === '.' && NAME_START.test(src[i + 1] ?? '')))) i++;
      out.push({ k: 'name', pos: start, text: src.slice(start, i) });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      while (i < src.length && src[i] !== c) value += src[i++];
      if (i >= src.length) throw new Stop({ code: 'formula_syntax', pos: start, detail: 'unterminated text' });
      i++;
      out.push({ k: 'str', pos: start, value });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '&&' || two === '||') {
      out.push({ k: 'op', pos: start, text: two === '&&' ? 'and' : two === '||' ? 'or' : two });
      i += 2;
      continue;
    }
    if ('+-*/×÷()[],.<>'.includes(c)) {
      out.push({ k: 'op', pos: start, text: c === '×' ? '*' : c === '÷' ? '/' : c });
      i++;
      continue;
    }
    if (c === '−') {
      out.push({ k: 'op', pos: start, text: '-' });
      i++;
      continue;
    }
    throw new Stop({ code: 'formula_syntax', pos: start, detail: `unexpected character "${c}"` });
  }
  out.push({ k: 'end', pos: src.length });
  return out;
}

/** Parses one formula. Positions are offsets into `src`. */
export function parseFormula(src: string): ParseResult {
  if (src.length > MAX_FORMULA_LENGTH) {
    return { ok: false, error: { code: 'formula_too_long', pos: 0, detail: String(MAX_FORMULA_LENGTH) } };
  }
  try {
    const toks = tokenize(src);
    let p = 0;
    let depth = 0;
    const peek = (): Tok => toks[p] as Tok;
    const isOp = (text: string): boolean => {
      const t = peek();
      return (t.k === 'op' && t.text === text) || (t.k === 'name' && t.text === text && (text === 'and' || text === 'or' || text === 'not'));
    };
    const expect = (text: string): void => {
      if (!isOp(text)) throw new Stop({ code: 'formula_syntax', pos: peek().pos, detail: `expected "${text}", found ${show(peek())}` });
      p++;
    };
    const show = (t: Tok): string => (t.k === 'end' ? 'the end' : t.k === 'str' ? `"${t.value}"` : `"${t.text}"`);
    const enter = (pos: number): void => {
      if (++depth > MAX_FORMULA_DEPTH) throw new Stop({ code: 'formula_too_deep', pos, detail: String(MAX_FORMULA_DEPTH) });
    };

    const expr = (): Ast => orExpr();
    // Depth counts nesting — brackets, calls, lookups, signs — not the links of a chain: the
    // tree of a + b + c is ((a + b) + c), but a chain of 5,000 terms is a long formula, not a
    // deep one, and the compiler runs a long chain in a loop (formula/compile.ts). The length
    // cap still bounds the terms, and the step budget the work.
    const orExpr = (): Ast => {
      let left = andExpr();
      while (isOp('or')) {
        const pos = peek().pos;
        p++;
        left = { t: 'bin', pos, op: 'or', left, right: andExpr() };
      }
      return left;
    };
    const andExpr = (): Ast => {
      let left = notExpr();
      while (isOp('and')) {
        const pos = peek().pos;
        p++;
        left = { t: 'bin', pos, op: 'and', left, right: notExpr() };
      }
      return left;
    };
    const notExpr = (): Ast => {
      if (isOp('not')) {
        const pos = peek().pos;
        p++;
        enter(pos);
        const arg = notExpr();
        depth--;
        return { t: 'not', pos, arg };
      }
      return compare();
    };
    const compare = (): Ast => {
      const left = sum();
      const t = peek();
      if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
        p++;
        return { t: 'bin', pos: t.pos, op: t.text as BinaryOp, left, right: sum() };
      }
      return left;
    };
    const sum = (): Ast => {
      let left = product();
      for (;;) {
        const t = peek();
        if (t.k !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
        p++;
        left = { t: 'bin', pos: t.pos, op: t.text, left, right: product() };
      }
    };
    const product = (): Ast => {
      let left = unary();
      for (;;) {
        const t = peek();
        if (t.k !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
        p++;
        left = { t: 'bin', pos: t.pos, op: t.text, left, right: unary() };
      }
    };
    const unary = (): Ast => {
      const t = peek();
      if (t.k === 'op' && t.text === '-') {
        p++;
        enter(t.pos);
        const arg = unary();
        depth--;
        return { t: 'neg', pos: t.pos, arg };
      }
      return postfix();
    };
    const postfix = (): Ast => {
      let node = primary();
      for (;;) {
        const t = peek();
        if (t.k === 'op' && t.text === '[') {
          p++;
          enter(t.pos);
          const key = expr();
          depth--;
          expect(']');
          node = { t: 'index', pos: t.pos, obj: node, key };
        } else if (t.k === 'op' && t.text === '.') {
          p++;
          const n = peek();
          if (n.k !== 'name') throw new Stop({ code: 'formula_syntax', pos: n.pos, detail: `expected a name after ".", found ${show(n)}` });
          p++;
          // A dotted name after a lookup (x['a'].b.c) is a chain of members.
          let at = n.pos;
          for (const part of n.text.split('.')) {
            node = { t: 'member', pos: at, obj: node, name: part };
            at += part.length + 1;
          }
        } else return node;
      }
    };
    const primary = (): Ast => {
      const t = peek();
      if (t.k === 'num') {
        p++;
        const parsed = parseDecimalText(t.text, { percent: true });
        if (!parsed.ok) throw new Stop({ code: parsed.reason, pos: t.pos, detail: t.text });
        return { t: 'num', pos: t.pos, value: parsed.value, text: t.text };
      }
      if (t.k === 'str') {
        p++;
        return { t: 'str', pos: t.pos, value: t.value };
      }
      if (t.k === 'name') {
        p++;
        if (t.text === 'true' || t.text === 'false') return { t: 'bool', pos: t.pos, value: t.text === 'true' };
        if (isOp('(')) {
          p++;
          enter(t.pos);
          const args: Ast[] = [];
          if (!isOp(')')) {
            args.push(expr());
            while (isOp(',')) {
              p++;
              args.push(expr());
            }
          }
          expect(')');
          depth--;
          return { t: 'call', pos: t.pos, fn: t.text, args };
        }
        return { t: 'name', pos: t.pos, name: t.text };
      }
      if (t.k === 'op' && t.text === '(') {
        p++;
        enter(t.pos);
        const inner = expr();
        depth--;
        expect(')');
        return inner;
      }
      throw new Stop({ code: 'formula_syntax', pos: t.pos, detail: `expected a value, found ${show(t)}` });
    };

    const ast = expr();
    if (peek().k !== 'end') throw new Stop({ code: 'formula_syntax', pos: peek().pos, detail: `unexpected ${show(peek())}` });
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.error };
    throw e;
  }
}
