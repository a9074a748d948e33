/**
 * yibao-settle/batch — many settlements on all cores (Node.js only: worker threads).
 *
 * @packageDocumentation
 */
export { settleBatch, settleGroups, openBatchPool, MAX_THREADS } from './batch.js';
export type { BatchOptions, BatchGroup, BatchOutcome, BatchPool, BatchJob, BatchRule } from './batch.js';
export { settleStreamOnThreads } from './stream.js';
export type { StreamThreadsOptions } from './stream.js';
