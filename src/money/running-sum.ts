/**
 * Long sums made fast and kept exact: see RunningSum.
 */
import { Exact } from './exact.js';
import { LIMIT, pow10, SAFE, SAFE_BIG, shiftNum } from './exact-integers.js';

/**
 * A running total equal, digit for digit and in its scale, to a left fold of `plus()` — made for
 * long sums (a hospital's points over a million cases), where a total of 100 digits would make
 * every addition of a small value a BigInt alignment and addition.
 *
 * Small values of the total's sign (JS-integer coefficients, at most the total's decimals) are
 * summed in a JS integer and added to the total at once. That is the same as adding them one by
 * one exactly when no addition on the way would have been rounded, i.e. when every partial total
 * stays below 10^100 in its coefficient: with one sign the partial totals only grow, so it is
 * enough that |total| + |pending| does, which is checked before each value is taken. Anything
 * else is added by plus(), after what is pending.
 */
export class RunningSum {
  private total: Exact;
  /** Σ pending values × 10^pendingScale: a safe integer of the total's sign. */
  private pending = 0;
  private pendingScale = 0;
  /** |pending| must stay below this for no partial total to reach 10^100 (0: not worked out). */
  private headroom = 0;

  constructor(start: Exact) {
    this.total = start;
  }

  add(y: Exact): void {
    if (!this.takes(y)) {
      this.flush();
      this.total = this.total.plus(y);
    }
  }

  /** Takes y into what is pending when that equals adding it by plus(); false otherwise. */
  private takes(y: Exact): boolean {
    const t = this.total;
    const c = y.c;
    if (typeof t.c === 'number' || typeof c !== 'number' || y.scale < 0 || y.scale > t.scale || t.scale - y.scale > 300) return false;
    if (c === 0) return true; // plus() gives the total itself
    // Of the other sign, a partial total could pass through zero, which plus() gives without decimals.
    if (c < 0 !== t.c < 0n) return false;
    if (y.scale > this.pendingScale) {
      // Bring what is pending to the new value's decimals (still at most the total's).
      const p = shiftNum(this.pending, y.scale - this.pendingScale);
      if (p === undefined) return false;
      this.pending = p;
      this.pendingScale = y.scale;
      this.headroom = 0;
    }
    const v = y.scale === this.pendingScale ? c : shiftNum(c, this.pendingScale - y.scale);
    if (v === undefined) return false;
    if (this.headroom === 0) {
      const room = (LIMIT - (t.n < 0n ? -t.n : t.n)) / pow10(t.scale - this.pendingScale);
      this.headroom = room > SAFE_BIG ? SAFE : Number(room);
    }
    const next = this.pending + v;
    if ((next < 0 ? -next : next) >= this.headroom) return false;
    this.pending = next;
    return true;
  }

  /** The total so far. */
  value(): Exact {
    this.flush();
    return this.total;
  }

  private flush(): void {
    if (this.pending !== 0) {
      const t = this.total;
      // Exact and below 10^100 by the headroom: what the additions one by one would have given.
      this.total = new Exact(t.n + BigInt(this.pending) * pow10(t.scale - this.pendingScale), t.scale);
    }
    this.pending = 0;
    this.pendingScale = 0;
    this.headroom = 0;
  }
}

