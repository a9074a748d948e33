/**
 * Keeps the page's work in a workspace (workspace-store.ts): autosaves the rule and input a
 * moment after each change, restores the last workspace in a new tab (a reload keeps its own,
 * through sessionStorage), and opens, renames, duplicates, deletes, exports and imports
 * workspaces for <workspace-list>. A preset that was only looked at is not saved; anything the
 * person changed, opened or imported is. When the browser cannot store (private mode, storage
 * full) the problem stays on screen, in both languages, until a save succeeds again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findNodeAtLocation } from 'jsonc-parser';
import { compareWithBundle, makeBundle, readBundle, type Bundle, type Result, type Settlement } from 'yibao-settle';
import { jsonTree } from './json-edit.js';
import { t, type Locale, type Text } from './i18n.js';
import { newWorkspaceId, WorkspaceStore, type StoreProblem, type Workspace, type WorkspaceSummary, type WorkspaceTexts } from './workspace-store.js';

/** Wait after the last change before saving (typing produces a change per key). */
const SAVE_DEBOUNCE_MS = 400;
/** Where a tab remembers its workspace across reloads. */
const SESSION_KEY = 'yibao-settle.workspace';

/** This tab's workspace id in sessionStorage; a browser that refuses storage gets none, not an error. */
const tabSession = {
  get(): string | null {
    try {
      return sessionStorage.getItem(SESSION_KEY);
    } catch {
      return null;
    }
  },
  set(id: string | null): void {
    try {
      if (id === null) sessionStorage.removeItem(SESSION_KEY);
      else sessionStorage.setItem(SESSION_KEY, id);
    } catch {
      // a reload then starts from the last workspace instead
    }
  },
};

/** What the page holds that a workspace keeps. */
export interface Snapshot extends WorkspaceTexts {
  readonly preset: string | undefined;
}

/** The page, as the controller sees it. */
export interface WorkspaceHost extends ReactiveControllerHost {
  snapshot(): Snapshot;
  /** Puts a workspace's texts on the page and settles them. */
  openTexts(w: Workspace): void;
  /** A short message for the status line. */
  notify(message: string): void;
  readonly locale: Locale;
}

/**
 * The rule file's title and when it is in force, read from its text for the list: its
 * `effective` dates (`2025-01-01 – …`) where it gives them, else its `version` (a year).
 */
export function ruleMeta(ruleText: string): { title: Text | undefined; version: string | undefined } {
  const tree = jsonTree(ruleText);
  const at = (...path: string[]): string | undefined => {
    const n = tree && findNodeAtLocation(tree, path);
    return n?.type === 'string' ? (n.value as string) : undefined;
  };
  const zh = at('title', 'zh');
  const en = at('title', 'en');
  const from = at('effective', 'from');
  const version = from !== undefined ? `${from} – ${at('effective', 'to') ?? '…'}` : at('version');
  return { title: zh !== undefined || en !== undefined ? { zh: zh ?? en ?? '', en: en ?? zh ?? '' } : undefined, version };
}

/**
 * The list in the order chosen: the latest changed first, or by when each is in force, the latest
 * first (a year and an ISO date compare as text: "2025-01-01 – …" after "2019"); a workspace that
 * says nothing of it goes last.
 */
export function orderWorkspaces<W extends { readonly version: string | undefined; readonly updated: string }>(list: readonly W[], by: 'updated' | 'inForce'): W[] {
  const newest = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);
  return [...list].sort((a, b) => {
    if (by === 'inForce') {
      if (a.version === undefined || b.version === undefined) {
        if (a.version !== b.version) return a.version === undefined ? 1 : -1;
      } else if (a.version !== b.version) return newest(a.version, b.version);
    }
    return newest(a.updated, b.updated);
  });
}

const same = (a: Snapshot, b: Snapshot): boolean =>
  a.rule.text === b.rule.text && a.input.text === b.input.text && a.rule.file === b.rule.file && a.input.file === b.input.file;

