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
