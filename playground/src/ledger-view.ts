/**
 * `<ledger-view>`: the conservation checks (green or red), every transfer of the ledger and the
 * accounts' balances. A transfer's value name selects its figure.
 */
import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { FigureSelectedEvent } from './events.js';
import { groupThousands, isNegativeText } from './format.js';
import { t, type Locale } from './i18n.js';
import { labelOf, type Labels } from './labels.js';
import { shared } from './styles.js';
import type { Settlement } from 'yibao-settle';

export class LedgerView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
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
    `,
  ];

  @property({ attribute: false }) settlement: Settlement | undefined;
  @property({ attribute: false }) labels: Labels = new Map();
  @property() locale: Locale = 'zh';

  protected override render(): unknown {
    const s = this.settlement;
    if (!s) return html`<p class="empty">${t(this.locale, 'noResult')}</p>`;
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const name = (n: string): string => labelOf(this.labels, n, this.locale);
    return html`
      <h3>${L('checks')}</h3>
      <ul class="checks" data-testid="checks">
        ${s.checks.map(
          (c) => html`<li class=${c.ok ? 'ok' : 'bad'} data-check=${c.name} data-ok=${c.ok ? 'true' : 'false'}>
            <span class="badge">${c.ok ? `✓ ${L('checkOk')}` : `✗ ${L('checkFailed')}`}</span>
            ${c.description} <span class="muted mono">${c.name}</span>
            ${c.ok
              ? ''
              : html`<span class="mono">${L('expected')} ${groupThousands(c.expected)}，${L('actual')} ${groupThousands(c.actual)}</span>`}
          </li>`,
        )}
      </ul>
      <h3>${L('ledger')}</h3>
      ${s.ledger.length === 0
        ? html`<p class="empty">${L('noLedger')}</p>`
        : html`<table data-testid="ledger">
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
              ${s.ledger.map(
                (tr) => html`<tr>
                  <td>${name(tr.from)}</td>
                  <td>${name(tr.to)}</td>
                  <td class="num">${groupThousands(tr.amount)}</td>
                  <td>
                    <button class="link" @click=${() => this.dispatchEvent(new FigureSelectedEvent(tr.value))}>${name(tr.value)}</button>
                    ${tr.memo !== undefined ? html`<div class="muted">${tr.memo}</div>` : ''}
                  </td>
                  <td class="mono muted">${tr.pointer}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
      <h3>${L('accounts')}</h3>
      <table data-testid="accounts">
        <thead>
          <tr>
            <th>${L('account')}</th>
            <th class="num">${L('received')}</th>
            <th class="num">${L('paid')}</th>
            <th class="num">${L('net')}</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(s.accounts).map(
            ([account, b]) => html`<tr>
              <td>${name(account)} <span class="mono muted">${account}</span></td>
              <td class="num">${groupThousands(b.received)}</td>
              <td class="num">${groupThousands(b.paid)}</td>
              <td class="num ${isNegativeText(b.net) ? 'negative' : ''}">${groupThousands(b.net)}</td>
            </tr>`,
          )}
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
