/**
 * Counts, lists and sizes as people read them, in one place so every message says them the same
 * way (the CLI, the API's errors and the pages).
 */

/**
 * A count with its noun: the singular for exactly one, otherwise the plural (`one` + "s" unless given).
 *
 * @example
 * plural(1, "session") // "1 session"
 * plural(3, "crunch week") // "3 crunch weeks"
 * plural(2, "entry", "entries") // "2 entries"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * Items joined as a sentence does: "a", "a and b", "a, b and c".
 *
 * @example
 * listText(["Mondays", "Wednesdays", "Fridays"]) // "Mondays, Wednesdays and Fridays"
 */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * A size in bytes as people read it: bytes under 10,000, then KB, then MB (1 MB = 1,048,576 bytes).
 * A size that would round onto a whole number of MB (where limits sit) without being exactly that
 * is given in bytes, so a message never says "10 MB is over the 10 MB limit".
 *
 * @example
 * formatBytes(1_000) // "1,000 bytes"
 * formatBytes(12_288) // "12 KB"
 * formatBytes(10 * 1_048_576) // "10 MB"
 * formatBytes(10 * 1_048_576 + 1) // "10,485,761 bytes"
 */
export function formatBytes(n: number): string {
  if (n < 10_000) return `${n.toLocaleString("en-US")} bytes`;
  if (n < 1_048_576) return `${Math.round(n / 1024).toLocaleString("en-US")} KB`;
  const mb = n / 1_048_576;
  const shown = mb < 10 ? mb.toFixed(1).replace(/\.0$/, "") : Math.round(mb).toString();
  if (Number.isInteger(Number(shown)) && Number(shown) * 1_048_576 !== n && Math.abs(Number(shown) * 1_048_576 - n) < 52_429) return `${n.toLocaleString("en-US")} bytes`;
  return `${shown} MB`;
}
