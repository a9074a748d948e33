/**
 * Exports of a settlement: CSV of the values with their trace, CSV of the ledger, and an XLSX
 * workbook with values, ledger, checks, accounts and the fingerprints. Pure functions from the
 * settlement to text or bytes; the figures are written exactly as the engine printed them.
 */
import type { Settlement } from 'yibao-settle';
import type { Labels } from './labels.js';
import { glossaryLabel } from './i18n.js';
import { buildXlsx, type Cell } from './xlsx.js';

/** A plain decimal number (`-1234.56`): data a spreadsheet must read as a number, left as it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field, following the OWASP CSV-injection rule: a cell that starts with = + - @, a tab
 * or a carriage return — which a spreadsheet would run as a formula, e.g. `-2+3+cmd|' /C calc'!A0`
 * — gets a leading ' so it is read as text, unless it is a plain decimal number. A field with
 * a separator (comma or semicolon, as some locales use), a quote, a tab or a line break is
 * quoted, its quotes doubled.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function label(labels: Labels, name: string, locale: 'zh' | 'en'): string {
  return labels.get(name)?.[locale] ?? glossaryLabel(name, locale) ?? '';
}

const VALUE_HEADER = ['name', 'label_zh', 'label_en', 'value', 'kind', 'source', 'formula', 'inputs', 'exact', 'rounding', 'pointer', 'line', 'column'];

/** Every named value with its trace, one row each, in the settlement's order. */
export function valueRows(s: Settlement, labels: Labels): string[][] {
  return Object.entries(s.values).map(([name, value]) => {
    const f = s.figures[name];
    return [
      name,
      label(labels, name, 'zh'),
      label(labels, name, 'en'),
      value,
      f?.kind ?? '',
      f?.source ?? '',
      f?.formula ?? '',
      f ? Object.entries(f.inputs).map(([k, v]) => `${k}=${v}`).join('; ') : '',
      f?.exact ?? '',
      f?.rounding ? `${f.rounding.mode} ${f.rounding.places}` : '',
      f?.pointer ?? '',
      f?.at ? String(f.at.line) : '',
      f?.at ? String(f.at.column) : '',
    ];
  });
}

export function valuesCsv(s: Settlement, labels: Labels): string {
  return toCsv([VALUE_HEADER, ...valueRows(s, labels)]);
}

const LEDGER_HEADER = ['from', 'to', 'amount', 'value', 'pointer', 'memo'];

export function ledgerCsv(s: Settlement): string {
  return toCsv([LEDGER_HEADER, ...s.ledger.map((t) => [t.from, t.to, t.amount, t.value, t.pointer, t.memo ?? ''])]);
}

const isDecimal = (s: string): boolean => /^-?\d+(\.\d+)?$/.test(s);

export interface ExportInfo {
  readonly ruleFile: string;
  readonly inputFile: string;
  readonly generatedAt: string;
}

/** The workbook: 结果 values (with trace), 台账 ledger, 校验 checks, 账户 accounts, 信息 info. */
export function settlementXlsx(s: Settlement, labels: Labels, info: ExportInfo): Uint8Array {
  const text = (t: string): Cell => ({ text: t });
  const header = (names: readonly string[]): Cell[] => names.map(text);
  const values = valueRows(s, labels).map((row) =>
    row.map((cell, i): Cell => (i === 3 && isDecimal(cell) ? { decimal: cell, money: row[4] === 'money' } : text(cell))),
  );
  return buildXlsx([
    { name: '结果 values', rows: [header(VALUE_HEADER), ...values] },
    {
      name: '台账 ledger',
      rows: [header(LEDGER_HEADER), ...s.ledger.map((t) => [text(t.from), text(t.to), { decimal: t.amount, money: true }, text(t.value), text(t.pointer), text(t.memo ?? '')])],
    },
    {
      name: '校验 checks',
      rows: [header(['name', 'ok', 'expected', 'actual', 'description', 'pointer']), ...s.checks.map((c) => [text(c.name), text(c.ok ? 'ok' : 'FAILED'), text(c.expected), text(c.actual), text(c.description), text(c.pointer)])],
    },
    {
      name: '账户 accounts',
      rows: [
        header(['account', 'received', 'paid', 'net']),
        ...Object.entries(s.accounts).map(([a, b]) => [text(a), { decimal: b.received, money: true }, { decimal: b.paid, money: true }, { decimal: b.net, money: true }]),
      ],
    },
    {
      name: '信息 info',
      rows: [
        [text('rule'), text(`${s.rule.title.zh} / ${s.rule.title.en}`)],
        [text('rule id'), text(s.rule.id)],
        [text('rule file'), text(info.ruleFile)],
        [text('rule fingerprint'), text(s.rule.fingerprint)],
        [text('input file'), text(info.inputFile)],
        [text('input fingerprint'), text(s.input.fingerprint)],
        [text('engine'), text(`${s.engine.name} ${s.engine.version}`)],
        [text('generated at'), text(info.generatedAt)],
      ],
    },
  ]);
}

/** Offers bytes or text as a download named `name`. */
export function download(name: string, data: string | Uint8Array, type: string): void {
  // The byte-order mark lets spreadsheet programs read UTF-8 CSV (Chinese labels) correctly.
  const parts: BlobPart[] =
    typeof data !== 'string' ? [data as Uint8Array<ArrayBuffer>] : type.startsWith('text/csv') ? ['\ufeff', data] : [data];
  const blob = new Blob(parts, { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