export class WorkspaceController implements ReactiveController {
  /** Every stored workspace, newest first (refreshed after each save). */
  list: readonly WorkspaceSummary[] = [];
  /** The workspace on the page (saved or not yet). */
  current: { id: string; name: string; created: string; saved: boolean } = { id: newWorkspaceId(), name: '', created: new Date().toISOString(), saved: false };
  /** The time of the last successful save, for the status line. */
  savedAt: Date | undefined;
  /** Why the last save (or opening the database) failed; cleared by the next success. */
  problem: StoreProblem | undefined;
  /** A bundle just imported, to be checked against its first settlement. */
  private check: Bundle | undefined;
  /** What the last check of an imported bundle found (fingerprints, stored figures). */
  checked: { readonly name: string; readonly issues: readonly { code: string; text: Text }[] } | undefined;

  private store: Promise<WorkspaceStore | undefined> | undefined;
  /** What the page showed when the workspace began: unchanged, a new workspace is not saved. */
  private origin: Snapshot | undefined;
  /** Nothing is saved before the page has its first content (a preset, a link, a restored workspace). */
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Counts every change of what the controller shows, so elements given it re-render. */
  revision = 0;
  /** This tab's workspace before the page began anything (a reload continues it). */
  private readonly tabWorkspace = tabSession.get();

  constructor(private readonly host: WorkspaceHost) {
    host.addController(this);
  }

  private touch(): void {
    this.revision++;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.store ??= WorkspaceStore.open().then((r) => {
      if (r.ok) return r.value;
      this.fail(r.problem);
      return undefined;
    });
    void this.refresh();
  }

  private fail(problem: StoreProblem): void {
    this.problem = problem;
    this.touch();
  }

  /** The message for a storage problem, in `locale`. */
  problemText(locale: Locale): string {
    const p = this.problem;
    if (!p) return '';
    return t(locale, p.code === 'storage_full' ? 'storageFull' : p.code === 'storage_unavailable' ? 'storageUnavailable' : 'storageFailed');
  }

  private async refresh(): Promise<void> {
    const store = await this.store;
    if (!store) return;
    const r = await store.list();
    if (r.ok) this.list = r.value;
    this.touch();
  }

  /**
   * The page starts on new content (a preset, a share link, a file): a new workspace, saved
   * once the content is changed — or at once (`save`), for a file or an import.
   */
  begin(name: string, save = false): void {
    clearTimeout(this.timer);
    this.started = true;
    this.current = { id: newWorkspaceId(), name, created: new Date().toISOString(), saved: false };
    // Not this tab's workspace until it is saved: a reload before that must not write into the old one.
    tabSession.set(null);
    this.origin = save ? undefined : this.host.snapshot();
    if (save) this.changed();
  }

  /** Restores this tab's workspace (a reload) or, in a new tab, the one opened last; false if none. */
  async restore(): Promise<boolean> {
    const store = await this.store;
    if (!store) return false;
    const last = await store.last();
    const id = this.tabWorkspace ?? (last.ok ? last.value : undefined);
    if (id === undefined) return false;
    const w = await store.get(id);
    if (!w.ok || !w.value) return false;
    this.show(w.value);
    return true;
  }

  /** After a reload from a share link: keep saving into this tab's workspace if it has one. */
  async attach(): Promise<void> {
    const id = this.tabWorkspace;
    const store = await this.store;
    if (id === null || !store) return;
    const w = await store.get(id);
    if (!w.ok || !w.value) return;
    this.current = { id: w.value.id, name: w.value.name, created: w.value.created, saved: true };
    tabSession.set(id);
    this.touch();
  }

  private show(w: Workspace): void {
    this.flush();
    this.started = true;
    this.current = { id: w.id, name: w.name, created: w.created, saved: true };
    tabSession.set(w.id);
    this.host.openTexts(w);
    this.origin = this.host.snapshot();
    this.touch();
  }

