import { html, type TemplateResult } from 'lit';

/**
 * The tab buttons of a tab list: the current one selected and in the Tab order, the others
 * reached with the arrow keys (tabKeys). `extra` adds a mark after a tab's name (a problem dot).
 */
export function tabButtons<T extends string>(items: readonly T[], current: T, label: (item: T) => string, go: (item: T) => void, extra: (item: T) => unknown = () => ''): TemplateResult[] {
  return items.map(
    (item) => html`<button role="tab" data-key=${item} aria-selected=${current === item ? 'true' : 'false'} tabindex=${current === item ? 0 : -1} @click=${() => go(item)}>
      ${label(item)}${extra(item)}
    </button>`,
  );
}

/**
 * Arrow keys in a tab list, as the WAI-ARIA tabs pattern has them: ← and → move to the previous
 * and next tab (wrapping round) and put the focus on it.
 */
export function tabKeys(e: KeyboardEvent, items: readonly string[], current: string, go: (next: string) => void): void {
  const i = items.indexOf(current);
  const next = e.key === 'ArrowRight' ? items[(i + 1) % items.length] : e.key === 'ArrowLeft' ? items[(i - 1 + items.length) % items.length] : undefined;
  if (next === undefined) return;
  e.preventDefault();
  go(next);
  const list = e.currentTarget instanceof HTMLElement ? e.currentTarget : undefined;
  // The tab is drawn on the page's next update: focus it then.
  requestAnimationFrame(() => list?.querySelector<HTMLElement>(`[role=tab][data-key="${next}"]`)?.focus());
}
