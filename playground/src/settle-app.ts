/**
 * `<settle-app>`: the coordinator. It owns the state (rule text, input text, file names,
 * language, selected figure, view), sends every change to the settle worker (debounced), keeps
 * the URL hash in step with the state, and routes events between the elements. It does no
 * arithmetic and does not touch Monaco. Light DOM, so <rule-editor> inside it gets Monaco's
 * global styles; its layout lives in app.css.
 */
import { LitElement, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import {
  type BaselineChosenEvent,
  type FigureSelectedEvent,
  type NoticeEvent,
  type ParameterEditEvent,
  type PresetChosenEvent,
  RevealInputEvent,
  RevealParameterEvent,
  type RevealSourceEvent,
  type TextEditedEvent,
  type DocumentKind,
} from './events.js';
import type { RecordSource } from './audit-record.js';
import { download, ledgerCsv, recordXlsx, valuesCsv } from './export.js';
import { t, type Locale } from './i18n.js';
import { labelFigures, type Labels } from './labels.js';
import { findPreset, presets, type Preset } from './presets.js';
import type { CasesChangedEvent } from './cases-view.js';
import type { ScenarioChangedEvent } from './years-view.js';
import { encodeState, type EditorTab, type LinkProblem, type SharedState, type View } from './url-state.js';
import { applyAll } from './json-edit.js';
import { parameterRows } from './parameters.js';
import { isModified, ruleChanges, type RuleChange } from './rule-changes.js';
import { WorkspaceController, type Snapshot } from './workspace-controller.js';
import type { Workspace } from './workspace-store.js';
import { importProblemText } from './workspace-list.js';
import { SettleController } from './worker-client.js';
import type { InputGrid } from './input-grid.js';
import type { PlacedIssue, RuleEditor } from './rule-editor.js';
import type { PrintView } from './print-view.js';
import type { ResultTable } from './result-table.js';
import type { RuleDescription, Settlement } from 'yibao-settle';
import { engineVersion } from 'yibao-settle';

/** Wait after the last keystroke before settling: long enough to skip mid-word states. */
export const SETTLE_DEBOUNCE_MS = 150;
/** Characters beyond which an opened input is shown in the table editor rather than as text. */
const LONG_INPUT = 100_000;
/** The performance mark set when the first settlement is on the page (read by the benchmark). */
export const FIRST_FIGURE_MARK = 'yibao:first-figure';
/** Wait before writing the URL hash (compressing the state on every key would be wasted). */
const URL_DEBOUNCE_MS = 400;

const VIEWS: readonly View[] = ['values', 'flow', 'ledger', 'compare', 'rules', 'whatif', 'cases', 'years'];
const VIEW_LABEL = { values: 'viewValues', flow: 'viewFlow', ledger: 'viewLedger', compare: 'viewCompare', rules: 'viewRules', whatif: 'viewWhatIf', cases: 'viewCases', years: 'viewYears' } as const;
const TABS: readonly EditorTab[] = ['params', 'rule', 'input', 'grid'];
const TAB_LABEL = { params: 'tabParams', rule: 'tabRule', input: 'tabInput', grid: 'tabGrid' } as const;

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export class SettleApp extends LitElement {
  @state() ruleText = '';
  @state() inputText = '';
  @state() ruleFile = 'rules.json';
  @state() inputFile = 'input.json';
  @state() preset: string | undefined;
  /** The scenario shown in the 多年度 view: the preset's own, or one edited or opened. */
  @state() scenario: { file: string; text: string } | undefined;
  /** The test cases shown in the 测试用例 view: the preset's own, or a cases file opened. */
  @state() cases: { file: string; text: string } | undefined;
  @state() locale: Locale = 'zh';
  @state() selected: string | undefined;
  @state() view: View = 'values';
  @state() editorTab: EditorTab = 'rule';
  @state() private notice = '';
  @state() private dragging = false;
  @state() private baseline: string | undefined;
  @state() private pinned: { file: string; text: string } | undefined;
  /** Why the share link the page was opened with was refused (until the next state is loaded). */
  @state() private linkProblem: LinkProblem | undefined;

  @query('rule-editor') private editor!: RuleEditor;
  @query('input-grid') private grid!: InputGrid;
  @query('result-table') private table!: ResultTable;
  @query('print-view') private printView!: PrintView;

  private readonly engine = new SettleController(this);
  /** Autosave, restore and the workspace list (IndexedDB). */
  readonly workspaces = new WorkspaceController(this);
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The rule in words of the last readable rule text, shown (dimmed) while the text has problems. */
  private words: { description: RuleDescription; ruleText: string } | undefined;
  /** The last successful settlement and its labels, shown (dimmed) while there are problems. */
  private shown: { settlement: Settlement; labels: Labels; ruleText: string; inputText: string } | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Puts the whole state in place (from a share link or a preset) and settles at once. */
  load(state: SharedState): void {
    this.workspaces.flush();
    this.ruleText = state.rule.text;
    this.ruleFile = state.rule.file;
    this.inputText = state.input.text;
    this.inputFile = state.input.file;
    this.locale = state.locale;
    this.view = state.view;
    this.selected = state.figure;
    this.preset = state.preset;
    this.baseline = state.compare?.baseline;
    this.pinned = state.compare?.pinned;
    this.linkProblem = undefined;
    this.settleNow();
    this.workspaces.begin(findPreset(state.preset)?.title.zh ?? '');
  }

  // ——— workspaces (see workspace-controller.ts) ———

  snapshot(): Snapshot {
    return { rule: { file: this.ruleFile, text: this.ruleText }, input: { file: this.inputFile, text: this.inputText }, preset: this.preset };
  }

  openTexts(w: Workspace): void {
    Object.assign(this, { ruleText: w.rule.text, ruleFile: w.rule.file, inputText: w.input.text, inputFile: w.input.file, preset: w.preset, selected: undefined });
    this.settleNow();
  }

  notify(message: string): void {
    this.say(message);
  }

  /** The rule text the change list compares with: the compare view's baseline, else the preset it came from. */
  private changeBaseline(forCompare: boolean): { file: string; text: string; name: string } | undefined {
    const choice = forCompare || this.baseline !== undefined ? this.baseline : this.preset;
    if (choice === 'pinned') return this.pinned ? { ...this.pinned, name: t(this.locale, 'comparePinned') } : undefined;
    const p = findPreset(choice);
    return p ? { file: p.ruleFile, text: p.ruleText, name: p.title[this.locale] } : undefined;
  }

  /** The baseline of the audit record: the compare view's, else the preset once the rule differs from it. */
  private recordBaseline(): { file: string; text: string } | undefined {
    if (this.baseline === undefined && !this.presetModified()) return undefined;
    return this.changeBaseline(false);
  }

  private changes(forCompare: boolean): readonly RuleChange[] | undefined {
    const base = this.changeBaseline(forCompare);
    return base ? ruleChanges(base.text, this.ruleText, this.locale) : undefined;
  }

  /** A parameter set in the panel: one edit of the rule text, undoable in the editor, settled at once. */
  private onParameterEdit = (e: ParameterEditEvent): void => {
    // The same entry can arrive twice (Enter, then the field's change): the second was made
    // against a text that has moved on, and its offsets no longer point where they did.
    if (e.base !== this.ruleText) return;
    this.ruleText = this.editor?.applyEdits('rule', this.ruleText, e.edits) ?? applyAll(this.ruleText, e.edits);
    this.settleNow();
  };

  /** A share link was refused: say why, in words, and keep what is on the page. */
  refuseLink(problem: LinkProblem): void {
    this.linkProblem = problem;
  }

  /** The cases shown: a cases file opened or added to, else the preset's own. */
  private casesShown(): { file: string; text: string } | undefined {
    return this.cases ?? findPreset(this.preset)?.cases;
  }

  loadPreset(p: Preset): void {
    this.cases = p.cases;
    this.scenario = p.scenario;
    this.load({
      rule: { file: p.ruleFile, text: p.ruleText },
      input: { file: p.inputFile, text: p.inputText },
      locale: this.locale,
      view: this.view,
      figure: undefined,
      preset: p.id,
      ...(this.baseline !== undefined ? { compare: { baseline: this.baseline, pinned: this.pinned } } : {}),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('text-edited', this.onTextEdited);
    this.addEventListener('figure-selected', this.onFigureSelected);
    this.addEventListener('reveal-source', this.onReveal);
    this.addEventListener(RevealInputEvent.type, (e: Event) => {
      if (e instanceof RevealInputEvent) void this.revealInput(e.place);
    });
    this.addEventListener(RevealParameterEvent.type, (e: Event) => {
      if (e instanceof RevealParameterEvent) void this.revealParameter(e.name);
    });
    this.addEventListener('preset-chosen', (e: PresetChosenEvent) => this.loadPreset(e.preset));
    this.addEventListener('notice', (e: NoticeEvent) => this.say(e.message));
    this.addEventListener('parameter-edit', this.onParameterEdit);
    this.addEventListener('baseline-chosen', (e: BaselineChosenEvent) => {
      this.baseline = e.choice === '' ? undefined : e.choice;
      this.compareNow();
    });
    this.addEventListener('pin-baseline', () => {
      this.pinned = { file: this.ruleFile, text: this.ruleText };
      this.baseline = 'pinned';
      this.compareNow();
    });
    document.addEventListener('dragover', this.onDragOver);
    document.addEventListener('dragleave', this.onDragLeave);
    document.addEventListener('drop', this.onDrop);
    setTimeout(this.loadEditor, 3000);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
    this.printMedia.addEventListener('change', this.onPrintMedia);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('dragover', this.onDragOver);
    document.removeEventListener('dragleave', this.onDragLeave);
    document.removeEventListener('drop', this.onDrop);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    this.printMedia.removeEventListener('change', this.onPrintMedia);
  }

  // ——— state changes ———

  private onTextEdited = (e: TextEditedEvent): void => {
    if (e.document === 'rule') this.ruleText = e.text;
    else this.inputText = e.text;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.settleNow(), SETTLE_DEBOUNCE_MS);
  };

  private onFigureSelected = (e: FigureSelectedEvent): void => {
    this.selected = e.name;
    if (e.name !== undefined) {
      if (this.view !== 'values' && this.view !== 'compare') this.view = 'values';
      void this.updateComplete.then(() => this.table?.reveal(e.name ?? ''));
    }
  };

  /** Opens the 表格编辑 tab on an input: a single input's field, or a table row. */
  private async revealInput(target: RevealInputEvent['place']): Promise<void> {
    this.editorTab = 'grid';
    await this.updateComplete;
    await this.grid.reveal(target);
  }

  /** Opens the 参数设置 panel on a parameter, its field focused. */
  private async revealParameter(name: string): Promise<void> {
    this.editorTab = 'params';
    await this.updateComplete;
    const panel = this.renderRoot.querySelector('parameter-panel');
    await panel?.updateComplete;
    const item = panel?.renderRoot.querySelector<HTMLElement>(`li[data-name="${CSS.escape(name)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
    item?.querySelector<HTMLElement>('input, select')?.focus();
  }

  private onReveal = async (e: RevealSourceEvent): Promise<void> => {
    this.editorTab = e.document;
    await this.updateComplete;
    await this.editor.load();
    this.editor.reveal(e.document, e.line, e.column);
  };

  /**
   * The editor is loaded once the first answer of the engine is on screen (the next frame, then
   * a task), so the first figures never wait for it; or after a few seconds whatever happens.
   */
  private editorRequested = false;

  private loadEditor = (): void => {
    if (this.editorRequested) return;
    this.editorRequested = true;
    requestAnimationFrame(() => setTimeout(() => void this.editor?.load(), 0));
  };

  /** The figures last asked for as sentences, so that each selection asks once. */
  private wordsAsked = '';

  /** Asks the worker for the selected figure and its inputs as sentences (the trace in words). */
  private askWords(): void {
    const shown = this.shown;
    const figure = this.selected === undefined ? undefined : shown?.settlement.figures[this.selected];
    if (!shown || !figure || this.selected === undefined) return;
    const names = [this.selected, ...Object.keys(figure.inputs).filter((n) => shown.settlement.figures[n] !== undefined)];
    const key = `${names.join('\u0000')}\u0001${shown.ruleText}\u0001${shown.inputText}`;
    if (key === this.wordsAsked) return;
    this.wordsAsked = key;
    this.engine.words({ file: this.ruleFile, text: shown.ruleText }, { file: this.inputFile, text: shown.inputText }, names);
  }

  /** The sentences of the figures shown, when they are for the rule and input shown. */
  private shownWords(): Readonly<Record<string, { readonly zh: string; readonly en: string }>> {
    const w = this.engine.worded;
    return w && this.shown && w.rule.text === this.shown.ruleText && w.input.text === this.shown.inputText ? w.words : {};
  }

  protected override updated(): void {
    this.askWords();
    if (this.engine.answers > 0) this.loadEditor();
    // For `npm run bench`: when the first figures reached the page.
    if (this.shown && performance.getEntriesByName(FIRST_FIGURE_MARK).length === 0) performance.mark(FIRST_FIGURE_MARK);
  }

  private settleNow(): void {
    clearTimeout(this.settleTimer);
    this.engine.settle({ file: this.ruleFile, text: this.ruleText }, { file: this.inputFile, text: this.inputText });
    // The rule in words depends on the rule text only; asked after the settlement, it never delays a figure.
    const described = this.engine.described?.rule;
    if (described?.text !== this.ruleText || described.file !== this.ruleFile) this.engine.describe({ file: this.ruleFile, text: this.ruleText });
    this.compareNow();
  }

  /** The compare view's baseline rule file: the pinned version or the chosen preset. */
  private baselineRule(): { file: string; text: string } | undefined {
    if (this.baseline === 'pinned') return this.pinned;
    const p = findPreset(this.baseline);
    return p ? { file: p.ruleFile, text: p.ruleText } : undefined;
  }

  private compareNow(): void {
    if (this.view !== 'compare' || this.baseline === undefined) return;
    const base = this.baselineRule();
    if (!base) return;
    this.engine.compare(base, { file: this.ruleFile, text: this.ruleText }, { file: this.inputFile, text: this.inputText });
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    const described = this.engine.described;
    if (described?.description && this.words?.description !== described.description) this.words = { description: described.description, ruleText: described.rule.text };
    const outcome = this.engine.settled?.outcome;
    if (outcome?.stage === 'done' && this.shown?.settlement !== outcome.settlement) {
      this.shown = { settlement: outcome.settlement, labels: labelFigures(this.ruleText, outcome.settlement.figures), ruleText: this.ruleText, inputText: this.inputText };
      this.workspaces.settled(outcome.settlement);
    }
    if (['ruleText', 'inputText', 'ruleFile', 'inputFile'].some((k) => changed.has(k))) this.workspaces.changed();
    if (changed.has('view') && this.view === 'compare') this.compareNow();
    const stateKeys = ['ruleText', 'inputText', 'ruleFile', 'inputFile', 'locale', 'selected', 'view', 'preset', 'baseline', 'pinned'];
    if (stateKeys.some((k) => changed.has(k))) {
      clearTimeout(this.urlTimer);
      this.urlTimer = setTimeout(() => void this.writeUrl(), URL_DEBOUNCE_MS);
    }
    if (changed.has('locale')) {
      document.documentElement.lang = this.locale === 'zh' ? 'zh-CN' : 'en';
      document.title = t(this.locale, 'appTitle');
    }
  }

  private sharedState(): SharedState {
    return {
      rule: { file: this.ruleFile, text: this.ruleText },
      input: { file: this.inputFile, text: this.inputText },
      figure: this.selected,
      locale: this.locale,
      view: this.view,
      preset: this.preset,
      ...(this.baseline !== undefined ? { compare: { baseline: this.baseline, pinned: this.baseline === 'pinned' ? this.pinned : undefined } } : {}),
    };
  }

  /** Writes the state into the URL hash; undefined (and no hash) when it is too large for a link. */
  private async writeUrl(): Promise<string | undefined> {
    const hash = await encodeState(this.sharedState());
    if (hash === undefined) {
      if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search);
      return undefined;
    }
    if (location.hash !== hash) history.replaceState(null, '', hash);
    return location.href;
  }

  private async share(): Promise<void> {
    clearTimeout(this.urlTimer);
    const href = await this.writeUrl();
    if (href === undefined) return this.say(t(this.locale, 'shareTooLarge'));
    try {
      await navigator.clipboard.writeText(href);
      this.say(t(this.locale, 'shareCopied'));
    } catch {
      this.say(t(this.locale, 'shareReady'));
    }
  }

  private say(message: string): void {
    this.notice = message;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = ''), 6000);
  }

  // ——— files: open, save, drag and drop ———

  private async open(file: File): Promise<void> {
    if (/\.(csv|tsv|txt|xlsx)$/i.test(file.name)) {
      this.editorTab = 'grid';
      await this.updateComplete;
      const text = await this.grid.importRows(file);
      if (text !== undefined) this.onTextEdited({ document: 'input', text } as TextEditedEvent);
      return;
    }
    const text = await file.text();
    let kind: DocumentKind = this.editorTab === 'input' ? 'input' : 'rule';
    try {
      const doc: unknown = JSON.parse(text);
      if (doc !== null && typeof doc === 'object' && 'format' in doc && String(doc.format).startsWith('yibao-settle/bundle')) {
        const r = this.workspaces.importBundle(text, file.name);
        this.say(r.ok ? `${t(this.locale, 'opened')}: ${file.name}` : importProblemText(r.issues[0], file.name, this.locale));
        return;
      }
      if (doc !== null && typeof doc === 'object' && 'years' in doc && Array.isArray(doc.years)) {
        // A scenario of several years opens in the 多年度 view.
        this.scenario = { file: file.name, text };
        this.view = 'years';
        this.say(`${t(this.locale, 'opened')}: ${file.name}`);
        return;
      }
      if (doc !== null && typeof doc === 'object' && 'cases' in doc && Array.isArray(doc.cases) && 'rules' in doc) {
        // A cases file opens as cases to run, not as an input.
        this.cases = { file: file.name, text };
        this.view = 'cases';
        this.say(`${t(this.locale, 'opened')}: ${file.name}`);
        return;
      }
      kind = doc !== null && typeof doc === 'object' && 'steps' in doc ? 'rule' : 'input';
    } catch {
      // not JSON: open it where the person is looking; the engine will point at the problem
    }
    this.workspaces.flush();
    if (kind === 'rule') {
      this.ruleText = text;
      this.ruleFile = file.name;
    } else {
      this.inputText = text;
      this.inputFile = file.name;
    }
    this.preset = undefined;
    // A long input (thousands of members) opens in the table editor, which draws only the rows in
    // view; as JSON text in the editor it would hold the page for a moment on every change.
    this.editorTab = kind === 'input' && text.length > LONG_INPUT ? 'grid' : kind;
    this.say(`${t(this.locale, 'opened')}: ${file.name}`);
    this.settleNow();
    this.workspaces.begin(file.name, true);
  }

  private onDragOver = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.dragging = true;
  };

  private onDragLeave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this.dragging = false;
  };

  private onDrop = (e: DragEvent): void => {
    this.dragging = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    void (async () => {
      for (const f of files) await this.open(f);
    })();
  };

  private saveFile(kind: DocumentKind): void {
    const [name, text] = kind === 'rule' ? [fileName(this.ruleFile), this.ruleText] : [fileName(this.inputFile), this.inputText];
    download(name, text, 'application/json');
  }

  /** Dragging a save button out of the browser saves the file there (Chromium's DownloadURL). */
  private dragOut(e: DragEvent, kind: DocumentKind): void {
    const [name, text] = kind === 'rule' ? [fileName(this.ruleFile), this.ruleText] : [fileName(this.inputFile), this.inputText];
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    e.dataTransfer?.setData('DownloadURL', `application/json:${name}:${url}`);
    e.dataTransfer?.setData('text/plain', text);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // ——— exports ———

  private exportName(ext: string): string {
    const id = this.shown?.settlement.rule.id ?? 'settlement';
    return `${id}-${new Date().toISOString().slice(0, 10)}.${ext}`;
  }

  /** The audit record of the results on screen, in the page's language. */
  private recordSource(): RecordSource | undefined {
    const shown = this.shown;
    if (!shown) return undefined;
    return {
      settlement: shown.settlement,
      labels: shown.labels,
      ruleText: shown.ruleText,
      inputText: shown.inputText,
      ruleFile: this.ruleFile,
      inputFile: this.inputFile,
      locale: this.locale,
      generatedAt: new Date().toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en'),
      baseline: this.recordBaseline(),
    };
  }

  private exportCsv(which: 'values' | 'ledger'): void {
    const source = this.recordSource();
    if (!source) return;
    const text = which === 'values' ? valuesCsv(source) : ledgerCsv(source);
    download(this.exportName(which === 'values' ? 'csv' : 'ledger.csv'), text, 'text/csv;charset=utf-8');
  }

  private exportXlsx(): void {
    const source = this.recordSource();
    if (!source) return;
    download(this.exportName('xlsx'), recordXlsx(source), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }

  // ——— print: the audit sheet is drawn only while printing ———

  private readonly printMedia = window.matchMedia('print');

  private onBeforePrint = (): void => this.printView?.prepare();

  private onAfterPrint = (): void => {
    if (this.printView) this.printView.active = false;
  };

  /** Print media switched on (or off) without a print dialog, as when saving a PDF headlessly. */
  private onPrintMedia = (e: MediaQueryListEvent): void => (e.matches ? this.onBeforePrint() : this.onAfterPrint());

  private printNow(): void {
    this.printView?.prepare();
    window.print();
  }

  // ——— menus ———

  private closeMenus = (): void => {
    for (const d of this.querySelectorAll('details.menu')) d.removeAttribute('open');
  };

  private menuKeys = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    const details = e.currentTarget as HTMLDetailsElement;
    details.open = false;
    details.querySelector('summary')?.focus();
  };

  // ——— rendering ———

  /** Whether the rule text differs in meaning from the preset it came from (the picker says 已修改). */
  private presetModified(): boolean {
    const p = findPreset(this.preset);
    return p !== undefined && isModified(p.ruleText, this.ruleText, this.locale);
  }

  private issues(): PlacedIssue[] {
    const settled = this.engine.settled;
    const outcome = settled?.outcome;
    // Warnings (a label quoting an old value) come with any outcome whose rule could be read.
    const hints = (settled?.hints ?? []).map((issue): PlacedIssue => ({ issue, document: 'rule' }));
    if (!outcome || outcome.stage === 'done') return hints;
    return [...outcome.issues.map((issue): PlacedIssue => ({ issue, document: issue.file === this.inputFile && this.inputFile !== this.ruleFile ? 'input' : 'rule' })), ...hints];
  }

  private tabKeys(e: KeyboardEvent, items: readonly string[], current: string, go: (next: string) => void): void {
    const i = items.indexOf(current);
    const next = e.key === 'ArrowRight' ? items[(i + 1) % items.length] : e.key === 'ArrowLeft' ? items[(i - 1 + items.length) % items.length] : undefined;
    if (next === undefined) return;
    e.preventDefault();
    go(next);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`[role=tab][data-key="${next}"]`)?.focus());
  }

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const outcome = this.engine.settled?.outcome;
    const issues = this.issues();
    const errors = issues.filter((i) => i.issue.severity !== 'warning');
    const warnings = issues.length - errors.length;
    const shown = this.shown;
    const stale = outcome !== undefined && outcome.stage !== 'done';
    const compared = this.engine.compared;
    return html`
      <header class="bar">
        <h1>${L('appTitle')}</h1>
        <preset-picker .locale=${this.locale} .current=${this.preset} ?modified=${this.presetModified()}></preset-picker>
        <div class="actions">
          <details class="menu" @keydown=${this.menuKeys}>
            <summary data-action="file-menu">${L('fileMenu')}</summary>
            <div class="menu-items" @click=${this.closeMenus}>
              <label class="button" tabindex="0" @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.currentTarget as HTMLElement).querySelector('input')?.click()}>
                ${L('open')}
                <input
                  type="file"
                  accept=".json,.csv,.tsv,.xlsx"
                  hidden
                  @change=${(e: Event) => {
                    const input = e.target as HTMLInputElement;
                    const f = input.files?.[0];
                    input.value = '';
                    if (f) void this.open(f);
                  }}
                />
              </label>
              <button draggable="true" title=${L('dragToSave')} @click=${() => this.saveFile('rule')} @dragstart=${(e: DragEvent) => this.dragOut(e, 'rule')}>
                ${L('saveRule')}
              </button>
              <button draggable="true" title=${L('dragToSave')} @click=${() => this.saveFile('input')} @dragstart=${(e: DragEvent) => this.dragOut(e, 'input')}>
                ${L('saveInput')}
              </button>
              <span class="muted hint">${L('dropHint')}</span>
            </div>
          </details>
          <details class="menu" @keydown=${this.menuKeys}>
            <summary data-action="export-menu">${L('exportMenu')}</summary>
            <div class="menu-items" @click=${this.closeMenus}>
              <button data-action="export-csv" ?disabled=${!shown} @click=${() => this.exportCsv('values')}>${L('exportCsv')}</button>
              <button data-action="export-ledger" ?disabled=${!shown} @click=${() => this.exportCsv('ledger')}>${L('exportLedgerCsv')}</button>
              <button data-action="export-xlsx" ?disabled=${!shown} @click=${() => this.exportXlsx()}>${L('exportXlsx')}</button>
            </div>
          </details>
          <workspace-list .controller=${this.workspaces} .revision=${this.workspaces.revision} .settlement=${shown?.settlement} .locale=${this.locale}></workspace-list>
          <button data-action="print" ?disabled=${!shown} @click=${() => this.printNow()}>${L('print')}</button>
          <button data-action="share" @click=${() => void this.share()}>${L('share')}</button>
          <button data-action="locale" title=${L('languageHint')} lang=${this.locale === 'zh' ? 'en' : 'zh-CN'} @click=${() => (this.locale = this.locale === 'zh' ? 'en' : 'zh')}>
            ${L('language')}
          </button>
        </div>
      </header>
      <main class="split">
        <section class="pane left" aria-label=${L('editorPane')}>
          <div class="tabs" role="tablist" @keydown=${(e: KeyboardEvent) => this.tabKeys(e, TABS, this.editorTab, (n) => (this.editorTab = n as EditorTab))}>
            ${TABS.map(
              (tab) => html`<button
                role="tab"
                data-key=${tab}
                aria-selected=${this.editorTab === tab ? 'true' : 'false'}
                tabindex=${this.editorTab === tab ? 0 : -1}
                @click=${() => (this.editorTab = tab)}
              >
                ${L(TAB_LABEL[tab])}${tab === 'rule' && errors.some((i) => i.document === 'rule')
                  ? html`<span class="dot" aria-hidden="true"></span>`
                  : tab === 'input' && errors.some((i) => i.document === 'input')
                    ? html`<span class="dot" aria-hidden="true"></span>`
                    : nothing}
              </button>`,
            )}
            <span class="file mono" title=${this.editorTab === 'rule' || this.editorTab === 'params' ? this.ruleFile : this.inputFile}>
              ${this.editorTab === 'rule' || this.editorTab === 'params' ? this.ruleFile : this.inputFile}
            </span>
          </div>
          <div class="editor-area">
            <rule-editor
              class=${this.editorTab === 'grid' || this.editorTab === 'params' ? 'hidden' : ''}
              .ruleText=${this.ruleText}
              .inputText=${this.inputText}
              .active=${this.editorTab === 'input' ? 'input' : 'rule'}
              .issues=${issues}
              .locale=${this.locale}
            ></rule-editor>
            ${this.editorTab === 'grid'
              ? html`<input-grid .inputText=${this.inputText} .ruleText=${this.ruleText} .locale=${this.locale} .problems=${issues.filter((i) => i.document === 'input').map((i) => i.issue)}></input-grid>`
              : nothing}
            ${this.editorTab === 'params'
              ? html`<parameter-panel
                  .ruleText=${this.ruleText}
                  .ruleFile=${this.ruleFile}
                  .issues=${issues.map((i) => i.issue)}
                  .changes=${this.changes(false) ?? []}
                  .locale=${this.locale}
                ></parameter-panel>`
              : nothing}
          </div>
          <div class="problems" data-count=${errors.length}>
            <h2>
              ${L('problems')} (${errors.length})${warnings > 0 ? ` · ${L('warnings')} (${warnings})` : ''}
              ${outcome && outcome.stage !== 'done'
                ? html`<span class="muted">— ${outcome.stage === 'rule' ? L('ruleProblems') : L('settleProblems')}</span>`
                : nothing}
            </h2>
            ${this.engine.crashed ? html`<p class="bad">${L('workerFailed')}: ${this.engine.crashed.message}</p>` : nothing}
            <issue-list .issues=${issues} .locale=${this.locale}></issue-list>
          </div>
        </section>
        <section class="pane right" aria-label=${L('resultsPane')}>
          <div class="tabs" role="tablist" @keydown=${(e: KeyboardEvent) => this.tabKeys(e, VIEWS, this.view, (n) => (this.view = n as View))}>
            ${VIEWS.map(
              (v) => html`<button
                role="tab"
                data-key=${v}
                aria-selected=${this.view === v ? 'true' : 'false'}
                tabindex=${this.view === v ? 0 : -1}
                @click=${() => (this.view = v)}
              >
                ${L(VIEW_LABEL[v])}
              </button>`,
            )}
            <span class="status muted" data-state=${this.engine.busy ? 'busy' : 'idle'} data-answers=${this.engine.answers}
              data-ms=${this.engine.settled ? String(this.engine.settled.ms) : ''}>
              ${this.engine.busy
                ? L('computing')
                : this.engine.settled
                  ? `${L('computedIn')} ${this.engine.settled.ms < 1 ? '<1' : String(this.engine.settled.ms).replace(/\..*/, '')} ms`
                  : ''}
            </span>
          </div>
          ${stale && shown ? html`<p class="stale-note">${L('stale')}</p>` : nothing}
          <div class="view" role="tabpanel" data-scroller>${this.renderView(shown, stale, compared)}</div>
          <trace-panel
            class=${this.selected === undefined ? 'collapsed' : ''}
            .settlement=${shown?.settlement}
            .labels=${shown?.labels ?? new Map()}
            .locale=${this.locale}
            .selected=${this.selected}
            .words=${this.shownWords()}
            .ruleFile=${this.ruleFile}
            .inputFile=${this.inputFile}
            .ruleText=${shown?.ruleText ?? ''}
            .inputText=${shown?.inputText ?? ''}
          ></trace-panel>
        </section>
      </main>
      <footer class="bar small">
        <span class="muted">${L('keyboardHelp')}</span>
        <span class="notice" role="status" aria-live="polite">${this.notice}</span>
        ${this.linkProblem ? html`<span class="bad footer-alert" role="alert" data-code=${`link_${this.linkProblem}`}>${L(this.linkProblem === 'too_large' ? 'linkTooLarge' : 'linkDamaged')}</span>` : nothing}
        <save-status .controller=${this.workspaces} .revision=${this.workspaces.revision} .locale=${this.locale}></save-status>
        <span class="muted">${L('offline')} · yibao-settle ${shown?.settlement.engine.version ?? engineVersion}</span>
      </footer>
      ${this.dragging ? html`<div class="drop-overlay">${L('dropHere')}</div>` : nothing}
      <print-view
        .description=${this.words?.description}
        .settlement=${shown?.settlement}
        .labels=${shown?.labels ?? new Map()}
        .locale=${this.locale}
        .ruleFile=${this.ruleFile}
        .inputFile=${this.inputFile}
        .ruleText=${shown?.ruleText ?? ''}
        .inputText=${shown?.inputText ?? ''}
        .baseline=${this.recordBaseline()}
        .selected=${this.selected}
        .generatedAt=${new Date().toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en')}
      ></print-view>
    `;
  }

  private renderView(shown: SettleApp['shown'], stale: boolean, compared: SettleController['compared']): unknown {
    const settlement = shown?.settlement;
    const labels = shown?.labels ?? new Map();
    switch (this.view) {
      case 'values':
        return html`<parameter-summary .rows=${shown ? parameterRows(shown.ruleText, this.locale) : []} .locale=${this.locale}></parameter-summary><result-table .settlement=${settlement} .labels=${labels} .locale=${this.locale} .selected=${this.selected} ?stale=${stale}></result-table>`;
      case 'flow':
        return html`<fund-flow .settlement=${settlement} .labels=${labels} .locale=${this.locale}></fund-flow>`;
      case 'ledger':
        return html`<ledger-view .settlement=${settlement} .labels=${labels} .locale=${this.locale}></ledger-view>`;
      case 'rules':
        return html`<rule-description .description=${this.words?.description} .locale=${this.locale} ?stale=${this.words !== undefined && this.words.ruleText !== this.ruleText}></rule-description>`;
      case 'years': {
        const scenario = this.scenario ?? findPreset(this.preset)?.scenario;
        return html`<years-view
          .engine=${this.engine}
          .simulated=${this.engine.simulated}
          .labels=${labels}
          .ruleText=${this.ruleText}
          .ruleFile=${this.ruleFile}
          .scenarioText=${scenario?.text ?? ''}
          .scenarioFile=${scenario?.file ?? 'scenario.json'}
          .locale=${this.locale}
          @scenario-changed=${(e: ScenarioChangedEvent) => (this.scenario = { file: scenario?.file ?? 'scenario.json', text: e.text })}
        ></years-view>`;
      }
      case 'cases':
        return html`<cases-view
          .engine=${this.engine}
          .cased=${this.engine.cased}
          .settlement=${settlement}
          .ruleText=${this.ruleText}
          .ruleFile=${this.ruleFile}
          .inputText=${this.inputText}
          .casesText=${this.casesShown()?.text ?? ''}
          .casesFile=${this.casesShown()?.file ?? 'cases.json'}
          .locale=${this.locale}
          @cases-changed=${(e: CasesChangedEvent) => (this.cases = { file: this.casesShown()?.file ?? 'cases.json', text: e.text })}
        ></cases-view>`;
      case 'whatif':
        return html`<what-if-view .ruleText=${this.ruleText} .inputText=${this.inputText} .ruleFile=${this.ruleFile} .inputFile=${this.inputFile} .locale=${this.locale}></what-if-view>`;
      case 'compare':
        return html`<change-list
            .changes=${this.baseline !== undefined ? this.changes(true) : undefined}
            .ruleText=${this.ruleText}
            .baselineName=${this.changeBaseline(true)?.name ?? ''}
            .locale=${this.locale}
          ></change-list
          ><compare-view
          .rows=${compared?.rows ?? []}
          .baselineOutcome=${compared?.baseline}
          .currentOutcome=${compared?.current}
          .labels=${labels}
          .locale=${this.locale}
          .baseline=${this.baseline}
          ?hasPinned=${this.pinned !== undefined}
        ></compare-view>`;
      default:
        return nothing;
    }
  }
}

/** The first preset, the page's starting point when the URL carries no state. */
export function defaultPreset(): Preset | undefined {
  return presets[0];
}

declare global {
  interface HTMLElementTagNameMap {
    'settle-app': SettleApp;
  }
}
