/**
 * The whole visible state in the URL hash, so a link reproduces exactly what its sender saw:
 * `#s=<base64url of deflate-raw of JSON>`. The browser's own CompressionStream does the
 * compression (no library, nothing leaves the page). Pure functions of their arguments.
 */
import type { Locale } from './i18n.js';

export type View = 'values' | 'flow' | 'ledger' | 'compare';
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

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const out = await new Response(blob.stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(out);
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

/** The hash (with its leading `#`) that carries `state`. */
export async function encodeState(state: SharedState): Promise<string> {
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
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

const VIEWS: readonly View[] = ['values', 'flow', 'ledger', 'compare'];

/** The state in a hash made by encodeState; undefined for any other hash or a damaged one. */
export async function decodeState(hash: string): Promise<SharedState | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Encoded>;
    if (doc.v !== VERSION || typeof doc.r !== 'string' || typeof doc.i !== 'string') return undefined;
    return {
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
  } catch {
    return undefined;
  }
}
