import { describe, expect, it } from 'vitest';
import { hasCode, readRuleFile, settle, messagesEn, messagesZh } from '../index.js';
import { LineIndex } from './locate.js';
import { readJson } from './read-json.js';
import { SYNTAX_REASONS, syntaxParams } from './syntax-hint.js';
import { readFileSync } from 'node:fs';

/** The hint's parameters for a text the reader refuses. */
function hint(text: string): Record<string, string | number> {
  const r = readJson(text);
  if (r.ok || r.problem.code !== 'json_syntax') throw new Error(`expected a syntax error in ${JSON.stringify(text)}`);
  return { ...syntaxParams(text, r.problem, new LineIndex(text)) };
}

describe('where to fix a JSON syntax error', () => {
  it.each([
    // [case, text, reason, other parameters]
    ['a comma missing at the end of line 2', '{\n  "insured": 400000\n  "perCapita": "980.00"\n}', 'missing_comma', { fixLine: 2, fixAtLineEnd: 1, line: 3, column: 3 }],
    ['a comma missing inside a line', '[1 2]', 'missing_comma', { fixLine: 1, fixColumn: 3, fixAtLineEnd: 0 }],
    ['a comma after the last member', '{\n  "a": 1,\n}', 'trailing_comma', { fixLine: 2, fixColumn: 9, fixAtLineEnd: 1 }],
    ['a comma after the last item, in a line', '{\n  "a": [1, 2,]\n}', 'trailing_comma', { fixLine: 2, fixColumn: 13, fixAtLineEnd: 0 }],
    ['a colon missing', '{\n  "a" 1\n}', 'missing_colon', { fixLine: 2, key: 'a' }],
    ['a key without quotes', '{a: 1}', 'unquoted_key', { expected: '"a"' }],
    ['single quotes', "{'a': 1}", 'single_quotes', { expected: '"' }],
    ['a Chinese comma', '{"a": 1，"b": 2}', 'fullwidth_punctuation', { found: '，', expected: ',', column: 8 }],
    ['a Chinese colon', '{"a"：1}', 'fullwidth_punctuation', { found: '：', expected: ':' }],
    ['Chinese quotes', '{“a”: 1}', 'fullwidth_punctuation', { found: '“', expected: '"' }],
    ['a bracket never closed', '{\n  "a": {\n    "b": 1\n', 'unclosed_bracket', { open: '{', openLine: 2, openColumn: 8, expected: '}' }],
    ['a bracket that does not match', '{\n  "a": [1, 2\n}', 'wrong_bracket', { found: '}', open: '[', openLine: 2, expected: ']' }],
    ['a value missing', '{"a": }', 'missing_value', { found: '}' }],
    ['text without quotes', '{"level": 县级}', 'not_a_value', { found: '县级' }],
    ['NaN', '{"x": NaN}', 'not_a_value', { found: 'NaN' }],
    ['a misspelt literal', '{"ok": tru}', 'bad_literal', { found: 'tru' }],
    ['True in capitals', '{"ok": True}', 'bad_literal', { found: 'True' }],
    ['a leading zero', '[01]', 'bad_number', { found: '01' }],
    ['a point without digits after it', '[1.]', 'bad_number', { found: '1.' }],
    ['a thousands separator', '{\n  "spending": 1,234.00\n}', 'bad_number', { found: '1,234.00' }],
    ['a string not closed on its line', '{\n  "a": "abc\n}', 'unclosed_string', { fixLine: 2 }],
    ['a string not closed at the end of the file', '{\n  "a": "abc', 'unclosed_string', { fixLine: 2 }],
    ['a tab inside a string', '["a\tb"]', 'control_character', { found: '\\t' }],
    ['a bad escape', '["a\\x"]', 'bad_escape', { found: '\\x' }],
    ['a comment', '{\n  // note\n  "a": 1\n}', 'comment', { line: 2, column: 3 }],
    ['a closing bracket too many', '{"a": 1}}', 'extra_text', { found: '}', fixLine: 1 }],
  ])('%s', (_, text, reason, params) => {
    expect(hint(text)).toMatchObject({ reason, ...params });
  });

  it('says it in full, in Chinese and English, where an input is read', () => {
    const rules = readRuleFile('{"format":"yibao-settle/1","id":"t","title":{"zh":"t","en":"t"},"inputs":{"a":{"kind":"money"}},"steps":[{"name":"b","kind":"money","formula":"a"}]}');
    if (!rules.ok) throw new Error(rules.issues[0].message.en);
    const run = settle(rules.value, '{\n  "a": "1.00"\n  "b": 2\n}', { file: 'in.json' });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    const issue = run.issues[0];
    expect(issue).toMatchObject({ code: 'json_syntax', at: { line: 3, column: 3 }, params: { reason: 'missing_comma', fixLine: 2, fixAtLineEnd: 1 } });
    if (!hasCode(issue, 'json_syntax')) return;
    // The message tables word every reason (no fallback to the reader's English detail).
    expect(issue.message.zh).toBe(messagesZh.json_syntax(issue.params));
    expect(issue.message.zh).not.toMatch(/expected|found/);
    expect(issue.message.en).toBe(messagesEn.json_syntax(issue.params));
  });

  it('docs/errors.md explains every reason', () => {
    const doc = readFileSync('docs/errors.md', 'utf8');
    expect(SYNTAX_REASONS.filter((r) => !doc.includes(`| \`${r}\` |`))).toEqual([]);
  });
});
