/**
 * Printing: the audit sheet (<print-view>) is drawn only while the page prints — from the print
 * dialog, Ctrl+P, or print media switched on without a dialog (a PDF saved headlessly).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PrintView } from './print-view.js';

export class PrintController implements ReactiveController {
  private readonly media = window.matchMedia('print');

  constructor(
    host: ReactiveControllerHost,
    private readonly view: () => PrintView | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeprint', this.before);
    window.addEventListener('afterprint', this.after);
    this.media.addEventListener('change', this.onMedia);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeprint', this.before);
    window.removeEventListener('afterprint', this.after);
    this.media.removeEventListener('change', this.onMedia);
  }

  /** Prints now, the sheet drawn first. */
  print(): void {
    this.view()?.prepare();
    window.print();
  }

  private before = (): void => this.view()?.prepare();

  private after = (): void => {
    const view = this.view();
    if (view) view.active = false;
  };

  private onMedia = (e: MediaQueryListEvent): void => (e.matches ? this.before() : this.after());
}
