/**
 * A progress line for long work on a terminal: done / total, the rate, and the time left. The
 * text is made by a pure function (tested with a fake clock); the meter writes it to stderr,
 * rewriting one line, only on a terminal and never with `--quiet` or under CI.
 */

/** One reading of work in progress. */
export interface ProgressState {
  readonly done: number;
  /** Undefined when the total is not known (rows of a stream with no size). */
  readonly total: number | undefined;
  readonly unit: { readonly zh: string; readonly en: string };
  /** Milliseconds since the work began. */
  readonly elapsedMs: number;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * The progress line, e.g. `[########------------]  40% 400,000/1,000,000 行 rows  85,000/s  剩余 left 7s`.
 * Rate and time left appear once a tenth of a second has passed.
 */
export function progressText(p: ProgressState, width = 20): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds >= 0.1 ? p.done / seconds : undefined;
  const unit = `${p.unit.zh} ${p.unit.en}`;
  const speed = rate === undefined ? '' : rate >= 1 ? `  ${count(rate)}/s` : `  ${count(rate * 60)}/min`;
  if (p.total === undefined || p.total <= 0) return `${count(p.done)} ${unit}${speed}  ${duration(p.elapsedMs)}`;
  const share = Math.min(1, p.done / p.total);
  const filled = Math.round(share * width);
  const left = rate && rate > 0 ? `  剩余 left ${duration(((p.total - p.done) / rate) * 1000)}` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${count(p.done)}/${count(p.total)} ${unit}${speed}${left}`;
}

/** Whether a progress line may be shown: stderr is a terminal, not `--quiet`, not under CI. */
export function progressWanted(quiet: boolean): boolean {
  const ci = process.env['CI'];
  return !quiet && process.stderr.isTTY === true && (ci === undefined || ci === '' || ci === 'false');
}

/** Shows progress on one stderr line, at most ten times a second; `end` clears it. */
export class ProgressMeter {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly unit: ProgressState['unit'],
    private total: number | undefined,
  ) {}

  update(done: number, total: number | undefined = this.total): void {
    this.total = total;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done !== total) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\r${progressText({ done, total, unit: this.unit, elapsedMs: now - this.started })}\x1b[K`);
  }

  end(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
