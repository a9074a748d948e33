/**
 * The rule file's global names — parameters, inputs (a group's fields as `group.field`) and step
 * outputs — each given a slot in the run's value array. A name is defined once: a second
 * definition, or a formula word used as a name, is reported where it is written.
 */
import { FUNCTIONS } from '../formula/compile.js';
import type { Ty } from '../formula/types.js';
import type { Issue } from '../issues/issue.js';
import { nodeAt } from '../json/read-json.js';
import type { GlobalInfo } from './model.js';
import { issueAt, positionOf, type SourceDoc } from './source.js';

const RESERVED = new Set<string>([...FUNCTIONS, 'true', 'false', 'and', 'or', 'not', 'item']);

/** Defines a global name; false (and an issue) when it is reserved or already defined. */
export type Define = (name: string, ty: Ty, kind: GlobalInfo['kind'], source: GlobalInfo['source'], pointer: string, nameOffset?: number) => boolean;

export interface Names {
  readonly globals: Map<string, GlobalInfo>;
  readonly define: Define;
}

export function newNames(doc: SourceDoc, issues: Issue[]): Names {
  const globals = new Map<string, GlobalInfo>();
  let slot = 0;
  const define: Define = (name, ty, kind, source, pointer, nameOffset) => {
    if (RESERVED.has(name)) {
      issues.push(issueAt(doc, 'reserved_name', pointer, { name }, nameOffset));
      return false;
    }
    const prev = globals.get(name);
    if (prev) {
      const prevAt = positionOf(doc, nodeAt(doc.root, prev.pointer)?.offset);
      issues.push(issueAt(doc, 'duplicate_name', pointer, { name, first: prevAt ? `${prevAt.line}:${prevAt.column}` : prev.pointer }, nameOffset));
      return false;
    }
    globals.set(name, { slot: slot++, ty, kind, source, pointer });
    return true;
  };
  return { globals, define };
}
