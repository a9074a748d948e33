/**
 * Who pays and who keeps, from the ledger alone: the parties of a what-if are the accounts of
 * the rule file that do not close (a pass-through such as the community's package account nets
 * to zero by construction), and the accounts a table row step makes — one per member unit — taken
 * together as one party named after their table. Nothing here knows a preset's names.
 */
import { member, nodeAt, type JsonNode } from '../json/read-json.js';
import { formatMoney, type DecimalString } from '../money/decimal-string.js';
import { Exact, ZERO } from '../money/exact.js';
import type { CompiledRuleFile, Label } from './model.js';
import type { Settlement } from './types.js';

/** One party of a what-if: a ledger account, or the accounts of one table's rows. */
export interface SweepParty {
  /** The account's name, or `rows:<table>` for the accounts of a table's rows. */
  readonly key: string;
  readonly label: Label;
  /** The accounts whose nets make up the party's. */
  readonly accounts: readonly string[];
}

function labelAt(node: JsonNode | undefined): Label | undefined {
  const l = member(node, 'label');
  const zh = member(l, 'zh');
  const en = member(l, 'en');
  return zh?.type === 'string' && en?.type === 'string' ? { zh: zh.value, en: en.value } : undefined;
}

/** The table whose row step made a transfer touching `account`, if any. */
function rowTable(rules: CompiledRuleFile, settlement: Settlement, account: string): string | undefined {
  for (const t of settlement.ledger) {
    if (t.from !== account && t.to !== account) continue;
    const over = member(nodeAt(rules.doc.root, t.pointer), 'over');
    if (over?.type === 'string') return over.value;
  }
  return undefined;
}

/**
 * The parties of a set of settlements of one rule file (declared accounts in declaration order,
 * then row groups, then any other account), and a function giving each party's net in one
 * settlement: received − paid, exact, negative when the party pays.
 */
export function parties(rules: CompiledRuleFile, settlements: readonly Settlement[]): { list: SweepParty[]; nets: (s: Settlement) => Record<string, DecimalString> } {
  const closing = new Set(rules.closing);
  const partyOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  const labels = new Map<string, Label>();
  const order: string[] = [];
  const add = (key: string, account: string, label: Label): void => {
    if (!members.has(key)) {
      members.set(key, []);
      labels.set(key, label);
      order.push(key);
    }
    (members.get(key) as string[]).push(account);
    partyOf.set(account, key);
  };
  for (const [name, label] of rules.accounts) if (!closing.has(name)) add(name, name, label ?? { zh: name, en: name });
  for (const s of settlements) {
    for (const account of Object.keys(s.accounts)) {
      if (closing.has(account) || partyOf.has(account)) continue;
      const table = rules.accounts.size > 0 ? rowTable(rules, s, account) : undefined;
      if (table === undefined) add(account, account, { zh: account, en: account });
      else add(`rows:${table}`, account, labelAt(member(member(rules.doc.root, 'inputs'), table)) ?? { zh: table, en: table });
    }
  }
  // Declared accounts no settlement ever touched are no party of this what-if.
  const used = new Set(settlements.flatMap((s) => Object.keys(s.accounts)));
  const list = order.filter((k) => (members.get(k) ?? []).some((a) => used.has(a))).map((key) => ({ key, label: labels.get(key) as Label, accounts: members.get(key) ?? [] }));
  const nets = (s: Settlement): Record<string, DecimalString> => {
    const out: Record<string, DecimalString> = Object.create(null) as Record<string, DecimalString>;
    for (const p of list) {
      let sum: Exact = ZERO;
      for (const a of p.accounts) {
        const b = s.accounts[a];
        if (b) sum = sum.plus(new Exact(b.net));
      }
      out[p.key] = formatMoney(sum);
    }
    return out;
  };
  return { list, nets };
}
