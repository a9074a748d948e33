/**
 * Files dropped anywhere on the page: while a file is dragged over it, `dragging` is true (the
 * page shows its drop overlay); each dropped file is handed to `open`, one after the other.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class FileDropController implements ReactiveController {
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly open: (file: File) => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('dragover', this.onDragOver);
    document.addEventListener('dragleave', this.onDragLeave);
    document.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    document.removeEventListener('dragover', this.onDragOver);
    document.removeEventListener('dragleave', this.onDragLeave);
    document.removeEventListener('drop', this.onDrop);
  }

  private set(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }

  private onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.set(true);
  };

  private onDragLeave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this.set(false);
  };

  private onDrop = (e: DragEvent): void => {
    this.set(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    void (async () => {
      for (const f of files) await this.open(f);
    })();
  };
}
