/**
 * The whole visible state in the URL hash, so a link reproduces exactly what its sender saw:
 * `#s=<base64url of deflate-raw of JSON>`. The browser's own CompressionStream does the
 * compression (no library, nothing leaves the page). Pure functions of their arguments.
 *
 * A link is input from anyone: its compressed and its inflated size are capped (LINK_LIMIT),
 * the inflating is read as a stream and stopped at the cap — a few kilobytes that inflate to
 * gigabytes fail in milliseconds instead of freezing the tab — and a state above the cap is
 * never written into a link (the workspace file carries it instead).
 */
import type { Locale } from './i18n.js';

export type View = 'values' | 'flow' | 'ledger' | 'rows' | 'compare' | 'rules' | 'whatif' | 'cases' | 'years';
export type EditorTab = 'params' | 'rule' | 'input' | 'grid';

export interface SharedState {
  readonly rule: { readonly file: string; readonly text: string };
  readonly input: { readonly file: string; readonly text: string };
  readonly figure: string | undefined;
  readonly locale: Locale;
  readonly view: View;
  readonly preset: string | undefined;
  /** The compare view's baseline: a preset id, or rules pinned earlier (their text travels too). */
  readonly compare?: { readonly baseline: string; readonly pinned: { readonly file: string; readonly text: string } | undefined };
}

const VERSION = 1;
const PREFIX = '#s=';

/** The largest state a link carries, in bytes of JSON, and so of its compressed form too. */
export const LINK_LIMIT = 2 * 1024 * 1024;

/** Why a share link was not opened. */
export type LinkProblem = 'too_large' | 'damaged';

/** A share link read: the state, or why it was refused. */
export type SharedRead = { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly problem: LinkProblem };

interface Encoded {
  v: number;
  rf: string;
  r: string;
  if: string;
  i: string;
  f?: string;
  l: Locale;
  w: View;
  p?: string;
  b?: string;
  bf?: string;
  bt?: string;
}

/**
 * Bytes through a (de)compression stream, read chunk by chunk; undefined as soon as more than
 * `limit` bytes came out (the stream is cancelled there, nothing more is inflated).
 */
async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array | undefined> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The hash (with its leading `#`) that carries `state`; undefined when the state is above LINK_LIMIT. */
export async function encodeState(state: SharedState): Promise<string | undefined> {
  const doc: Encoded = {
    v: VERSION,
    rf: state.rule.file,
    r: state.rule.text,
    if: state.input.file,
    i: state.input.text,
    l: state.locale,
    w: state.view,
    ...(state.figure !== undefined ? { f: state.figure } : {}),
    ...(state.preset !== undefined ? { p: state.preset } : {}),
    ...(state.compare ? { b: state.compare.baseline } : {}),
    ...(state.compare?.pinned ? { bf: state.compare.pinned.file, bt: state.compare.pinned.text } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(doc));
  if (json.length > LINK_LIMIT) return undefined;
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  return packed && PREFIX + toBase64Url(packed);
}

const VIEWS: readonly View[] = ['values', 'flow', 'ledger', 'rows', 'compare', 'rules', 'whatif', 'cases', 'years'];

/** The state in a hash made by encodeState; undefined for any other hash or a damaged one. */
export async function decodeState(hash: string): Promise<SharedState | undefined> {
  const r = await readSharedState(hash);
  return r?.ok ? r.state : undefined;
}

/**
 * A share link's state, or why it is refused: `too_large` when the link or what it inflates to
 * is above LINK_LIMIT, `damaged` when it is not a state encodeState made. Undefined for a hash
 * that is not a share link at all.
 */
export async function readSharedState(hash: string): Promise<SharedRead | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  const damaged = { ok: false, problem: 'damaged' } as const;
  // base64 takes 4 characters for 3 bytes: a longer link holds more than LINK_LIMIT compressed bytes.
  if (hash.length - PREFIX.length > Math.ceil((LINK_LIMIT * 4) / 3)) return { ok: false, problem: 'too_large' };
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'), LINK_LIMIT);
    if (!bytes) return { ok: false, problem: 'too_large' };
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Encoded>;
    if (doc === null || typeof doc !== 'object' || doc.v !== VERSION || typeof doc.r !== 'string' || typeof doc.i !== 'string') return damaged;
    const state: SharedState = {
      rule: { file: typeof doc.rf === 'string' ? doc.rf : 'rules.json', text: doc.r },
      input: { file: typeof doc.if === 'string' ? doc.if : 'input.json', text: doc.i },
      figure: typeof doc.f === 'string' ? doc.f : undefined,
      locale: doc.l === 'en' ? 'en' : 'zh',
      view: VIEWS.includes(doc.w as View) ? (doc.w as View) : 'values',
      preset: typeof doc.p === 'string' ? doc.p : undefined,
      ...(typeof doc.b === 'string' && (doc.b !== 'pinned' || typeof doc.bt === 'string')
        ? { compare: { baseline: doc.b, pinned: typeof doc.bt === 'string' ? { file: typeof doc.bf === 'string' ? doc.bf : 'rules.json', text: doc.bt } : undefined } }
        : {}),
    };
    return { ok: true, state };
  } catch {
    return damaged;
  }
}

/** Writes the state into the URL hash; undefined (and no hash) when it is too large for a link. */
export async function writeUrl(state: SharedState): Promise<string | undefined> {
  const hash = await encodeState(state);
  if (hash === undefined) {
    if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search);
    return undefined;
  }
  if (location.hash !== hash) history.replaceState(null, '', hash);
  return location.href;
}
