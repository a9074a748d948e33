/**
 * `<rule-editor>`: the one element that touches Monaco. It holds two models (the rule file and
 * the input document), shows the one that is `active`, turns the engine's issues into markers at
 * their line:column, and reports the person's edits as TextEditedEvent. It renders into light
 * DOM, because Monaco's styles are global and do not reach into a shadow root.
 */
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { monaco, RULE_URI, INPUT_URI, setEditorLocale, setInputSchemaFrom } from './monaco-setup.js';
import { TextEditedEvent, type DocumentKind } from './events.js';
import type { Edit } from './json-edit.js';
import type { Locale } from './i18n.js';
import type { Issue } from 'yibao-settle';

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

  private editor: monaco.editor.IStandaloneCodeEditor | undefined;
  private readonly models = new Map<DocumentKind, monaco.editor.ITextModel>();
  private readonly viewStates = new Map<DocumentKind, monaco.editor.ICodeEditorViewState | null>();
  /** Set while the element itself writes a model, so that write is not reported as an edit. */
  private applying = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render(): unknown {
    return html`<div class="monaco-host" role="presentation"></div>`;
  }

  protected override firstUpdated(): void {
    const host = this.querySelector<HTMLElement>('.monaco-host');
    if (!host) return;
    for (const [kind, uri, text] of [
      ['rule', RULE_URI, this.ruleText],
      ['input', INPUT_URI, this.inputText],
    ] as const) {
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'json', uri);
      model.updateOptions({ tabSize: 2, insertSpaces: true });
      model.onDidChangeContent(() => {
        if (!this.applying) this.dispatchEvent(new TextEditedEvent(kind, model.getValue()));
      });
      this.models.set(kind, model);
    }
    this.editor = monaco.editor.create(host, {
      model: this.models.get(this.active) ?? null,
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
      ariaLabel: this.locale === 'zh' ? '规则编辑器' : 'Rule editor',
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
    if (!this.editor) return;
    if (changed.has('ruleText')) this.write('rule', this.ruleText);
    if (changed.has('ruleText') || changed.has('locale')) setInputSchemaFrom(this.ruleText, this.locale);
    if (changed.has('inputText')) this.write('input', this.inputText);
    if (changed.has('active')) this.show(this.active);
    if (changed.has('issues') || changed.has('locale')) this.syncMarkers();
    if (changed.has('locale')) {
      setEditorLocale(this.locale);
      this.editor.updateOptions({ ariaLabel: this.locale === 'zh' ? '规则编辑器' : 'Rule editor' });
    }
  }

  /** Replaces a model's text when it differs, as one undoable edit. */
  private write(kind: DocumentKind, text: string): void {
    const model = this.models.get(kind);
    if (!model || model.getValue() === text) return;
    this.applying = true;
    try {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    } finally {
      this.applying = false;
    }
  }

  /**
   * Applies a minimal edit (from the parameter panel) to a document as one step of the editor's
   * undo history, so Ctrl+Z in the editor takes back exactly that edit. Returns the new text, or
   * undefined when the editor is not up or its text is not `base` (the caller edits the text then).
   */
  applyEdit(kind: DocumentKind, base: string, edit: Edit): string | undefined {
    const model = this.models.get(kind);
    if (!model || model.getValue() !== base) return undefined;
    const from = model.getPositionAt(edit.offset);
    const to = model.getPositionAt(edit.offset + edit.length);
    this.applying = true;
    try {
      model.pushStackElement();
      model.pushEditOperations([], [{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: edit.content }], () => null);
      model.pushStackElement();
    } finally {
      this.applying = false;
    }
    return model.getValue();
  }

  private show(kind: DocumentKind): void {
    const editor = this.editor;
    const model = this.models.get(kind);
    if (!editor || !model || editor.getModel() === model) return;
    const current = editor.getModel();
    for (const [k, m] of this.models) if (m === current) this.viewStates.set(k, editor.saveViewState());
    editor.setModel(model);
    const state = this.viewStates.get(kind);
    if (state) editor.restoreViewState(state);
  }

  private syncMarkers(): void {
    for (const [kind, model] of this.models) {
      const markers: monaco.editor.IMarkerData[] = [];
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
    if (!editor || !model) return;
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
