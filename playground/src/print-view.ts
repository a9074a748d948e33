/**
 * `<print-view>`: the audit sheet that prints (or saves as PDF) — the rule set, both files'
 * names and fingerprints, the engine version, every value with its formula, the checks, the
 * ledger and the selected figure's trace. Hidden on screen; the page shows only it in print.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { formatFigure, groupThousands } from './format.js';
import { text, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import type { RuleDescription, Settlement } from 'yibao-settle';
import type { ParameterRow } from './parameters.js';
import type { RuleChange } from './rule-changes.js';

export class PrintView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        font-size: 10.5pt;
        color: #000;
      }
      h1 {
        font-size: 15pt;
        margin: 0 0 4pt;
      }
      h2 {
        font-size: 11.5pt;
        margin: 12pt 0 4pt;
        break-after: avoid;
      }
      .meta {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2pt 12pt;
      }
      .meta dt {
        font-weight: 600;
      }
      .meta dd {
        margin: 0;
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
        word-break: break-all;
      }
      th,
      td {
        border-bottom: 0.5pt solid #999;
        padding: 1.5pt 4pt;
      }
      th {
        position: static;
      }
      tr {
        break-inside: avoid;
      }
      .rule-words li {
        break-inside: avoid;
      }
      .formula {
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
        font-size: 9pt;
        color: #333;
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  /** The rule in words: its steps are printed as a short section. */
  @property({ attribute: false }) description: RuleDescription | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  @property() ruleFile = '';
  @property() inputFile = '';
  @property() selected: string | undefined;
  @property() generatedAt = '';
  /** The rule file's parameters as read (parameters.ts parameterRows). */
  @property({ attribute: false }) parameters: readonly ParameterRow[] = [];
  /** What differs from the preset or the compare baseline; undefined when there is no baseline. */
  @property({ attribute: false }) changes: readonly RuleChange[] | undefined;

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return nothing;
    // The audit sheet carries both languages, Chinese first, whatever the page's language.
    const both = (id: Parameters<typeof text>[0]): string => `${text(id).zh} ${text(id).en}`;
    const name = (n: string): string => `${labelOf(this.labels, n, 'zh')}${this.locale === 'en' ? ` / ${labelOf(this.labels, n, 'en')}` : ''}`;
    const selected = this.selected !== undefined ? s.figures[this.selected] : undefined;
    return html`
      <h1>${text('printTitle').zh} · ${s.rule.title.zh}</h1>
      <p>${text('printTitle').en} · ${s.rule.title.en}</p>
      <dl class="meta" data-testid="print-meta">
        <dt>${both('ruleFileName')}</dt>
        <dd>${this.ruleFile}</dd>
        <dt>${both('ruleFingerprint')}</dt>
        <dd data-testid="rule-fingerprint">${s.rule.fingerprint}</dd>
        <dt>${both('inputFileName')}</dt>
        <dd>${this.inputFile}</dd>
        <dt>${both('inputFingerprint')}</dt>
        <dd data-testid="input-fingerprint">${s.input.fingerprint}</dd>
        <dt>${both('engine')}</dt>
        <dd data-testid="engine-version">${s.engine.name} ${s.engine.version}</dd>
        <dt>${both('printedAt')}</dt>
        <dd>${this.generatedAt}</dd>
      </dl>
      ${this.parameters.length > 0
        ? html`<h2>${both('parameters')}</h2>
            <table data-testid="print-parameters">
              ${this.parameters.map(
                (p) => html`<tr>
                  <td>${p.label} <span class="mono muted">${p.name}</span></td>
                  <td class="num">${p.value}</td>
                  <td>${p.status === '' ? '' : both(p.status === 'published' ? 'paramPublished' : 'paramAssumed')}</td>
                </tr>`,
              )}
            </table>`
        : nothing}
      ${this.changes && this.changes.length > 0
        ? html`<h2>${both('changesTitle')}</h2>
            <ul data-testid="print-changes">
              ${this.changes.map((c) => html`<li>${c.label.zh} <span class="mono">${c.name}</span>：${c.from ?? '—'} → ${c.to ?? '—'}</li>`)}
            </ul>`
        : nothing}
      ${this.description
        ? html`<h2>${both('viewRules')}</h2>
            <ol class="rule-words" data-testid="print-rule-words">
              ${this.description.sentences
                .filter((x) => x.kind === 'step' || x.kind === 'loop')
                .map((x) => html`<li>${x.text.zh}${this.locale === 'en' ? html`<br /><span class="muted">${x.text.en}</span>` : nothing}</li>`)}
            </ol>`
        : nothing}
      <h2>${both('viewValues')}</h2>
      <table>
        <thead>
          <tr>
            <th>${both('name')}</th>
            <th class="num">${both('value')}</th>
            <th>${both('formula')}</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(s.values).map(([n, v]) => {
            const f = s.figures[n];
            return html`<tr>
              <td>${name(n)} <span class="mono muted">${n}</span></td>
              <td class="num">${formatFigure(v, f?.kind ?? 'number')}</td>
              <td class="formula">${f?.formula ?? ''}${f?.at ? ` @${f.at.line}:${f.at.column}` : ''}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      <h2>${both('checks')}</h2>
      <table>
        ${s.checks.map(
          (c) => html`<tr>
            <td>${c.ok ? '✓' : '✗'} ${c.ok ? both('checkOk') : both('checkFailed')}</td>
            <td>${c.description}</td>
            <td class="num">${groupThousands(c.expected)}</td>
            <td class="num">${groupThousands(c.actual)}</td>
          </tr>`,
        )}
      </table>
      ${s.ledger.length > 0
        ? html`<h2>${both('ledger')}</h2>
            <table>
              <thead>
                <tr>
                  <th>${both('from')}</th>
                  <th>${both('to')}</th>
                  <th class="num">${both('amount')}</th>
                  <th>${both('value')}</th>
                </tr>
              </thead>
              ${s.ledger.map(
                (t) => html`<tr>
                  <td>${name(t.from)}</td>
                  <td>${name(t.to)}</td>
                  <td class="num">${groupThousands(t.amount)}</td>
                  <td class="mono">${t.value}</td>
                </tr>`,
              )}
            </table>`
        : nothing}
      ${selected
        ? html`<h2>${both('trace')}: ${name(selected.name)}</h2>
            <p class="formula">${selected.name} = ${selected.formula} = ${formatFigure(selected.value, selected.kind)}</p>
            <table>
              ${Object.entries(selected.inputs).map(([k, v]) => html`<tr><td class="mono">${k}</td><td class="num">${v}</td></tr>`)}
            </table>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'print-view': PrintView;
  }
}
