/**
 * Resolves once `condition` holds. Fails after `timeoutMs` with what it was
 * waiting for, so a broken wait fails the test instead of hanging the suite;
 * generous, because a loaded CI machine is slow, and it costs nothing when
 * the condition comes true early.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Chat channels acknowledge a command before its work starts, within a second
 * on a quiet machine (the tests log the figure). A two-core CI machine running
 * two suites can stall any process for seconds, so the bound asserted is this
 * one: far below a check's duration, far above scheduling noise.
 */
export const ackBoundMs = 10_000;
