/** The workspace list shows when a rule file is in force: its effective dates, else its version. */
import { describe, expect, it } from 'vitest';
import { orderWorkspaces, ruleMeta } from '../../playground/src/workspace-controller.js';

describe('ruleMeta', () => {
  it('shows effective dates, open-ended or closed, before a version', () => {
    expect(ruleMeta('{ "title": { "zh": "甲", "en": "A" }, "version": "2019", "effective": { "from": "2025-01-01" } }').version).toBe('2025-01-01 – …');
    expect(ruleMeta('{ "effective": { "from": "2019-01-01", "to": "2024-12-31" } }').version).toBe('2019-01-01 – 2024-12-31');
    expect(ruleMeta('{ "version": "2019" }').version).toBe('2019');
    expect(ruleMeta('not json').version).toBe(undefined);
  });
});

describe('orderWorkspaces', () => {
  const list = [
    { name: 'a', version: '2019', updated: '2026-03-01T00:00:00Z' },
    { name: 'b', version: '2025-01-01 – …', updated: '2026-01-01T00:00:00Z' },
    { name: 'c', version: undefined, updated: '2026-05-01T00:00:00Z' },
    { name: 'd', version: '2019-01-01 – 2024-12-31', updated: '2026-02-01T00:00:00Z' },
  ];
  it('puts the latest changed first, or the latest in force first with the undated last', () => {
    expect(orderWorkspaces(list, 'updated').map((w) => w.name)).toEqual(['c', 'a', 'd', 'b']);
    expect(orderWorkspaces(list, 'inForce').map((w) => w.name)).toEqual(['b', 'd', 'a', 'c']);
  });
});
