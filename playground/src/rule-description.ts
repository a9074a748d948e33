/**
 * `<rule-description>`: the “规则说明” view — the rule read as sentences (from the library's
 * describeRules, computed in the worker): the parameters with their values and provenance, then
 * every step in file order with the transfers it records, then the checks. A click on a
 * sentence (or Enter) shows its line in the rule editor. Warnings about labels come first.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { RevealSourceEvent } from './events.js';
import type { Locale, Text } from './i18n.js';
import { shared } from './styles.js';
import type { RuleDescription, RuleSentence } from 'yibao-settle';

const TEXT = {
  heading: { zh: '规则说明', en: 'The rule in words' },
  intro: {
    zh: '由规则文件逐条生成：参数按当前取值显示；点击任一句可在编辑器中查看对应的规则行。',
    en: 'Written from the rule file, step by step, with the parameters at their current values; click a sentence to see its rule line.',
  },
  parameters: { zh: '参数', en: 'Parameters' },
  value: { zh: '取值', en: 'Value' },
  published: { zh: '公开发布', en: 'published' },
  assumed: { zh: '假设', en: 'assumed' },
  unstated: { zh: '未说明', en: 'not stated' },
  steps: { zh: '计算步骤', en: 'Steps' },
  checks: { zh: '核对', en: 'Checks' },
  hints: { zh: '提示', en: 'Warnings' },
  line: { zh: '第 {n} 行', en: 'line {n}' },
  none: { zh: '规则文件有错误，改正后这里会显示规则说明', en: 'The rule file has problems; the description appears once they are fixed' },
  stale: { zh: '规则文件有错误，下面是上一次可读时的说明', en: 'The rule file has problems; below is the description of its last readable version' },
} as const satisfies Record<string, Text>;

export class RuleDescriptionView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px 16px;
        line-height: 1.6;
      }
      h2 {
        font-size: 14px;
        margin: 14px 0 4px;
      }
      p.intro {
        margin: 0 0 6px;
      }
      ol,
      ul {
        margin: 0;
        padding-left: 2.2em;
      }
      li {
        margin: 2px 0;
      }
      li.transfer {
        list-style: none;
        margin-left: -0.6em;
        color: var(--muted, #5b6b7c);
      }
      button.sentence {
        display: inline;
        text-align: left;
        background: none;
        border: none;
        padding: 1px 2px;
        cursor: pointer;
        border-radius: 3px;
        font: inherit;
        color: inherit;
      }
      button.sentence:hover {
        background: var(--selected, #e8f1fb);
      }
      .at {
        font-size: 11px;
        margin-left: 6px;
      }
      td.num {
        width: 7em;
      }
      .hint {
        color: #8a5300;
      }
      .stale-note {
        background: #fff8e6;
        padding: 4px 8px;
        margin: 0;
      }
      :host([stale]) .body {
        opacity: 0.55;
      }
    `,
  ];

  @property({ attribute: false }) description: RuleDescription | undefined;
  @property() locale: Locale = 'zh';
  /** The rule text has changed into something unreadable: the description shown is older. */
  @property({ type: Boolean, reflect: true }) stale = false;

  private say(id: keyof typeof TEXT): string {
    return TEXT[id][this.locale];
  }

  private sentence(s: RuleSentence): unknown {
    const where = s.at ? this.say('line').replace('{n}', String(s.at.line)) : '';
    return html`<button class="sentence" data-pointer=${s.pointer} title=${where} @click=${() => this.dispatchEvent(new RevealSourceEvent('rule', s.at?.line ?? 1, s.at?.column ?? 1))}>
      ${s.text[this.locale]}<span class="at muted mono">${where}</span>
    </button>`;
  }

  protected override render(): unknown {
    const d = this.description;
    if (!d) return html`<p class="empty">${this.say('none')}</p>`;
    const provenance = (p: boolean | undefined): string => this.say(p === true ? 'published' : p === false ? 'assumed' : 'unstated');
    const steps: { head: RuleSentence; transfers: RuleSentence[] }[] = [];
    for (const s of d.sentences) {
      if (s.kind === 'check') continue;
      const last = steps[steps.length - 1];
      if (s.kind === 'transfer' && last) last.transfers.push(s);
      else steps.push({ head: s, transfers: [] });
    }
    const checks = d.sentences.filter((s) => s.kind === 'check');
    return html`
      ${this.stale ? html`<p class="stale-note">${this.say('stale')}</p>` : nothing}
      <div class="body">
        <h2>${this.say('heading')} · ${d.title[this.locale]}</h2>
        <p class="intro muted">${this.say('intro')}</p>
        ${d.hints.length > 0
          ? html`<h2 class="hint">${this.say('hints')}</h2>
              <ul>
                ${d.hints.map((h) => html`<li class="hint">${h.at ? html`<button class="sentence" @click=${() => this.dispatchEvent(new RevealSourceEvent('rule', h.at?.line ?? 1, h.at?.column ?? 1))}>${h.message[this.locale]}</button>` : h.message[this.locale]}</li>`)}
              </ul>`
          : nothing}
        ${d.parameters.length > 0
          ? html`<h2>${this.say('parameters')}</h2>
              <table aria-label=${this.say('parameters')}>
                ${d.parameters.map(
                  (p) => html`<tr>
                    <td>${p.label[this.locale]} <span class="mono muted">${p.name}</span></td>
                    <td class="num">${p.value[this.locale]}</td>
                    <td class="muted">${provenance(p.published)}</td>
                  </tr>`,
                )}
              </table>`
          : nothing}
        <h2>${this.say('steps')}</h2>
        <ol aria-label=${this.say('steps')}>
          ${steps.map(
            ({ head, transfers }) => html`<li>
              ${this.sentence(head)}
              ${transfers.length > 0 ? html`<ul>${transfers.map((t) => html`<li class="transfer">${this.sentence(t)}</li>`)}</ul>` : nothing}
            </li>`,
          )}
        </ol>
        ${checks.length > 0
          ? html`<h2>${this.say('checks')}</h2>
              <ul aria-label=${this.say('checks')}>
                ${checks.map((c) => html`<li>${this.sentence(c)}</li>`)}
              </ul>`
          : nothing}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rule-description': RuleDescriptionView;
  }
}
