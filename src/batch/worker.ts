/** A batch worker thread's entry (piscina calls the default export once per chunk). */
import { runChunk, type RuleCache } from './run-chunk.js';
import type { BatchChunk, BatchChunkResult } from './task.js';

const cache: RuleCache = new Map();

/** Settles one chunk; `settle` never throws, so neither does this. */
export default function run(chunk: BatchChunk): BatchChunkResult {
  return runChunk(chunk, cache);
}
