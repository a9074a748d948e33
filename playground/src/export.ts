/**
 * Exports of a settlement's audit record (audit-record.ts): CSV of the results with their trace,
 * CSV of the ledger, and an XLSX workbook of the whole record, with headers and labels in the
 * page's language. Pure functions to text or bytes; figures are written exactly as the engine
 * printed them (money with two decimals).
 */
import { ledgerTable, recordMeta, recordTables, resultsTable, type RecordCell, type RecordSource, type RecordTable } from './audit-record.js';
import { t } from './i18n.js';
import { toCsv } from 'yibao-settle';
import { buildXlsx, type Cell, type Sheet } from './xlsx.js';

export { csvField, toCsv } from 'yibao-settle';

/** A record table as CSV: the column labels, then each row with numbers as exact decimal text. */
export function tableCsv(table: RecordTable): string {
  return toCsv([table.columns.map((c) => c.label), ...table.rows.map((row) => row.map((cell) => cell.plain ?? cell.text))]);
}

/** Every result with its trace (formula, inputs, exact value, rounding, place), headers in the page's language. */
export function valuesCsv(source: RecordSource): string {
  return tableCsv(resultsTable(source, true));
}

/** Every transfer of the ledger, headers in the page's language. */
export function ledgerCsv(source: RecordSource): string {
  return tableCsv(ledgerTable(source, true));
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 26)} ${i}`;
  taken.add(name);
  return name;
}

function sheetOf(table: RecordTable, taken: Set<string>): Sheet {
  const cell = (c: RecordCell): Cell => (c.plain !== undefined ? { decimal: c.plain, money: c.money === true } : { text: c.text });
  return { name: sheetName(table.title, taken), rows: [table.columns.map((c) => ({ text: c.label })), ...table.rows.map((row) => row.map(cell))] };
}

/**
 * The workbook of the record, in the page's language: results with their trace first, then
 * checks, ledger, accounts, parameters, the input data (one sheet per table), the changes from
 * a pinned baseline, and the files' fingerprints. Money cells are numbers with the #,##0.00
 * format holding the engine's two-decimal text; past 15 significant digits they are text.
 */
export function recordXlsx(source: RecordSource): Uint8Array {
  const taken = new Set<string>();
  const tables = recordTables(source);
  const byId = (id: string): RecordTable[] => tables.filter((x) => x.id === id || (id === 'input' && x.id.startsWith('input')));
  const ordered = [resultsTable(source, true), ...byId('checks'), ledgerTable(source, true), ...byId('accounts'), ...byId('parameters'), ...byId('input'), ...byId('changes')];
  const info: Sheet = {
    name: sheetName(t(source.locale, 'recordInfo'), taken),
    rows: recordMeta(source).map((m) => [{ text: m.label }, { text: m.value }]),
  };
  return buildXlsx([...ordered.map((x) => sheetOf(x, taken)), info]);
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

/** Downloads the audit record as CSV of the values, CSV of the ledger, or a workbook, named by rule and date. */
export function downloadRecord(which: 'values' | 'ledger' | 'xlsx', source: RecordSource): void {
  const name = (ext: string): string => `${source.settlement.rule.id || 'settlement'}-${new Date().toISOString().slice(0, 10)}.${ext}`;
  if (which === 'xlsx') download(name('xlsx'), recordXlsx(source), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  else download(name(which === 'values' ? 'csv' : 'ledger.csv'), which === 'values' ? valuesCsv(source) : ledgerCsv(source), 'text/csv;charset=utf-8');
}

/** Dragging a save button out of the browser saves the file there (Chromium's DownloadURL). */
export function dragOutJson(e: DragEvent, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  e.dataTransfer?.setData('DownloadURL', `application/json:${name}:${url}`);
  e.dataTransfer?.setData('text/plain', text);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
