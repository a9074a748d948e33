/**
 * `<compare-view>`: the same input under two rule texts — a pinned earlier version of the
 * current rules or another preset — every value side by side with the exact difference.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaselineChosenEvent, FigureSelectedEvent, PinBaselineEvent } from './events.js';
import { formatFigure, isNegativeText } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { presets } from './presets.js';
import { shared } from './styles.js';
import type { CompareRow, Outcome } from './worker-api.js';

export class CompareView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        padding: 8px;
      }
      select,
      .bar button {
        font: inherit;
        padding: 2px 6px;
      }
      select {
        max-width: 32em;
      }
      tr.changed td {
        background: #fff8e6;
      }
      .problem {
        color: var(--red, #b42318);
        padding: 0 8px;
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly CompareRow[] = [];
  @property({ attribute: false }) baselineOutcome: Outcome | undefined;
  @property({ attribute: false }) currentOutcome: Outcome | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';
  /** `pinned`, a preset id, or undefined when nothing is chosen. */
  @property() baseline: string | undefined;
  @property({ type: Boolean }) hasPinned = false;
  @state() private onlyChanged = false;

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const rows = this.onlyChanged ? this.rows.filter((r) => r.changed) : this.rows;
    return html`
      <div class="bar">
        <button @click=${() => this.dispatchEvent(new PinBaselineEvent())} data-testid="pin">${L('comparePin')}</button>
        <label
          >${L('compareBaseline')}
          <select
            data-testid="baseline"
            @change=${(e: Event) => this.dispatchEvent(new BaselineChosenEvent((e.target as HTMLSelectElement).value))}
          >
            <option value="" ?selected=${this.baseline === undefined}>—</option>
            ${this.hasPinned ? html`<option value="pinned" ?selected=${this.baseline === 'pinned'}>${L('comparePinned')}</option>` : nothing}
            ${presets.map((p) => html`<option value=${p.id} ?selected=${this.baseline === p.id}>${p.title[this.locale]}</option>`)}
          </select></label
        >
        <label><input type="checkbox" data-testid="only-changed" .checked=${this.onlyChanged} @change=${(e: Event) => (this.onlyChanged = (e.target as HTMLInputElement).checked)} /> ${L('onlyChanged')}</label>
      </div>
      ${this.baseline === undefined ? html`<p class="empty">${L('compareChoose')}</p>` : this.renderTable(rows)}
    `;
  }

  private problem(outcome: Outcome | undefined, side: string): unknown {
    if (!outcome || outcome.stage === 'done') return nothing;
    const first = outcome.issues[0];
    return html`<p class="problem">${side}: ${first ? `${first.file}${first.at ? `:${first.at.line}:${first.at.column}` : ''} ${first.message[this.locale]}` : ''}</p>`;
  }

  private renderTable(rows: readonly CompareRow[]): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const cell = (v: string | undefined, kind: string): unknown =>
      v === undefined ? html`<span class="muted">${L('missing')}</span>` : formatFigure(v, kind);
    return html`${this.problem(this.baselineOutcome, L('compareBaseline'))}${this.problem(this.currentOutcome, L('compareCurrent'))}
      <table data-testid="compare">
        <thead>
          <tr>
            <th>${L('name')}</th>
            <th class="num">${L('compareBaseline')}</th>
            <th class="num">${L('compareCurrent')}</th>
            <th class="num">${L('difference')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr class=${r.changed ? 'changed' : ''} data-name=${r.name}>
              <td>
                <button class="link" @click=${() => this.dispatchEvent(new FigureSelectedEvent(r.name))}>
                  ${labelOf(this.labels, r.name, this.locale)}
                </button>
                <span class="mono muted">${r.name}</span>
              </td>
              <td class="num">${cell(r.baseline, r.kind)}</td>
              <td class="num">${cell(r.current, r.kind)}</td>
              <td class="num diff ${r.difference !== undefined && isNegativeText(r.difference) ? 'negative' : ''}">
                ${r.difference === undefined ? '' : r.changed ? formatFigure(r.difference, r.kind) : ''}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'compare-view': CompareView;
  }
}
