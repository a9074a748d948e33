/**
 * A fingerprint must not depend on where it was computed: Node's native SHA-256 (CLI, server)
 * and the JavaScript one (browser Worker) give the same hex for every text, including texts
 * that are not well-formed UTF-16.
 */
import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nativeSha256Hex, sha256Hex, sha256HexJs } from './fingerprint.js';

const native = nativeSha256Hex();

// FIPS 180-2 examples and other well-known digests.
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  [
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
  ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

/** Every way a text can be hashed here; each must give the same digest. */
const paths = (): [string, (text: string) => string][] => [
  ['sha256Hex', sha256Hex],
  ['JavaScript', sha256HexJs],
  ['native', native as (text: string) => string],
];

/** UTF-16 code units of every kind: ASCII, CJK, astral pairs, lone surrogates, BOM, controls. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\uFEFF', '\u0000', '医', '保', '😀', '\r\n'),
);

describe('sha256Hex', () => {
  it('runs natively in Node', () => {
    expect(native).toBeTypeOf('function');
  });

  it.each(VECTORS.map(([text, hex]) => [text.length > 60 ? `${text.slice(0, 20)}… (${text.length})` : JSON.stringify(text), text, hex]))(
    'gives the known digest of %s on every path',
    (_, text, hex) => {
      for (const [name, hash] of paths()) expect(hash(text), name).toBe(hex);
    },
  );

  it('hashes a lone surrogate as U+FFFD, as TextEncoder encodes it, on every path', () => {
    const replaced = nodeCrypto.createHash('sha256').update(Buffer.from([0xef, 0xbf, 0xbd])).digest('hex');
    for (const [name, hash] of paths()) {
      expect(hash('\uD800'), name).toBe(replaced);
      expect(hash('\uDC00'), name).toBe(replaced);
      expect(hash('a\uD83Db'), name).toBe(hash('a\uFFFDb'));
      // A pair is one astral character, not two replacements.
      expect(hash('\uD83D\uDE00'), name).not.toBe(hash('\uFFFD\uFFFD'));
    }
  });

  it('agrees across paths around the block boundaries (55, 56, 63, 64, 65, 119, 128 bytes)', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
      const ascii = 'x'.repeat(length);
      expect(sha256HexJs(ascii), `${length}`).toBe(native?.(ascii));
      // Three-byte characters move the byte boundaries off the character ones.
      const cjk = '医'.repeat(length);
      expect(sha256HexJs(cjk), `${length} CJK`).toBe(native?.(cjk));
    }
  });

  it('agrees across paths on random texts, short and multi-block', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), (text) => {
        const js = sha256HexJs(text);
        expect(native?.(text)).toBe(js);
        expect(sha256Hex(text)).toBe(js);
        expect(js).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with hashing the UTF-8 bytes Buffer.from makes', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        expect(sha256HexJs(text)).toBe(nodeCrypto.createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
      }),
    );
  });
});

describe('nativeSha256Hex', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('falls back to createHash where crypto.hash is missing, with the same digests', () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue({ createHash: nodeCrypto.createHash });
    const viaCreateHash = nativeSha256Hex();
    expect(viaCreateHash).toBeTypeOf('function');
    for (const [text, hex] of VECTORS) expect(viaCreateHash?.(text)).toBe(hex);
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        expect(viaCreateHash?.(text)).toBe(sha256HexJs(text));
      }),
      { numRuns: 500 },
    );
  });

  it('is undefined where there is no Node crypto (a browser Worker), so the JavaScript runs', () => {
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    expect(nativeSha256Hex()).toBeUndefined();
    vi.stubGlobal('process', undefined);
    try {
      expect(nativeSha256Hex()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
