// The library's own code, minified and gzipped, against a budget. Dependencies (decimal.js,
// json-rules-engine) are left out: the budget is for what this project writes. The generated
// ajv validator is counted separately because it grows with the schema, not with the engine.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/** Why these numbers. What a program that only settles pays (readRuleFile, settle, formatIssue):
 *  the engine was about 38 kB; reading spreadsheet data as officials keep it and refusing every
 *  clerk's slip with a located, bilingual reason (headers by label, cells with separators,
 *  encodings, plausibility conditions, ids, lookups placed in the input) brought it to about
 *  44 kB. 48 kB leaves room for new step kinds but catches an accidental bundling of a
 *  dependency (decimal.js alone is 12 kB) or of a feature the settle path does not need.
 *  The whole library adds the rule in words (bilingual phrases for every step kind, Markdown and
 *  HTML pages), the label warnings, the what-if, workspace files and the parameter texts, about
 *  21 kB: 72 kB in all; case lists read as streams and the trace read as sentences, about 3 kB
 *  more: 76 kB. The rule author's slips said in their terms (tier bounds, bare-number rates,
 *  when/formula, per-row names), the one-pass reader's defaults and map columns, money() and
 *  display places: about 1 kB on each path; map parameters and effective dates, 1 kB more; tiers
 *  and decisions over a table's rows, 1.5 kB more: hence 54 kB and 82 kB. The rows an aggregate
 *  took in kept in the trace, rank, a decision over rows kept for re-checking and the order
 *  statistics in words, 1.5 kB more on the whole library: 84 kB. */
const BUDGET_SETTLE = 54 * 1024;
const BUDGET_ENGINE = 84 * 1024;
/** The generated validator carries the schema's bilingual descriptions (Monaco shows them as
 *  hover help from the same schema); 30 kB catches a schema that grows by half by accident. */
const BUDGET_VALIDATOR = 30 * 1024;
async function gzipped(input) {
  const result = await build({
    input: fileURLToPath(new URL(input, import.meta.url)),
    external: [/^decimal\.js/, /^json-rules-engine/],
    output: { format: 'esm', minify: true },
    write: false,
  });
  return result.output.filter((c) => c.type === 'chunk').reduce((n, c) => n + gzipSync(c.code).length, 0);
}
const engine = await gzipped('../../dist/index.js');
const settlePath = await gzipped('./settle-entry.mjs');
const validator = await gzipped('../../dist/schema/validate-rule-file.generated.js');
const core = engine - validator;
const settleCore = settlePath - validator;
const ok = core <= BUDGET_ENGINE && settleCore <= BUDGET_SETTLE && validator <= BUDGET_VALIDATOR;
const verdict = (n, budget) => `budget ${(budget / 1024).toFixed(0)} kB ${n <= budget ? 'ok' : 'EXCEEDED'}`;
console.log(`bundle (minified + gzip, dependencies and the schema validator excluded):`);
console.log(`  settle path        ${(settleCore / 1024).toFixed(1)} kB   ${verdict(settleCore, BUDGET_SETTLE)}`);
console.log(`  whole library      ${(core / 1024).toFixed(1)} kB   ${verdict(core, BUDGET_ENGINE)}`);
console.log(`  schema validator   ${(validator / 1024).toFixed(1)} kB   budget ${(BUDGET_VALIDATOR / 1024).toFixed(0)} kB ${validator <= BUDGET_VALIDATOR ? 'ok' : 'EXCEEDED'}`);
if (!ok) process.exitCode = 1;
