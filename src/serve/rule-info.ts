/**
 * What the service tells about a rule file: the public facts of a RuleFile (title, source,
 * parameters with their values and provenance, declared inputs) and where it came from.
 */
import type { RuleFile } from '../index.js';

/** Where a rule file came from: a bundled preset, the `--rules` folder, or the request itself. */
export type RuleOrigin = 'preset' | 'folder' | 'request';

/** A RuleFile's public facts as plain data, with its origin. */
export interface RuleInfo {
  readonly id: string;
  readonly origin: RuleOrigin;
  readonly title: RuleFile['title'];
  readonly description?: RuleFile['description'];
  readonly source?: RuleFile['source'];
  readonly file: string;
  readonly fingerprint: string;
  readonly parameters: RuleFile['parameters'];
  readonly inputs: RuleFile['inputs'];
}

/** The public facts of a rule file (its compiled plan stays inside the library). */
export function ruleInfo(r: RuleFile, origin: RuleOrigin): RuleInfo {
  return {
    id: r.id,
    origin,
    title: r.title,
    ...(r.description ? { description: r.description } : {}),
    ...(r.source ? { source: r.source } : {}),
    file: r.file,
    fingerprint: r.fingerprint,
    parameters: r.parameters,
    inputs: r.inputs,
  };
}
