/**
 * The rule files a service knows by id: the bundled presets, then the files of a `--rules`
 * folder (a folder file with a preset's id replaces that preset). Every file is read and
 * checked before the service listens: a service that starts has no broken rule file in it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRuleFile, type Issue } from '../index.js';
import { serviceIssue } from './issues.js';
import { ruleInfo, type RuleInfo } from './rule-info.js';
import type { CatalogEntry } from './task.js';

/** The bundled presets: `rules/` beside `dist/` in the package (and in the repository). */
export const PRESETS_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A rule file of the catalog with its public facts and example input. */
export interface CatalogItem {
  readonly entry: CatalogEntry;
  readonly info: RuleInfo;
  /** `examples/<id>.input.json` beside the rule file, where there is one. */
  readonly example: string | undefined;
}

/** The rule files by id, in the order GET /v1/rules lists them. */
export type Catalog = ReadonlyMap<string, CatalogItem>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(path: string, shown: string): { ok: true; text: string } | { ok: false; issue: Issue } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { ok: false, issue: serviceIssue('file_unreadable', '', { reason }, undefined, shown) };
  }
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, issue: serviceIssue('file_not_text', '', {}, undefined, shown) };
  }
}

/** Reads the rule files of one folder; `shownAs` is how files are named in issues and figures. */
function readFolder(dir: string, shownAs: string, origin: CatalogEntry['origin'], issues: Issue[]): CatalogItem[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    issues.push(serviceIssue('file_unreadable', '', { reason: 'not a folder' }, undefined, shownAs));
    return [];
  }
  const items: CatalogItem[] = [];
  // Cases, example inputs and scenarios may sit beside rule files, as in rules/.
  const names = readdirSync(dir).filter((f) => f.endsWith('.json') && !/\.(cases|input|scenario)\.json$/.test(f)).sort();
  for (const name of names) {
    const file = join(shownAs, name);
    const read = readText(join(dir, name), file);
    if (!read.ok) {
      issues.push(read.issue);
      continue;
    }
    const r = readRuleFile(read.text, { file });
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const examplePath = join(dir, 'examples', `${r.value.id}.input.json`);
    const example = existsSync(examplePath) ? readText(examplePath, examplePath) : undefined;
    items.push({
      entry: { id: r.value.id, origin, file, text: read.text },
      info: ruleInfo(r.value, origin),
      example: example?.ok ? example.text : undefined,
    });
  }
  return items;
}

/**
 * Reads the presets and, if given, a rules folder. Two files of the folder with one id are
 * refused (which one would a request get?); a folder file may replace a preset.
 *
 * @returns The catalog, or every problem found (each with its file and line:column).
 */
export function loadCatalog(folder?: string): { ok: true; catalog: Catalog; replaced: readonly string[] } | { ok: false; issues: readonly Issue[] } {
  const issues: Issue[] = [];
  const catalog = new Map<string, CatalogItem>();
  for (const item of readFolder(PRESETS_DIR, 'rules', 'preset', issues)) catalog.set(item.entry.id, item);
  const replaced: string[] = [];
  if (folder !== undefined) {
    const shown = relative(process.cwd(), folder) || '.';
    const seen = new Map<string, string>();
    for (const item of readFolder(folder, shown, 'folder', issues)) {
      const id = item.entry.id;
      const first = seen.get(id);
      if (first !== undefined) {
        issues.push(serviceIssue('duplicate_name', '/id', { name: id, first }, undefined, item.entry.file));
        continue;
      }
      seen.set(id, item.entry.file);
      if (catalog.has(id)) replaced.push(id);
      catalog.set(id, item);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog, replaced };
}
