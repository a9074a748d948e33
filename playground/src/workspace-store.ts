/**
 * Workspaces kept in the browser's own database (IndexedDB), written by hand on the bare API —
 * a few promise wrappers, no library. A workspace is a summary (name, preset, rule title and
 * effective year, dates; listed without reading any text) and its two texts, in two stores
 * written in ONE transaction with the "last opened" pointer: a save either lands whole or not
 * at all (storage full or any failure aborts it, and the previous version stays). Failures come
 * back as typed problems the page explains; nothing here throws at its caller.
 */
import type { Text } from './i18n.js';

/** What the list shows of a workspace. */
export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
  readonly preset: string | undefined;
  /** The rule file's title and `version` (its effective year), read from its text. */
  readonly title: Text | undefined;
  readonly version: string | undefined;
  /** ISO 8601. */
  readonly created: string;
  readonly updated: string;
}

/** The documents of a workspace. */
export interface WorkspaceTexts {
  readonly rule: { readonly file: string; readonly text: string };
  readonly input: { readonly file: string; readonly text: string };
}

export type Workspace = WorkspaceSummary & WorkspaceTexts;

/** Why the store could not do what was asked. */
export type StoreProblem =
  /** No IndexedDB (a private window, a browser setting, a sandboxed frame). */
  | { readonly code: 'storage_unavailable'; readonly detail: string }
  /** The browser's storage for this page is full (QuotaExceededError). */
  | { readonly code: 'storage_full'; readonly detail: string }
  | { readonly code: 'storage_failed'; readonly detail: string };

export type Stored<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: StoreProblem };

const DB_NAME = 'yibao-settle';
const DB_VERSION = 1;
const SUMMARIES = 'workspaces';
const TEXTS = 'texts';
const META = 'meta';

function problemOf(error: unknown, fallback: StoreProblem['code'] = 'storage_failed'): StoreProblem {
  const name = error instanceof DOMException ? error.name : error instanceof Error ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? `${name}: ${error.message}` : String(error);
  if (name === 'QuotaExceededError') return { code: 'storage_full', detail };
  if (name === 'SecurityError' || name === 'InvalidStateError') return { code: 'storage_unavailable', detail };
  return { code: fallback, detail };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new DOMException('request failed', 'UnknownError'));
  });
}

/** Runs `work` in one transaction; resolves when it commits, rejects (nothing written) when it aborts. */
function transaction<T>(db: IDBDatabase, stores: readonly string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
  return new Promise((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction([...stores], mode);
    } catch (e) {
      reject(e);
      return;
    }
    let result: T;
    let failure: unknown;
    tx.oncomplete = () => (failure === undefined ? resolve(result) : reject(failure));
    tx.onabort = () => reject(failure ?? tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    tx.onerror = () => {
      failure ??= tx.error;
    };
    Promise.resolve()
      .then(() => work(tx))
      .then(
        (r) => {
          result = r;
        },
        (e: unknown) => {
          // A put that throws at once (quota, a value that cannot be stored): undo everything.
          failure = e;
          try {
            tx.abort();
          } catch {
            // already finished or aborted
          }
        },
      );
  });
}

export class WorkspaceStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (and on first use creates) the database; a problem when the browser offers none. */
  static async open(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<Stored<WorkspaceStore>> {
    if (!factory) return { ok: false, problem: { code: 'storage_unavailable', detail: 'indexedDB is not available' } };
    try {
      const open = factory.open(DB_NAME, DB_VERSION);
      open.onupgradeneeded = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(SUMMARIES)) db.createObjectStore(SUMMARIES, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(TEXTS)) db.createObjectStore(TEXTS, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
      };
      const db = await request(open);
      return { ok: true, value: new WorkspaceStore(db) };
    } catch (e) {
      return { ok: false, problem: problemOf(e, 'storage_unavailable') };
    }
  }

  private async run<T>(stores: readonly string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<Stored<T>> {
    try {
      return { ok: true, value: await transaction(this.db, stores, mode, work) };
    } catch (e) {
      return { ok: false, problem: problemOf(e) };
    }
  }

  /** Every workspace, the most recently changed first (summaries only). */
  list(): Promise<Stored<WorkspaceSummary[]>> {
    return this.run([SUMMARIES], 'readonly', async (tx) => {
      const all = await request(tx.objectStore(SUMMARIES).getAll() as IDBRequest<WorkspaceSummary[]>);
      return all.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
    });
  }

  /** One workspace with its texts, or undefined when there is none by that id. */
  get(id: string): Promise<Stored<Workspace | undefined>> {
    return this.run([SUMMARIES, TEXTS], 'readonly', async (tx) => {
      const [summary, texts] = await Promise.all([
        request(tx.objectStore(SUMMARIES).get(id) as IDBRequest<WorkspaceSummary | undefined>),
        request(tx.objectStore(TEXTS).get(id) as IDBRequest<(WorkspaceTexts & { id: string }) | undefined>),
      ]);
      return summary && texts ? { ...summary, rule: texts.rule, input: texts.input } : undefined;
    });
  }

  /** The id of the workspace opened last (what a new tab restores). */
  last(): Promise<Stored<string | undefined>> {
    return this.run([META], 'readonly', (tx) => request(tx.objectStore(META).get('last') as IDBRequest<string | undefined>));
  }

  /** Writes a workspace whole — summary, texts and the "last" pointer in one transaction. */
  save(w: Workspace): Promise<Stored<void>> {
    return this.run([SUMMARIES, TEXTS, META], 'readwrite', (tx) => {
      const { rule, input, ...summary } = w;
      tx.objectStore(SUMMARIES).put(summary);
      tx.objectStore(TEXTS).put({ id: w.id, rule, input });
      tx.objectStore(META).put(w.id, 'last');
    });
  }

  /** Renames a workspace (its texts are untouched). */
  rename(id: string, name: string): Promise<Stored<void>> {
    return this.run([SUMMARIES], 'readwrite', async (tx) => {
      const store = tx.objectStore(SUMMARIES);
      const summary = await request(store.get(id) as IDBRequest<WorkspaceSummary | undefined>);
      if (summary) store.put({ ...summary, name, updated: new Date().toISOString() });
    });
  }

  /** Deletes a workspace and its texts together. */
  delete(id: string): Promise<Stored<void>> {
    return this.run([SUMMARIES, TEXTS, META], 'readwrite', async (tx) => {
      tx.objectStore(SUMMARIES).delete(id);
      tx.objectStore(TEXTS).delete(id);
      const meta = tx.objectStore(META);
      if ((await request(meta.get('last') as IDBRequest<string | undefined>)) === id) meta.delete('last');
    });
  }
}

/** A new workspace id: time and randomness, unique enough for one browser's list. */
export function newWorkspaceId(): string {
  return `${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(2)).reduce((s, x) => s + x.toString(36), '')}`;
}
