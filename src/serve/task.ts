/**
 * What the HTTP thread hands a worker thread and what comes back. The HTTP thread never reads
 * a request body: it checks the key, the size and the load, and passes the bytes on, so a
 * 30 MB case list is parsed, validated and settled off the thread that answers everyone else.
 */

/** The operations of the service, one per POST endpoint. */
export const OPERATIONS = ['settle', 'validate', 'explain', 'simulate', 'test'] as const;

/** One of OPERATIONS. */
export type Operation = (typeof OPERATIONS)[number];

/** A rule file the service knows by id: a preset, or a file of the `--rules` folder. */
export interface CatalogEntry {
  readonly id: string;
  readonly origin: 'preset' | 'folder';
  /** The file name used in issues and figures, e.g. "rules/yangxi.json". */
  readonly file: string;
  readonly text: string;
}

/** What each worker thread receives once, when it starts. */
export interface WorkerSetup {
  readonly catalog: readonly CatalogEntry[];
}

/** One request for a worker: the operation and the body exactly as received. */
export interface Task {
  readonly op: Operation;
  /** The request body's bytes (UTF-8 JSON); empty when the request had none. */
  readonly body: Uint8Array;
}

/** A worker's answer: the HTTP status and the JSON text to send, plus what the log records. */
export interface TaskResult {
  readonly status: 200 | 400 | 422;
  readonly body: string;
  /** For the request log: the rule file's id, or "inline" for a rule file sent in the request. */
  readonly rules?: string;
  /** For the request log: the issue codes of a refused request (codes only, never values). */
  readonly codes?: readonly string[];
}
