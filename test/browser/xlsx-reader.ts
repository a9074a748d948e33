/**
 * Reads the worksheets of an .xlsx file for the browser tests, independently of the
 * playground's own reader (playground/src/xlsx.ts): fflate unzips, and the cells are taken from
 * the sheet XML by pattern. Enough for the workbooks the playground writes (inline strings and
 * number cells); every cell keeps its style index, so a test can check the money format.
 */
import { strFromU8, unzipSync } from 'fflate';

export interface XlsxCell {
  readonly ref: string;
  /** The cell's text: an inline string, or a number cell's stored digits. */
  readonly value: string;
  readonly type: 'text' | 'number';
  /** The style index (`s`), 0 when none. */
  readonly style: number;
}

export interface XlsxSheet {
  readonly name: string;
  /** Rows of cells by column letter position (A = 0). */
  readonly rows: readonly (readonly (XlsxCell | undefined)[])[];
}

function unescapeXml(s: string): string {
  return s.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function column(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? 'A') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** Every worksheet, in workbook order, and the number format of each style index. */
export function readWorkbook(bytes: Uint8Array): { sheets: XlsxSheet[]; formats: string[] } {
  const parts = unzipSync(bytes);
  const part = (path: string): string => strFromU8(parts[path] ?? new Uint8Array());
  const names = [...part('xl/workbook.xml').matchAll(/<sheet name="([^"]*)"/g)].map((m) => unescapeXml(m[1] ?? ''));
  const sheets = names.map((name, i) => {
    const rows: (XlsxCell | undefined)[][] = [];
    for (const row of part(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row[^>]*>(.*?)<\/row>/g)) {
      const cells: (XlsxCell | undefined)[] = [];
      for (const c of (row[1] ?? '').matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
        const attrs = c[2] ?? '';
        const body = c[3] ?? '';
        const inline = /t="inlineStr"/.test(attrs);
        const value = inline ? unescapeXml(/<t[^>]*>(.*?)<\/t>/.exec(body)?.[1] ?? '') : (/<v>(.*?)<\/v>/.exec(body)?.[1] ?? '');
        cells[column(c[1] ?? 'A')] = { ref: c[1] ?? '', value, type: inline ? 'text' : 'number', style: Number(/s="(\d+)"/.exec(attrs)?.[1] ?? 0) };
      }
      rows.push(cells);
    }
    return { name, rows };
  });
  // cellXfs: the numFmtId of each style index (4 is Excel's built-in "#,##0.00").
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(part('xl/styles.xml'))?.[1] ?? '';
  const formats = [...xfs.matchAll(/<xf [^>]*numFmtId="(\d+)"/g)].map((m) => m[1] ?? '0');
  return { sheets, formats };
}

/** A sheet's rows as plain text values ('' for empty cells). */
export function values(sheet: XlsxSheet): string[][] {
  return sheet.rows.map((r) => Array.from(r, (c) => c?.value ?? ''));
}
