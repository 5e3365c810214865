/**
 * The error a promise rejects with, when it must reject with an instance of `type` (any other
 * error, or no rejection, fails the test).
 *
 * @example
 * const err = await rejectionOf(limits.consume("reports", { ip }), AppError);
 * expect(err.detail?.reason).toBe("RATE_LIMITED");
 */
export async function rejectionOf<T extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a rejection with ${type.name}`);
}
