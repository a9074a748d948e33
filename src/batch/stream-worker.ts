/** A streamed table's worker thread (piscina calls the default export once per chunk). */
import { streamChunk, type StreamTask, type StreamTaskResult } from './stream-chunk.js';

/** Settles one chunk; problems come back as data, never thrown. */
export default function run(task: StreamTask): StreamTaskResult {
  return streamChunk(task);
}
