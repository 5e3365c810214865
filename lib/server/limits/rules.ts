/**
 * What the rate limits are: for each kind of request, how many a client address and an owner may
 * make in a window. The defaults stop the abuse seen in issue 13 (300 report saves in 12 s, checks
 * in a loop) with room to spare for a person using the page; `FORMATFIT_RATE_LIMITS` changes them.
 */

/** The kinds of request that are limited: the costly ones (checks) and the ones that write. */
export const LIMIT_KINDS = ["check", "calendars", "reports", "links", "notes"] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** Who is counted: the client's address, or the report owner (signed-in user or anonymous key). */
export const LIMIT_SCOPES = ["ip", "owner"] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

/** `points` requests per `seconds`. */
export interface LimitRule {
  readonly points: number;
  readonly seconds: number;
}

export type LimitRules = Readonly<Record<LimitKind, Readonly<Record<LimitScope, LimitRule>>>>;

/**
 * Per minute. A check runs the whole pipeline (the page sends one per what-if change); calendars
 * is the page listing each calendar as it is added; reports saves run a check and write; links
 * and notes only write.
 */
export const DEFAULT_LIMIT_RULES: LimitRules = {
  check: { ip: { points: 30, seconds: 60 }, owner: { points: 20, seconds: 60 } },
  calendars: { ip: { points: 60, seconds: 60 }, owner: { points: 60, seconds: 60 } },
  reports: { ip: { points: 10, seconds: 60 }, owner: { points: 10, seconds: 60 } },
  links: { ip: { points: 30, seconds: 60 }, owner: { points: 30, seconds: 60 } },
  notes: { ip: { points: 30, seconds: 60 }, owner: { points: 20, seconds: 60 } },
};

/**
 * Reads `FORMATFIT_RATE_LIMITS`: empty for the defaults, `off` for none (a load test on one
 * machine), or changes to the defaults, `kind.scope=points/seconds` separated by commas.
 *
 * @throws {TypeError} naming the entry that is not of that form.
 * @example
 * parseLimitRules("check.ip=60/60,reports.owner=5/60").check.ip // { points: 60, seconds: 60 }
 * parseLimitRules("off") // "off"
 */
export function parseLimitRules(text: string | undefined): LimitRules | "off" {
  const raw = (text ?? "").trim();
  if (raw === "") return DEFAULT_LIMIT_RULES;
  if (raw.toLowerCase() === "off") return "off";
  const rules = Object.fromEntries(LIMIT_KINDS.map((k) => [k, { ...DEFAULT_LIMIT_RULES[k] }])) as Record<LimitKind, Record<LimitScope, LimitRule>>;
  for (const entry of raw.split(",").map((e) => e.trim()).filter((e) => e !== "")) {
    const m = /^([a-z]+)\.([a-z]+)=(\d{1,9})\/(\d{1,9})$/.exec(entry);
    const kind = m?.[1] as LimitKind | undefined;
    const scope = m?.[2] as LimitScope | undefined;
    const points = Number(m?.[3]);
    const seconds = Number(m?.[4]);
    if (!kind || !scope || !LIMIT_KINDS.includes(kind) || !LIMIT_SCOPES.includes(scope) || !(points >= 1) || !(seconds >= 1)) {
      throw new TypeError(
        `"${entry}" is not kind.scope=points/seconds with kind one of ${LIMIT_KINDS.join(", ")}, scope ip or owner, and both numbers at least 1 (e.g. check.ip=30/60).`,
      );
    }
    rules[kind][scope] = { points, seconds };
  }
  return rules;
}
