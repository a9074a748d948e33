/**
 * Multi-year runs: settle year after year, carrying forward what the rule file's `carry`
 * declares (last year's budget, rolled-over reserves, retained surplus …) into next year's
 * inputs. Each year keeps its own ledger and checks.
 */
import { fail, makeIssue, ok, type Issue, type Result } from '../issues/issue.js';
import { member, type JsonNode, type JsonObject } from '../json/read-json.js';
import type { CompiledRuleFile, RuleFile } from './model.js';
import { sha256Hex } from './fingerprint.js';
import { getOwn } from './record.js';
import { fileOption, settleArgumentsProblem } from './arguments.js';
import { settleDoc, type SettleOptions } from './settle.js';
import { jsonText, readSource, sourceFromValue, type SourceDoc } from './source.js';
import type { Settlement } from './types.js';

/** One year of a simulation. */
export interface SimulatedYear {
  /** 1-based position in the scenario. */
  readonly year: number;
  readonly label: string;
  /** The inputs this year took from the year before: input name → value. */
  readonly carried: Readonly<Record<string, string>>;
  readonly settlement: Settlement;
}

/** The result of simulate(): one settlement per year. */
export interface Simulation {
  readonly rule: Settlement['rule'];
  readonly years: readonly SimulatedYear[];
}

/** The most years one simulation runs (bounded work for a hostile scenario file). */
export const MAX_YEARS = 100;

function setMember(obj: JsonObject, key: string, value: JsonNode): JsonObject {
  const i = obj.keys.indexOf(key);
  if (i >= 0) {
    const values = [...obj.values];
    values[i] = value;
    return { ...obj, values };
  }
  return { ...obj, keys: [...obj.keys, key], keyOffsets: [...obj.keyOffsets, obj.offset], values: [...obj.values, value] };
}

/**
 * Settles a scenario of several years under one rule file. The scenario is
 * `{ "years": [ {year-1 input}, {year-2 input}, … ], "labels"?: ["2024", …] }`; from the second
 * year on, each input declared in the rule file's `carry` is filled with the named value of the
 * year before (a value written in the scenario wins and is not carried).
 *
 * @example
 * const sim = simulate(rules.value, scenarioText, { file: 'scenario.json' });
 * if (sim.ok) sim.value.years.map((y) => y.settlement.values['budget.employee']);
 */
export function simulate(rules: RuleFile, scenario: string | unknown, options: SettleOptions = {}): Result<Simulation> {
  const compiled = rules as CompiledRuleFile;
  const file = fileOption(options, 'scenario');
  const misuse = settleArgumentsProblem(rules, scenario, options, file);
  if (misuse) return fail([misuse]);
  const src = typeof scenario === 'string' ? readSource(scenario, file) : sourceFromValue(scenario, file);
  if (!src.ok) return fail([src.issue]);
  const doc: SourceDoc = src.doc;
  const scenarioPrint = sha256Hex(typeof scenario === 'string' ? scenario : jsonText(doc.root));
  const yearsNode = member(doc.root, 'years');
  if (!yearsNode || yearsNode.type !== 'array' || yearsNode.items.length === 0) {
    return fail([makeIssue(yearsNode ? 'wrong_type' : 'missing_property', file, '/years', { property: 'years', expected: 'a non-empty list of yearly inputs' })]);
  }
  if (yearsNode.items.length > MAX_YEARS) return fail([makeIssue('above_maximum', file, '/years', { limit: MAX_YEARS, received: `${yearsNode.items.length} years` })]);
  const labelsNode = member(doc.root, 'labels');
  const years: SimulatedYear[] = [];
  let previous: Settlement | undefined;
  for (let i = 0; i < yearsNode.items.length; i++) {
    let node = yearsNode.items[i] as JsonNode;
    const carried: Record<string, string> = {};
    if (previous && node.type === 'object') {
      for (const c of compiled.carry) {
        const fig = getOwn(previous.figures, c.value);
        // The value as computed: its rounded value, or every digit of an unrounded one.
        const text = fig && fig.rounding === undefined && fig.exact !== undefined ? fig.exact : getOwn(previous.values, c.value);
        if (text === undefined) continue;
        const [head, field] = c.input.split('.') as [string, string | undefined];
        const valueNode: JsonNode = { type: 'string', offset: node.offset, value: text, end: node.offset };
        if (field === undefined) {
          if (member(node, head)) continue;
          node = setMember(node as JsonObject, head, valueNode);
        } else {
          const group = member(node, head);
          const base: JsonObject = group?.type === 'object' ? group : { type: 'object', offset: node.offset, keys: [], keyOffsets: [], values: [] };
          if (member(base, field)) continue;
          node = setMember(node as JsonObject, head, setMember(base, field, valueNode));
        }
        carried[c.input] = text;
      }
    }
    const yearDoc: SourceDoc = { ...doc, root: node };
    const r = settleDoc(compiled, yearDoc, { ...options, trace: true }, sha256Hex(`${scenarioPrint}#${i}`));
    if (!r.ok) {
      return fail(r.issues.map((iss): Issue => ({ ...iss, pointer: iss.file === file ? `/years/${i}${iss.pointer}` : iss.pointer })) as Issue[]);
    }
    const label = labelsNode?.type === 'array' && labelsNode.items[i]?.type === 'string' ? (labelsNode.items[i] as { value: string }).value : `year ${i + 1}`;
    previous = r.value.settlement;
    years.push({ year: i + 1, label, carried, settlement: previous });
  }
  return ok({ rule: (years[0] as SimulatedYear).settlement.rule, years });
}
