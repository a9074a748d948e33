/**
 * Every label of the playground in Chinese and English, as one typed table: a label missing in
 * either language does not compile. Chinese is the default language of the page.
 */
export type Locale = 'zh' | 'en';

export interface Text {
  readonly zh: string;
  readonly en: string;
}

const table = {
  appTitle: { zh: '医共体医保基金结算 · 规则演练场', en: 'Fund settlement playground' },
  presets: { zh: '预设方案', en: 'Presets' },
  noPresets: { zh: '没有找到预设方案（rules/*.json）', en: 'No presets found (rules/*.json)' },
  language: { zh: 'English', en: '中文' },
  languageHint: { zh: '切换到英文界面', en: 'Switch to Chinese' },
  share: { zh: '分享链接', en: 'Share link' },
  shareCopied: { zh: '链接已复制：打开它可重现当前的规则、输入、选中的数字、方案对比和语言', en: 'Link copied: it reproduces the rules, input, selected figure, comparison and language' },
  shareReady: { zh: '分享链接已写入地址栏', en: 'The share link is in the address bar' },
  exportCsv: { zh: '结果与追溯 CSV', en: 'Values & trace CSV' },
  exportLedgerCsv: { zh: '资金台账 CSV', en: 'Ledger CSV' },
  exportXlsx: { zh: 'Excel 工作簿（XLSX）', en: 'Excel workbook (XLSX)' },
  print: { zh: '打印 / PDF', en: 'Print / PDF' },
  open: { zh: '打开文件…', en: 'Open file…' },
  fileMenu: { zh: '文件', en: 'File' },
  exportMenu: { zh: '导出', en: 'Export' },
  dropHint: { zh: '也可以把文件拖进页面', en: 'or drop files onto the page' },
  saveRule: { zh: '保存规则', en: 'Save rules' },
  saveInput: { zh: '保存输入', en: 'Save input' },
  dragToSave: { zh: '点击下载，或拖到桌面保存', en: 'Click to download, or drag to the desktop' },
  dropHere: { zh: '松开以打开：规则文件（.json）、输入（.json）或表格（.csv / .xlsx）', en: 'Drop to open: a rule file (.json), an input (.json) or a table (.csv / .xlsx)' },
  opened: { zh: '已打开', en: 'Opened' },
  tabRule: { zh: '规则文件', en: 'Rule file' },
  tabInput: { zh: '输入数据', en: 'Input' },
  tabGrid: { zh: '表格编辑', en: 'Tables' },
  viewValues: { zh: '结算结果', en: 'Results' },
  viewFlow: { zh: '资金流向', en: 'Fund flow' },
  viewLedger: { zh: '台账与校验', en: 'Ledger & checks' },
  viewCompare: { zh: '方案对比', en: 'Compare' },
  viewRules: { zh: '规则说明', en: 'In words' },
  viewWhatIf: { zh: '假设分析', en: 'What-if' },
  warnings: { zh: '提示', en: 'Warnings' },
  name: { zh: '名称', en: 'Name' },
  value: { zh: '数值', en: 'Value' },
  kind: { zh: '类型', en: 'Kind' },
  source: { zh: '来源', en: 'Source' },
  computing: { zh: '正在计算…', en: 'Computing…' },
  computedIn: { zh: '计算用时', en: 'computed in' },
  stale: { zh: '有问题未解决，下面是上一次成功的结果', en: 'There are problems; below is the last successful result' },
  noResult: { zh: '还没有结果', en: 'No result yet' },
  problems: { zh: '问题', en: 'Problems' },
  noProblems: { zh: '没有问题', en: 'No problems' },
  ruleProblems: { zh: '规则文件有问题', en: 'The rule file has problems' },
  inputProblems: { zh: '输入数据有问题', en: 'The input has problems' },
  settleProblems: { zh: '结算时出现问题', en: 'Settlement stopped on a problem' },
  workerFailed: { zh: '计算线程出错', en: 'The computing worker failed' },
  trace: { zh: '追溯', en: 'Trace' },
  traceHint: { zh: '点击任一数字查看它的公式、输入、舍入和规则行', en: 'Click any figure to see its formula, inputs, rounding and rule line' },
  formula: { zh: '公式', en: 'Formula' },
  inputs: { zh: '输入', en: 'Inputs' },
  exact: { zh: '精确值', en: 'Exact value' },
  rounding: { zh: '舍入', en: 'Rounding' },
  note: { zh: '说明', en: 'Note' },
  ruleLine: { zh: '规则位置', en: 'Rule line' },
  inputLine: { zh: '输入位置', en: 'Input line' },
  revealInEditor: { zh: '在编辑器中显示', en: 'Show in the editor' },
  back: { zh: '返回', en: 'Back' },
  close: { zh: '关闭', en: 'Close' },
  noTrace: { zh: '这个数字没有追溯信息', en: 'This figure has no trace' },
  ledger: { zh: '资金台账', en: 'Ledger' },
  from: { zh: '付出方', en: 'From' },
  to: { zh: '收入方', en: 'To' },
  amount: { zh: '金额', en: 'Amount' },
  memo: { zh: '摘要', en: 'Memo' },
  step: { zh: '步骤', en: 'Step' },
  accounts: { zh: '账户余额', en: 'Accounts' },
  account: { zh: '账户', en: 'Account' },
  received: { zh: '收入', en: 'Received' },
  paid: { zh: '付出', en: 'Paid' },
  net: { zh: '净额', en: 'Net' },
  checks: { zh: '守恒校验', en: 'Conservation checks' },
  checkOk: { zh: '通过', en: 'passed' },
  checkFailed: { zh: '未通过', en: 'FAILED' },
  expected: { zh: '应为', en: 'expected' },
  actual: { zh: '实为', en: 'actual' },
  noLedger: { zh: '这套规则没有记录资金划转', en: 'This rule set records no transfers' },
  flowTitle: { zh: '资金流向图（宽度与金额成正比）', en: 'Fund flow (width proportional to the amount)' },
  compareBaseline: { zh: '基准', en: 'Baseline' },
  compareCurrent: { zh: '当前规则', en: 'Current rules' },
  comparePin: { zh: '把当前规则固定为基准', en: 'Pin the current rules as the baseline' },
  comparePinned: { zh: '已固定的版本', en: 'Pinned version' },
  compareChoose: { zh: '选择基准：固定的版本或一个预设方案；输入数据相同', en: 'Choose a baseline: the pinned version or a preset; the input is the same' },
  compareNone: { zh: '先固定一个基准版本，或选择一个预设方案', en: 'Pin a baseline first, or choose a preset' },
  difference: { zh: '差额（当前 − 基准）', en: 'Difference (current − baseline)' },
  onlyChanged: { zh: '只看有变化的', en: 'Changed only' },
  missing: { zh: '无', en: 'none' },
  printTitle: { zh: '医保基金结算审计单', en: 'Fund settlement audit sheet' },
  printedAt: { zh: '生成时间', en: 'Generated at' },
  engine: { zh: '引擎版本', en: 'Engine version' },
  ruleFingerprint: { zh: '规则文件指纹', en: 'Rule file fingerprint' },
  inputFingerprint: { zh: '输入指纹', en: 'Input fingerprint' },
  ruleFileName: { zh: '规则文件', en: 'Rule file' },
  inputFileName: { zh: '输入文件', en: 'Input file' },
  gridTable: { zh: '表', en: 'Table' },
  gridNoTables: { zh: '输入里没有可以按表格编辑的列表', en: 'The input has no list to edit as a table' },
  gridAddRow: { zh: '添加一行', en: 'Add a row' },
  gridRows: { zh: '第 {from}–{to} 行，共 {total} 行', en: 'rows {from}–{to} of {total}' },
  gridPrevious: { zh: '上一页', en: 'Previous' },
  gridNext: { zh: '下一页', en: 'Next' },
  gridDeleteRow: { zh: '删除这一行', en: 'Delete this row' },
  gridImport: { zh: '导入 CSV / Excel', en: 'Import CSV / XLSX' },
  gridPasteHint: { zh: '可以从电子表格复制多行多列，粘贴到任一单元格', en: 'Copy rows and columns from a spreadsheet and paste into any cell' },
  gridInvalidJson: { zh: '输入数据不是有效的 JSON，先在“输入数据”里修正', en: 'The input is not valid JSON; fix it in “Input” first' },
  gridImported: { zh: '已导入行数', en: 'Rows imported' },
  gridImportFailed: { zh: '无法导入：第一行必须是列名', en: 'Cannot import: the first row must name the columns' },
  keyboardHelp: { zh: '键盘：Tab 在各区域间移动（编辑器里也是；按 Ctrl+M 可让 Tab 在编辑器里缩进）；结果列表中用 ↑↓ 和 Enter', en: 'Keyboard: Tab moves between areas, the editor too (Ctrl+M makes Tab indent in it); ↑↓ and Enter in the results' },
  offline: { zh: '离线可用 · 计算在本机完成，不上传任何数据', en: 'Works offline · computed on this machine, nothing is uploaded' },
  parameters: { zh: '参数', en: 'Parameters' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  // ——— the audit record: print / PDF and exports ———
  recordRule: { zh: '规则', en: 'Rules' },
  recordVersion: { zh: '规则版本（执行年度）', en: 'Rule version (effective year)' },
  recordBaseline: { zh: '对比基准', en: 'Baseline' },
  recordLabel: { zh: '名称', en: 'Name' },
  recordKey: { zh: '标识', en: 'Key' },
  recordStatus: { zh: '依据', en: 'Status' },
  recordPublished: { zh: '公开发布', en: 'published' },
  recordAssumed: { zh: '假设', en: 'assumed' },
  recordNote: { zh: '来源 / 说明', en: 'Source / note' },
  recordInputs: { zh: '输入数据', en: 'Input data' },
  recordInputValues: { zh: '输入数据：单项数值', en: 'Input data: single values' },
  recordInputTable: { zh: '输入数据：{name}（{rows} 行）', en: 'Input data: {name} ({rows} rows)' },
  recordRow: { zh: '行', en: 'Row' },
  recordResults: { zh: '结算结果', en: 'Results' },
  recordCheck: { zh: '核对项', en: 'Check' },
  recordOutcome: { zh: '结果', en: 'Outcome' },
  recordChanges: { zh: '相对基准的变更', en: 'Changes from the baseline' },
  recordWhat: { zh: '项目', en: 'Item' },
  recordBefore: { zh: '基准', en: 'Baseline' },
  recordAfter: { zh: '当前', en: 'Current' },
  recordNoChanges: { zh: '与基准相同，没有变更', en: 'Same as the baseline: no changes' },
  recordParameter: { zh: '参数', en: 'parameter' },
  recordStep: { zh: '步骤', en: 'step' },
  recordCheckItem: { zh: '核对', en: 'check' },
  recordVersionItem: { zh: '版本', en: 'version' },
  recordExact: { zh: '精确值', en: 'Exact value' },
  recordPosition: { zh: '规则位置', en: 'Position' },
  recordLine: { zh: '行', en: 'Line' },
  recordColumn: { zh: '列', en: 'Column' },
  recordInfo: { zh: '信息', en: 'Info' },
  recordSignatures: { zh: '签字', en: 'Signatures' },
  recordPreparedBy: { zh: '制表', en: 'Prepared by' },
  recordReviewedBy: { zh: '审核', en: 'Reviewed by' },
  recordApprovedBy: { zh: '负责人', en: 'Approved by' },
  recordDate: { zh: '日期', en: 'Date' },
  recordPage: { zh: '第 {page} 页 共 {pages} 页', en: 'Page {page} of {pages}' },
  recordTrue: { zh: '成立', en: 'holds' },
  recordFalse: { zh: '不成立', en: 'fails' },
  kindMoney: { zh: '金额', en: 'money' },
  kindNumber: { zh: '数值', en: 'number' },
  kindBoolean: { zh: '是否', en: 'yes/no' },
  kindText: { zh: '文本', en: 'text' },
  // ——— the fund-flow diagram ———
  flowOthers: { zh: '其他 {n} 家', en: '{n} others' },
  flowKey: { zh: '图例（颜色 · 账户 · 金额）', en: 'Key (colour · account · amount)' },
  flowOthersOf: { zh: '{payer} → 其他 {n} 家（按金额从大到小）', en: '{payer} → {n} others (largest first)' },
  flowShowOthers: { zh: '点击“其他 … 家”查看其中每一家', en: 'Click “… others” to list each of them' },
  flowHideOthers: { zh: '收起', en: 'Hide' },
  flowRank: { zh: '序号', en: '#' },
  // ——— the editor, loaded after the first figures ———
  editorLabel: { zh: '规则编辑器', en: 'Rule editor' },
  editorLoading: { zh: '正在加载编辑器…（结果已可查看）', en: 'Loading the editor… (the results are ready)' },
  editorFailed: { zh: '编辑器未能加载：请刷新页面；结果、表格编辑和导出仍可使用', en: 'The editor did not load: reload the page; results, table editing and exports still work' },
  resultsPane: { zh: '结算结果区', en: 'Results' },
  editorPane: { zh: '编辑区', en: 'Editing' },
} as const satisfies Record<string, Text>;

export type MessageId = keyof typeof table;

/** The label `id` in `locale`. */
export function t(locale: Locale, id: MessageId): string {
  return table[id][locale];
}

/** The engine and rule files write notes and memos as "中文 / English": the reader's half. */
export function inLocale(note: string, locale: Locale): string {
  const k = note.indexOf(' / ');
  if (k < 0 || !/[\u4e00-\u9fff]/.test(note.slice(0, k))) return note;
  return locale === 'zh' ? note.slice(0, k) : note.slice(k + 3);
}

/** Both languages of a label, for places that print both (the print view, exports). */
export function text(id: MessageId): Text {
  return table[id];
}

/**
 * Chinese and English names of the glossary's value and account names (shared/DOMAIN.md), used
 * when the rule file gives a step no label of its own.
 */
const glossary: Readonly<Record<string, Text>> = {
  gross: { zh: '医保基金总额', en: 'gross fund' },
  net: { zh: '可用基金', en: 'net fund' },
  adjustmentFund: { zh: '调剂金', en: 'adjustment fund' },
  riskFund: { zh: '风险金', en: 'risk fund' },
  package: { zh: '打包总额', en: 'package' },
  spending: { zh: '实际支出', en: 'spending' },
  balance: { zh: '结余（负为超支）', en: 'balance' },
  surplus: { zh: '结余', en: 'surplus' },
  overspend: { zh: '超支', en: 'overspend' },
  countyPool: { zh: '县级结余', en: 'county pool' },
  townPool: { zh: '镇级结余', en: 'town pool' },
  share: { zh: '成员单位分配', en: 'member share' },
  riskFundUsed: { zh: '动用风险金', en: 'risk fund used' },
  adjustmentFundUsed: { zh: '动用调剂金', en: 'adjustment fund used' },
  shortfall: { zh: '缺口', en: 'shortfall' },
  financeShare: { zh: '财政分担', en: 'finance share' },
  hospitalShare: { zh: '医院分担', en: 'hospital share' },
  reservesReturned: { zh: '返还储备金', en: 'reserves returned' },
  insured: { zh: '参保人数', en: 'insured persons' },
  perCapita: { zh: '人均筹资', en: 'per-capita funding' },
  policyExpenses: { zh: '政策性支出', en: 'policy expenses' },
  outOfCountySpending: { zh: '县外就医支出', en: 'out-of-county spending' },
  members: { zh: '成员单位', en: 'members' },
  retained: { zh: '结余留用', en: 'retained' },
  hospitalBears: { zh: '医院承担', en: 'borne by the hospital' },
  budget: { zh: '预算', en: 'budget' },
  monthly: { zh: '月度预付', en: 'monthly prepayment' },
  december: { zh: '12 月清算', en: 'December balance' },
  workingCapital: { zh: '周转金', en: 'working capital' },
  yearEndPayment: { zh: '年终清算', en: 'year-end payment' },
  fundShare: { zh: '基金分担', en: 'fund share' },
  communityShare: { zh: '医共体分担', en: 'community share' },
  returnedToFund: { zh: '返还基金', en: 'returned to the fund' },
  communityBears: { zh: '医共体承担', en: 'borne by the community' },
  score: { zh: '考核得分', en: 'score' },
  fundCompensation: { zh: '基金补偿', en: 'fund compensation' },
  monthlyPaid: { zh: '月度已付', en: 'paid monthly' },
  withheld: { zh: '预留款', en: 'withheld' },
  reward: { zh: '结余奖励', en: 'reward' },
  eligibleOverspend: { zh: '合理超支', en: 'eligible overspend' },
  fundPays: { zh: '基金支付', en: 'paid by the fund' },
  settled: { zh: '结算额', en: 'settled amount' },
  overrun: { zh: '超额', en: 'overrun' },
  hospitalPays: { zh: '医院支付', en: 'paid by the hospital' },
  reserve: { zh: '预留金', en: 'reserve' },
  distributable: { zh: '可分配额', en: 'distributable' },
  totalPoints: { zh: '总点数', en: 'total points' },
  pointValue: { zh: '点值', en: 'point value' },
  points: { zh: '点数', en: 'points' },
  payment: { zh: '支付', en: 'payment' },
  fund: { zh: '医保基金', en: 'fund' },
  county: { zh: '县级医院', en: 'county' },
  town: { zh: '镇卫生院', en: 'town' },
  finance: { zh: '财政', en: 'finance' },
  hospital: { zh: '医院', en: 'hospital' },
  community: { zh: '医共体', en: 'community' },
  reserves: { zh: '储备金', en: 'reserves' },
  outOfCounty: { zh: '县外医疗机构', en: 'out of county' },
  policy: { zh: '政策性支出', en: 'policy expenses' },
  employee: { zh: '职工', en: 'employee' },
  resident: { zh: '居民', en: 'resident' },
};

/**
 * A name from the glossary in `locale`, for a plain name (`surplus`) or a dotted one
 * (`share.h1` → "成员单位分配 · h1"); undefined when the glossary does not know it.
 */
export function glossaryLabel(name: string, locale: Locale): string | undefined {
  const direct = Object.hasOwn(glossary, name) ? glossary[name] : undefined;
  if (direct) return direct[locale];
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const head = name.slice(0, dot);
  const tail = name.slice(dot + 1);
  const headLabel = Object.hasOwn(glossary, head) ? glossary[head] : undefined;
  if (!headLabel) return undefined;
  const tailLabel = Object.hasOwn(glossary, tail) ? glossary[tail]?.[locale] : undefined;
  return `${headLabel[locale]} · ${tailLabel ?? tail}`;
}
