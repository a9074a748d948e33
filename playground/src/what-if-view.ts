/**
 * `<what-if-view>`: “假设分析”. Choose what moves — actual spending scaled together (as a share
 * of what was entered, or of a figure such as the package), one money input, or a parameter
 * (with another taking up the difference) — and from where to where; every point is settled by
 * the engine in this view's own worker (library `sweep`). The chart shows each party's net
 * (received − paid) from the ledger; the table under it gives the exact figures and exports.
 * The view never computes a figure: it shows and exports the engine's text.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { download, toCsv } from './export.js';
import { groupThousands, isNegativeText } from './format.js';
import type { Locale, Text } from './i18n.js';
import { shared } from './styles.js';
import type { ChartSeries } from './sweep-chart.js';
import { SettleController } from './worker-client.js';
import type { SweepChoices, SweepOptions, SweepPoint } from 'yibao-settle';

const TEXT = {
  target: { zh: '变动项目', en: 'What changes' },
  spending: { zh: '实际支出（同比例缩放）', en: 'Actual spending (scaled together)' },
  parameter: { zh: '参数', en: 'Parameter' },
  relativeTo: { zh: '以此为 100%', en: '100% is' },
  asEntered: { zh: '录入的数值', en: 'the amounts as entered' },
  balance: { zh: '另一参数随之调整（两者之和不变）', en: 'Another parameter takes up the difference' },
  noBalance: { zh: '不调整', en: 'none' },
  from: { zh: '起点', en: 'From' },
  to: { zh: '终点', en: 'To' },
  steps: { zh: '间隔数', en: 'Intervals' },
  explain: {
    zh: '每个点都由引擎按当前规则和数据完整结算一次。缩放支出时，新的合计 = 比例 × 100% 的金额（四舍五入到分），再按录入值的比例用最大余额法分到各项，合计分毫不差。各方净额 = 收入 − 付出（负数为付出），取自资金台账中不结平的账户；成员单位的账户合为一方。',
    en: 'Every point is a full settlement by the engine under the current rules and data. When spending is scaled, the new total = the share × the 100% amount (rounded half up to the fen), split over the entries in proportion to their entered values by largest remainder, so it adds up to the fen. Each party’s net = received − paid (negative: it pays), from the ledger accounts that do not close; member units’ accounts count as one party.',
  },
  chart: { zh: '各方净收付', en: 'Net received or paid by each party' },
  parties: { zh: '显示（取消勾选可隐藏一方，纵轴随之缩放）', en: 'Show (untick a party to hide it; the axis rescales)' },
  extra: { zh: '另加一列（并画在图中）', en: 'Add a column (and a line)' },
  none: { zh: '无', en: 'none' },
  export: { zh: '导出 CSV', en: 'Export CSV' },
  share: { zh: '比例', en: 'Share' },
  amount: { zh: '调整后合计', en: 'Scaled total' },
  checks: { zh: '核对', en: 'Checks' },
  computing: { zh: '正在计算…', en: 'Computing…' },
  fillTo: { zh: '请填写终点', en: 'Enter the last value' },
  noChoices: { zh: '规则文件有错误，改正后才能做假设分析', en: 'The rule file has problems; fix them to run a what-if' },
} as const satisfies Record<string, Text>;

const COLORS = ['#0b5cad', '#b42318', '#087443', '#b54708', '#6941c6', '#0e7490', '#c11574', '#475467'];
const SWEEP_DEBOUNCE_MS = 200;

/** Full-width digits, point, percent and minus typed with a Chinese input method, as ASCII. */
const halfWidth = (s: string): string => s.trim().replace(/[\uff10-\uff19\uff0e\uff05\uff0d]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export class WhatIfView extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        padding: 8px 12px 16px;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 14px;
        align-items: end;
      }
      .controls label {
        display: flex;
        flex-direction: column;
        gap: 2px;
        color: var(--muted, #5b6b7c);
      }
      select,
      input {
        font: inherit;
        color: var(--ink, #1d2733);
        padding: 2px 4px;
      }
      select {
        max-width: 26em;
      }
      input.point {
        width: 6em;
        text-align: right;
      }
      .unit {
        margin-left: 2px;
      }
      p.explain {
        font-size: 12px;
        margin: 8px 0;
        line-height: 1.5;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        border: none;
        margin: 4px 0;
        padding: 0;
      }
      .swatch {
        display: inline-block;
        width: 12px;
        height: 3px;
        vertical-align: middle;
        margin: 0 4px;
      }
      .bar {
        display: flex;
        gap: 12px;
        align-items: center;
        margin: 8px 0 4px;
      }
      .bar button {
        font: inherit;
        padding: 2px 8px;
      }
      .problem {
        color: var(--red, #b42318);
      }
      .scroll {
        overflow-x: auto;
      }
      th {
        white-space: nowrap;
      }
      tr.failed td {
        color: var(--red, #b42318);
      }
    `,
  ];

  @property({ attribute: false }) ruleText = '';
  @property({ attribute: false }) inputText = '';
  @property() ruleFile = 'rules.json';
  @property() inputFile = 'input.json';
  @property() locale: Locale = 'zh';

  @state() private target = '';
  @state() private relativeTo = '';
  @state() private balance = '';
  @state() private from = '80';
  @state() private to = '130';
  @state() private steps = '10';
  @state() private hiddenParties = new Set<string>();
  @state() private extra = '';

  private readonly engine = new SettleController(this);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private describedText: string | undefined;

  private say(id: keyof typeof TEXT): string {
    return TEXT[id][this.locale];
  }

  private get choices(): SweepChoices | undefined {
    return this.engine.described?.choices;
  }

  /** Whether the target is measured in percent (inputs scaled, or a rate parameter). */
  private percent(choices: SweepChoices): boolean {
    if (!this.target.startsWith('param:')) return true;
    return choices.parameters.find((p) => `param:${p.name}` === this.target)?.kind === 'rate';
  }

  protected override updated(changed: Map<string, unknown>): void {
    if ((changed.has('ruleText') || changed.has('ruleFile')) && this.describedText !== this.ruleText) {
      this.describedText = this.ruleText;
      this.engine.describe({ file: this.ruleFile, text: this.ruleText });
    }
    const choices = this.choices;
    if (choices && (this.target === '' || !this.targets(choices).some((t) => t.key === this.target))) {
      this.choose(this.targets(choices)[0]?.key ?? '', choices);
      return;
    }
    const inputs = ['ruleText', 'inputText', 'target', 'relativeTo', 'balance', 'from', 'to', 'steps'];
    if (inputs.some((k) => changed.has(k))) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), SWEEP_DEBOUNCE_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private targets(c: SweepChoices): { key: string; label: string }[] {
    const L = this.locale;
    const spendingLabel = c.spending.map((n) => c.inputs.find((i) => i.name === n)?.label[L] ?? n).join(' + ');
    return [
      ...(c.spending.length > 0 ? [{ key: 'spending', label: `${this.say('spending')}：${spendingLabel}` }] : []),
      ...c.inputs.map((i) => ({ key: `input:${i.name}`, label: i.label[L] })),
      ...c.parameters.map((p) => ({ key: `param:${p.name}`, label: `${this.say('parameter')}：${p.label[L]}（${p.value[L]}）` })),
    ];
  }

  private choose(key: string, c: SweepChoices): void {
    this.target = key;
    this.balance = '';
    const p = c.parameters.find((q) => `param:${q.name}` === key);
    if (p) {
      this.from = p.value.zh.replace(/[%,]/g, '');
      this.to = '';
    } else if (this.from === '' || this.to === '') {
      [this.from, this.to] = ['80', '130'];
    }
  }

  private options(c: SweepChoices): SweepOptions | undefined {
    const from = halfWidth(this.from);
    const to = halfWidth(this.to);
    if (from === '' || to === '') return undefined;
    const unit = this.percent(c) ? '%' : '';
    const ends = { from: `${from.replace(/%$/, '')}${unit}`, to: `${to.replace(/%$/, '')}${unit}`, steps: Number.parseInt(halfWidth(this.steps), 10) };
    const relativeTo = this.relativeTo === '' ? {} : { relativeTo: this.relativeTo };
    if (this.target === 'spending') return { target: { inputs: c.spending, ...relativeTo }, ...ends };
    if (this.target.startsWith('input:')) return { target: { inputs: [this.target.slice(6)], ...relativeTo }, ...ends };
    if (this.target.startsWith('param:')) return { target: { parameter: this.target.slice(6), ...(this.balance === '' ? {} : { balance: this.balance }) }, ...ends };
    return undefined;
  }

  private run(): void {
    const c = this.choices;
    const options = c && this.options(c);
    if (!options) return;
    this.engine.sweep({ file: this.ruleFile, text: this.ruleText }, { file: this.inputFile, text: this.inputText }, options);
  }

  protected override render(): unknown {
    const c = this.choices;
    if (!c) return html`<p class="empty">${this.engine.described ? this.say('noChoices') : this.say('computing')}</p>`;
    const percent = this.percent(c);
    const isParam = this.target.startsWith('param:');
    const field = (id: 'from' | 'to', value: string, set: (v: string) => void): unknown =>
      html`<label>${this.say(id)}<span><input class="point" .value=${value} @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />${percent ? html`<span class="unit">%</span>` : nothing}</span></label>`;
    return html`
      <div class="controls">
        <label>${this.say('target')}
          <select @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value, c)}>
            ${this.targets(c).map((t) => html`<option value=${t.key} ?selected=${t.key === this.target}>${t.label}</option>`)}
          </select>
        </label>
        ${isParam
          ? html`<label>${this.say('balance')}
              <select @change=${(e: Event) => (this.balance = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.balance === ''}>${this.say('noBalance')}</option>
                ${c.parameters.filter((p) => `param:${p.name}` !== this.target).map((p) => html`<option value=${p.name} ?selected=${p.name === this.balance}>${p.label[this.locale]}（${p.value[this.locale]}）</option>`)}
              </select>
            </label>`
          : html`<label>${this.say('relativeTo')}
              <select @change=${(e: Event) => (this.relativeTo = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${this.relativeTo === ''}>${this.say('asEntered')}</option>
                ${c.values.map((v) => html`<option value=${v.name} ?selected=${v.name === this.relativeTo}>${v.label[this.locale]}</option>`)}
              </select>
            </label>`}
        ${field('from', this.from, (v) => (this.from = v))} ${field('to', this.to, (v) => (this.to = v))}
        <label>${this.say('steps')}<input class="point" type="number" min="1" max="200" .value=${this.steps} @input=${(e: Event) => (this.steps = (e.target as HTMLInputElement).value)} /></label>
      </div>
      <p class="explain muted">${this.say('explain')}</p>
      ${this.to.trim() === '' ? html`<p class="muted">${this.say('fillTo')}</p>` : this.renderResult(c)}
    `;
  }

  private renderResult(c: SweepChoices): unknown {
    const swept = this.engine.swept;
    if (!swept) return html`<p class="muted">${this.say('computing')}</p>`;
    if (!swept.sweep) return html`${swept.issues.map((i) => html`<p class="problem">${i.code} ${i.message[this.locale]}</p>`)}`;
    const s = swept.sweep;
    const series: ChartSeries[] = s.parties.map((p, k) => ({ key: p.key, label: p.label[this.locale], color: COLORS[k % COLORS.length] as string, values: s.points.map((pt) => pt.nets?.[p.key]) }));
    const visible = series.filter((x) => !this.hiddenParties.has(x.key));
    // A value added as a column is drawn too (a split ratio moves money between member units,
    // which the parties do not show: the county pool does).
    const extra = c.values.find((v) => v.name === this.extra);
    if (extra) visible.push({ key: `value:${extra.name}`, label: extra.label[this.locale], color: '#1d2733', values: s.points.map((pt) => pt.values?.[extra.name]) });
    const notes = s.points.map((pt) => (pt.amount !== undefined ? `${this.say('amount')} ${groupThousands(pt.amount)}` : pt.balance !== undefined ? `${c.parameters.find((p) => p.name === this.balance)?.label[this.locale] ?? ''} ${pt.balance}` : ''));
    return html`
      <fieldset class="legend">
        <legend class="muted">${this.say('parties')}</legend>
        ${series.map(
          (x) => html`<label><input type="checkbox" .checked=${!this.hiddenParties.has(x.key)} @change=${() => this.toggle(x.key)} /><span class="swatch" style="background:${x.color}"></span>${x.label}</label>`,
        )}
      </fieldset>
      <sweep-chart .xs=${s.points.map((pt) => pt.x)} .series=${visible} .notes=${notes} label=${this.say('chart')}></sweep-chart>
      <div class="bar">
        <label>${this.say('extra')}
          <select @change=${(e: Event) => (this.extra = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.extra === ''}>${this.say('none')}</option>
            ${c.values.map((v) => html`<option value=${v.name} ?selected=${v.name === this.extra}>${v.label[this.locale]}</option>`)}
          </select>
        </label>
        <button @click=${() => this.exportCsv(s.points, series, c)}>${this.say('export')}</button>
        <span class="muted">${swept.ms < 1 ? '<1' : String(Math.round(swept.ms))} ms</span>
      </div>
      ${this.table(s.points, series, c)}
    `;
  }

  private toggle(key: string): void {
    const next = new Set(this.hiddenParties);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.hiddenParties = next;
  }

  /** The table's header and rows as text: what the screen shows and the CSV holds. */
  private rows(points: readonly SweepPoint[], series: readonly ChartSeries[], c: SweepChoices): { head: string[]; body: (string[] | { x: string; problem: string })[] } {
    const param = c.parameters.find((p) => `param:${p.name}` === this.target);
    const second = points.some((p) => p.amount !== undefined) ? this.say('amount') : this.balance !== '' ? (c.parameters.find((p) => p.name === this.balance)?.label[this.locale] ?? this.balance) : undefined;
    const extra = c.values.find((v) => v.name === this.extra);
    const head = [param ? param.label[this.locale] : this.say('share'), ...(second ? [second] : []), ...series.map((x) => x.label), ...(extra ? [extra.label[this.locale]] : []), this.say('checks')];
    const body = points.map((pt) => {
      if (pt.issues) return { x: pt.x, problem: pt.issues.map((i) => i.message[this.locale]).join('; ') };
      return [pt.x, ...(second ? [pt.amount ?? pt.balance ?? ''] : []), ...series.map((x) => pt.nets?.[x.key] ?? ''), ...(extra ? [pt.values?.[extra.name] ?? ''] : []), pt.checksOk ? '✓' : '✗'];
    });
    return { head, body };
  }

  private table(points: readonly SweepPoint[], series: readonly ChartSeries[], c: SweepChoices): unknown {
    const { head, body } = this.rows(points, series, c);
    return html`<div class="scroll"><table aria-label=${this.say('chart')}>
      <thead>
        <tr>${head.map((h, k) => html`<th class=${k === 0 || k === head.length - 1 ? '' : 'num'}>${h}</th>`)}</tr>
      </thead>
      <tbody>
        ${body.map((row) =>
          Array.isArray(row)
            ? html`<tr>${row.map((v, k) => (k === 0 || k === row.length - 1 ? html`<td>${v}</td>` : html`<td class="num ${isNegativeText(v) ? 'negative' : ''}">${groupThousands(v)}</td>`))}</tr>`
            : html`<tr class="failed"><td>${row.x}</td><td colspan=${head.length - 1}>${row.problem}</td></tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  private exportCsv(points: readonly SweepPoint[], series: readonly ChartSeries[], c: SweepChoices): void {
    const { head, body } = this.rows(points, series, c);
    const rows = body.map((r) => (Array.isArray(r) ? r : [r.x, r.problem]));
    download(`what-if-${new Date().toISOString().slice(0, 10)}.csv`, toCsv([head, ...rows]), 'text/csv;charset=utf-8');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'what-if-view': WhatIfView;
  }
}
