/**
 * The text layer of writing iCalendar (RFC 5545 §3.1–3.3.11), the mirror of `content-lines.ts`:
 * TEXT values escaped, parameter values quoted, content lines folded at 75 octets and ended with
 * CRLF. Everything above this layer (components, events) builds plain strings and never thinks
 * about octets.
 */

const ENCODER = new TextEncoder();

/** RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
export const MAX_LINE_OCTETS = 75;

export const CRLF = "\r\n";

/**
 * Control characters other than HTAB (and the line breaks that {@link escapeText} turns into
 * `\n`) are not allowed in TEXT or parameter values (RFC 5545 §3.3.11 TSAFE-CHAR, §3.1 SAFE-CHAR),
 * so a stray one from a catalog is dropped rather than written.
 */
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash, and
 * every line break (CRLF, CR or LF) becomes `\n`.
 *
 * @example
 * escapeText("Room 4; bring laptop, charger\nC:\\notes") // "Room 4\\; bring laptop\\, charger\\nC:\\\\notes"
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, "\n")
    .replace(FORBIDDEN_CONTROLS, "")
    .replace(/[\\;,\n]/g, (ch) => (ch === "\n" ? "\\n" : `\\${ch}`));
}

/**
 * A parameter value as it must be written (RFC 5545 §3.2): quoted when it holds `:`, `;` or `,`.
 * A parameter value cannot hold a double quote or a line break at all; RFC 6868 encodes them
 * (`^'`, `^n`, and `^^` for the caret itself), which is applied only when one is present so that
 * ordinary values stay readable by clients that predate RFC 6868.
 *
 * @example
 * paramValue("America/New_York")    // "America/New_York"
 * paramValue("Room 4: Lab, west")   // "\"Room 4: Lab, west\""
 * paramValue('The "Annex"')          // "The ^'Annex^'"
 */
export function paramValue(value: string): string {
  let v = value.replace(FORBIDDEN_CONTROLS, "");
  if (/["\r\n]/.test(v)) v = v.replace(/\^/g, "^^").replace(/"/g, "^'").replace(/\r\n|\r|\n/g, "^n");
  return /[:;,]/.test(v) ? `"${v}"` : v;
}

/** A property to write: its name, parameters in order, and the value already in its value type's text form. */
export interface ContentLine {
  readonly name: string;
  readonly params?: readonly (readonly [string, string])[];
  /** The value exactly as it goes after the colon (TEXT already escaped with {@link escapeText}). */
  readonly value: string;
}

/**
 * One unfolded content line: `NAME;PARAM=value:VALUE`.
 *
 * @example
 * contentLine({ name: "DTSTART", params: [["TZID", "America/New_York"]], value: "20270112T183000" })
 * // "DTSTART;TZID=America/New_York:20270112T183000"
 */
export function contentLine(line: ContentLine): string {
  const params = (line.params ?? []).map(([name, value]) => `;${name}=${paramValue(value)}`).join("");
  return `${line.name}${params}:${line.value}`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line (RFC 5545 §3.1): no physical line is longer than 75 octets of UTF-8, and
 * a break never falls inside a character's bytes (a split multi-byte character is what makes
 * Outlook and some Android clients show "�"). A continuation line starts with one space, which
 * counts toward its 75 octets. Lines are joined with CRLF; no trailing CRLF.
 *
 * @example
 * foldLine("DESCRIPTION:" + "x".repeat(70))
 * // "DESCRIPTION:xxx…x (63 x)\r\n xxxxxxx"
 */
export function foldLine(line: string): string {
  if (ENCODER.encode(line).length <= MAX_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0) as number);
    if (octets + size > MAX_LINE_OCTETS) {
      pieces.push(current);
      // The next physical line starts with the folding space.
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(CRLF);
}

/**
 * Content lines → the bytes' text of an iCalendar stream: each line folded, each ended with CRLF.
 *
 * @example
 * serializeLines(["BEGIN:VCALENDAR", "END:VCALENDAR"]) // "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
 */
export function serializeLines(lines: readonly string[]): string {
  let out = "";
  for (const line of lines) out += foldLine(line) + CRLF;
  return out;
}
