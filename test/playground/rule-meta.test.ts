/** The workspace list shows when a rule file is in force: its effective dates, else its version. */
import { describe, expect, it } from 'vitest';
import { ruleMeta } from '../../playground/src/workspace-controller.js';

describe('ruleMeta', () => {
  it('shows effective dates, open-ended or closed, before a version', () => {
    expect(ruleMeta('{ "title": { "zh": "甲", "en": "A" }, "version": "2019", "effective": { "from": "2025-01-01" } }').version).toBe('2025-01-01 – …');
    expect(ruleMeta('{ "effective": { "from": "2019-01-01", "to": "2024-12-31" } }').version).toBe('2019-01-01 – 2024-12-31');
    expect(ruleMeta('{ "version": "2019" }').version).toBe('2019');
    expect(ruleMeta('not json').version).toBe(undefined);
  });
});