  /** The page's content changed: save soon, unless it is still exactly what was opened and never saved. */
  changed(): void {
    if (!this.started) return;
    const now = this.host.snapshot();
    if (!this.current.saved && this.origin && same(now, this.origin)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), SAVE_DEBOUNCE_MS);
  }

  /**
   * A save still waiting for its moment is made now — called before the page's content is
   * replaced (a preset, a file, another workspace), so the last keystrokes are not lost.
   */
  flush(): void {
    if (this.timer === undefined) return;
    void this.save();
  }

  /** Saves the page now, as one transaction. What is saved is taken at the call, before any wait. */
  async save(): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const snap = this.host.snapshot();
    const current = this.current;
    const store = await this.store;
    if (!store) return false;
    const meta = ruleMeta(snap.rule.text);
    const name = current.name || meta.title?.zh || snap.rule.file;
    const w: Workspace = { id: current.id, name, preset: snap.preset, ...meta, created: current.created, updated: new Date().toISOString(), rule: snap.rule, input: snap.input };
    const r = await store.save(w);
    if (!r.ok) {
      this.fail(r.problem);
      return false;
    }
    // The page may have moved on to another workspace meanwhile: only the one saved is marked.
    if (this.current.id === current.id) {
      this.current = { ...this.current, name, saved: true };
      tabSession.set(w.id);
    }
    this.problem = undefined;
    this.savedAt = new Date();
    await this.refresh();
    return true;
  }

  async open(id: string): Promise<void> {
    const store = await this.store;
    const w = await store?.get(id);
    if (w?.ok && w.value) this.show(w.value);
    else if (w && !w.ok) this.fail(w.problem);
  }

  async rename(id: string, name: string): Promise<void> {
    const store = await this.store;
    const r = await store?.rename(id, name);
    if (r && !r.ok) return this.fail(r.problem);
    if (id === this.current.id) this.current = { ...this.current, name };
    await this.refresh();
  }

  /** A copy under a new name ("… 副本"), which becomes the workspace on the page. */
  async duplicate(id: string): Promise<void> {
    const store = await this.store;
    const w = await store?.get(id);
    if (!store || !w?.ok || !w.value) return;
    const now = new Date().toISOString();
    const copy: Workspace = { ...w.value, id: newWorkspaceId(), name: `${w.value.name} ${t(this.host.locale, 'copySuffix')}`, created: now, updated: now };
    const r = await store.save(copy);
    if (!r.ok) return this.fail(r.problem);
    await this.refresh();
    this.show(copy);
  }

  async remove(id: string): Promise<void> {
    const store = await this.store;
    const r = await store?.delete(id);
    if (r && !r.ok) return this.fail(r.problem);
    // The page keeps its content; it is a workspace again once it changes.
    if (id === this.current.id) this.begin(this.current.name);
    await this.refresh();
  }

  /** The workspace on the page as a `.yibao.json` bundle, with the figures of `settlement` if they are current. */
  bundle(settlement: Settlement | undefined): { name: string; text: string } {
    const snap = this.host.snapshot();
    const name = this.current.name || ruleMeta(snap.rule.text).title?.zh || 'workspace';
    const b = makeBundle({ name, preset: snap.preset, savedAt: new Date().toISOString(), rule: snap.rule, input: snap.input, settlement });
    return { name: `${name.replace(/[\\/:*?"<>|\s]+/g, '-')}.yibao.json`, text: `${JSON.stringify(b, null, 2)}\n` };
  }

  /**
   * Opens a `.yibao.json` file as a new workspace (saved at once); its fingerprints and stored
   * figures are checked against the first settlement (see settled()).
   */
  importBundle(text: string, file: string): Result<Bundle> {
    const r = readBundle(text, file);
    if (!r.ok) return r;
    const b = r.value;
    const now = new Date().toISOString();
    this.check = b;
    this.checked = undefined;
    this.show({ id: newWorkspaceId(), name: b.name || file, preset: b.preset, title: undefined, version: undefined, created: now, updated: now, rule: { file: b.rule.file, text: b.rule.text }, input: { file: b.input.file, text: b.input.text } });
    this.current = { ...this.current, saved: false };
    this.origin = undefined;
    this.changed();
    return r;
  }

  /** A settlement arrived: an imported bundle is checked against it once. */
  settled(s: Settlement): void {
    const b = this.check;
    if (!b) return;
    this.check = undefined;
    const issues = compareWithBundle(b, s, b.name).map((i) => ({ code: i.code, text: i.message }));
    this.checked = { name: b.name, issues };
    const L = this.host.locale;
    this.host.notify(issues.length === 0 ? `✓ ${b.name}：${t(L, 'bundleVerified')}` : `✗ ${b.name}：${t(L, 'bundleMismatch')} ${issues.map((i) => i.text[L]).join('；')}`);
    this.touch();
  }
}
