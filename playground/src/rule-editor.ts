/**
 * `<rule-editor>`: the one element that touches Monaco. It holds two models (the rule file and
 * the input document), shows the one that is `active`, turns the engine's issues into markers at
 * their line:column, and reports the person's edits as TextEditedEvent. It renders into light
 * DOM, because Monaco's styles are global and do not reach into a shadow root.
 *
 * Monaco is loaded only when `load()` is called — the page calls it once the first figures are
 * on screen — so the results never wait for four megabytes of editor. Its own menus and hovers
 * are in Chinese when the page is: Monaco's Chinese message table (monaco-editor/nls/lang/zh-cn)
 * is loaded before the editor's modules, which read it as they start. They keep that language
 * until the page is reloaded (Monaco words most of its menus once, when it starts).
 */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { TextEditedEvent, type DocumentKind } from './events.js';
import { applyAll, type Edit } from './json-edit.js';
import { t, type Locale } from './i18n.js';
import type { Issue } from 'yibao-settle';

type MonacoSetup = typeof import('./monaco-setup.js');
type Monaco = MonacoSetup['monaco'];
type CodeEditor = ReturnType<Monaco['editor']['create']>;
type TextModel = ReturnType<Monaco['editor']['createModel']>;
type ViewState = ReturnType<CodeEditor['saveViewState']>;

let loading: Promise<MonacoSetup> | undefined;

/** Characters beyond which a document is long: folding is turned off for it. */
const LONG_TEXT = 100_000;

