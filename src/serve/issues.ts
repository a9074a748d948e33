/**
 * Issues of the service itself (a wrong key, a full queue, a malformed body), in exactly the
 * library's shape and from the library's message tables, so a client reads one kind of error.
 */
import { makeIssue, type Issue, type IssueCode, type IssueFor, type ParamsOf } from '../issues/issue.js';
import type { Position } from '../settle/types.js';

/** The `file` of issues about the request body itself (its JSON, its members). */
export const REQUEST_FILE = 'request';

/** An issue with its Chinese and English messages, as the library builds them. */
export function serviceIssue<C extends IssueCode>(code: C, pointer: string, params: ParamsOf<C>, at?: Position, file = REQUEST_FILE): IssueFor<C> {
  return makeIssue(code, file, pointer, params, at);
}

/** The body of every refusal: `{ "issues": [...] }`, the same document the library's issues make. */
export function issuesDocument(issues: readonly Issue[]): string {
  return JSON.stringify({ issues });
}

/** At most 80 characters of what a client sent, for a message that quotes it. */
export function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
