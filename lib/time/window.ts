/** The query window every expansion, import and provider read takes. */

/**
 * A half-open window `[from, to)` of UTC epoch milliseconds: it holds an instant `t` when
 * `from <= t < to`, and overlaps an occurrence `[start, end)` when `end > from && start < to`.
 *
 * @example
 * const window: Window = { from: Date.UTC(2027, 0, 11), to: Date.UTC(2027, 4, 1) };
 */
export interface Window {
  readonly from: number;
  readonly to: number;
}
