/**
 * UTF-8 output written straight into buffers: how `expand --json` prints hundreds of thousands of
 * occurrences. Building each as a string and having the stream encode it cost most of the
 * printing time on the 50k-event benchmark calendar (string concatenation, flattening, encoding);
 * the same bytes written here, with the repeated parts (each event's text, each day's date) encoded
 * once and copied (lib/cli/run.ts, occurrencePrinter), cost a fraction of that.
 */
import { isoUtc } from "../time/parse";
import { DAY } from "../time/units";

/** About how many bytes a chunk holds (one holding a single huge value may be larger). */
export const BYTE_CHUNK = 1 << 20;
/** Days' dates kept at most; past that the memory starts again. */
const MAX_KEPT = 50_000;

/**
 * Bytes appended piece by piece into chunks of about {@link BYTE_CHUNK}. A chunk is cut only
 * between pieces, so each one is whole UTF-8. A chunk handed out by {@link take} stays as it is
 * until the sink is next written to; then its memory is used again (so a long answer needs one or
 * two buffers, not one per chunk): write or copy it before that.
 *
 * @example
 * const sink = new ByteSink();
 * sink.text("{"); sink.iso(Date.UTC(2027, 0, 12, 23, 30)); sink.text("}");
 * Buffer.concat(sink.take(true)).toString() // '{2027-01-12T23:30:00Z}'
 */
export class ByteSink {
  private static readonly EMPTY = Buffer.alloc(0);
  private buf: Buffer = ByteSink.EMPTY;
  private pos = 0;
  /** Closed chunks not yet taken, and the buffers they are in. */
  private readonly full: Uint8Array[] = [];
  private readonly fullBuffers: Buffer[] = [];
  /** Buffers of the chunks taken last: written into again once the sink is next written to. */
  private lent: Buffer[] = [];
  private readonly spare: Buffer[] = [];
  private readonly days = new Map<number, Buffer>();
  /** The day {@link iso} wrote last, and its date's bytes. */
  private lastDay = NaN;
  private lastDate: Buffer = ByteSink.EMPTY;

  constructor(private readonly chunkSize = BYTE_CHUNK) {}

  /** Makes room for `n` more bytes, closing the current chunk when it has not got it. */
  private room(n: number): void {
    if (this.lent.length > 0) {
      this.spare.push(...this.lent);
      this.lent = [];
    }
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.fullBuffers.push(this.buf);
    }
    const reuse = this.spare.pop();
    this.buf = reuse !== undefined && reuse.length >= n ? reuse : Buffer.allocUnsafe(Math.max(this.chunkSize, n));
    this.pos = 0;
  }

  /** Appends bytes as they are. */
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length || this.lent.length > 0) this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** Appends `isoUtc(ms)` (lib/time/parse.ts): `2027-01-12T23:30:00Z`, milliseconds only when there are some. */
  iso(ms: number): void {
    const day = Math.floor(ms / DAY);
    const second = (ms - day * DAY) / 1000;
    if (!Number.isInteger(second)) return this.text(isoUtc(ms));
    // Sorted occurrences mostly start and end on the day the one before did.
    let date = this.lastDate;
    if (day !== this.lastDay) {
      date = this.days.get(day) ?? this.rememberDay(day);
      this.lastDay = day;
      this.lastDate = date;
    }
    const n = date.length;
    if (this.pos + n + 9 > this.buf.length || this.lent.length > 0) this.room(n + 9);
    const b = this.buf;
    b.set(date, this.pos);
    let p = this.pos + n;
    const h = Math.floor(second / 3600);
    const m = Math.floor(second / 60) % 60;
    const s = second % 60;
    b[p++] = 48 + Math.floor(h / 10);
    b[p++] = 48 + (h % 10);
    b[p++] = 58; // :
    b[p++] = 48 + Math.floor(m / 10);
    b[p++] = 48 + (m % 10);
    b[p++] = 58;
    b[p++] = 48 + Math.floor(s / 10);
    b[p++] = 48 + (s % 10);
    b[p++] = 90; // Z
    this.pos = p;
  }

  /** The bytes of a day's date and the `T` after it (`2027-01-12T`), kept for the next time. */
  private rememberDay(day: number): Buffer {
    if (this.days.size >= MAX_KEPT) this.days.clear();
    const text = isoUtc(day * DAY);
    const date = Buffer.from(text.slice(0, text.indexOf("T") + 1), "latin1");
    this.days.set(day, date);
    return date;
  }

  /** Whether whole chunks are waiting to be taken. */
  get ready(): boolean {
    return this.full.length > 0;
  }

  /**
   * The chunks closed so far, and with `all` the one being written too. They stay as they are
   * until the sink is next written to.
   */
  take(all = false): Uint8Array[] {
    if (all && this.pos > 0) {
      this.full.push(this.buf.subarray(0, this.pos));
      this.fullBuffers.push(this.buf);
      this.buf = ByteSink.EMPTY;
      this.pos = 0;
    }
    this.lent.push(...this.fullBuffers.splice(0));
    return this.full.splice(0);
  }
}
