/**
 * Bytes → text, the first layer of RFC 5545 parsing. Handles what real exports contain: a BOM,
 * UTF-8 (the standard), Latin-1 / Windows-1252 from older systems, and folds that split a UTF-8
 * character across two lines (RFC 5545 §3.1 forbids it; some writers do it anyway).
 */
import { isUtf8 } from "node:buffer";

export interface DecodedText {
  readonly text: string;
  /** "utf-8" or "windows-1252" when the bytes were not valid UTF-8. */
  readonly encoding: "utf-8" | "windows-1252";
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const TAB = 0x09;

/**
 * Moves the continuation bytes of a UTF-8 character that a fold split (`…\xC3\r\n \xA9…`) in
 * front of the fold, so that unfolding later joins whole characters. Line numbers do not change:
 * the fold stays, only a few bytes move across it. Returns the input when nothing needs moving.
 */
function repairSplitFolds(bytes: Uint8Array): Uint8Array {
  let out: Uint8Array | undefined;
  let from = 0;
  for (;;) {
    const lf = indexOfByte(bytes, LF, from);
    if (lf < 0 || lf + 1 >= bytes.length) break;
    from = lf + 1;
    const next = bytes[lf + 1] as number;
    if (next !== SP && next !== TAB) continue;
    const eol = lf > 0 && bytes[lf - 1] === CR ? lf - 1 : lf;
    // Is the character before the fold incomplete? Walk back over continuation bytes to its lead.
    let lead = eol - 1;
    let cont = 0;
    while (lead >= 0 && ((bytes[lead] as number) & 0xc0) === 0x80 && cont < 3) {
      lead--;
      cont++;
    }
    if (lead < 0) continue;
    const b = bytes[lead] as number;
    const need = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    if (need === 0 || cont >= need) continue;
    const missing = need - cont;
    const contStart = lf + 2;
    let ok = true;
    for (let k = 0; k < missing; k++) {
      const c = bytes[contStart + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
    }
    if (!ok) continue;
    out ??= Uint8Array.from(bytes);
    // [eol .. contStart+missing) = EOL + fold char + continuation bytes → continuation + EOL + fold char
    const moved = out.slice(contStart, contStart + missing);
    const eolBytes = out.slice(eol, contStart);
    out.set(moved, eol);
    out.set(eolBytes, eol + missing);
  }
  return out ?? bytes;
}

function indexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  return bytes.indexOf(byte, from);
}

const decoderUtf8 = new TextDecoder("utf-8");

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, dashes …). Node 20's
 * TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters (nodejs/node
 * #56542), so they are mapped here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] as number));
}

/**
 * Decodes an .ics file's bytes. UTF-8 when the bytes are valid UTF-8 (after repairing folds inside
 * characters), otherwise Windows-1252 (a superset of Latin-1 for printable text), which is what
 * older European timetabling systems and Outlook write.
 *
 * @example
 * decodeIcsBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x42])) // { text: "B", encoding: "utf-8" }
 */
export function decodeIcsBytes(input: Uint8Array): DecodedText {
  let bytes = input;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  // UTF-16 with a byte-order mark (some Windows tools save .ics that way).
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-8" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-8" };
  if (isUtf8(bytes)) return { text: decoderUtf8.decode(bytes), encoding: "utf-8" };
  const repaired = repairSplitFolds(bytes);
  if (repaired !== bytes && isUtf8(repaired)) return { text: decoderUtf8.decode(repaired), encoding: "utf-8" };
  return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
}
