/**
 * The page's foot: keyboard help, the notice line, a refused share link, the save status and
 * the engine version; the drop overlay; and the audit sheet drawn for printing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RuleDescription, Settlement } from 'yibao-settle';
import { engineVersion } from 'yibao-settle';
import { t, type Locale } from './i18n.js';
import type { Labels } from './labels.js';
import type { LinkProblem } from './url-state.js';
import type { WorkspaceController } from './workspace-controller.js';

export interface FooterHost {
  readonly locale: Locale;
  readonly notice: string;
  readonly linkProblem: LinkProblem | undefined;
  readonly workspaces: WorkspaceController;
  readonly dragging: boolean;
  readonly shown: { readonly settlement: Settlement; readonly labels: Labels; readonly ruleText: string; readonly inputText: string } | undefined;
  readonly description: RuleDescription | undefined;
  readonly ruleFile: string;
  readonly inputFile: string;
  /** The rule the audit record compares with, if any. */
  readonly baseline: { readonly file: string; readonly text: string } | undefined;
  readonly selected: string | undefined;
}

export function appFooter(h: FooterHost): TemplateResult {
  const L = (id: Parameters<typeof t>[1]): string => t(h.locale, id);
  const shown = h.shown;
  return html`<footer class="bar small">
    <span class="muted">${L('keyboardHelp')}</span>
    <span class="notice" role="status" aria-live="polite">${h.notice}</span>
    ${h.linkProblem ? html`<span class="bad footer-alert" role="alert" data-code=${`link_${h.linkProblem}`}>${L(h.linkProblem === 'too_large' ? 'linkTooLarge' : 'linkDamaged')}</span>` : nothing}
    <save-status .controller=${h.workspaces} .revision=${h.workspaces.revision} .locale=${h.locale}></save-status>
    <span class="muted">${L('offline')} · yibao-settle ${shown?.settlement.engine.version ?? engineVersion}</span>
  </footer>
  ${h.dragging ? html`<div class="drop-overlay">${L('dropHere')}</div>` : nothing}
  <print-view
    .description=${h.description}
    .settlement=${shown?.settlement}
    .labels=${shown?.labels ?? new Map()}
    .locale=${h.locale}
    .ruleFile=${h.ruleFile}
    .inputFile=${h.inputFile}
    .ruleText=${shown?.ruleText ?? ''}
    .inputText=${shown?.inputText ?? ''}
    .baseline=${h.baseline}
    .selected=${h.selected}
    .generatedAt=${new Date().toLocaleString(h.locale === 'zh' ? 'zh-CN' : 'en')}
  ></print-view>`;
}
