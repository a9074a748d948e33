/**
 * Entry point: registers the elements, restores the state from the URL hash (a share link) or
 * starts on the first preset, and follows later hash changes (a share link pasted into the tab).
 */
import { CasesView } from './cases-view.js';
import { YearsView } from './years-view.js';
import { RowsView } from './rows-view.js';
import './app.css';
import { ChangeList, ParameterSummary } from './change-list.js';
import { CompareView } from './compare-view.js';
import { FundFlow } from './fund-flow.js';
import { InputGrid } from './input-grid.js';
import { IssueList } from './issue-list.js';
import { LedgerView } from './ledger-view.js';
import { ParameterPanel } from './parameter-panel.js';
import { PresetPicker } from './preset-picker.js';
import { PrintView } from './print-view.js';
import { ResultTable } from './result-table.js';
import { RuleDescriptionView } from './rule-description.js';
import { RuleEditor } from './rule-editor.js';
import { SettleApp, defaultPreset } from './settle-app.js';
import { SweepChart } from './sweep-chart.js';
import { TracePanel } from './trace-panel.js';
import { readSharedState } from './url-state.js';
import { WhatIfView } from './what-if-view.js';
import { SaveStatus, WorkspaceList } from './workspace-list.js';

// Registered here, explicitly, rather than by decorators inside each module: the package is
// marked `sideEffects: false`, so a bundler may drop a module that is imported only for the
// side effect of registering its tag.
const elements = {
  'settle-app': SettleApp,
  'rule-editor': RuleEditor,
  'result-table': ResultTable,
  'trace-panel': TracePanel,
  'issue-list': IssueList,
  'preset-picker': PresetPicker,
  'ledger-view': LedgerView,
  'fund-flow': FundFlow,
  'compare-view': CompareView,
  'input-grid': InputGrid,
  'print-view': PrintView,
  'rule-description': RuleDescriptionView,
  'what-if-view': WhatIfView,
  'sweep-chart': SweepChart,
  'parameter-panel': ParameterPanel,
  'change-list': ChangeList,
  'parameter-summary': ParameterSummary,
  'workspace-list': WorkspaceList,
  'save-status': SaveStatus,
  'cases-view': CasesView,
  'years-view': YearsView,
  'rows-view': RowsView,
} satisfies Record<string, CustomElementConstructor>;

for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

async function start(): Promise<void> {
  const app = document.createElement('settle-app');
  document.body.append(app);
  const shared = await readSharedState(location.hash);
  const preset = defaultPreset();
  if (shared?.ok) {
    app.load(shared.state);
    // A reload: the tab keeps saving into the workspace it had.
    await app.workspaces.attach();
  } else if (!(await app.workspaces.restore()) && preset) app.loadPreset(preset);
  if (shared && !shared.ok) app.refuseLink(shared.problem);
  window.addEventListener('hashchange', () => {
    void readSharedState(location.hash).then((r) => r && (r.ok ? app.load(r.state) : app.refuseLink(r.problem)));
  });
}

void start();
