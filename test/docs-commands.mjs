// The commands shown in the docs, run again: every fenced block that starts with
// `$ npx yibao-settle …` (or `$ node dist/cli.js …`) is re-run and its output compared with what the block shows.
// `node test/docs-commands.mjs` lists stale blocks; `--update` rewrites them with the real output.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const DOCS = ['README.md', 'rules/README.md', 'docs/rule-format.md', 'docs/exact-arithmetic.md', 'docs/presets.md', 'docs/officials.md'];

/** Blocks: { file, start, end, command, shown } where start/end are line indexes of the body. */
export function blocks(file) {
  const lines = readFileSync(`${root}${file}`, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i])) continue;
    let j = i + 1;
    while (j < lines.length && !/^```/.test(lines[j])) j++;
    const body = lines.slice(i + 1, j);
    if (body.length > 0 && /^\$ (npx yibao-settle|node dist\/cli\.js) /.test(body[0]) && !body.slice(1).some((l) => l.startsWith('$ '))) {
      out.push({ file, start: i + 1, end: j, command: body[0].slice(2), shown: body.slice(1).join('\n') });
    }
    i = j;
  }
  return out;
}

/** Runs a shown command from the repository root; undefined when it names files not in the repo. */
export function run(command) {
  if (/[|<>;&]|\bhead\b/.test(command)) return undefined;
  const args = command.split(/\s+/).slice(2); // after "npx yibao-settle" or "node dist/cli.js"
  for (const a of args) if (/\.(json|csv)$/.test(a) && !a.includes('=') && !existsSync(`${root}${a}`)) return undefined;
  for (const a of args) if (/=.*\.(csv)$/.test(a) && !existsSync(`${root}${a.split('=')[1]}`)) return undefined;
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8' });
  return (r.stdout + r.stderr).replace(/\n+$/, '');
}

/** Whether a block shows the real output: all of it, or (with "…" lines) a part of it in order. */
export function matches(shown, real) {
  if (shown === real) return true;
  const lines = shown.split('\n');
  if (!lines.some((l) => l.trim() === '…')) return false;
  const have = real.split('\n');
  let k = 0;
  for (const l of lines) {
    if (l.trim() === '…') continue;
    while (k < have.length && have[k] !== l) k++;
    if (k === have.length) return false;
    k++;
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  let stale = 0;
  for (const file of DOCS) {
    if (!existsSync(`${root}${file}`)) continue;
    const found = blocks(file);
    let lines = readFileSync(`${root}${file}`, 'utf8').split('\n');
    // Bottom-up so earlier line numbers stay valid while rewriting.
    for (const b of [...found].reverse()) {
      if (b.shown.trim() === '' || /节选|excerpt/.test(b.shown.split('\n')[0] ?? '')) continue; // a command only, or a marked excerpt
      const real = run(b.command);
      if (real === undefined || matches(b.shown, real)) continue;
      stale++;
      console.log(`${file}:${b.start + 1}: ${b.command}`);
      if (update) lines = [...lines.slice(0, b.start + 1), ...real.split('\n'), ...lines.slice(b.end)];
    }
    if (update) writeFileSync(`${root}${file}`, lines.join('\n'));
  }
  console.log(`${stale} stale block(s)${update ? ' rewritten' : ''}`);
}
