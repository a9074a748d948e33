/**
 * `expect` whose `poll` waits up to 15 s by default: on a 2-core machine Chromium, its workers
 * and Vitest share the CPU, and a figure may take a few seconds to appear under load.
 */
import { expect as baseExpect } from 'vitest';

const basePoll = baseExpect.poll.bind(baseExpect);

export const expect: typeof baseExpect = Object.assign((actual: unknown, message?: string) => baseExpect(actual, message), baseExpect, {
  poll: ((fn, options = {}) => basePoll(fn, { timeout: 15_000, interval: 50, ...options })) as typeof baseExpect.poll,
});
