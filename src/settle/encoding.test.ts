/**
 * CSV bytes as Chinese Excel and other tools save them. The GB18030 bytes below were written by
 * iconv (`printf 编号 | iconv -f utf-8 -t gb18030`), a second encoder, not by this code.
 */
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './encoding.js';

const hex = (h: string): number[] => h.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
const GBK: Readonly<Record<string, number[]>> = {
  编号: hex('b1e0bac5'),
  层级: hex('b2e3bcb6'),
  医保基金支出: hex('d2bdb1a3bbf9bdf0d6a7b3f6'),
  分配权重: hex('b7d6c5e4c8a8d6d8'),
  县级: hex('cfd8bcb6'),
};
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const comma = ascii(',');
/** 编号,层级,医保基金支出,分配权重\nH1,县级,"1,000.00",60\n in GB18030. */
const gbkCsv = Uint8Array.from([
  ...(GBK['编号'] as number[]), ...comma, ...(GBK['层级'] as number[]), ...comma, ...(GBK['医保基金支出'] as number[]), ...comma, ...(GBK['分配权重'] as number[]), 0x0a,
  ...ascii('H1,'), ...(GBK['县级'] as number[]), ...ascii(',"1,000.00",60\n'),
]);
const TEXT = '编号,层级,医保基金支出,分配权重\nH1,县级,"1,000.00",60\n';

describe('decodeCsvBytes', () => {
  it('UTF-8 with and without a byte-order mark', () => {
    const bytes = new TextEncoder().encode(TEXT);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, value: { text: TEXT, encoding: 'utf-8', bom: false } });
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ ok: true, value: { text: TEXT, encoding: 'utf-8', bom: true } });
  });

  it('GB18030 is refused by default and read with auto or gb18030', () => {
    const strict = decodeCsvBytes(gbkCsv, { file: 'm.csv' });
    expect(strict.ok ? '' : strict.issues[0]).toMatchObject({ code: 'file_not_text', file: 'm.csv' });
    for (const encoding of ['auto', 'gb18030'] as const) {
      expect(decodeCsvBytes(gbkCsv, { encoding })).toEqual({ ok: true, value: { text: TEXT, encoding: 'gb18030', bom: false } });
    }
  });

  it('UTF-8 stays UTF-8 under auto (it would decode as GB18030 into other characters)', () => {
    const bytes = new TextEncoder().encode(TEXT);
    expect(decodeCsvBytes(bytes, { encoding: 'gb18030' })).toEqual({ ok: true, value: { text: TEXT, encoding: 'utf-8', bom: false } });
  });

  it('UTF-16 with a byte-order mark, little and big endian (Excel "Unicode text")', () => {
    const le = [0xff, 0xfe, ...[...TEXT].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
    const be = [0xfe, 0xff, ...[...TEXT].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])];
    expect(decodeCsvBytes(Uint8Array.from(le), { encoding: 'auto' })).toEqual({ ok: true, value: { text: TEXT, encoding: 'utf-16le', bom: true } });
    expect(decodeCsvBytes(Uint8Array.from(be), { encoding: 'auto' })).toEqual({ ok: true, value: { text: TEXT, encoding: 'utf-16be', bom: true } });
    expect(decodeCsvBytes(Uint8Array.from(le)).ok).toBe(false);
  });

  it('bytes that are no text in any of them are refused, never replaced', () => {
    for (const bytes of [[0x81, 0x0a], [0xff, 0x41, 0xff], [0x41, 0x00, 0x42], [0xef, 0xbb, 0xbf, 0xff]]) {
      const r = decodeCsvBytes(Uint8Array.from(bytes), { encoding: 'auto' });
      expect(r.ok ? 'decoded' : r.issues[0].code).toBe('file_not_text');
    }
    const misuse = decodeCsvBytes('text' as unknown as Uint8Array);
    expect(misuse.ok ? '' : misuse.issues[0].code).toBe('wrong_type');
  });
});

