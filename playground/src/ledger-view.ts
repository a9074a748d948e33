/**
 * `<ledger-view>`: the checks (green or red) in the page's language, every transfer of the
 * ledger and the accounts' balances. A transfer's value name selects its figure. Long ledgers
 * (2,000 members) draw only the rows in view (virtual-rows.ts).
 */
import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { groupThousands, isNegativeText } from './format.js';
import { inLocale, t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import { VirtualRows } from './virtual-rows.js';
import type { Settlement } from 'yibao-settle';

/** A row's height when a table is drawn in part: one line per row. */
const ROW_HEIGHT = 25;

export class LedgerView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        --row-height: ${ROW_HEIGHT}px;
        display: block;
        padding: 0 0 12px;
      }
      h3 {
        font-size: 13px;
        margin: 12px 8px 4px;
      }
      .checks li {
        list-style: none;
        padding: 2px 0;
      }
      .checks {
        margin: 0;
        padding: 0 8px;
      }
      .badge {
        display: inline-block;
        min-width: 4em;
        font-weight: 600;
      }
      table.virtual td {
        max-width: 14em;
      }
      table.virtual .memo {
        display: none;
      }
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';

  private readonly ledgerRows = new VirtualRows(this, () => this.renderRoot.querySelector('[data-testid=ledger] tbody'), ROW_HEIGHT);
  private readonly accountRows = new VirtualRows(this, () => this.renderRoot.querySelector('[data-testid=accounts] tbody'), ROW_HEIGHT);

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const name = (n: string): string => labelOf(this.labels, n, this.locale);
    const lw = this.ledgerRows.window(s.ledger.length, 5);
    const accounts = Object.entries(s.accounts);
    const aw = this.accountRows.window(accounts.length, 4);
    return html`
      <h3>${L('checks')}</h3>
      <ul class="checks" data-testid="checks">
        ${s.checks.map(
          (c) => html`<li class=${c.ok ? 'ok' : 'bad'} data-check=${c.name} data-ok=${c.ok ? 'true' : 'false'} title=${c.description}>
            <span class="badge">${c.ok ? `✓ ${L('checkOk')}` : `✗ ${L('checkFailed')}`}</span>
            ${c.label[this.locale]}
            ${c.ok
              ? ''
              : html`<span class="mono">${L('expected')} ${groupThousands(c.expected)}，${L('actual')} ${groupThousands(c.actual)}</span>`}
          </li>`,
        )}
      </ul>
      <h3>${L('ledger')}</h3>
      ${s.ledger.length === 0
        ? html`<p class="empty">${L('noLedger')}</p>`
        : html`<table data-testid="ledger" class=${lw.before !== '' || lw.after !== '' ? 'virtual' : ''} aria-label=${L('ledger')} aria-rowcount=${s.ledger.length + 1}>
            <thead>
              <tr>
                <th>${L('from')}</th>
                <th>${L('to')}</th>
                <th class="num">${L('amount')}</th>
                <th>${L('value')}</th>
                <th>${L('step')}</th>
              </tr>
            </thead>
            <tbody>
              ${lw.before}
              ${s.ledger.slice(lw.start, lw.end).map(
                (tr) => html`<tr>
                  <td>${name(tr.from)}</td>
                  <td>${name(tr.to)}</td>
                  <td class="num">${groupThousands(tr.amount)}</td>
                  <td>
                    <button class="link" @click=${() => this.dispatchEvent(new FigureSelectedEvent(tr.value))}>${name(tr.value)}</button>
                    ${tr.memo !== undefined ? html`<div class="muted memo">${inLocale(tr.memo, this.locale)}</div>` : ''}
                  </td>
                  <td class="mono muted">${tr.pointer}</td>
                </tr>`,
              )}
              ${lw.after}
            </tbody>
          </table>`}
      <h3>${L('accounts')}</h3>
      <table data-testid="accounts" class=${aw.before !== '' || aw.after !== '' ? 'virtual' : ''} aria-label=${L('accounts')} aria-rowcount=${accounts.length + 1}>
        <thead>
          <tr>
            <th>${L('account')}</th>
            <th class="num">${L('received')}</th>
            <th class="num">${L('paid')}</th>
            <th class="num">${L('net')}</th>
          </tr>
        </thead>
        <tbody>
          ${aw.before}
          ${accounts.slice(aw.start, aw.end).map(
            ([account, b]) => html`<tr>
              <td>${name(account)} <span class="mono muted">${account}</span></td>
              <td class="num">${groupThousands(b.received)}</td>
              <td class="num">${groupThousands(b.paid)}</td>
              <td class="num ${isNegativeText(b.net) ? 'negative' : ''}">${groupThousands(b.net)}</td>
            </tr>`,
          )}
          ${aw.after}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ledger-view': LedgerView;
  }
}
