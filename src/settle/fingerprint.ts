/**
 * SHA-256 of a text's UTF-8 bytes, as hex. Synchronous, so a fingerprint is the same in Node, a
 * Worker and the CLI; it identifies the exact rule file and input an auditor saw. Node's own
 * hash does the work where there is one (about ten times faster on a settlement input); a
 * browser Worker uses the dependency-free JavaScript below, which gives the same digest.
 */
// Stored as signed 32-bit words, like every other value in the rounds (see below).
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const ENCODER = new TextEncoder();

/** The implementation in use, chosen on the first call. */
let hashText: ((text: string) => string) | undefined;

/** SHA-256 of the UTF-8 bytes of `text` as lowercase hex. */
export function sha256Hex(text: string): string {
  hashText ??= nativeSha256Hex() ?? sha256HexJs;
  return hashText(text);
}

/** The subset of node:crypto used here, typed locally so the module needs no Node types. */
interface NodeCrypto {
  hash?: (algorithm: 'sha256', data: string, outputEncoding: 'hex') => string;
  createHash?: (algorithm: 'sha256') => { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * Node's SHA-256, found without importing node:crypto: this module is also bundled for a
 * browser Worker, where a static import cannot load and a dynamic one is refused on purpose
 * (test/security.test.ts). Undefined where there is no Node (or a Node older than 20.16).
 *
 * Node encodes a string as UTF-8 the way TextEncoder does, lone surrogates becoming U+FFFD,
 * so both paths hash the same bytes (fingerprint.test.ts checks it).
 */
export function nativeSha256Hex(): ((text: string) => string) | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  if (typeof crypto?.hash === 'function') {
    // One call, no Hash object: the fastest form for a short text (Node >= 20.12).
    const hash = crypto.hash;
    return (text) => hash('sha256', text, 'hex');
  }
  if (typeof crypto?.createHash === 'function') {
    const createHash = crypto.createHash;
    return (text) => createHash('sha256').update(text, 'utf8').digest('hex');
  }
  return undefined;
}

/** The dependency-free SHA-256, for where Node's is not there. */
export function sha256HexJs(text: string): string {
  const bytes = ENCODER.encode(text);
  const bitLen = bytes.length * 8;
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  // Signed 32-bit arithmetic (| 0) keeps every value a small integer for the JIT.
  const h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number;
    let b = h[1] as number;
    let c = h[2] as number;
    let d = h[3] as number;
    let e = h[4] as number;
    let f = h[5] as number;
    let g = h[6] as number;
    let hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
  let out = '';
  for (let i = 0; i < 8; i++) out += ((h[i] as number) >>> 0).toString(16).padStart(8, '0');
  return out;
}
