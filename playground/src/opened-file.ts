/**
 * What a JSON file opened on the page is, from its content (not its name): a workspace bundle, a
 * scenario of several years, a cases file, a rule file or an input. Text that is not JSON is
 * undefined: it opens where the person is looking, and the engine points at the problem.
 */
export type OpenedKind = 'bundle' | 'scenario' | 'cases' | 'rule' | 'input';

export function openedKind(text: string): OpenedKind | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object') return 'input';
  if ('format' in doc && String(doc.format).startsWith('yibao-settle/bundle')) return 'bundle';
  if ('years' in doc && Array.isArray(doc.years)) return 'scenario';
  if ('cases' in doc && Array.isArray(doc.cases) && 'rules' in doc) return 'cases';
  return 'steps' in doc ? 'rule' : 'input';
}
