/**
 * `<parameter-panel>`: the rule file's parameters as a form an official fills in — Chinese label
 * first (the key small beside it), an editor fit for the kind (a rate in %, money with thousands
 * separators, a choice as a list), published or assumed with its source, and the engine's own
 * problem with the value right under it. A change is one minimal edit of the rule text, sent as
 * ParameterEditEvent (the coordinator applies it through the editor, so Ctrl+Z there undoes it);
 * the panel itself holds no value: it is drawn from the rule text every time.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Issue } from 'yibao-settle';
import { complementInSum, parameterValueText } from 'yibao-settle';
import { ParameterEditEvent, RevealSourceEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import { parameterEdit, parameterSums, readParameterDecls, ruleSourceNote, type ParameterDecl } from './parameters.js';
import type { RuleChange } from './rule-changes.js';
import { shared } from './styles.js';

export class ParameterPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        overflow: auto;
        height: 100%;
        box-sizing: border-box;
        padding: 8px 12px 16px;
      }
      .intro {
        margin: 0 0 8px;
        font-size: 12px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li {
        border: 1px solid var(--rule, #e3e8ee);
        border-radius: 6px;
        padding: 6px 10px;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 2px 12px;
        align-items: center;
      }
      li.changed {
        border-color: #e0b34a;
        background: #fffaf0;
      }
      li.invalid {
        border-color: var(--red, #b42318);
      }
      label {
        font-weight: 600;
      }
      .key {
        font-weight: 400;
        font-size: 11px;
        margin-left: 6px;
      }
      .field {
        display: flex;
        align-items: center;
        gap: 4px;
        justify-self: end;
      }
      input,
      select {
        font: inherit;
        width: 11em;
        padding: 3px 6px;
        border: 1px solid #cfd8e3;
        border-radius: 4px;
      }
      input.num {
        text-align: right;
        font-family: var(--mono, ui-monospace, Menlo, Consolas, monospace);
      }
      .unit {
        width: 1.2em;
        color: var(--muted, #5b6b7c);
      }
      .meta {
        grid-column: 1 / -1;
        font-size: 12px;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: baseline;
      }
      .badge {
        border-radius: 3px;
        padding: 0 5px;
        font-size: 11px;
        white-space: nowrap;
      }
      .badge.published {
        background: #e6f4ea;
        color: var(--green, #087443);
      }
      .badge.assumed {
        background: #fff4e5;
        color: #8a4b00;
      }
      .problem {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 12px;
        color: var(--red, #b42318);
      }
      details.intro summary {
        cursor: pointer;
        color: var(--accent, #0b5cad);
      }
      details.intro p {
        margin: 4px 0 0;
      }
      .was {
        color: #8a4b00;
      }
      .followed {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 12px;
        color: #8a4b00;
      }
    `,
  ];

  @property({ attribute: false }) ruleText = '';
  @property() ruleFile = 'rules.json';
  /** Every issue of the last settlement attempt; the panel shows those of each parameter. */
  @property({ attribute: false }) issues: readonly Issue[] = [];
  /** Differences from the preset (or the chosen baseline): a changed parameter shows what it was. */
  @property({ attribute: false }) changes: readonly RuleChange[] = [];
  @property() locale: Locale = 'zh';
  /** Problems with what was typed, before anything reaches the rule text (by parameter name). */
  @state() private typed = new Map<string, Issue>();
  /** A parameter that followed another to keep their sum whole, said beside it until the next edit. */
  @state() private followed: { readonly name: string; readonly by: string; readonly total: string } | undefined;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // An entry refused before it reached the text is forgotten once the text moves on.
    if (changed.has('ruleText') && this.typed.size > 0) this.typed = new Map();
  }

  /** Scrolls to a parameter and puts the focus in its field. */
  async reveal(name: string): Promise<void> {
    await this.updateComplete;
    const item = this.renderRoot.querySelector<HTMLElement>(`li[data-name="${CSS.escape(name)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
    item?.querySelector<HTMLElement>('input, select')?.focus();
  }

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const decls = readParameterDecls(this.ruleText);
    if (!decls) return html`<p class="empty" role="status">${L('paramsInvalidJson')}</p>`;
    if (decls.length === 0) return html`<p class="empty">${L('paramsNone')}</p>`;
    const note = ruleSourceNote(this.ruleText);
    return html`<p class="intro muted">${L('paramsIntro')}</p>
      ${note ? html`<details class="intro"><summary>${L('paramSourceNote')}</summary><p>${note}</p></details>` : nothing}
      <ul aria-label=${L('tabParams')}>
        ${decls.map((p) => this.renderParameter(p, note))}
      </ul>`;
  }

  private problems(p: ParameterDecl): Issue[] {
    const typed = this.typed.get(p.name);
    if (typed) return [typed];
    return this.issues.filter((i) => i.file === this.ruleFile && (i.pointer === p.pointer || i.pointer.startsWith(`${p.pointer}/`)));
  }

  private renderParameter(p: ParameterDecl, ruleNote: string | undefined): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const id = `param-${p.name}`;
    const problems = this.problems(p);
    const change = this.changes.find((c) => c.kind === 'parameter' && c.name === p.name);
    const note = [p.source, p.note].filter((x) => x !== undefined && x !== '').join(' · ');
    return html`<li data-name=${p.name} class="${change ? 'changed' : ''} ${problems.length > 0 ? 'invalid' : ''}">
      <label for=${id}>${p.label[this.locale]}<span class="key mono muted">${p.name}</span></label>
      <span class="field">${this.renderEditor(p, id, problems.length > 0)}</span>
      <span class="meta">
        ${p.published === true
          ? html`<span class="badge published" title=${note || ruleNote || ''}>${L('paramPublished')}</span>`
          : p.published === false
            ? html`<span class="badge assumed" title=${note || ruleNote || ''}>${L('paramAssumed')}</span>`
            : nothing}
        ${note ? html`<span class="muted">${L('paramSource')}：${note}</span>` : nothing}
        ${p.min !== undefined || p.max !== undefined ? html`<span class="muted">${this.bounds(p)}</span>` : nothing}
        ${change?.from !== undefined ? html`<span class="was">${L('paramWas')} ${change.from}</span>` : nothing}
      </span>
      ${this.followed?.name === p.name ? html`<p class="followed" role="status">${this.followedText(this.followed)}</p>` : nothing}
      ${problems.map(
        (i) => html`<p class="problem" role="alert" id="${id}-problem" data-code=${i.code}>
          ${i.message[this.locale]} <span class="mono muted">${i.code}</span>
          ${this.typed.has(p.name) ? html`<span class="muted">（${L('paramNotWritten')}）</span>` : nothing}
          ${i.at ? html`<button class="link" @click=${() => i.at && this.dispatchEvent(new RevealSourceEvent('rule', i.at.line, i.at.column))}>${L('revealInEditor')}</button>` : nothing}
        </p>`,
      )}
    </li>`;
  }

  /** The declared bounds as people read them (a rate's in %). */
  private bounds(p: ParameterDecl): string {
    const show = (v: string | undefined): string => (v === undefined ? '' : (parameterValueText(p.kind, v, this.locale)?.display ?? v));
    return `${t(this.locale, 'paramRange')} ${show(p.min) || '…'} – ${show(p.max) || '…'}`;
  }

  private renderEditor(p: ParameterDecl, id: string, invalid: boolean): unknown {
    const described = invalid ? `${id}-problem` : '';
    if (p.kind === 'boolean' || p.choices) {
      const options = p.kind === 'boolean' ? [{ value: 'true', text: t(this.locale, 'yes') }, { value: 'false', text: t(this.locale, 'no') }] : (p.choices ?? []).map((c) => ({ value: c.value, text: c.label ? `${c.label[this.locale]}（${c.value}）` : c.value }));
      const current = String(p.value ?? '');
      return html`<select id=${id} aria-describedby=${described} aria-invalid=${invalid ? 'true' : 'false'} @change=${(e: Event) => this.commit(p, (e.target as HTMLSelectElement).value)}>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${o.text}</option>`)}
          ${options.some((o) => o.value === current) ? nothing : html`<option value=${current} selected>${current}</option>`}
        </select><span class="unit"></span>`;
    }
    // Bound without live(): a redraw while someone types (a worker's answer) must not put the old
    // value back into the field; the field changes when the parameter's value in the text does.
    const shown = p.value === undefined ? '' : (parameterValueText(p.kind, p.value, this.locale)?.editable ?? String(p.value));
    return html`<input
        id=${id}
        class=${p.kind === 'text' ? '' : 'num'}
        inputmode=${p.kind === 'text' ? 'text' : 'decimal'}
        autocomplete="off"
        aria-describedby=${described}
        aria-invalid=${invalid ? 'true' : 'false'}
        .value=${shown}
        @change=${(e: Event) => this.commit(p, (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.commit(p, (e.target as HTMLInputElement).value)}
      /><span class="unit">${p.kind === 'rate' ? '%' : p.kind === 'money' ? t(this.locale, 'yuan') : ''}</span>`;
  }

  /** “镇级份额随之改为 3：县级与镇级份额合计 10”. */
  private followedText(f: { readonly name: string; readonly by: string; readonly total: string }): string {
    const decls = readParameterDecls(this.ruleText) ?? [];
    const label = (n: string): string => decls.find((d) => d.name === n)?.label[this.locale] ?? n;
    const p = decls.find((d) => d.name === f.name);
    const value = p?.value === undefined ? '' : (parameterValueText(p.kind, p.value, this.locale)?.display ?? String(p.value));
    return t(this.locale, 'paramFollowed').replace('{name}', label(f.name)).replace('{value}', value).replace('{by}', label(f.by)).replace('{total}', f.total);
  }

  /**
   * What was typed or chosen, as an edit of the rule text; a refused entry is shown, not written.
   * A parameter that the rule file says makes a whole with one other (`countyRatio + townRatio
   * == 10`) takes the other along in the same edit: 县级份额 7 means 7 : 3, and the panel says so.
   */
  private commit(p: ParameterDecl, value: string): void {
    const r = parameterEdit(this.ruleText, this.ruleFile, p, p.kind === 'boolean' ? value === 'true' : value);
    const typed = new Map(this.typed);
    typed.delete(p.name);
    if (!r.ok) {
      if (r.issue) typed.set(p.name, r.issue);
      this.typed = typed;
      return;
    }
    this.typed = typed;
    if (r.edit.content === this.ruleText.slice(r.edit.offset, r.edit.offset + r.edit.length)) return;
    const edits = [r.edit];
    this.followed = undefined;
    for (const sum of parameterSums(this.ruleText)) {
      const other = complementInSum(sum, p.name, r.text);
      const decl = other && (readParameterDecls(this.ruleText) ?? []).find((d) => d.name === other.name);
      if (!other || !decl) continue;
      const follow = parameterEdit(this.ruleText, this.ruleFile, decl, other.value);
      if (!follow.ok) continue;
      edits.push(follow.edit);
      this.followed = { name: other.name, by: p.name, total: parameterValueText(decl.kind, sum.total, this.locale)?.display ?? sum.total };
      break;
    }
    this.dispatchEvent(new ParameterEditEvent(p.name, edits, this.ruleText));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'parameter-panel': ParameterPanel;
  }
}