/** Loads Monaco once for the page, in Chinese when `locale` is (see the element's comment). */
function loadMonaco(locale: Locale): Promise<MonacoSetup> {
  loading ??= (async () => {
    if (locale === 'zh') {
      await import('monaco-editor/nls/lang/zh-cn');
      (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE = 'zh-cn';
    }
    return import('./monaco-setup.js');
  })();
  return loading;
}

/** An issue and the document it belongs to. */
export interface PlacedIssue {
  readonly document: DocumentKind;
  readonly issue: Issue;
}

const OWNER = 'yibao-settle';

/** The column just past the JSON token that starts at `column` (a string, number or word). */
function tokenEnd(line: string, column: number): number {
  const start = column - 1;
  if (line.charAt(start) === '"') {
    for (let i = start + 1; i < line.length; i++) {
      if (line.charAt(i) === '\\') i++;
      else if (line.charAt(i) === '"') return i + 2;
    }
    return line.length + 1;
  }
  let i = start;
  while (i < line.length && /[\w.+\-%]/.test(line.charAt(i))) i++;
  return i > start ? i + 1 : Math.max(column + 1, line.length + 1);
}

export class RuleEditor extends LitElement {
  @property({ attribute: false }) ruleText = '';
  @property({ attribute: false }) inputText = '';
  @property() active: DocumentKind = 'rule';
  @property({ attribute: false }) issues: readonly PlacedIssue[] = [];
  @property() locale: Locale = 'zh';
  /** Whether Monaco is being loaded, is ready, or failed to load. */
  @state() private status: 'waiting' | 'loading' | 'ready' | 'failed' = 'waiting';

  private setup: MonacoSetup | undefined;
  private editor: CodeEditor | undefined;
  private readonly models = new Map<DocumentKind, TextModel>();
  private readonly viewStates = new Map<DocumentKind, ViewState>();
  /** Set while the element itself writes a model, so that write is not reported as an edit. */
  private applying = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): unknown {
    const note = this.status === 'failed' ? t(this.locale, 'editorFailed') : this.status === 'ready' ? '' : t(this.locale, 'editorLoading');
    return html`<div class="monaco-host" role="presentation"></div>
      ${note !== '' ? html`<p class="editor-note muted" role="status">${note}</p>` : nothing}`;
  }

  private loaded: Promise<void> | undefined;

  /** Loads Monaco and creates the editor (once); the page calls it when its figures are shown. */
  load(): Promise<void> {
    this.loaded ??= this.start();
    return this.loaded;
  }

  private async start(): Promise<void> {
    this.status = 'loading';
    try {
      this.setup = await loadMonaco(this.locale);
    } catch {
      this.status = 'failed';
      return;
    }
    if (!this.isConnected) return;
    this.create(this.setup);
    this.status = 'ready';
  }

  private create({ monaco, RULE_URI, INPUT_URI, setEditorLocale, setInputSchemaFrom }: MonacoSetup): void {
    const host = this.querySelector<HTMLElement>('.monaco-host');
    if (!host) return;
    setEditorLocale(this.locale);
    setInputSchemaFrom(this.ruleText, this.locale);
    const early = this.early?.text === this.ruleText ? this.early : undefined;
    this.early = undefined;
    for (const [kind, uri, text] of [
      ['rule', RULE_URI, early?.base ?? this.ruleText],
      ['input', INPUT_URI, this.inputText],
    ] as const) {
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'json', uri);
      model.updateOptions({ tabSize: 2, insertSpaces: true });
      if (kind === 'rule' && early) for (const step of early.steps) this.pushStep(model, step);
      model.onDidChangeContent(() => {
        if (!this.applying) this.dispatchEvent(new TextEditedEvent(kind, model.getValue()));
      });
      this.models.set(kind, model);
    }
    const shown = this.models.get(this.active);
    this.editor = monaco.editor.create(host, {
      folding: (shown?.getValueLength() ?? 0) <= LONG_TEXT,
      model: shown ?? null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      // Rule files have long bilingual lines; wrapping keeps every marker and revealed line in view.
      wordWrap: 'on',
      wrappingIndent: 'indent',
      tabSize: 2,
      fixedOverflowWidgets: true,
      ariaLabel: t(this.locale, 'editorLabel'),
      // Tab moves on to the next part of the page, as everywhere else on it (Ctrl+M: Tab indents).
      tabFocusMode: true,
      stickyScroll: { enabled: false },
      quickSuggestions: { strings: true, other: true, comments: false },
      // Rule files are bilingual: full-width Chinese punctuation is intended, not suspicious.
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
    });
    this.syncMarkers();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.editor?.dispose();
    this.editor = undefined;
    for (const model of this.models.values()) model.dispose();
    this.models.clear();
  }

  protected override updated(changed: Map<string, unknown>): void {
    const setup = this.setup;
    if (!this.editor || !setup) return;
    if (changed.has('ruleText')) this.write('rule', this.ruleText);
    if (changed.has('ruleText') || changed.has('locale')) setup.setInputSchemaFrom(this.ruleText, this.locale);
    // The input's model is brought up to date when it is shown: a long input edited in the grid
    // would otherwise be re-read by a hidden editor on every change.
    if ((changed.has('inputText') || changed.has('active')) && this.active === 'input') this.write('input', this.inputText);
    if (changed.has('active')) this.show(this.active);
    if (changed.has('issues') || changed.has('locale')) this.syncMarkers();
    if (changed.has('locale')) {
      setup.setEditorLocale(this.locale);
      this.editor.updateOptions({ ariaLabel: t(this.locale, 'editorLabel') });
    }
  }

  /** Replaces a model's text when it differs, as one undoable edit. */
  private write(kind: DocumentKind, text: string): void {
    const model = this.models.get(kind);
    if (!model || model.getValue() === text) return;
    this.applying = true;
    try {
      if (this.editor?.getModel() === model) this.editor.updateOptions({ folding: text.length <= LONG_TEXT });
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      this.applying = false;
    }
  }

  /**
   * Applies minimal edits (from the parameter panel), all made against `base`, as one step of
   * the editor's undo history, so Ctrl+Z in the editor takes back exactly that change. Returns
   * the new text, or undefined when the editor is not up or its text is not `base` (the caller
   * edits the text then).
   */
  applyEdits(kind: DocumentKind, base: string, edits: readonly Edit[]): string | undefined {
    const model = this.models.get(kind);
    if (!model && kind === 'rule' && !this.editor) return this.keepEarly(base, edits);
    if (!model || model.getValue() !== base) return undefined;
    this.pushStep(model, edits);
    return model.getValue();
  }

  /**
   * Panel edits made before Monaco is up (it loads after the first figures): kept with the text
   * they started from, and replayed into the editor's history when it is created, so Ctrl+Z takes
   * them back one by one however early they were made.
   */
  private early: { base: string; steps: (readonly Edit[])[]; text: string } | undefined;

  private keepEarly(base: string, edits: readonly Edit[]): string {
    if (this.early?.text !== base) this.early = { base, steps: [], text: base };
    this.early.steps.push(edits);
    this.early.text = applyAll(base, edits);
    return this.early.text;
  }

  /** One step of the model's undo history. */
  private pushStep(model: TextModel, edits: readonly Edit[]): void {
    const operations = edits.map((edit) => {
      const from = model.getPositionAt(edit.offset);
      const to = model.getPositionAt(edit.offset + edit.length);
      return { range: { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column }, text: edit.content };
    });
    this.applying = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], operations, () => null);
      model.pushStackElement();
    } finally {
      this.applying = false;
    }
  }

  private show(kind: DocumentKind): void {
    const editor = this.editor;
    const model = this.models.get(kind);
    if (!editor || !model || editor.getModel() === model) return;
    const current = editor.getModel();
    for (const [k, m] of this.models) if (m === current) this.viewStates.set(k, editor.saveViewState());
    editor.setModel(model);
    this.fitOptions(model);
    const state = this.viewStates.get(kind);
    if (state) editor.restoreViewState(state);
  }

  /**
   * No folding in a long document (an input of 2,000 members): Monaco would recompute thousands
   * of folding regions on every change, a tenth of a second of the page's time each.
   */
  private fitOptions(model: TextModel): void {
    this.editor?.updateOptions({ folding: model.getValueLength() <= LONG_TEXT });
  }

  private syncMarkers(): void {
    const monaco = this.setup?.monaco;
    if (!monaco) return;
    for (const [kind, model] of this.models) {
      const markers: Parameters<Monaco['editor']['setModelMarkers']>[2][number][] = [];
      for (const { document, issue } of this.issues) {
        if (document !== kind) continue;
        const line = Math.min(issue.at?.line ?? 1, model.getLineCount());
        const column = issue.at?.column ?? 1;
        markers.push({
          severity: issue.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
          message: `${issue.message[this.locale]}\n${issue.code}  ${issue.pointer}`,
          source: OWNER,
          code: issue.code,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: tokenEnd(model.getLineContent(line), column),
        });
      }
      monaco.editor.setModelMarkers(model, OWNER, markers);
    }
  }

  /** Shows `line:column` of a document, selects the token there and focuses the editor. */
  reveal(kind: DocumentKind, line: number, column: number): void {
    const editor = this.editor;
    const model = this.models.get(kind);
    const monaco = this.setup?.monaco;
    if (!editor || !model || !monaco) return;
    this.write(kind, kind === 'input' ? this.inputText : this.ruleText);
    this.show(kind);
    const safeLine = Math.max(1, Math.min(line, model.getLineCount()));
    const end = tokenEnd(model.getLineContent(safeLine), column);
    editor.setSelection(new monaco.Selection(safeLine, column, safeLine, end));
    editor.revealLineInCenter(safeLine);
    editor.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rule-editor': RuleEditor;
  }
}
