/**
 * `<settle-app>`: the coordinator. It owns the state (rule text, input text, file names,
 * language, selected figure, view), sends every change to the settle worker (debounced), keeps
 * the URL hash in step with the state, and routes events between the elements. It does no
 * arithmetic and does not touch Monaco. Light DOM, so <rule-editor> inside it gets Monaco's
 * global styles; its layout lives in app.css.
 */
import { LitElement, html } from 'lit';
import { query, state } from 'lit/decorators.js';
import { RevealInputEvent, RevealParameterEvent, type BaselineChosenEvent, type DocumentKind, type FigureSelectedEvent } from './events.js';
import type { NoticeEvent, ParameterEditEvent, PresetChosenEvent, RevealSourceEvent, TextEditedEvent } from './events.js';
import type { RecordSource } from './audit-record.js';
import { download, downloadRecord, dragOutJson } from './export.js';
import { t, type Locale } from './i18n.js';
import { labelFigures, type Labels } from './labels.js';
import { findPreset, presets, type Preset } from './presets.js';
import { appFooter, type FooterHost } from './app-footer.js';
import { appHeader, type HeaderHost } from './app-header.js';
import { editorPane, type EditorHost } from './editor-pane.js';
import { FileDropController } from './file-drop.js';
import { openedKind } from './opened-file.js';
import { wordsRequest, wordsShown } from './trace-words.js';
import { PrintController } from './print-controller.js';
import { resultsPane, type ViewHost } from './result-views.js';
import { writeUrl, type EditorTab, type LinkProblem, type SharedState, type View } from './url-state.js';
import { applyAll } from './json-edit.js';
import { changeBaseline, changesOf, compareBaseline, presetModified, recordBaseline, type BaselineState } from './baselines.js';
import { WorkspaceController, type Snapshot } from './workspace-controller.js';
import type { Workspace } from './workspace-store.js';
import { importProblemText } from './workspace-list.js';
import { SettleController } from './worker-client.js';
import type { InputGrid } from './input-grid.js';
import type { PlacedIssue, RuleEditor } from './rule-editor.js';
import type { PrintView } from './print-view.js';
import type { ResultTable } from './result-table.js';
import type { RuleDescription, Settlement } from 'yibao-settle';

