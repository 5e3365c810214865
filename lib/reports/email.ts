/**
 * Email addresses as FormatFit compares them: advisors are found by address, so two different
 * mailboxes must never compare equal. Lower-casing alone is not safe: `"\u212Aim@example.com"`
 * (K KELVIN SIGN) lower-cases to `kim@example.com` — next-auth does exactly that to every sign-in
 * address — and would open kim's advisor access to whoever holds the Kelvin-sign mailbox (issue 13).
 * So an address is NFKC-normalised, then lower-cased, and refused when that turned any non-ASCII
 * character into ASCII (a look-alike of an ASCII letter: Kelvin sign, long s, full-width letters,
 * ligatures, dotted capital I) or when the result is not stable under normalising again.
 * Addresses in other scripts stay as they are (they do not fold into ASCII, so they cannot collide
 * with an ASCII address).
 */
import { AppError } from "../errors";

export type EmailCheck = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly reason: string };

const SHAPE = /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+\.[^\s@\u0000-\u001f\u007f]+$/u;
const ASCII = /[\u0000-\u007f]/;

/**
 * The address as stored and compared, or why it is refused.
 *
 * @example
 * normaliseEmail(" Kim@SPS.Example.edu ") // { ok: true, address: "kim@sps.example.edu" }
 * normaliseEmail("\u212Aim@example.com") // { ok: false, reason: "…\"K\" (U+212A) looks like \"k\"…" }
 */
export function normaliseEmail(raw: string): EmailCheck {
  const trimmed = raw.trim();
  for (const ch of trimmed) {
    if (ch.charCodeAt(0) < 0x80 && ch.length === 1) continue;
    const folded = ch.normalize("NFKC").toLowerCase();
    const lowered = ch.toLowerCase();
    if (ASCII.test(folded) || ASCII.test(lowered)) {
      const code = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
      return { ok: false, reason: `it contains "${ch}" (${code}), which looks like "${ASCII.test(folded) ? folded : lowered}" but is another character` };
    }
  }
  const address = trimmed.normalize("NFKC").toLowerCase();
  if (address.normalize("NFKC").toLowerCase() !== address) return { ok: false, reason: "it changes each time it is normalised" };
  if (address.length > 320 || !SHAPE.test(address)) return { ok: false, reason: "it is not an email address" };
  return { ok: true, address };
}

/**
 * The normalised address, or a BAD_REQUEST naming the field and the reason.
 *
 * @example
 * emailAddress("Advisor@SPS.example.edu") // "advisor@sps.example.edu"
 */
export function emailAddress(raw: string, where = "email"): string {
  const checked = normaliseEmail(typeof raw === "string" ? raw : "");
  if (!checked.ok) throw new AppError("BAD_REQUEST", `${JSON.stringify(String(raw).slice(0, 80))} cannot be used as an email address: ${checked.reason}.`, { where });
  return checked.address;
}
