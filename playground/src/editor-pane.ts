/**
 * The left pane: the 参数设置 / 规则文件 / 输入数据 / 表格编辑 tabs, the editor each shows, and the
 * problem list. A template over what the page hands it; the page owns the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t, type Locale } from './i18n.js';
import type { RuleChange } from './rule-changes.js';
import type { PlacedIssue } from './rule-editor.js';
import { tabButtons, tabKeys } from './tab-keys.js';
import type { EditorTab } from './url-state.js';

const TABS: readonly EditorTab[] = ['params', 'rule', 'input', 'grid'];
const TAB_LABEL = { params: 'tabParams', rule: 'tabRule', input: 'tabInput', grid: 'tabGrid' } as const;

export interface EditorHost {
  readonly locale: Locale;
  readonly tab: EditorTab;
  setTab(tab: EditorTab): void;
  readonly ruleText: string;
  readonly inputText: string;
  readonly ruleFile: string;
  readonly inputFile: string;
  /** Problems and warnings, each placed in its document. */
  readonly issues: readonly PlacedIssue[];
  /** Where the last answer stopped ('rule', 'settle'…; 'done' or undefined when it did not). */
  readonly stage: string | undefined;
  /** The worker's message when it failed. */
  readonly crashed: string | undefined;
  /** What the rule changed against the preset it came from, for the parameter panel. */
  readonly changes: readonly RuleChange[];
}

export function editorPane(h: EditorHost): TemplateResult {
  const L = (id: Parameters<typeof t>[1]): string => t(h.locale, id);
  const issues = h.issues;
  const errors = issues.filter((i) => i.issue.severity !== 'warning');
  const warnings = issues.length - errors.length;
  return html`<section class="pane left" aria-label=${L('editorPane')}>
    <div class="tabs" role="tablist" @keydown=${(e: KeyboardEvent) => tabKeys(e, TABS, h.tab, (n) => h.setTab(n as EditorTab))}>
      ${tabButtons(TABS, h.tab, (tab) => L(TAB_LABEL[tab]), (tab) => h.setTab(tab), (tab) =>
        (tab === 'rule' || tab === 'input') && errors.some((i) => i.document === tab) ? html`<span class="dot" aria-hidden="true"></span>` : nothing,
      )}
      <span class="file mono" title=${h.tab === 'rule' || h.tab === 'params' ? h.ruleFile : h.inputFile}>
        ${h.tab === 'rule' || h.tab === 'params' ? h.ruleFile : h.inputFile}
      </span>
    </div>
    <div class="editor-area">
      <rule-editor
        class=${h.tab === 'grid' || h.tab === 'params' ? 'hidden' : ''}
        .ruleText=${h.ruleText}
        .inputText=${h.inputText}
        .active=${h.tab === 'input' ? 'input' : 'rule'}
        .issues=${issues}
        .locale=${h.locale}
      ></rule-editor>
      ${h.tab === 'grid'
        ? html`<input-grid .inputText=${h.inputText} .ruleText=${h.ruleText} .locale=${h.locale} .problems=${issues.filter((i) => i.document === 'input').map((i) => i.issue)}></input-grid>`
        : nothing}
      ${h.tab === 'params'
        ? html`<parameter-panel
            .ruleText=${h.ruleText}
            .ruleFile=${h.ruleFile}
            .issues=${issues.map((i) => i.issue)}
            .changes=${h.changes}
            .locale=${h.locale}
          ></parameter-panel>`
        : nothing}
    </div>
    <div class="problems" data-count=${errors.length}>
      <h2>
        ${L('problems')} (${errors.length})${warnings > 0 ? ` · ${L('warnings')} (${warnings})` : ''}
        ${h.stage !== undefined && h.stage !== 'done'
          ? html`<span class="muted">— ${h.stage === 'rule' ? L('ruleProblems') : L('settleProblems')}</span>`
          : nothing}
      </h2>
      ${h.crashed ? html`<p class="bad">${L('workerFailed')}: ${h.crashed}</p>` : nothing}
      <issue-list .issues=${issues} .locale=${h.locale}></issue-list>
    </div>
  </section>`;
}
