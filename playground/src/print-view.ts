/**
 * `<print-view>`: the audit sheet that prints (or saves as PDF) — title, rule version and
 * effective year, files and their SHA-256 fingerprints, engine and date, then the record's tables
 * (parameters, input data, results, ledger, checks, accounts, changes from a pinned baseline),
 * the selected figure's trace, and lines to sign (制表 / 审核 / 负责人). Page numbers
 * ("第 n 页 共 m 页") come from the page's @page rule, which this element keeps in the page's
 * language. Hidden on screen; drawn only while printing (`active`), because a record of 2,000
 * members is several thousand rows that the screen never needs.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { recordMeta, recordTables, type RecordSource, type RecordTable } from './audit-record.js';
import { formatFigure } from './format.js';
import { t, type Locale, type MessageId } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import type { RuleDescription, Settlement } from 'yibao-settle';

const PAGE_STYLE_ID = 'print-page-numbers';

/** Numbers right-aligned, formulas in monospace, short words (a check's outcome) kept on one line. */
function cellClass(table: RecordTable, column: number): string {
  if (table.columns[column]?.numeric) return 'num';
  if (table.id === 'results' && column === 3) return 'formula';
  return table.id === 'checks' && column === 1 ? 'nowrap' : '';
}

export class PrintView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        font-size: 10pt;
        color: #000;
      }
      h1 {
        font-size: 15pt;
        margin: 0 0 6pt;
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
        margin: 0;
      }
      .meta dt {
        font-weight: 600;
      }
      .meta dd {
        margin: 0;
        word-break: break-all;
      }
      .meta dd.fingerprint {
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
        font-size: 9pt;
      }
      th,
      td {
        border-bottom: 0.5pt solid #999;
        padding: 1.5pt 4pt;
        font-size: 9pt;
      }
      th {
        position: static;
        color: #000;
        border-bottom: 1pt solid #000;
      }
      thead {
        display: table-header-group;
      }
      tr {
        break-inside: avoid;
      }
      .rule-words li {
        break-inside: avoid;
      }
      .formula {
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
        font-size: 8.5pt;
        color: #333;
        word-break: break-word;
      }
      td.nowrap {
        white-space: nowrap;
      }
      .empty {
        padding: 2pt 0;
        color: #333;
      }
      .signatures {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 12pt;
        margin-top: 24pt;
        break-inside: avoid;
      }
      .signatures div {
        border-bottom: 0.75pt solid #000;
        padding-top: 18pt;
        font-size: 10.5pt;
      }
    `,
  ];

  /** The rule in words (the 规则说明 view's sentences), printed after the files. */
  @property({ attribute: false }) description: RuleDescription | undefined;
  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  @property() ruleFile = '';
  @property() inputFile = '';
  @property({ attribute: false }) ruleText = '';
  @property({ attribute: false }) inputText = '';
  @property({ attribute: false }) baseline: { readonly file: string; readonly text: string } | undefined;
  @property() selected: string | undefined;
  @property() generatedAt = '';
  /** Whether the sheet is drawn: set while printing, so the screen never pays for it. */
  @property({ type: Boolean }) active = false;

  /** Draws the sheet now, synchronously: `beforeprint` lays the page out right after it returns. */
  prepare(): void {
    this.active = true;
    this.performUpdate();
  }

  protected override updated(): void {
    if (this.active) this.keepPageNumbers();
  }

  /** The @page rule with "第 n 页 共 m 页" (or "Page n of m"): page margin boxes live outside any shadow root. */
  private keepPageNumbers(): void {
    const [before, after] = t(this.locale, 'recordPage').split('{page}');
    const [middle, end] = (after ?? '').split('{pages}');
    const content = `"${before ?? ''}" counter(page) "${middle ?? ''}" counter(pages) "${end ?? ''}"`;
    const rule = `@page { size: A4; margin: 14mm 14mm 16mm; @bottom-center { content: ${content}; font-size: 9pt; } }`;
    let style = document.getElementById(PAGE_STYLE_ID);
    if (!style) {
      style = document.createElement('style');
      style.id = PAGE_STYLE_ID;
      document.head.append(style);
    }
    if (style.textContent !== rule) style.textContent = rule;
  }

  private source(s: Settlement): RecordSource {
    return {
      settlement: s,
      labels: this.labels,
      ruleText: this.ruleText,
      inputText: this.inputText,
      ruleFile: this.ruleFile,
      inputFile: this.inputFile,
      locale: this.locale,
      generatedAt: this.generatedAt,
      baseline: this.baseline,
    };
  }

  protected override render(): unknown {
    const s = this.settlement;
    if (!s || !this.active) return nothing;
    const L = (id: MessageId): string => t(this.locale, id);
    const source = this.source(s);
    return html`
      <h1>${L('printTitle')} · ${s.rule.title[this.locale]}</h1>
      <dl class="meta" data-testid="print-meta">
        ${recordMeta(source).map(
          (m) => html`<dt>${m.label}</dt>
            <dd data-testid=${m.id} class=${m.id.endsWith('fingerprint') ? 'fingerprint' : ''}>${m.value}</dd>`,
        )}
      </dl>
      ${this.renderRuleWords()} ${recordTables(source).map((table) => this.renderTable(table))} ${this.renderTrace(s)}
      <div class="signatures" data-testid="signatures">
        <div>${L('recordPreparedBy')}：</div>
        <div>${L('recordReviewedBy')}：</div>
        <div>${L('recordApprovedBy')}：</div>
        <div>${L('recordDate')}：</div>
      </div>
    `;
  }

  /** The rule's steps in words, in the page's language. */
  private renderRuleWords(): unknown {
    if (!this.description) return nothing;
    return html`<section data-section="rule-words">
      <h2>${t(this.locale, 'viewRules')}</h2>
      <ol class="rule-words" data-testid="print-rule-words">
        ${this.description.sentences.filter((x) => x.kind === 'step' || x.kind === 'loop').map((x) => html`<li>${x.text[this.locale]}</li>`)}
      </ol>
    </section>`;
  }

  private renderTable(table: RecordTable): unknown {
    return html`<section data-section=${table.id} aria-label=${table.title}>
      <h2>${table.title}</h2>
      ${table.rows.length === 0
        ? html`<p class="empty">${table.id === 'changes' ? t(this.locale, 'recordNoChanges') : t(this.locale, 'missing')}</p>`
        : html`<table>
            <thead>
              <tr>
                ${table.columns.map((c) => html`<th class=${c.numeric ? 'num' : ''}>${c.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${table.rows.map(
                (row) => html`<tr>
                  ${row.map((cell, i) => html`<td class=${cellClass(table, i)}>${cell.text}</td>`)}
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  private renderTrace(s: Settlement): unknown {
    const selected = this.selected !== undefined ? s.figures[this.selected] : undefined;
    if (!selected) return nothing;
    return html`<section data-section="trace">
      <h2>${t(this.locale, 'trace')}：${labelOf(this.labels, selected.name, this.locale)}</h2>
      <p class="formula">${selected.name} = ${selected.formula} = ${formatFigure(selected.value, selected.kind)}</p>
      <table>
        ${Object.entries(selected.inputs).map(([k, v]) => html`<tr><td>${labelOf(this.labels, k, this.locale)}</td><td class="mono">${k}</td><td class="num">${v}</td></tr>`)}
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'print-view': PrintView;
  }
}
