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

/** Excel's columns: A … XFD. */
const MAX_COLUMNS = 16_384;

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Limits of reading an .xlsx file someone sent: a workbook is a zip of XML parts, and a hostile
 * one can hold millions of entries or a few kilobytes that inflate to gigabytes (a zip bomb).
 * Each entry's declared size is checked before it is inflated (fflate then inflates into a
 * buffer of exactly that size, so a lying header cannot make it grow), and only the parts the
 * reader needs are inflated at all. A real workbook of 100,000 rows is far inside these.
 */
export const XLSX_LIMITS = {
  /** Entries in the zip (a workbook has a dozen or so; one per sheet, image, …). */
  entries: 10_000,
  /** Inflated bytes of any one part. */
  entryBytes: 64 * 1024 * 1024,
  /** Inflated bytes of the parts read, together. */
  totalBytes: 128 * 1024 * 1024,
  /** Inflated ÷ compressed size of a part above 1 MB (XML compresses 5–30×; bombs 1000×). */
  ratio: 200,
} as const;

/** Why an .xlsx file was not read, with the figures that decided it. */
export type XlsxProblem =
  | { readonly code: 'xlsx_not_zip' }
  | { readonly code: 'xlsx_too_many_entries'; readonly count: number; readonly limit: number }
  | { readonly code: 'xlsx_entry_too_large'; readonly entry: string; readonly size: number; readonly limit: number }
  | { readonly code: 'xlsx_too_large'; readonly size: number; readonly limit: number }
  | { readonly code: 'xlsx_ratio'; readonly entry: string; readonly ratio: number; readonly limit: number }
  /** A part declares a DTD or entities: workbooks never do; refused before any XML parser sees it. */
  | { readonly code: 'xlsx_doctype'; readonly entry: string }
  | { readonly code: 'xlsx_not_xml'; readonly entry: string };

const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Why an .xlsx file was refused, in words (zh or en), with its figures and code. */
export function xlsxProblemText(p: XlsxProblem, locale: 'zh' | 'en'): string {
  const zh = locale === 'zh';
  switch (p.code) {
    case 'xlsx_not_zip':
      return zh ? '不是有效的 Excel 工作簿（.xlsx 应为 zip 文件）' : 'not a valid Excel workbook (an .xlsx is a zip file)';
    case 'xlsx_too_many_entries':
      return zh ? `文件包含的部件超过 ${p.limit} 个，拒绝读取` : `the file holds more than ${p.limit} parts; refused`;
    case 'xlsx_entry_too_large':
      return zh ? `部件 ${p.entry} 解压后为 ${MB(p.size)}，超过上限 ${MB(p.limit)}` : `part ${p.entry} inflates to ${MB(p.size)}, above the limit of ${MB(p.limit)}`;
    case 'xlsx_too_large':
      return zh ? `工作簿解压后超过 ${MB(p.limit)}，拒绝读取` : `the workbook inflates to more than ${MB(p.limit)}; refused`;
    case 'xlsx_ratio':
      return zh ? `部件 ${p.entry} 的压缩比为 ${p.ratio} 倍（上限 ${p.limit} 倍），疑似“压缩炸弹”，拒绝读取` : `part ${p.entry} is compressed ${p.ratio}× (limit ${p.limit}×), like a zip bomb; refused`;
    case 'xlsx_doctype':
      return zh ? `部件 ${p.entry} 含有 DOCTYPE/ENTITY 声明（正常工作簿没有），为安全起见拒绝读取` : `part ${p.entry} declares a DOCTYPE or entities (workbooks never do); refused for safety`;
    case 'xlsx_not_xml':
      return zh ? `部件 ${p.entry} 不是有效的 XML` : `part ${p.entry} is not valid XML`;
  }
}

export type XlsxRead = { readonly ok: true; readonly rows: string[][] } | { readonly ok: false; readonly problem: XlsxProblem };

class Refused extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(problem.code);
  }
}

/** The parts the reader uses: the workbook, its relationships, the shared strings and the worksheets. */
const NEEDED = /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml)$/;

/** The parts of the zip the reader needs, inflated within XLSX_LIMITS; throws Refused. */
function unzipBounded(bytes: Uint8Array): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (++entries > XLSX_LIMITS.entries) throw new Refused({ code: 'xlsx_too_many_entries', count: entries, limit: XLSX_LIMITS.entries });
        if (!NEEDED.test(file.name)) return false;
        if (file.originalSize > XLSX_LIMITS.entryBytes) throw new Refused({ code: 'xlsx_entry_too_large', entry: file.name, size: file.originalSize, limit: XLSX_LIMITS.entryBytes });
        const ratio = file.originalSize / Math.max(1, file.size);
        if (file.originalSize > 1024 * 1024 && ratio > XLSX_LIMITS.ratio) throw new Refused({ code: 'xlsx_ratio', entry: file.name, ratio: Math.round(ratio), limit: XLSX_LIMITS.ratio });
        total += file.originalSize;
        if (total > XLSX_LIMITS.totalBytes) throw new Refused({ code: 'xlsx_too_large', size: total, limit: XLSX_LIMITS.totalBytes });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Refused) throw e;
    throw new Refused({ code: 'xlsx_not_zip' });
  }
}

/**
 * The first worksheet of an .xlsx file as rows of cell text, or why it was refused. A number
 * cell gives the text the file stored, unchanged (the engine decides whether it is a valid
 * amount). The zip is read within XLSX_LIMITS; an XML part with a DOCTYPE or ENTITY
 * declaration is refused before it is parsed, so no entity is ever expanded or fetched.
 */
export function readXlsx(bytes: Uint8Array): XlsxRead {
  try {
    return { ok: true, rows: readFirstSheet(unzipBounded(bytes)) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, problem: e.problem };
    throw e;
  }
}

function readFirstSheet(files: Record<string, Uint8Array>): string[][] {
  const xml = (path: string): Document | undefined => {
    const data = files[path];
    if (!data) return undefined;
    const text = strFromU8(data);
    if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw new Refused({ code: 'xlsx_doctype', entry: path });
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0) throw new Refused({ code: 'xlsx_not_xml', entry: path });
    return doc;
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
      const column = columnIndex(c.getAttribute('r') ?? '');
      // Beyond XFD (Excel's last column) a reference is hostile: it would make an array that long.
      if (column < MAX_COLUMNS) cells[column] = text;
    }
    rows.push(Array.from(cells, (x) => x ?? ''));
  }
  return rows;
}
