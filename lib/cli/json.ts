/**
 * Pretty-printed JSON in pieces: the same text as `JSON.stringify(value, null, 2)`, byte for byte,
 * produced a chunk at a time, so a command can print an answer of tens of megabytes (expand over a
 * big calendar) without ever holding it as one string. A chunk is a string, or UTF-8 bytes where a
 * list writes its elements itself ({@link JsonList}'s `print`).
 */
import { BYTE_CHUNK, ByteSink } from "./bytes";

/** A piece of the answer: text, or the UTF-8 bytes of text. */
export type Chunk = string | Uint8Array;

/** About how many characters each chunk holds (the last may be shorter). */
export const JSON_CHUNK_CHARS = 64 * 1024;

/**
 * An array printed one element at a time: `map` runs on each item only as it is printed, so the
 * list of mapped values is never built. `JSON.stringify` sees it as the mapped array (`toJSON`).
 *
 * `print`, for a long list of small objects, writes an element's UTF-8 bytes directly into a
 * {@link ByteSink} instead of mapping it and calling JSON.stringify: it must write exactly
 * `JSON.stringify(map(item), null, 2)` with every line after the first indented by `indent`
 * (tests hold it to that).
 *
 * @example
 * const body = { occurrences: new JsonList(occurrences, (o) => ({ uid: o.uid, start: isoUtc(o.start) })) };
 * JSON.stringify(body, null, 2) === [...prettyJsonChunks(body)].join(""); // true
 */
export class JsonList<T> {
  constructor(
    private readonly items: ArrayLike<T>,
    private readonly map: (item: T) => unknown,
    private readonly print?: (item: T, sink: ByteSink, indent: string) => void,
  ) {}

  /** The mapped elements, one at a time. */
  *elements(): Generator<unknown> {
    for (let k = 0; k < this.items.length; k++) yield this.map(this.items[k] as T);
  }

  /** Whether the list prints its elements itself ({@link printElement}). */
  get printsElements(): boolean {
    return this.print !== undefined;
  }

  /** Writes element `index` at `indent` into `sink`, when the list prints its own elements. */
  printElement(index: number, sink: ByteSink, indent: string): void {
    this.print?.(this.items[index] as T, sink, indent);
  }

  get length(): number {
    return this.items.length;
  }

  toJSON(): unknown[] {
    return Array.from(this.items, (item) => this.map(item));
  }
}

export interface PrettyJsonOptions {
  /**
   * How many levels of arrays and objects are written part by part; below that each value is one
   * `JSON.stringify` call. Default 2: the top object, its lists, and each of their elements whole.
   */
  readonly depth?: number;
  /** About how many characters a chunk holds. Default {@link JSON_CHUNK_CHARS}. */
  readonly chunkChars?: number;
  /** About how many bytes a chunk of a list's own printing holds. Default {@link BYTE_CHUNK}. */
  readonly chunkBytes?: number;
}

/**
 * `JSON.stringify(value, null, 2)` as a sequence of chunks (nothing for a value that has no JSON
 * form, as `JSON.stringify` gives `undefined`). {@link JsonList} values are mapped as they are
 * printed.
 *
 * @example
 * for (const chunk of prettyJsonChunks(body)) process.stdout.write(chunk);
 * [...prettyJsonChunks({ a: [1, 2] })].join("") // '{\n  "a": [\n    1,\n    2\n  ]\n}'
 */
