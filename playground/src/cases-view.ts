/**
 * `<cases-view>`: a cases file (the preset's own, or one opened) run against the rule on the
 * page, case by case, as `yibao-settle test` runs it (the same library function): pass or fail,
 * and for a failure each expected figure beside the actual one. The current input and results can
 * be saved as a new case — the auditor ticks the figures to expect — and the file downloaded for
 * the command line.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CaseOutcome, Settlement } from 'yibao-settle';
import { download } from './export.js';
import { formatPrinted } from './format.js';
import { t, type Locale } from './i18n.js';
import { shared } from './styles.js';
import type { SettleController } from './worker-client.js';

/** A cases file's new text, when the auditor adds a case: the page keeps it. */
export class CasesChangedEvent extends Event {
  constructor(readonly text: string) {
    super('cases-changed', { bubbles: true, composed: true });
  }
}

export class CasesView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      .summary {
        display: flex;
        gap: 12px;
        align-items: center;
        flex-wrap: wrap;
        margin-bottom: 8px;
      }
      .pass {
        color: #2e7d32;
      }
      .fail {
        color: #c62828;
      }
      li {
        margin: 4px 0;
      }
      table {
        margin: 4px 0 8px 1.5em;
        width: calc(100% - 1.5em);
      }
      dialog label {
        display: block;
      }
      dialog .figures {
        max-height: 50vh;
        overflow: auto;
      }
    `,
  ];

  @property({ attribute: false }) engine: SettleController | undefined;
  /** The engine's newest run of a cases file (a property, so that its arrival redraws the view). */
  @property({ attribute: false }) cased: SettleController['cased'];
  @property({ attribute: false }) settlement: Settlement | undefined;
  @property() ruleText = '';
  @property() ruleFile = 'rules.json';
  @property() inputText = '';
  @property() casesText = '';
  @property() casesFile = 'cases.json';
  @property() locale: Locale = 'zh';
  @state() private saving = false;

  /** The outcomes of the cases on the page, once the worker has run them. */
  private outcomes(): readonly CaseOutcome[] | undefined {
    const c = this.cased;
    return c && c.rule.text === this.ruleText && c.cases.text === this.casesText ? c.outcomes : undefined;
  }

  protected override updated(): void {
    if (this.casesText !== '' && this.outcomes() === undefined && this.engine) {
      const asked = `${this.ruleText}\u0000${this.casesText}`;
      if (asked !== this.asked) {
        this.asked = asked;
        this.engine.cases({ file: this.ruleFile, text: this.ruleText }, { file: this.casesFile, text: this.casesText });
      }
    }
  }

  private asked = '';

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    if (this.casesText === '') return html`<p class="muted">${L('casesNone')}</p>${this.renderSave()}`;
    const outcomes = this.outcomes();
    if (!outcomes) return html`<p class="muted">${L('computing')}</p>`;
    const passed = outcomes.filter((o) => o.ok).length;
    return html`
      <div class="summary">
        <strong class=${passed === outcomes.length ? 'pass' : 'fail'}>${L('casesPassed')} ${passed} / ${outcomes.length}</strong>
        <span class="muted mono">${this.casesFile}</span>
        <button @click=${() => this.download()}>${L('casesDownload')}</button>
        ${this.renderSave()}
      </div>
      <ul aria-label=${L('viewCases')}>
        ${outcomes.map((o) => this.renderOutcome(o))}
      </ul>
    `;
  }

  private renderOutcome(o: CaseOutcome): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const wrong = (o.figures ?? []).filter((f) => !f.ok);
    return html`<li data-ok=${o.ok ? 'true' : 'false'}>
      <span class=${o.ok ? 'pass' : 'fail'}>${o.ok ? '✓' : '✗'}</span> ${o.name}
      ${wrong.length > 0
        ? html`<table aria-label="${L('casesDifferences')}: ${o.name}">
            <thead><tr><th>${L('resultName')}</th><th>${L('casesExpected')}</th><th>${L('casesActual')}</th></tr></thead>
            <tbody>
              ${wrong.map((f) => html`<tr><td class="mono">${f.name}</td><td class="num">${formatPrinted(f.expected)}</td><td class="num fail">${f.actual === undefined ? L('casesNoValue') : formatPrinted(f.actual)}</td></tr>`)}
            </tbody>
          </table>`
        : nothing}
      ${!o.ok && wrong.length === 0 ? html`<div class="muted">${(o.issues ?? []).map((i) => i.message[this.locale]).join('；') || o.problems.join('; ')}</div>` : nothing}
    </li>`;
  }

  private renderSave(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const s = this.settlement;
    if (!s) return nothing;
    return html`<button @click=${() => (this.saving = true)}>${L('casesSave')}</button>
      ${this.saving
        ? html`<dialog open aria-label=${L('casesSave')}>
            <p>${L('casesSaveHelp')}</p>
            <label>${L('casesName')} <input name="case-name" .value=${`${L('casesNew')} ${new Date().toISOString().slice(0, 10)}`} /></label>
            <div class="figures">
              ${Object.entries(s.values).map(([name, value]) => html`<label><input type="checkbox" name="expect" value=${name} checked /> <span class="mono">${name}</span> = ${value}</label>`)}
            </div>
            <button @click=${() => this.save()}>${L('casesConfirm')}</button>
            <button @click=${() => (this.saving = false)}>${L('casesCancel')}</button>
          </dialog>`
        : nothing}`;
  }

  /** Adds the current input with the ticked figures as a case, and says the file changed. */
  private save(): void {
    const s = this.settlement;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!s || !dialog) return;
    const name = (dialog.querySelector('input[name=case-name]') as HTMLInputElement | null)?.value.trim() || t(this.locale, 'casesNew');
    const ticked = [...dialog.querySelectorAll<HTMLInputElement>('input[name=expect]:checked')].map((i) => i.value);
    const expect: Record<string, string> = {};
    for (const n of ticked) if (s.values[n] !== undefined) expect[n] = s.values[n];
    let file: { rules?: unknown; cases?: unknown[] };
    try {
      file = this.casesText === '' ? {} : (JSON.parse(this.casesText) as typeof file);
    } catch {
      file = {};
    }
    const rules = typeof file.rules === 'string' ? file.rules : this.ruleFile.slice(this.ruleFile.lastIndexOf('/') + 1);
    const cases = Array.isArray(file.cases) ? file.cases : [];
    const input: unknown = JSON.parse(this.inputText);
    const text = `${JSON.stringify({ ...file, rules, cases: [...cases, { name, input, expect }] }, null, 2)}\n`;
    this.saving = false;
    this.dispatchEvent(new CasesChangedEvent(text));
  }

  private download(): void {
    download(this.casesFile.slice(this.casesFile.lastIndexOf('/') + 1) || 'cases.json', this.casesText, 'application/json');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cases-view': CasesView;
  }
  interface HTMLElementEventMap {
    'cases-changed': CasesChangedEvent;
  }
}
