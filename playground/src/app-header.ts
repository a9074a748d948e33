/**
 * The page's top bar: the preset picker, the 文件 and 导出 menus, workspaces, print, share and
 * the language switch. A template over what the page hands it; the page owns the state.
 */
import { html, type TemplateResult } from 'lit';
import type { Settlement } from 'yibao-settle';
import type { DocumentKind } from './events.js';
import { t, type Locale } from './i18n.js';
import type { WorkspaceController } from './workspace-controller.js';

export interface HeaderHost {
  readonly locale: Locale;
  readonly preset: string | undefined;
  readonly modified: boolean;
  /** The settlement on screen (exports and print need one). */
  readonly settlement: Settlement | undefined;
  readonly workspaces: WorkspaceController;
  open(file: File): void;
  saveFile(kind: DocumentKind): void;
  dragOut(e: DragEvent, kind: DocumentKind): void;
  exportFile(which: 'values' | 'ledger' | 'xlsx'): void;
  print(): void;
  share(): void;
  toggleLocale(): void;
}

/** Closes the open menu after a choice in it. */
function closeMenus(e: Event): void {
  const bar = (e.currentTarget as HTMLElement).closest('header');
  for (const d of bar?.querySelectorAll('details.menu') ?? []) d.removeAttribute('open');
}

/** Escape closes a menu and puts the focus back on its title. */
function menuKeys(e: KeyboardEvent): void {
  if (e.key !== 'Escape') return;
  const details = e.currentTarget as HTMLDetailsElement;
  details.open = false;
  details.querySelector('summary')?.focus();
}

function fileMenu(h: HeaderHost, L: (id: Parameters<typeof t>[1]) => string): TemplateResult {
  return html`<details class="menu" @keydown=${menuKeys}>
    <summary data-action="file-menu">${L('fileMenu')}</summary>
    <div class="menu-items" @click=${closeMenus}>
      <label class="button" tabindex="0" @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.currentTarget as HTMLElement).querySelector('input')?.click()}>
        ${L('open')}
        <input
          type="file"
          accept=".json,.csv,.tsv,.xlsx"
          hidden
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const f = input.files?.[0];
            input.value = '';
            if (f) h.open(f);
          }}
        />
      </label>
      <button draggable="true" title=${L('dragToSave')} @click=${() => h.saveFile('rule')} @dragstart=${(e: DragEvent) => h.dragOut(e, 'rule')}>
        ${L('saveRule')}
      </button>
      <button draggable="true" title=${L('dragToSave')} @click=${() => h.saveFile('input')} @dragstart=${(e: DragEvent) => h.dragOut(e, 'input')}>
        ${L('saveInput')}
      </button>
      <span class="muted hint">${L('dropHint')}</span>
    </div>
  </details>`;
}

export function appHeader(h: HeaderHost): TemplateResult {
  const L = (id: Parameters<typeof t>[1]): string => t(h.locale, id);
  const none = h.settlement === undefined;
  return html`<header class="bar">
    <h1>${L('appTitle')}</h1>
    <preset-picker .locale=${h.locale} .current=${h.preset} ?modified=${h.modified}></preset-picker>
    <div class="actions">
      ${fileMenu(h, L)}
      <details class="menu" @keydown=${menuKeys}>
        <summary data-action="export-menu">${L('exportMenu')}</summary>
        <div class="menu-items" @click=${closeMenus}>
          <button data-action="export-csv" ?disabled=${none} @click=${() => h.exportFile('values')}>${L('exportCsv')}</button>
          <button data-action="export-ledger" ?disabled=${none} @click=${() => h.exportFile('ledger')}>${L('exportLedgerCsv')}</button>
          <button data-action="export-xlsx" ?disabled=${none} @click=${() => h.exportFile('xlsx')}>${L('exportXlsx')}</button>
        </div>
      </details>
      <workspace-list .controller=${h.workspaces} .revision=${h.workspaces.revision} .settlement=${h.settlement} .locale=${h.locale}></workspace-list>
      <button data-action="print" ?disabled=${none} @click=${() => h.print()}>${L('print')}</button>
      <button data-action="share" @click=${() => h.share()}>${L('share')}</button>
      <button data-action="locale" title=${L('languageHint')} lang=${h.locale === 'zh' ? 'en' : 'zh-CN'} @click=${() => h.toggleLocale()}>
        ${L('language')}
      </button>
    </div>
  </header>`;
}
