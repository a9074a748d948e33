/**
 * Draws only the rows of a long table that can be seen. A settlement of 2,000 members has 2,000
 * results, 2,000 transfers and 2,000 accounts; drawing them all at once is a main-thread task
 * of hundreds of milliseconds on every recompute. Rows have one fixed height, so the rows in view
 * follow from the scroll position alone, and two spacer rows keep the scrollbar true to the
 * whole table. Short tables (up to THRESHOLD rows) are drawn whole, as before.
 *
 * A Lit reactive controller: it finds the element that scrolls the table (marked
 * `data-scroller`), listens to its scrolling and size, and asks the host to update when the
 * visible range moves.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** Tables up to this many rows are drawn whole. */
export const THRESHOLD = 200;
/** Rows drawn beyond the visible ones, above and below, so fast scrolling shows no gap. */
const OVERSCAN = 15;

/** The rows to draw and the heights of the spacers around them. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
  /** Spacer rows before and after, as templates (nothing when the table is drawn whole). */
  readonly before: TemplateResult | '';
  readonly after: TemplateResult | '';
}

/**
 * The element that scrolls the table: the host itself or its nearest ancestor (across shadow
 * roots) marked `data-scroller`. Marked rather than found by computed style, which would make
 * the browser recompute the page's styles each time a table is shown.
 */
function scrollParent(from: Element): HTMLElement | undefined {
  let node: Node | null = from;
  while (node) {
    if (node instanceof HTMLElement && node.hasAttribute('data-scroller')) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
}

export class VirtualRows implements ReactiveController {
  private scroller: HTMLElement | undefined;
  private frame = 0;
  private first = 0;
  private count = 60;
  /** Whether the last table drawn was long enough to be drawn in part. */
  private windowed = false;
  private readonly resize = new ResizeObserver(() => this.measure());

  /**
   * @param host the element that draws the table
   * @param body the table body whose rows are windowed (found after each update)
   * @param rowHeight every row's height in CSS pixels (the table's CSS must keep it)
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly body: () => Element | null | undefined,
    readonly rowHeight: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The scrolling ancestor is known once the host is in the page.
    void this.host.updateComplete.then(() => this.attach());
  }

  hostDisconnected(): void {
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.scroller = undefined;
    cancelAnimationFrame(this.frame);
  }

  private attach(): void {
    if (this.scroller || !this.host.isConnected) return;
    this.scroller = scrollParent(this.host);
    this.scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    if (this.scroller) this.resize.observe(this.scroller);
    this.measure();
  }

  private onScroll = (): void => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.measure());
  };

  /** The visible range from the scroll position; the host redraws when it moved. */
  private measure(): void {
    const scroller = this.scroller;
    const body = this.body();
    if (!scroller || !body) return;
    const top = body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const first = Math.max(0, Math.floor((scroller.scrollTop - top) / this.rowHeight) - OVERSCAN);
    const count = Math.ceil(scroller.clientHeight / this.rowHeight) + 2 * OVERSCAN;
    if (first !== this.first || count !== this.count) {
      this.first = first;
      this.count = count;
      // A table drawn whole has nothing to redraw (and a redraw would reset a cell being typed in).
      if (this.windowed) this.host.requestUpdate();
    }
  }

  /** The rows of a table of `total` rows to draw now, with their spacers. */
  window(total: number, columns: number): RowWindow {
    this.windowed = total > THRESHOLD;
    if (!this.windowed) return { start: 0, end: total, before: '', after: '' };
    const start = Math.min(this.first, Math.max(0, total - this.count));
    const end = Math.min(total, start + this.count);
    const spacer = (rows: number): TemplateResult | '' =>
      rows > 0 ? html`<tr class="spacer" aria-hidden="true" style=${`height:${rows * this.rowHeight}px`}><td colspan=${columns}></td></tr>` : '';
    return { start, end, before: spacer(start), after: spacer(total - end) };
  }

  /** Scrolls so that row `index` is in view (it is then drawn on the next update). */
  scrollTo(index: number): void {
    const scroller = this.scroller;
    const body = this.body();
    if (!scroller || !body) return;
    const top = body.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const y = top + index * this.rowHeight;
    if (y < scroller.scrollTop + this.rowHeight * 2) scroller.scrollTop = y - this.rowHeight * 2;
    else if (y + this.rowHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = y - scroller.clientHeight + this.rowHeight * 2;
    this.measure();
  }
}
