/**
 * A workspace in one file (`.yibao.json`): the rule text, the input text, the figures they gave
 * and the SHA-256 fingerprints of both texts. The playground writes it; the CLI (`yibao-settle
 * run bundle.yibao.json`) and the library settle it again and say, as coded issues, whether a
 * text was changed since (its fingerprint no longer matches) or a figure now comes out
 * differently from the one stored — so a file handed to an auditor proves what it claims.
 */
import { fail, makeIssue, ok, type Issue, type ProblemOf, type Result } from '../issues/issue.js';
import { escapePointerToken, member, type JsonNode } from '../json/read-json.js';
import { readRuleFile, settle, engineVersion } from './settle.js';
import type { RuleFile } from './model.js';
import { sha256Hex } from './fingerprint.js';
import { issueAt, readSource, type SourceDoc } from './source.js';
import type { Settlement } from './types.js';

/** The `format` member of every bundle this version writes and reads. */
export const BUNDLE_FORMAT = 'yibao-settle/bundle-1';

/** One document of a bundle: its file name, its exact text and the SHA-256 of that text. */
export interface BundleDocument {
  readonly file: string;
  readonly text: string;
  /** SHA-256 of `text` (UTF-8), lowercase hex: the fingerprint a settlement of it carries. */
  readonly fingerprint: string;
}

/** A saved workspace: rule and input texts, their fingerprints, and the figures they gave. */
export interface Bundle {
  readonly format: typeof BUNDLE_FORMAT;
  /** The workspace's name, as its owner called it. */
  readonly name: string;
  /** The preset the rule file started from, if any. */
  readonly preset?: string;
  /** When the bundle was written (ISO 8601). */
  readonly savedAt: string;
  readonly engine: { readonly name: 'yibao-settle'; readonly version: string };
  readonly rule: BundleDocument;
  readonly input: BundleDocument;
  /** Every named value as it was settled when the bundle was written; absent if it did not settle. */
  readonly results?: { readonly values: Readonly<Record<string, string>> };
}

/** What makeBundle needs: the two texts, a name, and the settlement of exactly these texts if there is one. */
export interface BundleParts {
  readonly name: string;
  readonly preset?: string | undefined;
  readonly savedAt: string;
  readonly rule: { readonly file: string; readonly text: string };
  readonly input: { readonly file: string; readonly text: string };
  readonly settlement?: Settlement | undefined;
}

/**
 * A bundle of the texts with their fingerprints. The settlement's values are stored only when
 * its fingerprints are those of these very texts (a result of an earlier text is left out).
 */
