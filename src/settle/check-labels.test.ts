import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFile, settle, type Settlement } from '../index.js';

function run(id: string): Settlement {
  const rules = readRuleFile(readFileSync(`rules/${id}.json`, 'utf8'), { file: `rules/${id}.json` });
  if (!rules.ok) throw new Error(rules.issues[0].message.en);
  const result = settle(rules.value, readFileSync(`rules/examples/${id}.input.json`, 'utf8'));
  if (!result.ok) throw new Error(result.issues[0].message.en);
  return result.value;
}

const HAN = /\p{Script=Han}/u;

describe('check labels', () => {
  it("word the engine's own checks from the rule file's labels (yangxi)", () => {
    const s = run('yangxi');
    const byName = new Map(s.checks.map((c) => [c.name, c]));
    // /steps/9 "结余按县镇 6:4 分配" splits `surplus`, whose step is labelled "结余".
    expect(byName.get('surplusSplit: parts sum to the amount')?.label).toEqual({
      zh: '结余按县镇 6:4 分配：各部分之和等于结余',
      en: 'surplus split county:town: the parts add up to surplus',
    });
    expect(byName.get('town members by weight: rows sum to the amount')?.label.zh).toBe('镇级成员按权重分配：各行分配之和等于镇级结余');
    expect(byName.get('overspendCover: payers and rest sum to the amount')?.label.zh).toBe('超支先由风险金、再由调节金承担：各承担方与余下部分之和等于超支');
    expect(byName.get('account county closes')?.label.zh).toBe('县级结余池收支相抵：收入 − 付出 = 0');
    expect(byName.get('ledger balances')?.label.zh).toBe('资金台账平衡：各账户（收入 − 付出）之和为 0');
    // A declared check: the rule file's label.
    expect(byName.get('package identity')?.label.zh).toBe('打包总额 = 基金总额 − 政策性支出 − 调节金 − 风险金');
  });

  it('print the amounts a check compares as money: two decimals', () => {
    const s = run('yangxi');
    const parts = s.checks.find((c) => c.name === 'surplusSplit: parts sum to the amount');
    // surplus 22,860,028.80 (DOMAIN.md E1) — printed with both decimals, not "22860028.8".
    expect(parts).toMatchObject({ ok: true, expected: '22860028.80', actual: '22860028.80' });
    expect(s.checks.find((c) => c.name === 'ledger balances')).toMatchObject({ expected: '0.00', actual: '0.00' });
    expect(s.checks.find((c) => c.name === 'package identity')).toMatchObject({ expected: 'true', actual: 'true' });
  });

  it('every check of every preset reads in Chinese and in English', () => {
    const ids = readdirSync('rules').filter((f) => /^[^.]+\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) {
      for (const c of run(id).checks) {
        expect(c.label.zh, `${id}: ${c.name}`).toMatch(HAN);
        expect(c.label.en, `${id}: ${c.name}`).not.toMatch(HAN);
      }
    }
  });
});
