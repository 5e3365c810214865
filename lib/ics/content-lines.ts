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

/**
 * Splits text into unfolded content lines. CRLF, LF, lone CR and mixtures all work; blank lines
 * are dropped; a line that starts with a space or a tab continues the previous one.
 *
 * @example
 * unfoldLines("BEGIN:VEVENT\r\nSUMMARY:Long\r\n  title\r\n")
 * // [{ text: "BEGIN:VEVENT", line: 1 }, { text: "SUMMARY:Long title", line: 2 }]
 */
export function unfoldLines(input: string): ContentLine[] {
  const text = input.indexOf("\n") < 0 && input.indexOf("\r") >= 0 ? input.replace(/\r/g, "\n") : input;
  const out: ContentLine[] = [];
  let pos = 0;
  let lineNo = 0;
  let currentText: string | undefined;
  let currentLine = 0;
  const len = text.length;
  while (pos < len) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = len;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lineNo++;
    // A lone CR inside a LF file (old Mac line in a mixed file) also ends a line.
    let physical = text.slice(pos, end);
    pos = nl + 1;
    if (physical.indexOf("\r") >= 0) {
      const parts = physical.split("\r");
      physical = parts[0] as string;
      // Rare: treat the extra pieces as their own lines on the same line number.
      for (let k = 1; k < parts.length; k++) {
        handle(physical);
        physical = parts[k] as string;
      }
    }
    handle(physical);
  }
  if (currentText !== undefined) out.push({ text: currentText, line: currentLine });
  return out;

  function handle(physical: string): void {
    if (physical.length === 0) return;
    const c = physical.charCodeAt(0);
    if ((c === 32 || c === 9) && currentText !== undefined) {
      currentText += physical.slice(1);
      return;
    }
    if (currentText !== undefined) out.push({ text: currentText, line: currentLine });
    if (c === 32 || c === 9) {
      // A continuation with nothing to continue, or a blank-ish line: keep the text trimmed.
      const trimmed = physical.trim();
      if (trimmed.length === 0) {
        currentText = undefined;
        return;
      }
      currentText = trimmed;
    } else {
      currentText = physical;
    }
    currentLine = lineNo;
  }
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
  let i = 0;
  while (i < len) {
    const c = s.charCodeAt(i);
    if (c === 58 /* : */ || c === 59 /* ; */) break;
    i++;
  }
  if (i === 0 || i >= len) return undefined;
  const name = s.slice(0, i).trim().toUpperCase();
  if (s.charCodeAt(i) === 58) return { name, params: undefined, value: s.slice(i + 1), line: cl.line };
  const params: Record<string, string> = {};
  // Parameters: ;NAME=value[,value] with double-quoted values that may hold ; , :
  while (i < len && s.charCodeAt(i) === 59) {
    i++;
    const eq = s.indexOf("=", i);
    if (eq < 0) return undefined;
    const pname = s.slice(i, eq).trim().toUpperCase();
    i = eq + 1;
    const values: string[] = [];
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
          values.push(v.slice(0, colon));
          params[pname] = values.join(",");
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
      values.push(v);
      if (s.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    params[pname] = values.join(",");
  }
  if (s.charCodeAt(i) !== 58) return undefined;
  return { name, params, value: s.slice(i + 1), line: cl.line };
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