export function* prettyJsonChunks(value: unknown, options: PrettyJsonOptions = {}): Generator<Chunk> {
  const chunkChars = options.chunkChars ?? JSON_CHUNK_CHARS;
  const depth = options.depth ?? 2;
  let pending = "";
  /** Appends text; true when a chunk's worth is pending (the caller then yields `take()`). */
  const put = (text: string): boolean => (pending += text).length >= chunkChars;
  const take = (): string => {
    const chunk = pending;
    pending = "";
    return chunk;
  };

  // A value at nesting `level` is indented by `level` steps; `v` has been through toJsonValue.
  function* write(v: unknown, level: number): Generator<Chunk> {
    if (level < depth && v instanceof JsonList) return yield* level + 1 >= depth && v.printsElements ? writePrinted(v, level) : writeArray(v.elements(), level);
    if (level < depth && Array.isArray(v)) return yield* writeArray(v, level);
    if (level < depth && isPlainObject(v)) return yield* writeObject(v, level);
    if (put(level === 0 ? ((JSON.stringify(v, null, 2) as string | undefined) ?? "") : printedAt([v], level))) yield take();
  }

  function* writeArray(elements: Iterable<unknown>, level: number): Generator<Chunk> {
    const inner = `\n${"  ".repeat(level + 1)}`;
    let index = 0;
    if (level + 1 < depth) {
      for (const element of elements) {
        if (put(index === 0 ? `[${inner}` : `,${inner}`)) yield take();
        yield* write(toJsonValue(element, String(index)), level + 1);
        index++;
      }
    } else {
      // The elements are printed whole, many to one JSON.stringify call.
      let batch: unknown[] = [];
      for (const element of elements) {
        batch.push(toJsonValue(element, String(index)));
        if (batch.length === BATCH) {
          if (put(`${index + 1 === BATCH ? "[" : ","}${inner}${printedAt(batch, level + 1)}`)) yield take();
          batch = [];
        }
        index++;
      }
      if (batch.length > 0 && put(`${index === batch.length ? "[" : ","}${inner}${printedAt(batch, level + 1)}`)) yield take();
    }
    if (put(index === 0 ? "[]" : `\n${"  ".repeat(level)}]`)) yield take();
  }

  // A list that prints its own elements (JsonList's `print`), as bytes after the text so far.
  function* writePrinted(list: JsonList<unknown>, level: number): Generator<Chunk> {
    if (list.length === 0) {
      if (put("[]")) yield take();
      return;
    }
    if (pending.length > 0) yield take();
    const indent = "  ".repeat(level + 1);
    const sink = new ByteSink(options.chunkBytes ?? BYTE_CHUNK);
    const first = Buffer.from(`[\n${indent}`, "utf8");
    const next = Buffer.from(`,\n${indent}`, "utf8");
    for (let index = 0; index < list.length; index++) {
      sink.bytes(index === 0 ? first : next);
      list.printElement(index, sink, indent);
      if (sink.ready) yield* sink.take();
    }
    yield* sink.take(true);
    if (put(`\n${"  ".repeat(level)}]`)) yield take();
  }

  function* writeObject(object: Record<string, unknown>, level: number): Generator<Chunk> {
    const inner = `\n${"  ".repeat(level + 1)}`;
    let first = true;
    for (const key of Object.keys(object)) {
      const v = toJsonValue(object[key], key);
      if (!hasJsonForm(v)) continue;
      if (put(`${first ? "{" : ","}${inner}${JSON.stringify(key)}: `)) yield take();
      first = false;
      yield* write(v, level + 1);
    }
    if (put(first ? "{}" : `\n${"  ".repeat(level)}}`)) yield take();
  }

  const top = toJsonValue(value, "");
  if (!hasJsonForm(top)) return;
  yield* write(top, 0);
  if (pending.length > 0) yield take();
}

/** How many elements go to one JSON.stringify call. */
const BATCH = 256;

/**
 * `JSON.stringify(value, null, 2)` of each value as it stands at nesting `level` (≥ 1, its lines
 * indented by `level` steps), joined by `,` and a new line at that indent: one native call, the
 * values put inside `level - 1` arrays so that JSON.stringify itself indents them, and those
 * arrays' brackets cut off again.
 */
function printedAt(values: unknown[], level: number): string {
  let wrapped: unknown = values;
  for (let l = 1; l < level; l++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 0; // "[\n" and the next level's indent, for each enclosing array
  let tail = 0; // "\n", that array's indent and "]"
  for (let l = 0; l < level; l++) {
    head += 2 + 2 * (l + 1);
    tail += 2 + 2 * l;
  }
  return text.slice(head, text.length - tail);
}

/**
 * What `JSON.stringify` prints for a value: its `toJSON(key)` result when it has one. (A `toJSON`
 * that returns another object with a `toJSON` would be called twice below `depth`; nothing here
 * does that.)
 */
function toJsonValue(v: unknown, key: string): unknown {
  if (v !== null && (typeof v === "object" || typeof v === "bigint") && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    if (v instanceof JsonList) return v;
    return (v as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return v;
}

/** `JSON.stringify` leaves a property out (and prints `null` in an array) for these. */
function hasJsonForm(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}

/** Plain objects are printed part by part; anything else (a class instance, a boxed value) whole. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
