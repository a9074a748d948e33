/**
 * `<preset-picker>`: every bundled preset, in a menu that names the current one. Each preset is
 * one button in the open menu (title in the page's language, the other language and the id
 * beside it); Escape closes the menu.
 */
import { LitElement, html, css } from 'lit';
import { property, query } from 'lit/decorators.js';
import { PresetChosenEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import { findPreset, presets } from './presets.js';
import { shared } from './styles.js';

export class PresetPicker extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      details {
        position: relative;
      }
      summary {
        list-style: none;
        display: flex;
        gap: 6px;
        align-items: center;
        cursor: pointer;
        border: 1px solid var(--rule, #cfd8e3);
        border-radius: 4px;
        padding: 2px 8px;
        background: #fff;
        min-width: 0;
      }
      summary::-webkit-details-marker {
        display: none;
      }
      summary::after {
        content: '▾';
        color: var(--muted, #5b6b7c);
      }
      .label {
        color: var(--muted, #5b6b7c);
        white-space: nowrap;
      }
      .current {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        min-width: 0;
        flex: 1 1 auto;
      }
      .list {
        position: absolute;
        z-index: 60;
        top: calc(100% + 4px);
        left: 0;
        width: min(820px, 90vw);
        max-height: 75vh;
        overflow: auto;
        display: grid;
        grid-template-columns: 1fr;
        gap: 2px;
        padding: 6px;
        background: #fff;
        border: 1px solid var(--rule, #cfd8e3);
        border-radius: 6px;
        box-shadow: 0 6px 18px rgba(16, 24, 40, 0.14);
      }
      .list button {
        display: block;
        text-align: left;
        border: 1px solid transparent;
        border-radius: 4px;
        background: none;
        padding: 4px 8px;
        cursor: pointer;
      }
      .list button:hover {
        background: var(--selected, #e8f1fb);
      }
      .list button[aria-pressed='true'] {
        border-color: var(--accent, #0b5cad);
      }
      .modified {
        flex: 0 0 auto;
        border-radius: 3px;
        padding: 0 5px;
        font-size: 11px;
        background: #fff4e5;
        color: #8a4b00;
        white-space: nowrap;
      }
      .sub {
        display: block;
        font-size: 11px;
        color: var(--muted, #5b6b7c);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  @property() locale: Locale = 'zh';
  @property() current: string | undefined;
  /** The rule text differs in meaning from the current preset's. */
  @property({ type: Boolean }) modified = false;
  @query('details') private details!: HTMLDetailsElement;

  protected override render(): unknown {
    if (presets.length === 0) return html`<span class="muted">${t(this.locale, 'noPresets')}</span>`;
    const current = findPreset(this.current);
    const other = this.locale === 'zh' ? 'en' : 'zh';
    return html`<details @keydown=${this.onKey}>
      <summary data-action="presets" title=${current ? `${current.title.zh} / ${current.title.en}` : ''}>
        <span class="label">${t(this.locale, 'presets')}</span>
        <span class="current">${current ? current.title[this.locale] : '—'}</span>
        ${current && this.modified ? html`<span class="modified" title=${t(this.locale, 'modifiedHint')}>${t(this.locale, 'modified')}</span>` : ''}
      </summary>
      <div class="list" role="group" aria-label=${t(this.locale, 'presets')}>
        ${presets.map(
          (p) => html`<button
            data-preset=${p.id}
            aria-pressed=${p.id === this.current ? 'true' : 'false'}
            @click=${() => {
              this.details.open = false;
              this.dispatchEvent(new PresetChosenEvent(p));
            }}
          >
            ${p.title[this.locale]}
            <span class="sub">${p.id} · ${p.title[other]}</span>
          </button>`,
        )}
      </div>
    </details>`;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.details.open) return;
    this.details.open = false;
    this.renderRoot.querySelector<HTMLElement>('summary')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'preset-picker': PresetPicker;
  }
}
