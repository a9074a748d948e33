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
import type { Exact } from '../money/exact.js';

export const MAX_FORMULA_LENGTH = 10_000;
export const MAX_FORMULA_DEPTH = 64;

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

export type Ast =
  | { readonly t: 'num'; readonly pos: number; readonly value: Exact; readonly text: string }
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

/** A recursive-descent parser over the tokens of one formula. */
class Parser {
  private p = 0;
  private depth = 0;

  constructor(private readonly toks: readonly Tok[]) {}

  parse(): Ast {
    const ast = this.expr();
    if (this.peek().k !== 'end') throw new Stop({ code: 'formula_syntax', pos: this.peek().pos, detail: `unexpected ${this.show(this.peek())}` });
    return ast;
  }

  private peek(): Tok {
    return this.toks[this.p] as Tok;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return (t.k === 'op' && t.text === text) || (t.k === 'name' && t.text === text && (text === 'and' || text === 'or' || text === 'not'));
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw new Stop({ code: 'formula_syntax', pos: this.peek().pos, detail: `expected "${text}", found ${this.show(this.peek())}` });
    this.p++;
  }

  private show(t: Tok): string {
    return t.k === 'end' ? 'the end' : t.k === 'str' ? `"${t.value}"` : `"${t.text}"`;
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_FORMULA_DEPTH) throw new Stop({ code: 'formula_too_deep', pos, detail: String(MAX_FORMULA_DEPTH) });
  }

  private expr(): Ast {
    return this.orExpr();
  }

  // Depth counts nesting — brackets, calls, lookups, signs — not the links of a chain: the
  // tree of a + b + c is ((a + b) + c), but a chain of 5,000 terms is a long formula, not a
  // deep one, and the compiler runs a long chain in a loop (formula/compile.ts). The length
  // cap still bounds the terms, and the step budget the work.
  private orExpr(): Ast {
    let left = this.andExpr();
    while (this.isOp('or')) {
      const pos = this.peek().pos;
      this.p++;
      left = { t: 'bin', pos, op: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Ast {
    let left = this.notExpr();
    while (this.isOp('and')) {
      const pos = this.peek().pos;
      this.p++;
      left = { t: 'bin', pos, op: 'and', left, right: this.notExpr() };
    }
    return left;
  }

  private notExpr(): Ast {
    if (this.isOp('not')) {
      const pos = this.peek().pos;
      this.p++;
      this.enter(pos);
      const arg = this.notExpr();
      this.depth--;
      return { t: 'not', pos, arg };
    }
    return this.compare();
  }

  private compare(): Ast {
    const left = this.sum();
    const t = this.peek();
    if (t.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.p++;
      return { t: 'bin', pos: t.pos, op: t.text as BinaryOp, left, right: this.sum() };
    }
    return left;
  }

  private sum(): Ast {
    let left = this.product();
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.p++;
      left = { t: 'bin', pos: t.pos, op: t.text, left, right: this.product() };
    }
  }

  private product(): Ast {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.text !== '*' && t.text !== '/')) return left;
      this.p++;
      left = { t: 'bin', pos: t.pos, op: t.text, left, right: this.unary() };
    }
  }

  private unary(): Ast {
    const t = this.peek();
    if (t.k === 'op' && t.text === '-') {
      this.p++;
      this.enter(t.pos);
      const arg = this.unary();
      this.depth--;
      return { t: 'neg', pos: t.pos, arg };
    }
    return this.postfix();
  }

  private postfix(): Ast {
    let node = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && t.text === '[') {
        this.p++;
        this.enter(t.pos);
        const key = this.expr();
        this.depth--;
        this.expect(']');
        node = { t: 'index', pos: t.pos, obj: node, key };
      } else if (t.k === 'op' && t.text === '.') {
        this.p++;
        const n = this.peek();
        if (n.k !== 'name') throw new Stop({ code: 'formula_syntax', pos: n.pos, detail: `expected a name after ".", found ${this.show(n)}` });
        this.p++;
        // A dotted name after a lookup (x['a'].b.c) is a chain of members.
        let at = n.pos;
        for (const part of n.text.split('.')) {
          node = { t: 'member', pos: at, obj: node, name: part };
          at += part.length + 1;
        }
      } else return node;
    }
  }

  private primary(): Ast {
    const t = this.peek();
    if (t.k === 'num') {
      this.p++;
      const parsed = parseDecimalText(t.text, { percent: true });
      if (!parsed.ok) throw new Stop({ code: parsed.reason, pos: t.pos, detail: t.text });
      return { t: 'num', pos: t.pos, value: parsed.value, text: t.text };
    }
    if (t.k === 'str') {
      this.p++;
      return { t: 'str', pos: t.pos, value: t.value };
    }
    if (t.k === 'name') {
      this.p++;
      if (t.text === 'true' || t.text === 'false') return { t: 'bool', pos: t.pos, value: t.text === 'true' };
      if (this.isOp('(')) {
        this.p++;
        this.enter(t.pos);
        const args: Ast[] = [];
        if (!this.isOp(')')) {
          args.push(this.expr());
          while (this.isOp(',')) {
            this.p++;
            args.push(this.expr());
          }
        }
        this.expect(')');
        this.depth--;
        return { t: 'call', pos: t.pos, fn: t.text, args };
      }
      return { t: 'name', pos: t.pos, name: t.text };
    }
    if (t.k === 'op' && t.text === '(') {
      this.p++;
      this.enter(t.pos);
      const inner = this.expr();
      this.depth--;
      this.expect(')');
      return inner;
    }
    throw new Stop({ code: 'formula_syntax', pos: t.pos, detail: `expected a value, found ${this.show(t)}` });
  }
}

/** Parses one formula. Positions are offsets into `src`. */
export function parseFormula(src: string): ParseResult {
  if (src.length > MAX_FORMULA_LENGTH) {
    return { ok: false, error: { code: 'formula_too_long', pos: 0, detail: String(MAX_FORMULA_LENGTH) } };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(src)).parse() };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, error: e.error };
    throw e;
  }
}
