/**
 * `<change-list>`: what differs from the chosen baseline, one line each, in the official's words
 * — `结余分配：县级份额 6 → 7`, a step with the field that changed — beside the compare view's
 * money impact. Clicking a line reveals it in the rule editor. `<parameter-summary>`: the
 * parameters of the settled rule file as the results show them (label, value as read, published
 * or assumed).
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { RevealSourceEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import type { ParameterRow } from './parameters.js';
import type { RuleChange } from './rule-changes.js';
import { shared } from './styles.js';

/** The line (1-based) of a JSON Pointer's member in the rule text, found by its key, for reveal. */
function lineOf(ruleText: string, pointer: string): number | undefined {
  const key = pointer.split('/').pop() ?? '';
  if (/^\d+$/.test(key)) return undefined;
  const at = ruleText.indexOf(`"${key.replace(/~1/g, '/').replace(/~0/g, '~')}"`);
  return at < 0 ? undefined : ruleText.slice(0, at).split('\n').length;
}

export class ChangeList extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 4px 8px;
      }
      h3 {
        font-size: 12px;
        margin: 4px 0;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
      li {
        margin: 2px 0;
      }
      .arrow {
        color: var(--muted, #5b6b7c);
        padding: 0 4px;
      }
      .to {
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) changes: readonly RuleChange[] | undefined;
  /** The rule text the changes point into (for reveal). */
  @property({ attribute: false }) ruleText = '';
  /** What the baseline is, as people call it: a preset's title or "the pinned version". */
  @property() baselineName = '';
  @property() locale: Locale = 'zh';

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const changes = this.changes;
    if (changes === undefined) return nothing;
    return html`<section aria-label=${L('changesTitle')}>
      <h3>${L('changesTitle')}${this.baselineName ? html` <span class="muted">（${L('changesAgainst')} ${this.baselineName}）</span>` : nothing}</h3>
      ${changes.length === 0
        ? html`<p class="muted">${L('changesNone')}</p>`
        : html`<ul data-testid="changes">
            ${changes.map((c) => this.renderChange(c))}
          </ul>`}
    </section>`;
  }

  private renderChange(c: RuleChange): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const line = lineOf(this.ruleText, c.pointer);
    const what = c.kind === 'parameter' ? L('changeParameter') : c.kind === 'step' ? L('changeStep') : L('changeSection');
    const name = html`${c.label[this.locale]} <span class="mono muted">${c.name}</span>`;
    return html`<li data-kind=${c.kind} data-name=${c.name}>
      <span class="muted">${what}</span>
      ${line !== undefined ? html`<button class="link" @click=${() => this.dispatchEvent(new RevealSourceEvent('rule', line, 1))}>${name}</button>` : name}：
      ${c.from === undefined
        ? html`<span class="to">${L('changeAdded')}</span> ${c.to}`
        : c.to === undefined
          ? html`<span class="to">${L('changeRemoved')}</span>`
          : html`<span class="from">${c.from}</span><span class="arrow">→</span><span class="to">${c.to}</span>`}
    </li>`;
  }
}

export class ParameterSummary extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      summary {
        cursor: pointer;
        padding: 4px 8px;
        font-weight: 600;
      }
      .published {
        color: var(--green, #087443);
      }
      .assumed {
        color: #8a4b00;
      }
    `,
  ];

  @property({ attribute: false }) rows: readonly ParameterRow[] = [];
  @property() locale: Locale = 'zh';

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    if (this.rows.length === 0) return nothing;
    return html`<details open>
      <summary>${L('parameters')}（${this.rows.length}）</summary>
      <table aria-label=${L('parameters')}>
        <thead>
          <tr>
            <th>${L('name')}</th>
            <th class="num">${L('value')}</th>
            <th>${L('paramStatus')}</th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (r) => html`<tr data-name=${r.name}>
              <td>${r.label} <span class="mono muted">${r.name}</span></td>
              <td class="num">${r.value}</td>
              <td class=${r.status} title=${r.source}>${r.status === 'published' ? L('paramPublished') : r.status === 'assumed' ? L('paramAssumed') : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'change-list': ChangeList;
    'parameter-summary': ParameterSummary;
  }
}