/** Wait after the last keystroke before settling: long enough to skip mid-word states. */
export const SETTLE_DEBOUNCE_MS = 150;
/** Characters beyond which an opened input is shown in the table editor rather than as text. */
const LONG_INPUT = 100_000;
/** The performance mark set when the first settlement is on the page (read by the benchmark). */
export const FIRST_FIGURE_MARK = 'yibao:first-figure';
/** Wait before writing the URL hash (compressing the state on every key would be wasted). */
const URL_DEBOUNCE_MS = 400;

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
  @state() private baseline: string | undefined;
  @state() private pinned: { file: string; text: string } | undefined;
  /** Why the share link the page was opened with was refused (until the next state is loaded). */
  @state() private linkProblem: LinkProblem | undefined;

  @query('rule-editor') private editor!: RuleEditor;
  @query('input-grid') private grid!: InputGrid;
  @query('result-table') private table!: ResultTable;
  @query('print-view') private printView!: PrintView;

  private readonly engine = new SettleController(this);
  private readonly drop = new FileDropController(this, (file) => this.open(file));
  private readonly printing = new PrintController(this, () => this.printView);
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
    Object.assign(this, { ruleText: state.rule.text, ruleFile: state.rule.file, inputText: state.input.text, inputFile: state.input.file, locale: state.locale, view: state.view });
    Object.assign(this, { selected: state.figure, preset: state.preset, baseline: state.compare?.baseline, pinned: state.compare?.pinned, linkProblem: undefined });
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

  private baselineState(): BaselineState {
    return { ruleText: this.ruleText, locale: this.locale, preset: this.preset, baseline: this.baseline, pinned: this.pinned };
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
    this.addEventListener('notice', (e: NoticeEvent) => this.notify(e.message));
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
    setTimeout(this.loadEditor, 3000);
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
    await this.renderRoot.querySelector('parameter-panel')?.reveal(name);
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
    const ask = shown && wordsRequest(shown, this.selected);
    if (!shown || !ask || ask.key === this.wordsAsked) return;
    this.wordsAsked = ask.key;
    this.engine.words({ file: this.ruleFile, text: shown.ruleText }, { file: this.inputFile, text: shown.inputText }, ask.names);
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

  private compareNow(): void {
    if (this.view !== 'compare' || this.baseline === undefined) return;
    const base = compareBaseline(this.baselineState());
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
      this.urlTimer = setTimeout(() => void writeUrl(this.sharedState()), URL_DEBOUNCE_MS);
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

  private async share(): Promise<void> {
    clearTimeout(this.urlTimer);
    const href = await writeUrl(this.sharedState());
    if (href === undefined) return this.notify(t(this.locale, 'shareTooLarge'));
    try {
      await navigator.clipboard.writeText(href);
      this.notify(t(this.locale, 'shareCopied'));
    } catch {
      this.notify(t(this.locale, 'shareReady'));
    }
  }

  /** Says something on the notice line for a few seconds. */
  notify(message: string): void {
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
    const opened = openedKind(text);
    if (opened === 'bundle') {
      const r = this.workspaces.importBundle(text, file.name);
      this.notify(r.ok ? `${t(this.locale, 'opened')}: ${file.name}` : importProblemText(r.issues[0], file.name, this.locale));
      return;
    }
    if (opened === 'scenario' || opened === 'cases') {
      // A scenario of several years opens in the 多年度 view; a cases file as cases to run, not as an input.
      if (opened === 'scenario') this.scenario = { file: file.name, text };
      else this.cases = { file: file.name, text };
      this.view = opened === 'scenario' ? 'years' : 'cases';
      this.notify(`${t(this.locale, 'opened')}: ${file.name}`);
      return;
    }
    // Not JSON: open it where the person is looking; the engine will point at the problem.
    const kind: DocumentKind = opened ?? (this.editorTab === 'input' ? 'input' : 'rule');
    this.workspaces.flush();
    Object.assign(this, kind === 'rule' ? { ruleText: text, ruleFile: file.name } : { inputText: text, inputFile: file.name }, { preset: undefined });
    // A long input (thousands of members) opens in the table editor, which draws only the rows in
    // view; as JSON text in the editor it would hold the page for a moment on every change.
    this.editorTab = kind === 'input' && text.length > LONG_INPUT ? 'grid' : kind;
    this.notify(`${t(this.locale, 'opened')}: ${file.name}`);
    this.settleNow();
    this.workspaces.begin(file.name, true);
  }

  /** The rule's or the input's file name and text. */
  private document(kind: DocumentKind): [string, string] {
    return kind === 'rule' ? [fileName(this.ruleFile), this.ruleText] : [fileName(this.inputFile), this.inputText];
  }

  // ——— exports ———

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
      baseline: recordBaseline(this.baselineState()),
    };
  }

  // ——— rendering ———

  private issues(): PlacedIssue[] {
    const settled = this.engine.settled;
    const outcome = settled?.outcome;
    // Warnings (a label quoting an old value) come with any outcome whose rule could be read.
    const hints = (settled?.hints ?? []).map((issue): PlacedIssue => ({ issue, document: 'rule' }));
    if (!outcome || outcome.stage === 'done') return hints;
    return [...outcome.issues.map((issue): PlacedIssue => ({ issue, document: issue.file === this.inputFile && this.inputFile !== this.ruleFile ? 'input' : 'rule' })), ...hints];
  }

  protected override render(): unknown {
    const outcome = this.engine.settled?.outcome;
    const issues = this.issues();
    const shown = this.shown;
    const stale = outcome !== undefined && outcome.stage !== 'done';
    return html`
      ${appHeader(this.headerHost(shown?.settlement))}
      <main class="split">
        ${editorPane(this.editorHost(issues, outcome?.stage))}
        ${resultsPane(this.viewHost(stale))}
      </main>
      ${appFooter(this.footerHost())}
    `;
  }

  private footerHost(): FooterHost {
    return {
      locale: this.locale,
      notice: this.notice,
      linkProblem: this.linkProblem,
      workspaces: this.workspaces,
      dragging: this.drop.dragging,
      shown: this.shown,
      description: this.words?.description,
      ruleFile: this.ruleFile,
      inputFile: this.inputFile,
      baseline: recordBaseline(this.baselineState()),
      selected: this.selected,
    };
  }

  private headerHost(settlement: Settlement | undefined): HeaderHost {
    return {
      locale: this.locale,
      preset: this.preset,
      modified: presetModified(this.baselineState()),
      settlement,
      workspaces: this.workspaces,
      open: (file) => void this.open(file),
      saveFile: (kind) => download(...this.document(kind), 'application/json'),
      dragOut: (e, kind) => dragOutJson(e, ...this.document(kind)),
      exportFile: (which) => {
        const source = this.recordSource();
        if (source) downloadRecord(which, source);
      },
      print: () => this.printing.print(),
      share: () => void this.share(),
      toggleLocale: () => (this.locale = this.locale === 'zh' ? 'en' : 'zh'),
    };
  }

  private editorHost(issues: readonly PlacedIssue[], stage: string | undefined): EditorHost {
    return {
      locale: this.locale,
      tab: this.editorTab,
      setTab: (tab) => (this.editorTab = tab),
      ruleText: this.ruleText,
      inputText: this.inputText,
      ruleFile: this.ruleFile,
      inputFile: this.inputFile,
      issues,
      stage,
      crashed: this.engine.crashed?.message,
      changes: this.editorTab === 'params' ? (changesOf(this.baselineState(), false) ?? []) : [],
    };
  }

  private viewHost(stale: boolean): ViewHost {
    const words = wordsShown(this.engine.worded, this.shown);
    const scenario = this.scenario ?? findPreset(this.preset)?.scenario;
    const cases = this.casesShown();
    const comparing = this.view === 'compare';
    return {
      view: this.view,
      setView: (view) => (this.view = view),
      words,
      locale: this.locale,
      engine: this.engine,
      shown: this.shown,
      stale,
      selected: this.selected,
      description: this.words?.description,
      descriptionStale: this.words !== undefined && this.words.ruleText !== this.ruleText,
      ruleText: this.ruleText,
      ruleFile: this.ruleFile,
      inputText: this.inputText,
      inputFile: this.inputFile,
      scenario,
      cases,
      baseline: this.baseline,
      baselineName: comparing ? (changeBaseline(this.baselineState(), true)?.name ?? '') : '',
      hasPinned: this.pinned !== undefined,
      changes: comparing && this.baseline !== undefined ? changesOf(this.baselineState(), true) : undefined,
      scenarioEdited: (text) => (this.scenario = { file: scenario?.file ?? 'scenario.json', text }),
      casesEdited: (text) => (this.cases = { file: cases?.file ?? 'cases.json', text }),
    };
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
