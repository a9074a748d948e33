/**
 * The results pane's views — 结算结果, 资金流向, 分户账, 逐行结果, 方案对比, 规则说明, 假设分析, 测试用例,
 * 多年度 — as templates over what the page hands them. The page owns the state; the views report
 * edits (a scenario, the cases) through the callbacks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RuleDescription, Settlement } from 'yibao-settle';
import type { CasesChangedEvent } from './cases-view.js';
import { t, type Locale } from './i18n.js';
import type { Labels } from './labels.js';
import { parameterRows } from './parameters.js';
import type { RuleChange } from './rule-changes.js';
import { tabButtons, tabKeys } from './tab-keys.js';
import type { View } from './url-state.js';
import type { SettleController } from './worker-client.js';
import type { ScenarioChangedEvent } from './years-view.js';

const VIEWS: readonly View[] = ['values', 'flow', 'ledger', 'rows', 'compare', 'rules', 'whatif', 'cases', 'years'];
const VIEW_LABEL = { values: 'viewValues', flow: 'viewFlow', ledger: 'viewLedger', rows: 'viewRows', compare: 'viewCompare', rules: 'viewRules', whatif: 'viewWhatIf', cases: 'viewCases', years: 'viewYears' } as const;

/** A named text the page holds (a scenario, a cases file). */
export interface NamedText {
  readonly file: string;
  readonly text: string;
}

export interface ViewHost {
  readonly view: View;
  setView(view: View): void;
  /** The selected figure and its inputs as sentences, by name. */
  readonly words: Readonly<Record<string, { readonly zh: string; readonly en: string }>>;
  readonly locale: Locale;
  readonly engine: SettleController;
  /** The settlement on screen, with the texts it was made from. */
  readonly shown: { readonly settlement: Settlement; readonly labels: Labels; readonly ruleText: string; readonly inputText: string } | undefined;
  readonly stale: boolean;
  readonly selected: string | undefined;
  readonly description: RuleDescription | undefined;
  readonly descriptionStale: boolean;
  readonly ruleText: string;
  readonly ruleFile: string;
  readonly inputText: string;
  readonly inputFile: string;
  readonly scenario: NamedText | undefined;
  readonly cases: NamedText | undefined;
  readonly baseline: string | undefined;
  readonly baselineName: string;
  readonly hasPinned: boolean;
  /** What changed against the compared rule (undefined: nothing chosen to compare with). */
  readonly changes: readonly RuleChange[] | undefined;
  scenarioEdited(text: string): void;
  casesEdited(text: string): void;
}

/** The right pane: the view tabs, the engine's status, the view shown and the trace panel. */
export function resultsPane(h: ViewHost): TemplateResult {
  const L = (id: Parameters<typeof t>[1]): string => t(h.locale, id);
  const shown = h.shown;
  return html`<section class="pane right" aria-label=${L('resultsPane')}>
    <div class="tabs" role="tablist" @keydown=${(e: KeyboardEvent) => tabKeys(e, VIEWS, h.view, (n) => h.setView(n as View))}>
      ${tabButtons(VIEWS, h.view, (v) => L(VIEW_LABEL[v]), (v) => h.setView(v))}
      <span class="status muted" data-state=${h.engine.busy ? 'busy' : 'idle'} data-answers=${h.engine.answers}
        data-ms=${h.engine.settled ? String(h.engine.settled.ms) : ''}>
        ${h.engine.busy
          ? L('computing')
          : h.engine.settled
            ? `${L('computedIn')} ${h.engine.settled.ms < 1 ? '<1' : String(h.engine.settled.ms).replace(/\..*/, '')} ms`
            : ''}
      </span>
    </div>
    ${h.stale && shown ? html`<p class="stale-note">${L('stale')}</p>` : nothing}
    <div class="view" role="tabpanel" data-scroller>${resultView(h)}</div>
    <trace-panel
      class=${h.selected === undefined ? 'collapsed' : ''}
      .settlement=${shown?.settlement}
      .labels=${shown?.labels ?? new Map()}
      .locale=${h.locale}
      .selected=${h.selected}
      .words=${h.words}
      .ruleFile=${h.ruleFile}
      .inputFile=${h.inputFile}
      .ruleText=${shown?.ruleText ?? ''}
      .inputText=${shown?.inputText ?? ''}
    ></trace-panel>
  </section>`;
}

function resultView(v: ViewHost): unknown {
  const settlement = v.shown?.settlement;
  const labels = v.shown?.labels ?? new Map();
  const { locale } = v;
  switch (v.view) {
    case 'values':
      return html`<parameter-summary .rows=${v.shown ? parameterRows(v.shown.ruleText, locale) : []} .locale=${locale}></parameter-summary><result-table .settlement=${settlement} .labels=${labels} .locale=${locale} .selected=${v.selected} ?stale=${v.stale}></result-table>`;
    case 'flow':
      return html`<fund-flow .settlement=${settlement} .labels=${labels} .locale=${locale}></fund-flow>`;
    case 'ledger':
      return html`<ledger-view .settlement=${settlement} .labels=${labels} .locale=${locale}></ledger-view>`;
    case 'rows':
      return html`<rows-view
        .engine=${v.engine}
        .rowed=${v.engine.rowed}
        .ruleText=${v.ruleText}
        .ruleFile=${v.ruleFile}
        .inputText=${v.inputText}
        .inputFile=${v.inputFile}
        .locale=${locale}
      ></rows-view>`;
    case 'rules':
      return html`<rule-description .description=${v.description} .locale=${locale} ?stale=${v.descriptionStale}></rule-description>`;
    case 'years':
      return html`<years-view
        .engine=${v.engine}
        .simulated=${v.engine.simulated}
        .labels=${labels}
        .ruleText=${v.ruleText}
        .ruleFile=${v.ruleFile}
        .scenarioText=${v.scenario?.text ?? ''}
        .scenarioFile=${v.scenario?.file ?? 'scenario.json'}
        .locale=${locale}
        @scenario-changed=${(e: ScenarioChangedEvent) => v.scenarioEdited(e.text)}
      ></years-view>`;
    case 'cases':
      return html`<cases-view
        .engine=${v.engine}
        .cased=${v.engine.cased}
        .settlement=${settlement}
        .ruleText=${v.ruleText}
        .ruleFile=${v.ruleFile}
        .inputText=${v.inputText}
        .casesText=${v.cases?.text ?? ''}
        .casesFile=${v.cases?.file ?? 'cases.json'}
        .locale=${locale}
        @cases-changed=${(e: CasesChangedEvent) => v.casesEdited(e.text)}
      ></cases-view>`;
    case 'whatif':
      return html`<what-if-view .ruleText=${v.ruleText} .inputText=${v.inputText} .ruleFile=${v.ruleFile} .inputFile=${v.inputFile} .locale=${locale}></what-if-view>`;
    case 'compare': {
      const compared = v.engine.compared;
      return html`<change-list .changes=${v.changes} .ruleText=${v.ruleText} .baselineName=${v.baselineName} .locale=${locale}></change-list
        ><compare-view
          .rows=${compared?.rows ?? []}
          .baselineOutcome=${compared?.baseline}
          .currentOutcome=${compared?.current}
          .labels=${labels}
          .locale=${locale}
          .baseline=${v.baseline}
          ?hasPinned=${v.hasPinned}
        ></compare-view>`;
    }
    default:
      return nothing;
  }
}
