/**
 * The worker thread's entry (piscina calls the default export once per task): bytes in, status
 * and JSON text out. The catalog of rule files comes once, with the thread's start.
 */
import { workerData } from 'piscina';
import { issuesDocument, serviceIssue } from './issues.js';
import { runOperation } from './operations.js';
import type { CatalogEntry, Task, TaskResult, WorkerSetup } from './task.js';

const setup = workerData as WorkerSetup;
const catalog: ReadonlyMap<string, CatalogEntry> = new Map(setup.catalog.map((e) => [e.id, e]));
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Runs one task; never throws for anything a request can contain. */
export default function run(task: Task): TaskResult {
  let text: string;
  try {
    text = utf8.decode(task.body);
  } catch {
    const issue = serviceIssue('file_not_text', '', {});
    return { status: 400, body: issuesDocument([issue]), codes: [issue.code] };
  }
  return runOperation(task.op, text, catalog);
}
