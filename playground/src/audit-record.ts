/**
 * The audit record of one settlement, as tables in the page's language: parameters (published or
 * assumed), the input data (single values and every table), the results with their formulas,
 * the ledger, the checks, the accounts, and the changes from a pinned baseline. One model, three
 * renderings: the printed audit sheet (print-view.ts), the workbook and the CSV files
 * (export.ts). Pure functions: settlement and texts in, tables out. Figures are the engine's
 * printed text; money is only grouped by thousands for reading, never recomputed.
 */
import type { Settlement } from 'yibao-settle';
import { formatKind, groupThousands, moneyText, printedKind } from './format.js';
import { inLocale, t, type Locale, type MessageId } from './i18n.js';
import { inputSections } from './input-sections.js';
import { labelOf, type Labels } from './labels.js';
import { ruleChanges } from './rule-changes.js';
import { readParameterDecls } from './parameters.js';
import { ruleVersion } from './rule-reading.js';

/** A cell: the text people read, and for a number its exact decimal text (what a spreadsheet gets). */
export interface RecordCell {
  readonly text: string;
  /** Exact decimal text of a numeric cell (money with two decimals). */
  readonly plain?: string;
  readonly money?: boolean;
}

export interface RecordColumn {
  readonly label: string;
  readonly numeric?: boolean;
}

