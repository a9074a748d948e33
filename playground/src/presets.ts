/**
 * The bundled presets: every rule file in rules/ with its example input, found at build time by
 * import.meta.glob, so a preset added to rules/ appears in the playground without code changes.
 */
import type { Text } from './i18n.js';

export interface Preset {
  /** The file name without extension, e.g. `yangxi`. */
  readonly id: string;
  readonly title: Text;
  /** File names as the engine reports them in issues. */
  readonly ruleFile: string;
  readonly inputFile: string;
  readonly ruleText: string;
  readonly inputText: string;
  /** Its several-year scenario (rules/examples/<id>.scenario.json), when it has one. */
  readonly scenario: { readonly file: string; readonly text: string } | undefined;
  /** Its test cases (rules/<id>.cases.json), when it has them. */
  readonly cases: { readonly file: string; readonly text: string } | undefined;
}

const ruleTexts = import.meta.glob<string>('../../rules/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const inputTexts = import.meta.glob<string>('../../rules/examples/*.input.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const scenarioTexts = import.meta.glob<string>('../../rules/examples/*.scenario.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The rule file's `title`, read for display only; the file name when it has none. */
export function titleOf(ruleText: string, fallback: string): Text {
  try {
    const doc: unknown = JSON.parse(ruleText);
    if (doc !== null && typeof doc === 'object' && 'title' in doc) {
      const title = (doc as { title: unknown }).title;
      if (title !== null && typeof title === 'object') {
        const { zh, en } = title as { zh?: unknown; en?: unknown };
        if (typeof zh === 'string' && typeof en === 'string') return { zh, en };
      }
    }
  } catch {
    // a broken preset still gets a button; the engine will report its problems
  }
  return { zh: fallback, en: fallback };
}

function collect(): readonly Preset[] {
  const inputs = new Map<string, string>();
  for (const [path, text] of Object.entries(inputTexts)) {
    inputs.set(baseName(path).replace(/\.input\.json$/, ''), text);
  }
  const scenarios = new Map<string, string>();
  for (const [path, text] of Object.entries(scenarioTexts)) scenarios.set(baseName(path).replace(/\.scenario\.json$/, ''), text);
  const cases = new Map<string, string>();
  for (const [path, text] of Object.entries(ruleTexts)) {
    const name = baseName(path);
    if (name.endsWith('.cases.json')) cases.set(name.replace(/\.cases\.json$/, ''), text);
  }
  const presets: Preset[] = [];
  for (const [path, ruleText] of Object.entries(ruleTexts)) {
    const id = baseName(path).replace(/\.json$/, '');
    // rules/<id>.json is a rule file; rules/<id>.cases.json and the like are its test cases.
    if (id.includes('.')) continue;
    presets.push({
      id,
      title: titleOf(ruleText, id),
      ruleFile: `rules/${id}.json`,
      inputFile: `rules/examples/${id}.input.json`,
      ruleText,
      inputText: inputs.get(id) ?? '{}\n',
      cases: cases.has(id) ? { file: `rules/${id}.cases.json`, text: cases.get(id) as string } : undefined,
      scenario: scenarios.has(id) ? { file: `rules/examples/${id}.scenario.json`, text: scenarios.get(id) as string } : undefined,
    });
  }
  // yangxi first (the reference scheme), then by id.
  return presets.sort((a, b) => (a.id === 'yangxi' ? -1 : b.id === 'yangxi' ? 1 : a.id.localeCompare(b.id)));
}

export const presets: readonly Preset[] = collect();

export function findPreset(id: string | undefined): Preset | undefined {
  return presets.find((p) => p.id === id);
}
