/**
 * Text → content lines (RFC 5545 §3.1): line endings of any kind, unfolding (space or tab), and
 * the split of one line into name, parameters and value. Every line keeps the 1-based number of
 * the physical line it starts on, so every later problem can say where it is.
 */

/** One unfolded content line. */
export interface ContentLine {
  readonly text: string;
  /** 1-based physical line where it starts. */
  readonly line: number;
}

/** Unfolded content lines as two parallel arrays (cheaper than one object per line on big files). */
export interface LineStore {
  readonly texts: string[];
  readonly lines: number[];
}

/**
 * Splits text into unfolded content lines. CRLF, LF, lone CR and mixtures all work; blank lines
 * are dropped; a line that starts with a space or a tab continues the previous one.
 *
 * @example
 * unfoldLines("BEGIN:VEVENT\r\nSUMMARY:Long\r\n  title\r\n")
 * // [{ text: "BEGIN:VEVENT", line: 1 }, { text: "SUMMARY:Long title", line: 2 }]
 */
export function unfoldLines(input: string): ContentLine[] {
  const store = unfoldToStore(input);
  return store.texts.map((text, i) => ({ text, line: store.lines[i] as number }));
}

/**
 * {@link unfoldLines} into a {@link LineStore}. One pass of `indexOf("\n")`: a logical line is
 * sliced out once, and only lines that really were folded are rebuilt.
 */
export function unfoldToStore(input: string, lineOffset = 0): LineStore {
  // Lone CRs (classic Mac, or stray ones in a mixed file) end lines too.
  const text = /\r(?!\n)/.test(input) ? input.replace(/\r(?!\n)/g, "\n") : input;
  const texts: string[] = [];
  const lines: number[] = [];
  const len = text.length;
  let pos = 0;
  let lineNo = lineOffset;
  while (pos < len) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = len;
    lineNo++;
    const startLine = lineNo;
    const start = pos;
    let folded = false;
    // Extend over continuation lines (next physical line starts with a space or a tab).
    while (nl < len) {
      const c = text.charCodeAt(nl + 1);
      if (c !== 32 && c !== 9) break;
      folded = true;
      const next = text.indexOf("\n", nl + 1);
      lineNo++;
      nl = next < 0 ? len : next;
    }
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    pos = nl + 1;
    if (end === start) continue;
    let line = text.slice(start, end);
    if (folded) line = line.replace(/\r?\n[ \t]/g, "");
    const c0 = line.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      // A continuation with nothing to continue (or a line of spaces): keep its text, trimmed.
      line = line.trim();
      if (line.length === 0) continue;
    }
    texts.push(line);
    lines.push(startLine);
  }
  return { texts, lines };
}

/** A content line split into its parts. Parameter names are upper-cased; values keep their case. */
export interface Property {
  readonly name: string;
  readonly params: Readonly<Record<string, string>> | undefined;
  readonly value: string;
  readonly line: number;
}

/**
 * Splits `NAME;PARAM=VALUE;PARAM="QUOTED:VALUE":value` into its parts, or returns undefined for a
 * line with no colon or no name. A parameter with several values keeps them comma-separated.
 *
 * @example
 * parseProperty({ text: 'DTSTART;TZID="Kuala Lumpur, Singapore":20070101T090000', line: 7 })
 * // { name: "DTSTART", params: { TZID: "Kuala Lumpur, Singapore" }, value: "20070101T090000", line: 7 }
 */
export function parseProperty(cl: ContentLine): Property | undefined {
  const s = cl.text;
  const len = s.length;
  let i = nameEnd(s);
  if (i <= 0) return undefined;
  const name = propertyName(s, i);
  if (s.charCodeAt(i) === 58) return { name, params: undefined, value: s.slice(i + 1), line: cl.line };
  const params: Record<string, string> = {};
  // Parameters: ;NAME=value[,value] with double-quoted values that may hold ; , :
  while (i < len && s.charCodeAt(i) === 59) {
    i++;
    const eq = s.indexOf("=", i);
    if (eq < 0) return undefined;
    const pname = plainName(s, i, eq) ? s.slice(i, eq) : s.slice(i, eq).trim().toUpperCase();
    i = eq + 1;
    let joined: string | undefined;
    for (;;) {
      let v: string;
      if (s.charCodeAt(i) === 34 /* " */) {
        const close = s.indexOf('"', i + 1);
        if (close < 0) return undefined;
        v = s.slice(i + 1, close);
        i = close + 1;
        // Outlook sometimes misplaces the closing quote after the value:
        // DTSTART;TZID="W. Europe Standard Time:20200609T090000" — recover the value.
        if (i === len && v.indexOf(":") >= 0) {
          const colon = v.lastIndexOf(":");
          const head = v.slice(0, colon);
          params[pname] = joined === undefined ? head : `${joined},${head}`;
          return { name, params, value: v.slice(colon + 1), line: cl.line };
        }
      } else {
        let j = i;
        while (j < len) {
          const c = s.charCodeAt(j);
          if (c === 58 || c === 59 || c === 44) break;
          j++;
        }
        v = s.slice(i, j);
        i = j;
      }
      // Several values stay comma-separated.
      joined = joined === undefined ? v : `${joined},${v}`;
      if (s.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    params[pname] = joined;
  }
  if (s.charCodeAt(i) !== 58) return undefined;
  return { name, params, value: s.slice(i + 1), line: cl.line };
}

/** Where a content line's name ends: its first ":" or ";" (-1 when it has neither). */
export function nameEnd(s: string): number {
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c === 58 /* : */ || c === 59 /* ; */) return i;
  }
  return -1;
}

/**
 * The property name of a content line whose name ends at `end` ({@link nameEnd}): upper case,
 * trimmed. A name of A–Z, 0–9 and "-" (nearly all) is taken as it is.
 */
export function propertyName(s: string, end: number): string {
  return plainName(s, 0, end) ? s.slice(0, end) : s.slice(0, end).trim().toUpperCase();
}

/** A–Z, 0–9 or "-". */
function isPlainNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/** Whether `s[from, to)` is a non-empty name of {@link isPlainNameChar} characters only. */
function plainName(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) if (!isPlainNameChar(s.charCodeAt(k))) return false;
  return true;
}

/**
 * Unescapes a TEXT value (RFC 5545 §3.3.11): `\n` `\N` → newline, `\,` `\;` `\\` → the character.
 *
 * @example
 * unescapeText("Kickoff\\, room 4\\nBring a laptop") // "Kickoff, room 4\nBring a laptop"
 */
export function unescapeText(value: string): string {
  if (value.indexOf("\\") < 0) return value;
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
}
