/**
 * `<workspace-list>`: the 工作区 button and its dialog — every workspace kept in this browser,
 * with name, preset, effective year and date; open, rename, duplicate, delete; export the
 * current one as a `.yibao.json` file and import one. It shows whether the work is saved, and
 * when the browser cannot store it, says so in words. The work itself is the controller's.
 */
import { LitElement, html, css, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Issue, Settlement } from 'yibao-settle';
import { download } from './export.js';
import { NoticeEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import { findPreset } from './presets.js';
import { shared } from './styles.js';
import { orderWorkspaces, type WorkspaceController } from './workspace-controller.js';
import type { WorkspaceSummary } from './workspace-store.js';

export class WorkspaceList extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: inline-block;
      }
      .open {
        font: inherit;
        border: 1px solid #cfd8e3;
        background: #fff;
        border-radius: 4px;
        padding: 2px 7px;
        cursor: pointer;
        white-space: nowrap;
      }
      .open.warn {
        border-color: var(--red, #b42318);
        color: var(--red, #b42318);
      }
      dialog {
        width: min(960px, 94vw);
        max-height: 86vh;
        border: 1px solid var(--rule, #e3e8ee);
        border-radius: 8px;
        padding: 0;
        box-shadow: 0 12px 32px rgba(16, 24, 40, 0.2);
      }
      header {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 10px 14px;
        border-bottom: 1px solid var(--rule, #e3e8ee);
      }
      h2 {
        font-size: 15px;
        margin: 0;
        flex: 1 1 auto;
      }
      .body {
        padding: 10px 14px 14px;
        overflow: auto;
        max-height: calc(86vh - 60px);
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-bottom: 10px;
      }
      button.act {
        font: inherit;
        border: 1px solid #cfd8e3;
        background: #fff;
        border-radius: 4px;
        padding: 2px 8px;
        cursor: pointer;
      }
      button.act:hover {
        background: var(--selected, #e8f1fb);
      }
      .line {
        margin: 0 0 8px;
      }
      .problem {
        color: var(--red, #b42318);
        background: #fef3f2;
        border: 1px solid #fecdca;
        border-radius: 4px;
        padding: 6px 8px;
      }
      tr.current td {
        background: var(--selected, #e8f1fb);
      }
      td.ops {
        white-space: nowrap;
      }
      td.ops button {
        margin-right: 4px;
      }
      input.rename {
        font: inherit;
        width: 16em;
      }
      ul.check {
        margin: 4px 0;
      }
    `,
  ];

  @property({ attribute: false }) controller: WorkspaceController | undefined;
  /** The controller's revision: a new one redraws the list. */
  @property({ type: Number }) revision = 0;
  /** The settlement on the page: its figures go into an exported file when they are current. */
  @property({ attribute: false }) settlement: Settlement | undefined;
  @property() locale: Locale = 'zh';
  @state() private renaming: string | undefined;
  @state() private deleting: string | undefined;
  /** The order of the list: the latest changed first, or by when each is in force. */
  @state() private order: 'updated' | 'inForce' = 'updated';
  /** Why the last file could not be imported, until the next import. */
  @state() private importProblem: string | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;

  /** Opens the dialog. */
  show(): void {
    this.dialog.showModal();
  }

  protected override render(): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const c = this.controller;
    const problem = c?.problem !== undefined;
    return html`<button class="open ${problem ? 'warn' : ''}" title=${problem ? (c?.problemText(this.locale) ?? '') : L('workspacesHint')} @click=${() => this.show()}>
        ${L('workspaces')}${problem ? ' ⚠' : ''}
      </button>
      <dialog aria-labelledby="ws-title" @close=${() => ((this.renaming = undefined), (this.deleting = undefined))}>
        <header>
          <h2 id="ws-title">${L('workspaces')}</h2>
          <span class="muted">${L('workspacesWhere')}</span>
          <button class="act" @click=${() => this.dialog.close()}>${L('close')}</button>
        </header>
        <div class="body">${c ? this.renderBody(c) : nothing}</div>
      </dialog>`;
  }

  private renderBody(c: WorkspaceController): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    return html`
      ${c.problem
        ? html`<p class="line problem" role="alert" data-code=${c.problem.code}>${c.problemText(this.locale)}</p>`
        : html`<p class="line muted" role="status">
            ${c.current.saved && c.savedAt ? `${L('autosaved')} ${c.savedAt.toLocaleTimeString(this.locale === 'zh' ? 'zh-CN' : 'en')}` : L('notSavedYet')}
          </p>`}
      ${this.importProblem ? html`<p class="line problem" role="alert">${this.importProblem}</p>` : nothing}
      ${this.renderCheck(c)}
      <div class="actions">
        <button class="act" @click=${() => this.exportCurrent(c)}>${L('exportBundle')}</button>
        <button class="act" @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}>${L('importBundle')}</button>
        <input type="file" accept=".json,.yibao.json" hidden aria-label=${L('importBundle')} @change=${(e: Event) => void this.importFile(e, c)} />
      </div>
      ${c.list.length === 0
        ? html`<p class="empty">${L('noWorkspaces')}</p>`
        : html`<label class="line">${L('wsOrder')}
              <select @change=${(e: Event) => (this.order = (e.target as HTMLSelectElement).value === 'inForce' ? 'inForce' : 'updated')}>
                <option value="updated" ?selected=${this.order === 'updated'}>${L('wsByUpdated')}</option>
                <option value="inForce" ?selected=${this.order === 'inForce'}>${L('wsByInForce')}</option>
              </select>
            </label>
            <table aria-label=${L('workspaces')}>
            <thead>
              <tr>
                <th>${L('wsName')}</th>
                <th>${L('presets')}</th>
                <th>${L('wsYear')}</th>
                <th>${L('wsUpdated')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${orderWorkspaces(c.list, this.order).map((w) => this.renderRow(c, w))}
            </tbody>
          </table>`}
    `;
  }

  private renderCheck(c: WorkspaceController): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const checked = c.checked;
    if (!checked) return nothing;
    if (checked.issues.length === 0) return html`<p class="line ok" role="status">✓ ${checked.name}：${L('bundleVerified')}</p>`;
    return html`<div class="line problem" role="alert">
      ✗ ${checked.name}：${L('bundleMismatch')}
      <ul class="check">
        ${checked.issues.map((i) => html`<li data-code=${i.code}>${i.text[this.locale]} <span class="mono">${i.code}</span></li>`)}
      </ul>
    </div>`;
  }

  private renderRow(c: WorkspaceController, w: WorkspaceSummary): unknown {
    const L = (id: Parameters<typeof t>[1]): string => t(this.locale, id);
    const current = w.id === c.current.id;
    const preset = findPreset(w.preset);
    const name = this.renaming === w.id
      ? html`<input class="rename" aria-label=${L('wsNewName')} .value=${w.name} @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') void this.finishRename(c, w.id, (e.target as HTMLInputElement).value);
          if (e.key === 'Escape') {
            e.stopPropagation();
            e.preventDefault();
            this.renaming = undefined;
          }
        }} />
          <button class="act" @click=${(e: Event) => void this.finishRename(c, w.id, ((e.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).value)}>${L('ok')}</button>`
      : html`${w.name}${current ? html` <span class="muted">（${L('wsCurrent')}）</span>` : nothing}`;
    const ops = this.deleting === w.id
      ? html`<button class="act" @click=${() => void c.remove(w.id).then(() => (this.deleting = undefined))}>${L('wsConfirmDelete')}</button>
          <button class="act" @click=${() => (this.deleting = undefined)}>${L('cancel')}</button>`
      : html`<button class="act" ?disabled=${current} @click=${() => void c.open(w.id).then(() => this.dialog.close())}>${L('wsOpen')}</button>
          <button class="act" @click=${() => (this.renaming = w.id)}>${L('wsRename')}</button>
          <button class="act" @click=${() => void c.duplicate(w.id).then(() => this.dialog.close())}>${L('wsDuplicate')}</button>
          <button class="act" @click=${() => (this.deleting = w.id)}>${L('wsDelete')}</button>`;
    return html`<tr class=${current ? 'current' : ''} data-id=${w.id}>
      <td>${name}</td>
      <td class="mono" title=${preset ? preset.title[this.locale] : ''}>${w.preset ?? '—'}</td>
      <td class="num">${w.version ?? '—'}</td>
      <td class="num">${new Date(w.updated).toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en')}</td>
      <td class="ops">${ops}</td>
    </tr>`;
  }

  private async finishRename(c: WorkspaceController, id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    this.renaming = undefined;
    if (trimmed !== '') await c.rename(id, trimmed);
  }

  private exportCurrent(c: WorkspaceController): void {
    const { name, text } = c.bundle(this.settlement);
    download(name, text, 'application/json');
    this.dispatchEvent(new NoticeEvent(`${t(this.locale, 'exported')}: ${name}`));
  }

  private async importFile(event: Event, c: WorkspaceController): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const r = c.importBundle(await file.text(), file.name);
    this.importProblem = r.ok ? undefined : importProblemText(r.issues[0], file.name, this.locale);
    if (r.ok) this.dialog.close();
  }
}

/**
 * `<save-status>`: one line for the footer — when the work was last saved, or why it cannot be
 * (storage full, no storage), in full on hover.
 */
export class SaveStatus extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        min-width: 0;
        flex: 0 1 auto;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      :host([problem]) {
        flex: 1 1 0;
      }
    `,
  ];

  @property({ attribute: false }) controller: WorkspaceController | undefined;
  @property({ type: Number }) revision = 0;
  @property() locale: Locale = 'zh';

  protected override updated(): void {
    this.toggleAttribute('problem', this.controller?.problem !== undefined);
  }

  protected override render(): unknown {
    const c = this.controller;
    if (c?.problem) return html`<span class="bad" role="alert" title=${c.problemText(this.locale)}>${c.problemText(this.locale)}</span>`;
    if (!c?.savedAt || !c.current.saved) return nothing;
    return html`<span class="muted">${t(this.locale, 'autosaved')} ${c.savedAt.toLocaleTimeString(this.locale === 'zh' ? 'zh-CN' : 'en')}</span>`;
  }
}

/** Why a file is not a workspace file, with where: `w.yibao.json:3:9 json_syntax 中文…`. */
export function importProblemText(issue: Issue, file: string, locale: Locale): string {
  return `${t(locale, 'importFailed')}：${file}${issue.at ? `:${issue.at.line}:${issue.at.column}` : ''} ${issue.message[locale]} (${issue.code})`;
}

declare global {
  interface HTMLElementTagNameMap {
    'workspace-list': WorkspaceList;
    'save-status': SaveStatus;
  }
}
