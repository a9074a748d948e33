/**
 * The smallest XLSX (Office Open XML) writer and reader the playground needs, on top of fflate's
 * zip. Why not a spreadsheet library: SheetJS's npm package (`xlsx` 0.18.5) is no longer updated
 * on npm and has published advisories, and ExcelJS adds about a megabyte for features we do not
 * use; a workbook of a few plain sheets is five small XML parts in a zip, and fflate (8 kB, no
 * dependencies, widely used) is the zip. Figures go in exactly as the engine printed them: money
 * as a number cell with the printed digits (at most 15 significant digits, which a spreadsheet
 * holds exactly) and the `#,##0.00` format; anything longer is written as text.
 */
import { strToU8, strFromU8, zipSync, unzipSync } from 'fflate';

export type Cell =
  | { readonly text: string }
  /** Printed decimal text, written verbatim as the cell's value. */
  | { readonly decimal: string; readonly money?: boolean };

export interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = (n - 1 - ((n - 1) % 26)) / 26) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Whether printed decimal text fits a spreadsheet number exactly (≤ 15 significant digits). */
function fitsNumberCell(text: string): boolean {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return false;
  return text.replace(/[-.]/g, '').replace(/^0+/, '').length <= 15;
}

function cellXml(cell: Cell, ref: string): string {
  if ('decimal' in cell && fitsNumberCell(cell.decimal)) {
    return `<c r="${ref}"${cell.money === true ? ' s="1"' : ''}><v>${cell.decimal}</v></c>`;
  }
  const text = 'decimal' in cell ? cell.decimal : cell.text;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function sheetXml(sheet: Sheet): string {
  const rows = sheet.rows
    .map((row, r) => `<row r="${r + 1}">${row.map((cell, c) => cellXml(cell, `${columnName(c)}${r + 1}`)).join('')}</row>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetData>${rows}</sheetData></worksheet>`
  );
}

/** A workbook with one worksheet per sheet, as the bytes of an .xlsx file. */
export function buildXlsx(sheets: readonly Sheet[]): Uint8Array {
  const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      header +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      header +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      header +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name.slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      header +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ),
    'xl/styles.xml': strToU8(
      header +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        // numFmtId 4 is the built-in "#,##0.00".
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>',
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s));
  });
  return zipSync(files, { level: 6 });
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The first worksheet of an .xlsx file as rows of cell text. A number cell gives the text the
 * file stored, unchanged (the engine decides whether it is a valid amount).
 */
export function readXlsx(bytes: Uint8Array): string[][] {
  const files = unzipSync(bytes);
  const xml = (path: string): Document | undefined => {
    const data = files[path];
    return data ? new DOMParser().parseFromString(strFromU8(data), 'application/xml') : undefined;
  };
  const shared = [...(xml('xl/sharedStrings.xml')?.getElementsByTagName('si') ?? [])].map((si) =>
    [...si.getElementsByTagName('t')].map((node) => node.textContent ?? '').join(''),
  );
  // The first sheet of the workbook, through its relationship.
  const firstSheet = xml('xl/workbook.xml')?.getElementsByTagName('sheet')[0];
  const relId = firstSheet?.getAttribute('r:id') ?? firstSheet?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
  const rel = [...(xml('xl/_rels/workbook.xml.rels')?.getElementsByTagName('Relationship') ?? [])].find((r) => r.getAttribute('Id') === relId);
  const target = rel?.getAttribute('Target') ?? 'worksheets/sheet1.xml';
  const sheet = xml(target.startsWith('/') ? target.slice(1) : `xl/${target}`) ?? xml('xl/worksheets/sheet1.xml');
  const rows: string[][] = [];
  for (const row of sheet?.getElementsByTagName('row') ?? []) {
    const cells: string[] = [];
    for (const c of row.getElementsByTagName('c')) {
      const type = c.getAttribute('t');
      const v = c.getElementsByTagName('v')[0]?.textContent ?? '';
      const text =
        type === 's'
          ? (shared[Number.parseInt(v, 10)] ?? '')
          : type === 'inlineStr'
            ? [...c.getElementsByTagName('t')].map((n) => n.textContent ?? '').join('')
            : v;
      cells[columnIndex(c.getAttribute('r') ?? '')] = text;
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return rows;
}