/** One table of the record. */
export interface RecordTable {
  /** Stable id: `parameters`, `input-values`, `input:<name>`, `results`, `ledger`, `checks`, `accounts`, `changes`. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly RecordColumn[];
  readonly rows: readonly (readonly RecordCell[])[];
}

/** What the record is made from. */
export interface RecordSource {
  readonly settlement: Settlement;
  readonly labels: Labels;
  readonly ruleText: string;
  readonly inputText: string;
  readonly ruleFile: string;
  readonly inputFile: string;
  readonly locale: Locale;
  /** When the record was made, as people read it. */
  readonly generatedAt: string;
  /** The pinned baseline rule file, when there is one: the record then lists the changes. */
  readonly baseline?: { readonly file: string; readonly text: string } | undefined;
}

const PLAIN = /^-?\d+(\.\d+)?$/;

const text = (s: string): RecordCell => ({ text: s });

/** A value of a declared kind: money and counts as numbers (grouped for reading), rates in %. */
export function valueCell(raw: string, kind: string): RecordCell {
  if (kind === 'money' && PLAIN.test(raw)) {
    const plain = moneyText(raw);
    return { text: groupThousands(plain), plain, money: true };
  }
  if ((kind === 'count' || kind === 'number' || kind === 'score' || kind === 'weight') && PLAIN.test(raw)) {
    return { text: kind === 'count' ? groupThousands(raw) : raw, plain: raw };
  }
  return text(formatKind(raw, kind));
}

function L(source: RecordSource, id: MessageId): string {
  return t(source.locale, id);
}

/** The rule's version, which the presets use for the year the scheme takes effect. */
export function versionText(ruleText: string): string {
  return ruleVersion(ruleText) ?? '—';
}

/** Title, files, fingerprints, engine, date: label and value pairs, in order. */
export function recordMeta(s: RecordSource): { readonly id: string; readonly label: string; readonly value: string }[] {
  const st = s.settlement;
  return [
    { id: 'rule', label: L(s, 'recordRule'), value: st.rule.title[s.locale] },
    { id: 'version', label: L(s, 'recordVersion'), value: versionText(s.ruleText) },
    { id: 'rule-file', label: L(s, 'ruleFileName'), value: s.ruleFile },
    { id: 'rule-fingerprint', label: `${L(s, 'ruleFingerprint')} (SHA-256)`, value: st.rule.fingerprint },
    { id: 'input-file', label: L(s, 'inputFileName'), value: s.inputFile },
    { id: 'input-fingerprint', label: `${L(s, 'inputFingerprint')} (SHA-256)`, value: st.input.fingerprint },
    { id: 'engine-version', label: L(s, 'engine'), value: `${st.engine.name} ${st.engine.version}` },
    { id: 'generated-at', label: L(s, 'printedAt'), value: s.generatedAt },
    ...(s.baseline ? [{ id: 'baseline', label: L(s, 'recordBaseline'), value: s.baseline.file }] : []),
  ];
}

function parametersTable(s: RecordSource): RecordTable {
  const status = (p: boolean | undefined): string => (p === true ? L(s, 'recordPublished') : p === false ? L(s, 'recordAssumed') : '');
  return {
    id: 'parameters',
    title: L(s, 'parameters'),
    columns: [{ label: L(s, 'recordLabel') }, { label: L(s, 'recordKey') }, { label: L(s, 'value'), numeric: true }, { label: L(s, 'recordStatus') }, { label: L(s, 'recordNote') }],
    rows: (readParameterDecls(s.ruleText) ?? []).map((p) => [
      text(p.label[s.locale]),
      text(p.name),
      valueCell(p.value === undefined ? '' : String(p.value), p.kind),
      text(status(p.published)),
      text([p.source, p.note].filter((x) => x !== undefined && x !== '').join('；')),
    ]),
  };
}

function inputTables(s: RecordSource): RecordTable[] {
  const { scalars, tables } = inputSections(s.ruleText, s.inputText);
  const values: RecordTable = {
    id: 'input-values',
    title: L(s, 'recordInputValues'),
    columns: [{ label: L(s, 'recordLabel') }, { label: L(s, 'recordKey') }, { label: L(s, 'value'), numeric: true }],
    rows: scalars.map((x) => [text(x.label?.[s.locale] ?? x.name), text(x.name), valueCell(x.value, x.kind)]),
  };
  return [
    values,
    ...tables.map((tb) => ({
      id: `input:${tb.name}`,
      title: L(s, 'recordInputTable').replace('{name}', tb.label?.[s.locale] ?? tb.name).replace('{rows}', groupThousands(String(tb.rows.length))),
      columns: [{ label: L(s, 'recordRow'), numeric: true }, ...tb.columns.map((c) => ({ label: c.label?.[s.locale] ?? c.name, numeric: c.kind === 'money' || c.kind === 'count' || c.kind === 'number' }))],
      rows: tb.rows.map((row, i) => [{ text: String(i + 1), plain: String(i + 1) }, ...row.map((cell, c) => valueCell(cell, tb.columns[c]?.kind ?? ''))]),
    })),
  ];
}

const KIND_TEXT = { money: 'kindMoney', number: 'kindNumber', boolean: 'kindBoolean', text: 'kindText' } as const;

/** Every result; `full` adds the trace columns the exports carry (inputs, exact value, rounding, place). */
export function resultsTable(s: RecordSource, full: boolean): RecordTable {
  const st = s.settlement;
  const columns: RecordColumn[] = [{ label: L(s, 'recordLabel') }, { label: L(s, 'recordKey') }, { label: L(s, 'value'), numeric: true }, { label: L(s, 'formula') }];
  if (full) columns.push({ label: L(s, 'kind') }, { label: L(s, 'inputs') }, { label: L(s, 'recordExact') }, { label: L(s, 'rounding') }, { label: L(s, 'recordPosition') }, { label: L(s, 'recordLine'), numeric: true }, { label: L(s, 'recordColumn'), numeric: true });
  const rows = Object.entries(st.values).map(([name, value]) => {
    const f = st.figures[name];
    const kind = f?.kind ?? printedKind(value);
    const row: RecordCell[] = [text(labelOf(s.labels, name, s.locale)), text(name), valueCell(value, kind), text(f?.formula ?? '')];
    if (full) {
      row.push(
        text(L(s, KIND_TEXT[kind])),
        text(f ? Object.entries(f.inputs).map(([k, v]) => `${k}=${v}`).join('; ') : ''),
        f?.exact !== undefined ? { text: f.exact, plain: f.exact } : text(''),
        text(f?.rounding ? `${f.rounding.mode} ${f.rounding.places}` : ''),
        text(f?.pointer ?? ''),
        f?.at ? { text: String(f.at.line), plain: String(f.at.line) } : text(''),
        f?.at ? { text: String(f.at.column), plain: String(f.at.column) } : text(''),
      );
    }
    return row;
  });
  return { id: 'results', title: L(s, 'recordResults'), columns, rows };
}

/** Every transfer: who pays whom, how much, for which value; `full` adds the ids and the rule position (exports). */
export function ledgerTable(s: RecordSource, full: boolean): RecordTable {
  const name = (n: string): string => labelOf(s.labels, n, s.locale);
  const columns: RecordColumn[] = full
    ? [{ label: L(s, 'from') }, { label: `${L(s, 'from')}${L(s, 'recordKey')}` }, { label: L(s, 'to') }, { label: `${L(s, 'to')}${L(s, 'recordKey')}` }, { label: L(s, 'amount'), numeric: true }, { label: L(s, 'value') }, { label: `${L(s, 'value')}${L(s, 'recordKey')}` }, { label: L(s, 'memo') }, { label: L(s, 'recordPosition') }]
    : [{ label: L(s, 'from') }, { label: L(s, 'to') }, { label: L(s, 'amount'), numeric: true }, { label: L(s, 'value') }, { label: L(s, 'memo') }];
  const rows = s.settlement.ledger.map((tr) => {
    const memo = text(inLocale(tr.memo ?? '', s.locale));
    return full
      ? [text(name(tr.from)), text(tr.from), text(name(tr.to)), text(tr.to), valueCell(tr.amount, 'money'), text(name(tr.value)), text(tr.value), memo, text(tr.pointer)]
      : [text(name(tr.from)), text(name(tr.to)), valueCell(tr.amount, 'money'), text(name(tr.value)), memo];
  });
  return { id: 'ledger', title: L(s, 'ledger'), columns, rows };
}

/** A check's expected or actual: money with two decimals, a declared check's outcome in words. */
function checkValue(s: RecordSource, v: string): RecordCell {
  if (v === 'true') return text(L(s, 'recordTrue'));
  if (v === 'false') return text(L(s, 'recordFalse'));
  return valueCell(v, 'money');
}

export function checksTable(s: RecordSource): RecordTable {
  return {
    id: 'checks',
    title: L(s, 'checks'),
    columns: [{ label: L(s, 'recordCheck') }, { label: L(s, 'recordOutcome') }, { label: L(s, 'expected'), numeric: true }, { label: L(s, 'actual'), numeric: true }, { label: L(s, 'recordPosition') }],
    rows: s.settlement.checks.map((c) => [text(c.label[s.locale]), text(c.ok ? `✓ ${L(s, 'checkOk')}` : `✗ ${L(s, 'checkFailed')}`), checkValue(s, c.expected), checkValue(s, c.actual), text(c.pointer)]),
  };
}

function accountsTable(s: RecordSource): RecordTable {
  return {
    id: 'accounts',
    title: L(s, 'accounts'),
    columns: [{ label: L(s, 'account') }, { label: L(s, 'recordKey') }, { label: L(s, 'received'), numeric: true }, { label: L(s, 'paid'), numeric: true }, { label: L(s, 'net'), numeric: true }],
    rows: Object.entries(s.settlement.accounts).map(([a, b]) => [text(labelOf(s.labels, a, s.locale)), text(a), valueCell(b.received, 'money'), valueCell(b.paid, 'money'), valueCell(b.net, 'money')]),
  };
}

const WHAT_TEXT = { parameter: 'recordParameter', step: 'recordStep', section: 'recordSectionItem' } as const;

/** The differences from the pinned baseline rule file; undefined when none is pinned. */
export function changesTable(s: RecordSource): RecordTable | undefined {
  if (!s.baseline) return undefined;
  return {
    id: 'changes',
    title: L(s, 'recordChanges'),
    columns: [{ label: L(s, 'recordWhat') }, { label: L(s, 'recordLabel') }, { label: L(s, 'recordKey') }, { label: L(s, 'recordBefore') }, { label: L(s, 'recordAfter') }],
    rows: (ruleChanges(s.baseline.text, s.ruleText, s.locale) ?? []).map((c) => [text(L(s, WHAT_TEXT[c.kind])), text(c.label[s.locale]), text(c.name), text(c.from ?? ''), text(c.to ?? '')]),
  };
}

/** Every table of the record, in the order of the audit sheet. */
export function recordTables(s: RecordSource): RecordTable[] {
  const changes = changesTable(s);
  return [parametersTable(s), ...inputTables(s), resultsTable(s, false), ledgerTable(s, false), checksTable(s), accountsTable(s), ...(changes ? [changes] : [])];
}
