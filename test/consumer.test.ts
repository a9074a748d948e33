// The package as a developer gets it: packed with npm pack, installed into a fresh folder, and
// used from ESM, CommonJS, strict TypeScript, the command line and a browser bundle.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yibao-consumer-'));
  // prepack builds the package; the tarball is what the registry would serve.
  execFileSync(NPM, ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no tarball');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`], { cwd: dir, stdio: 'ignore' });
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function node(file: string, text: string): string {
  writeFileSync(join(dir, file), text);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  expect(r.stderr.replace(/.*ExperimentalWarning.*\n|.*--trace-warnings.*\n/g, '')).toBe('');
  return r.stdout;
}

describe('the packed package in a fresh folder', () => {
  it('ships what a procurement check asks for: licence, changelog, docs the README links, presets', () => {
    const pkg = join(dir, 'node_modules', 'yibao-settle');
    const files = readdirSync(pkg);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md', 'docs', 'rules', 'dist']));
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\((docs\/[^)#]+\.md)/g)) expect(readdirSync(join(pkg, 'docs'))).toContain(link?.slice(5));
  });

  it('works from ESM: the Yangxi example package is 342,216,000.00', () => {
    const out = node('esm.mjs', "import { settle } from 'yibao-settle';\nimport { loadPreset, presetExample } from 'yibao-settle/presets';\nconst r = loadPreset('yangxi');\nif (!r.ok) throw new Error('no preset');\nconst s = settle(r.value, presetExample('yangxi'));\nconsole.log(s.ok && s.value.values.package);\n");
    expect(out).toBe('342216000.00\n');
  });

  it('works from CommonJS (require of the ES module, Node ≥ 20.19)', () => {
    const out = node('cjs.cjs', "const { settle, readRuleFile } = require('yibao-settle');\nconst fs = require('node:fs');\nconst rules = readRuleFile(fs.readFileSync(require.resolve('yibao-settle/rules/yangxi.json'), 'utf8'));\nconst s = settle(rules.value, require('yibao-settle/presets').presetExample('yangxi'));\nconsole.log(s.value.values.countyPool);\n");
    expect(out).toBe('13716017.28\n');
  });

  it('type-checks in strict TypeScript', () => {
    writeFileSync(
      join(dir, 'use.ts'),
      "import { settle, type Settlement, type InputDocument } from 'yibao-settle';\nimport { loadPreset } from 'yibao-settle/presets';\nimport { verifyDecisions } from 'yibao-settle/verify';\nconst rules = loadPreset('yangxi');\nconst input: InputDocument = { insured: 400000n };\nif (rules.ok) {\n  const r = settle(rules.value, input);\n  const s: Settlement | undefined = r.ok ? r.value : undefined;\n  void s;\n}\nvoid verifyDecisions;\n",
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs its command line', () => {
    const r = spawnSync(join(dir, 'node_modules', '.bin', 'yibao-settle'), ['run', 'node_modules/yibao-settle/rules/yangxi.json', 'node_modules/yibao-settle/rules/examples/yangxi.input.json', '--format', 'csv'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('countyPool,');
  });

  it('bundles settle for a browser without json-rules-engine', async () => {
    writeFileSync(join(dir, 'entry.js'), "import { readRuleFile, settle } from 'yibao-settle';\nexport function run(rule, input) { const r = readRuleFile(rule); return r.ok ? settle(r.value, input) : r; }\n");
    const { build } = await import('vite');
    await build({ root: dir, logLevel: 'silent', configFile: false, build: { outDir: join(dir, 'out'), lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: 'settle' }, minify: true } });
    const bundle = readFileSync(join(dir, 'out', readdirSync(join(dir, 'out')).find((f) => f.startsWith('settle')) ?? 'settle.js'), 'utf8');
    // json-rules-engine's own code (its Almanac and addFact); the schema's descriptions may name it.
    expect(bundle).not.toContain('Almanac');
    expect(bundle).not.toContain('addFact');
    expect(bundle).not.toContain('node_modules/json-rules-engine');
    // Its size is held to a budget by test/bench/bundle-size.mjs (npm test) and reported by npm run bench.
  });
});
