/**
 * Waits for a condition, never a fixed time: polls `check` until it gives a value other than
 * `undefined` or `false`, and resolves with that value; fails naming `what` once `timeoutMs` has passed.
 * The one polling helper of the unit and server tests.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
