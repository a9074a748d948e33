/**
 * The events the playground's elements send each other: one Event subclass per meaning, each
 * declared in HTMLElementEventMap so `addEventListener` and Lit's `@event` bindings are typed.
 * All bubble and cross shadow roots, so the coordinator can listen on itself.
 */
import type { Locale } from './i18n.js';
import type { Edit } from './json-edit.js';
import type { Preset } from './presets.js';

/** Which of the two documents: the rule file or the input document. */
export type DocumentKind = 'rule' | 'input';

const init: EventInit = { bubbles: true, composed: true };

/** A figure was chosen (in the results, the trace, the diagram, the ledger). */
export class FigureSelectedEvent extends Event {
  static readonly type = 'figure-selected';
  constructor(readonly name: string | undefined) {
    super(FigureSelectedEvent.type, init);
  }
}

/** Show a place of a document in the editor (a rule line from the trace, an issue). */
export class RevealSourceEvent extends Event {
  static readonly type = 'reveal-source';
  constructor(
    readonly document: DocumentKind,
    readonly line: number,
    readonly column: number,
  ) {
    super(RevealSourceEvent.type, init);
  }
}

/** A document's text was changed by the person (typing, the grid, an import). */
export class TextEditedEvent extends Event {
  static readonly type = 'text-edited';
  constructor(
    readonly document: DocumentKind,
    readonly text: string,
  ) {
    super(TextEditedEvent.type, init);
  }
}

/** A preset was picked. */
export class PresetChosenEvent extends Event {
  static readonly type = 'preset-chosen';
  constructor(readonly preset: Preset) {
    super(PresetChosenEvent.type, init);
  }
}

/** A short message for the status line (import results, copy confirmations). */
export class NoticeEvent extends Event {
  static readonly type = 'notice';
  constructor(readonly message: string) {
    super(NoticeEvent.type, init);
  }
}

/** The language was switched. */
export class LocaleChangedEvent extends Event {
  static readonly type = 'locale-changed';
  constructor(readonly locale: Locale) {
    super(LocaleChangedEvent.type, init);
  }
}

/** The compare view's baseline was chosen: `pinned` or a preset id. */
export class BaselineChosenEvent extends Event {
  static readonly type = 'baseline-chosen';
  constructor(readonly choice: string) {
    super(BaselineChosenEvent.type, init);
  }
}

/** Pin the current rule text as the compare view's baseline. */
export class PinBaselineEvent extends Event {
  static readonly type = 'pin-baseline';
  constructor() {
    super(PinBaselineEvent.type, init);
  }
}

/**
 * A parameter was set in the parameter panel: minimal edits of the rule text, all made against
 * the same text and applied as one step (the parameter, and the one that keeps its sum whole).
 */
export class ParameterEditEvent extends Event {
  static readonly type = 'parameter-edit';
  constructor(
    readonly name: string,
    readonly edits: readonly Edit[],
    /** The rule text the edits were made against: an edit of an older text is not applied. */
    readonly base: string,
  ) {
    super(ParameterEditEvent.type, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'figure-selected': FigureSelectedEvent;
    'reveal-source': RevealSourceEvent;
    'text-edited': TextEditedEvent;
    'preset-chosen': PresetChosenEvent;
    notice: NoticeEvent;
    'locale-changed': LocaleChangedEvent;
    'baseline-chosen': BaselineChosenEvent;
    'pin-baseline': PinBaselineEvent;
    'parameter-edit': ParameterEditEvent;
  }
}

/** Asks the page to open a parameter in the 参数设置 panel (from a trace). */
export class RevealParameterEvent extends Event {
  static readonly type = 'reveal-parameter';
  constructor(readonly name: string) {
    super(RevealParameterEvent.type, init);
  }
}

/** Asks the page to show an input in the 表格编辑 tab: a single input's field, or a table row by its key. */
export class RevealInputEvent extends Event {
  static readonly type = 'reveal-input';
  constructor(
    /** A single input's path (`insured`, `group.field`), or a row key (`town-1`). */
    readonly place: { readonly path: readonly string[] } | { readonly rowKey: string },
  ) {
    super(RevealInputEvent.type, init);
  }
}
