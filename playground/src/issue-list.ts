/**
 * `<issue-list>`: the engine's issues with code, position and message in the page's language;
 * a click (or Enter) reveals the position in the editor.
 */
import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { RevealSourceEvent } from './events.js';
import { t, type Locale } from './i18n.js';
import { shared } from './styles.js';
import type { PlacedIssue } from './rule-editor.js';

export class IssueList extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li button {
        display: grid;
        grid-template-columns: max-content max-content 1fr;
        gap: 8px;
        width: 100%;
        padding: 3px 8px;
        border: none;
        border-bottom: 1px solid var(--rule, #e3e8ee);
        background: none;
        text-align: left;
        cursor: pointer;
      }
      li button:hover {
        background: #fff4f2;
      }
      .where {
        color: var(--accent, #0b5cad);
      }
      .code {
        color: var(--red, #b42318);
      }
      .warning .code {
        color: #8a5300;
      }
      li.warning button:hover {
        background: #fff8e6;
      }
      .none {
        padding: 3px 8px;
      }
    `,
  ];

  @property({ attribute: false }) issues: readonly PlacedIssue[] = [];
  @property() locale: Locale = 'zh';

  protected override render(): unknown {
    if (this.issues.length === 0) return html`<p class="none ok">✓ ${t(this.locale, 'noProblems')}</p>`;
    return html`<ul aria-label=${t(this.locale, 'problems')}>
      ${this.issues.map(
        ({ document, issue }) => html`<li class=${issue.severity === 'warning' ? 'warning' : ''}>
          <button
            data-code=${issue.code}
            data-line=${issue.at?.line ?? ''}
            @click=${() => this.dispatchEvent(new RevealSourceEvent(document, issue.at?.line ?? 1, issue.at?.column ?? 1))}
          >
            <span class="where mono">${issue.file}${issue.at ? `:${issue.at.line}:${issue.at.column}` : ''}</span>
            <span class="code mono">${issue.severity === 'warning' ? `${t(this.locale, 'warnings')} · ` : ''}${issue.code}</span>
            <span class="message">${issue.message[this.locale]}${issue.pointer !== '' ? html` <span class="muted mono">${issue.pointer}</span>` : ''}</span>
          </button>
        </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'issue-list': IssueList;
  }
}