export function makeBundle(parts: BundleParts): Bundle {
  const rule = { file: parts.rule.file, text: parts.rule.text, fingerprint: sha256Hex(parts.rule.text) };
  const input = { file: parts.input.file, text: parts.input.text, fingerprint: sha256Hex(parts.input.text) };
  const s = parts.settlement;
  const current = s !== undefined && s.rule.fingerprint === rule.fingerprint && s.input.fingerprint === input.fingerprint;
  return {
    format: BUNDLE_FORMAT,
    name: parts.name,
    ...(parts.preset !== undefined ? { preset: parts.preset } : {}),
    savedAt: parts.savedAt,
    engine: { name: 'yibao-settle', version: s?.engine.version ?? engineVersion },
    rule,
    input,
    ...(current ? { results: { values: { ...s.values } } } : {}),
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A string member of `node`, or an issue pointing at where it should be. */
function stringAt(doc: SourceDoc, node: JsonNode | undefined, pointer: string, key: string, issues: Issue[], optional = false): string | undefined {
  const n = node?.type === 'object' ? member(node, key) : undefined;
  if (n === undefined) {
    if (!optional) issues.push(issueAt(doc, 'missing_property', pointer, { property: key }));
    return undefined;
  }
  if (n.type !== 'string') {
    issues.push(issueAt(doc, 'wrong_type', `${pointer}/${key}`, { expected: 'text' }));
    return undefined;
  }
  return n.value;
}

function documentAt(doc: SourceDoc, key: 'rule' | 'input', issues: Issue[]): BundleDocument | undefined {
  const node = member(doc.root, key);
  const pointer = `/${key}`;
  if (node === undefined || node.type !== 'object') {
    issues.push(node === undefined ? issueAt(doc, 'missing_property', '', { property: key }) : issueAt(doc, 'wrong_type', pointer, { expected: 'an object with file, text and fingerprint' }));
    return undefined;
  }
  const file = stringAt(doc, node, pointer, 'file', issues);
  const text = stringAt(doc, node, pointer, 'text', issues);
  const fingerprint = stringAt(doc, node, pointer, 'fingerprint', issues);
  if (fingerprint !== undefined && !HEX64.test(fingerprint)) issues.push(issueAt(doc, 'bad_format', `${pointer}/fingerprint`, { expected: '64 lowercase hexadecimal digits (SHA-256)' }));
  return file !== undefined && text !== undefined && fingerprint !== undefined ? { file, text, fingerprint } : undefined;
}

function resultsAt(doc: SourceDoc, issues: Issue[]): Bundle['results'] | undefined {
  const node = member(doc.root, 'results');
  if (node === undefined) return undefined;
  const values = node.type === 'object' ? member(node, 'values') : undefined;
  if (values?.type !== 'object') {
    issues.push(issueAt(doc, 'wrong_type', values === undefined ? '/results' : '/results/values', { expected: 'an object { values: { name: "figure" } }' }));
    return undefined;
  }
  // A Map-free own record: names are data (never __proto__ — the JSON reader refuses that key).
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  values.keys.forEach((k, i) => {
    const v = values.values[i] as JsonNode;
    if (v.type === 'string') out[k] = v.value;
    else issues.push(issueAt(doc, 'wrong_type', `/results/values/${escapePointerToken(k)}`, { expected: 'the figure as text' }));
  });
  return { values: out };
}

/**
 * Reads a `.yibao.json` bundle. Every problem of its shape comes back as an issue with the
 * bundle's file name, JSON Pointer and line:column; the fingerprints are checked by settleBundle.
 */
export function readBundle(text: string, file: string): Result<Bundle> {
  const r = readBundleDoc(text, file);
  return r.ok ? ok(r.value.bundle) : r;
}

function readBundleDoc(text: string, file: string): Result<{ bundle: Bundle; doc: SourceDoc }> {
  const read = readSource(text, file);
  if (!read.ok) return fail([read.issue]);
  const doc = read.doc;
  if (doc.root.type !== 'object') return fail([issueAt(doc, 'wrong_type', '', { expected: `a ${BUNDLE_FORMAT} object` })]);
  const issues: Issue[] = [];
  const format = stringAt(doc, doc.root, '', 'format', issues);
  if (format !== undefined && format !== BUNDLE_FORMAT) issues.push(issueAt(doc, 'not_allowed_value', '/format', { expected: JSON.stringify(BUNDLE_FORMAT) }));
  const name = stringAt(doc, doc.root, '', 'name', issues, true) ?? '';
  const preset = stringAt(doc, doc.root, '', 'preset', issues, true);
  const savedAt = stringAt(doc, doc.root, '', 'savedAt', issues, true) ?? '';
  const engine = member(doc.root, 'engine');
  const version = engine?.type === 'object' ? member(engine, 'version') : undefined;
  const rule = documentAt(doc, 'rule', issues);
  const input = documentAt(doc, 'input', issues);
  const results = resultsAt(doc, issues);
  if (issues.length > 0 || !rule || !input) return fail(issues);
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    name,
    ...(preset !== undefined ? { preset } : {}),
    savedAt,
    engine: { name: 'yibao-settle', version: version?.type === 'string' ? version.value : '' },
    rule,
    input,
    ...(results ? { results } : {}),
  };
  return ok({ bundle, doc });
}

/** A bundle settled again: the rule file, the settlement, and every figure that differs from the stored one. */
export interface BundleRun {
  readonly bundle: Bundle;
  readonly rules: RuleFile;
  readonly settlement: Settlement;
  /** `result_mismatch` issues, one per figure that differs from (or is missing in) the stored results. */
  readonly mismatches: readonly Issue[];
}

/**
 * Reads a bundle, checks its fingerprints against its texts and settles its rule file with its
 * input. A text whose SHA-256 is not the stored one is a `fingerprint_mismatch` issue (the bundle
 * is not settled); problems of the rule file or input are the engine's own issues, located in
 * those texts (their file names are the ones stored in the bundle). Figures that differ from the
 * stored results come back as `result_mismatch` issues, located in the bundle.
 *
 * @example
 * const run = settleBundle(readFileSync('yangxi.yibao.json', 'utf8'), 'yangxi.yibao.json');
 * if (run.ok && run.value.mismatches.length === 0) console.log('the stored figures are reproduced');
 */
export function settleBundle(text: string, file: string): Result<BundleRun> {
  const read = readBundleDoc(text, file);
  if (!read.ok) return read;
  const { bundle, doc } = read.value;
  const wrong: Issue[] = [];
  for (const part of ['rule', 'input'] as const) {
    const actual = sha256Hex(bundle[part].text);
    if (actual !== bundle[part].fingerprint) wrong.push(issueAt(doc, 'fingerprint_mismatch', `/${part}/fingerprint`, { part, expected: bundle[part].fingerprint, actual }));
  }
  if (wrong.length > 0) return fail(wrong);
  const rules = readRuleFile(bundle.rule.text, { file: bundle.rule.file });
  if (!rules.ok) return rules;
  const run = settle(rules.value, bundle.input.text, { file: bundle.input.file });
  if (!run.ok) return run;
  return ok({ bundle, rules: rules.value, settlement: run.value, mismatches: resultMismatches(bundle, run.value, doc) });
}

/** Every stored figure that the settlement does not reproduce, and every figure it has that was not stored. */
function resultMismatches(bundle: Bundle, s: Settlement, doc: SourceDoc): Issue[] {
  return differences(bundle, s, false).map((d) => issueAt(doc, d.code, d.pointer, d.params));
}

/** A difference between a bundle and a settlement of it, before it is placed in a file. */
type Difference = ProblemOf<'fingerprint_mismatch' | 'result_mismatch'> & { readonly pointer: string };

function differences(bundle: Bundle, s: Settlement, fingerprints: boolean): Difference[] {
  const out: Difference[] = [];
  if (fingerprints) {
    for (const [part, actual] of [['rule', s.rule.fingerprint], ['input', s.input.fingerprint]] as const) {
      if (actual !== bundle[part].fingerprint) out.push({ code: 'fingerprint_mismatch', pointer: `/${part}/fingerprint`, params: { part, expected: bundle[part].fingerprint, actual } });
    }
  }
  const stored = bundle.results?.values;
  if (!stored) return out;
  const own = (o: Readonly<Record<string, string>>, k: string): string | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
  for (const name of new Set([...Object.keys(stored), ...Object.keys(s.values)])) {
    const expected = own(stored, name);
    const actual = own(s.values, name);
    if (expected === actual) continue;
    const pointer = expected === undefined ? '/results/values' : `/results/values/${escapePointerToken(name)}`;
    out.push({ code: 'result_mismatch', pointer, params: { name, expected: expected ?? '—', actual: actual ?? '—' } });
  }
  return out;
}

/**
 * How a settlement of a bundle's texts (made elsewhere, e.g. in a browser worker) differs from
 * what the bundle records: `fingerprint_mismatch` for a text whose settlement fingerprint is not
 * the stored one, `result_mismatch` for each figure that differs. Empty when it reproduces the
 * bundle exactly. The issues name `file` and the bundle's JSON Pointers (no line:column: the
 * bundle's text is not at hand; settleBundle gives them).
 */
export function compareWithBundle(bundle: Bundle, s: Settlement, file: string): Issue[] {
  return differences(bundle, s, true).map((d) => makeIssue(d.code, file, d.pointer, d.params));
}
