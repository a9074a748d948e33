import { syntaxZh } from './syntax-messages.js';
import type { IssueCode, ParamsOf } from './codes.js';

const t = (v: string | number | undefined): string => String(v ?? '');

/** Chinese messages, one per code; a missing code fails to compile. */
export const messagesZh: { readonly [C in IssueCode]: (x: ParamsOf<C>) => string } = {
  file_unreadable: (x) => `无法读取文件：${t(x.reason)}`,
  file_not_text: (x) =>
    x.encoding && x.encoding !== 'utf-8'
      ? `文件不是有效的 ${t(x.encoding)} 文本（可能是二进制文件）`
      : '文件不是 UTF-8 文本（可能是二进制文件；若是 Excel 存的 GBK/GB18030 编码 CSV，命令行可加 --encoding gb18030）',
  json_empty: () => '文件为空，应为一个 JSON 文档',
  json_syntax: (x) => `JSON 格式错误，${syntaxZh(x) ?? t(x.detail)}`,
  json_too_deep: (x) => `JSON 嵌套过深（最多 ${t(x.limit)} 层）`,
  json_too_large: (x) => `文件过大（上限 ${t(x.limit)}）`,
  json_duplicate_key: (x) => `重复的键 "${t(x.key)}"`,
  json_forbidden_key: (x) => `不允许使用键 "${t(x.key)}"`,
  missing_property: (x) => `缺少必填项 "${t(x.property)}"`,
  unknown_property: (x) => `未知的项 "${t(x.property)}"${x.expected ? `，可用：${t(x.expected)}` : ''}`,
  wrong_type: (x) => `类型错误：应为 ${t(x.expected)}`,
  not_allowed_value: (x) => `取值不允许，应为：${t(x.expected)}`,
  bad_format: (x) => `格式不符：${t(x.expected)}`,
  out_of_range: (x) => `超出允许范围：${t(x.expected)}`,
  no_matching_shape: (x) => `不符合任何允许的写法：${t(x.expected)}`,
  unknown_name: (x) => `未定义的名称 "${t(x.name)}"${x.suggestion ? `，是否指 "${t(x.suggestion)}"？` : ''}`,
  duplicate_name: (x) => `名称 "${t(x.name)}" 已在 ${t(x.first)} 定义过`,
  reserved_name: (x) => `"${t(x.name)}" 是保留名称，不能用作数值名称`,
  cycle: (x) => `公式循环引用：${t(x.cycle)}`,
  kind_mismatch: (x) => `量纲不符：${t(x.detail)}`,
  formula_syntax: (x) => `公式语法错误：${t(x.detail)}`,
  formula_too_long: (x) => `公式过长（上限 ${t(x.limit)} 个字符）`,
  formula_too_deep: (x) => `公式嵌套过深（上限 ${t(x.limit)} 层）`,
  unknown_function: (x) => `未知函数 "${t(x.name)}"，可用：${t(x.expected)}`,
  wrong_arity: (x) => `函数 ${t(x.name)} 的参数个数不对：应为 ${t(x.expected)}，实际 ${t(x.actual)}`,
  unknown_column: (x) => `表 "${t(x.table)}" 没有列 "${t(x.column)}"`,
  unknown_table: (x) => `"${t(x.name)}" 不是表`,
  bad_condition: (x) => `条件写法错误：${t(x.detail)}`,
  formula_in_when: (x) =>
    `"when" 需要条件对象，如 {"fact": "score", "operator": "gte", "value": 90}，这里写的是公式（"${t(x.formula)}"）。要按公式判断，请在 "formula" 中写 if(${t(x.formula)}, …, …)`,
  condition_in_formula: (x) =>
    `这里需要公式（文本），写的却是条件对象：条件对象只用在 decide 步骤的 "when" 中${x.formula ? `；写成公式是 ${t(x.formula)}，例如 if(${t(x.formula)}, …, …)` : ''}`,
  numeric_operator_on_text: (x) =>
    `不能用 "${t(x.operator)}" 比较数值（它按文本比较），请用 ${t(x.expected)}`,
  bad_template: (x) => `名称模板 "${t(x.template)}" 错误：${t(x.detail)}`,
  tier_bounds_order: (x) => `第 ${t(x.band)} 档的上限（${t(x.bound)}）不高于上一档的上限（${t(x.previous)}）：分档须逐档升高，每档 upTo 大于前一档`,
  too_many_steps: (x) => `步骤过多（上限 ${t(x.limit)}）`,
  missing_input: (x) => `缺少输入 "${t(x.name)}"（${t(x.expected)}）`,
  unknown_input: (x) => `规则文件没有声明输入 "${t(x.name)}"${x.expected ? `，可用：${t(x.expected)}` : ''}`,
  not_decimal: (x) => `应为十进制数字（如 "980.00"），实际为 ${t(x.received)}`,
  too_many_digits: (x) => `数字位数过多（最多 ${t(x.limit)} 位）：${t(x.received)}`,
  money_precision: (x) => `金额最多两位小数（分），实际为 ${t(x.received)}`,
  bad_grouping: (x) => `${t(x.received)} 的千位分隔符位置不对：应每三位一组，如 ${t(x.expected)}；小数点用“.”`,
  not_integer: (x) => `应为整数，实际为 ${t(x.received)}`,
  negative_count: (x) => `人数/数量不能为负：${t(x.received)}`,
  below_minimum: (x) => `不能小于 ${t(x.limit)}，实际为 ${t(x.received)}`,
  above_maximum: (x) => `不能大于 ${t(x.limit)}，实际为 ${t(x.received)}`,
  rate_out_of_range: (x) =>
    `比例 ${t(x.received)}${x.percent === x.received ? '' : ` 即 ${t(x.percent)}`}，超出允许范围 ${t(x.min)} 至 ${t(x.max)}。比例写成 0.02 或 2%：写 2 表示 200%，写 2% 才是百分之二`,
  not_in_choices: (x) => `取值 ${t(x.received)} 不在允许范围内：${t(x.expected)}`,
  duplicate_key: (x) => `表中编号 "${t(x.key)}" 重复（首次出现于第 ${t(x.first)} 行）`,
  empty_id: (x) => `表 "${t(x.table)}" 的编号列 ${t(x.column)} 不能为空`,
  control_character: (x) => `文本 ${t(x.received)} 含有控制字符或不可见字符 ${t(x.character)}（如 NUL、ESC、制表符、换行、零宽字符），看起来相同的编号可能并不相同`,
  too_many_rows: (x) => `表行数过多（上限 ${t(x.limit)}）`,
  no_rules_in_force: (x) => `没有在 ${t(x.date)} 施行的规则文件：${t(x.files)}`,
  rules_in_force_overlap: (x) => `在 ${t(x.date)} 同时施行的规则文件不止一个：${t(x.files)}。请为各版本写明不重叠的 "effective" 施行日期，或直接指定文件`,
  csv_field_count: (x) =>
    `第 ${t(x.line)} 行有 ${t(x.received)} 个字段，列名行有 ${t(x.expected)} 个（数字中的千位分隔逗号须加引号，如 "8,600,000.00"）`,
  csv_duplicate_header: (x) => `列名 "${t(x.header)}" 与第 ${t(x.first)} 列都对应列 ${t(x.column)}`,
  ambiguous_header: (x) => `列名 "${t(x.header)}" 同时对应多列：${t(x.columns)}`,
  stream_needs_rows: (x) => `表 "${t(x.table)}" 不能分批读取：${STREAM_REASON_ZH[String(x.reason)] ?? t(x.reason)}（${t(x.step)}）；请整表给出（--table）`,
  table_given_twice: (x) => `表 "${t(x.table)}" 给了两次：${t(x.first)} 和 ${t(x.second)}，只能给一处`,
  division_by_zero: (x) => `除数为零：${t(x.detail)}`,
  weights_all_zero: (x) => `分配金额 ${t(x.amount)} 时权重全部为零，无法分配`,
  negative_weight: (x) => `分配权重不能为负：${t(x.detail)}`,
  unknown_key: (x) =>
    `在 "${t(x.table)}" 中找不到 "${t(x.key)}"${x.row ? `（输入行 ${t(x.row)}）` : ''}${x.step ? `；查找它的规则步骤：${t(x.step)}` : ''}`,
  work_limit: (x) => `计算量超过上限（${t(x.limit)} 步），已停止`,
  not_a_number: (x) => `结果不是有限数值：${t(x.detail)}`,
  check_failed: (x) => `核对未通过：${t(x.detail)}`,
  plausibility_failed: (x) => `合理性检查未通过，未结算：${t(x.labelZh)}（${t(x.assert)}）；相关数字：${t(x.figures)}`,
  bad_usage: (x) => `${USAGE_ZH[String(x.reason)] ?? '命令用法有误'}${x.option ? ` ${t(x.option)}` : ''}${x.expected ? `：应为 ${t(x.expected)}` : ''}${x.received !== undefined && x.received !== '' ? `，实际为 ${t(x.received)}` : ''}`,
  write_failed: (x) => `无法写出结果：${t(x.reason)}`,
  stale_label_number: (x) =>
    `说明文字“${t(x.label)}”中的 ${t(x.quoted)} 与它所用参数的当前值不符（${t(x.current)}）；规则说明按参数的当前值显示，请改正这段文字`,
  fingerprint_mismatch: (x) =>
    `文件中的${t(x.part) === 'rule' ? '规则文件' : '输入数据'}在保存后被改动过：其 SHA-256 为 ${t(x.actual)}，文件记录的是 ${t(x.expected)}`,
  result_mismatch: (x) => `“${t(x.name)}”重新计算为 ${t(x.actual)}，与文件中保存的 ${t(x.expected)} 不一致`,
  request_too_large: (x) => `请求内容超过服务允许的大小（上限 ${t(x.limit)}）`,
  unsupported_media_type: (x) => `请求内容应为 JSON（Content-Type: application/json），实际为 ${t(x.received)}`,
  unauthorized: () => '需要有效的 API 密钥（请求头 "Authorization: Bearer <密钥>" 或 "X-API-Key: <密钥>"）',
  unknown_endpoint: (x) => `没有接口 ${t(x.method)} ${t(x.path)}；可用接口：${t(x.expected)}`,
  unknown_rules: (x) => `没有规则文件 "${t(x.id)}"；现有：${t(x.expected)}`,
  service_busy: (x) => `服务繁忙（已有 ${t(x.limit)} 个请求在排队），请 ${t(x.retryAfter)} 秒后重试`,
  shutting_down: () => '服务正在停止，请发往其他实例或稍后重试',
  time_limit: (x) => `请求处理时间超过服务上限（${t(x.limit)} 毫秒），已停止`,
  memory_limit: (x) => `请求所需内存超过服务上限（${t(x.limit)} MB），已停止`,
  listen_failed: (x) => `无法在 ${t(x.address)} 上监听：${t(x.reason)}`,
  internal_error: (x) => `程序内部错误，请报告：${t(x.detail)}`,
};

/** 表不能分批读取的原因（stream_needs_rows），按原因代码。 */
const STREAM_REASON_ZH: Readonly<Record<string, string>> = {
  step: '有步骤需要同时用到它的全部行（按行分配、按键查找或对整表的公式）',
  named: '有逐行步骤为每一行命名数值或记账，输出会随行数增长',
  order: '有逐行步骤排在该表的汇总之后，或两者之间还有其他步骤',
  check: '有核对条件或合理性检查读取该表',
  rows: '结果中要求返回它的逐行结果（rows 选项）',
};

/** 命令行哪里不对（bad_usage），按原因代码。 */
const USAGE_ZH: Readonly<Record<string, string>> = {
  unknown_command: '没有这个命令：',
  unknown_option: '这个命令没有选项',
  option_value: '选项的值不对：',
  arguments: '参数不对',
  no_value: '选项后缺少值：',
};
