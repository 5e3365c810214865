/**
 * lib/cli/json.ts: the chunked printer gives `JSON.stringify(value, null, 2)` byte for byte, for
 * any value, depth and chunk size, and maps a JsonList's items only as it prints them; expand's
 * occurrences written as bytes (lib/cli/bytes.ts), with cached strings and ISO times, are
 * JSON.stringify's and isoUtc's exactly, whole UTF-8 in every chunk.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "@/lib/cli/bytes";
import { JsonList, prettyJsonChunks, type Chunk } from "@/lib/cli/json";
import { occurrenceJson, occurrencePrinter } from "@/lib/cli/run";
import type { CalendarEvent } from "@/lib/calendar";
import { OccurrenceColumns } from "@/lib/recurrence/expand";
import { isoUtc } from "@/lib/time/parse";

/** A chunk's text; a byte chunk must be whole UTF-8 on its own (fatal decoding). */
const chunkText = (c: Chunk): string => (typeof c === "string" ? c : new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(c));
/** Each chunk's text, read as it comes (a byte chunk's memory is used again for the next). */
const texts = (chunks: Iterable<Chunk>): string[] => Array.from(chunks, chunkText);
const print = (value: unknown, options?: { depth?: number; chunkChars?: number; chunkBytes?: number }): string => texts(prettyJsonChunks(value, options)).join("");
/** What a sink holds, as text. */
const sinkText = (sink: ByteSink): string => sink.take(true).map(chunkText).join("");

/** JSON values, plus what JSON.stringify leaves out or turns into null, plus toJSON (Date). */
const valueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, null, () => 1, Symbol("s"), Number.NaN, -0, "line\nbreak \u2028 \"quoted\" \u{1F600}"),
    fc.date({ noInvalidDate: true }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 4 }),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => new JsonList(items, (x) => x)),
  ),
})).value;

describe("prettyJsonChunks", () => {
  it("is JSON.stringify(value, null, 2) for any value, depth and chunk size", () => {
    fc.assert(
      fc.property(valueArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 40 }), (value, depth, chunkChars) => {
        expect(print(value, { depth, chunkChars })).toBe(JSON.stringify(value, null, 2) ?? "");
      }),
      { numRuns: 500 },
    );
  });

  it("is JSON.stringify(value, null, 2) for long lists, printed in batches, at every depth", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 250, maxLength: 800 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (items, depth, lazy) => {
        const list = lazy ? new JsonList(items, (x) => x) : items;
        for (const value of [list, { list, after: [list] }]) expect(print(value, { depth, chunkChars: 1000 })).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 40 },
    );
  });

  it("prints the empty cases as JSON.stringify does", () => {
    for (const v of [{}, [], { a: undefined }, { a: [], b: {} }, [undefined, () => 1], "", 0, null]) expect(print(v)).toBe(JSON.stringify(v, null, 2));
    expect(print(undefined)).toBe("");
    expect(print(new JsonList([], (x) => x))).toBe("[]");
  });

  it("hands out chunks of about the size asked (at least that, at most one batch of elements more), never the whole answer", () => {
    const body = { occurrences: new JsonList(Array.from({ length: 5000 }, (_, i) => i), (i) => ({ uid: `event-${i}`, start: "2026-09-07T00:00:00Z" })), warnings: [] };
    const chunks = [...prettyJsonChunks(body, { chunkChars: 4096 })];
    // Each element prints as about 80 characters; a batch is 256 elements.
    expect(chunks.length).toBeGreaterThan(15);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(4096);
    for (const c of chunks) expect(c.length).toBeLessThan(4096 + 256 * 100);
    expect(chunks.join("")).toBe(JSON.stringify(body, null, 2));
  });

  it("maps a JsonList's items as they are printed, a batch at a time", () => {
    let mapped = 0;
    const list = new JsonList(Array.from({ length: 1000 }, (_, i) => i), (i) => {
      mapped++;
      return { i, text: "x".repeat(100) };
    });
    const chunks = prettyJsonChunks({ list }, { chunkChars: 1024 });
    chunks.next();
    expect(mapped).toBe(256);
    expect(list.length).toBe(1000);
  });
});

describe("JsonList with print: the element text is used instead of map + JSON.stringify", () => {
  it("prints the same bytes as JSON.stringify of the mapped list, at any depth", () => {
    const items = Array.from({ length: 700 }, (_, i) => ({ n: i, name: `item "${i}"\u2028` }));
    const map = (x: { n: number; name: string }) => ({ n: x.n, name: x.name });
    const write = (x: { n: number; name: string }, sink: ByteSink, indent: string) => sink.text(JSON.stringify(map(x), null, 2).replaceAll("\n", `\n${indent}`));
    for (const depth of [0, 1, 2, 3]) {
      const body = { list: new JsonList(items, map, write), empty: new JsonList([], map, write), after: "x" };
      let byteChunks = 0;
      const parts: string[] = [];
      for (const c of prettyJsonChunks(body, { depth, chunkChars: 512, chunkBytes: 1024 })) {
        if (typeof c !== "string") byteChunks++;
        parts.push(chunkText(c));
      }
      expect(parts.join("")).toBe(JSON.stringify(body, null, 2));
      if (depth === 2) expect(byteChunks).toBeGreaterThan(10);
    }
  });
});

describe("expand's printing", () => {
  // From 271821 BC to AD 275760 (the range of Date), with and without milliseconds.
  const instant = fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: -1e6, max: 4e9 }).map((s) => s * 1000), fc.integer({ min: 1.7e12, max: 1.9e12 }));

  it("ByteSink.iso is isoUtc for every instant, remembered days or not", () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        const sink = new ByteSink(64);
        for (const ms of [...instants, ...instants]) {
          sink.iso(ms);
          sink.text(" ");
        }
        expect(sinkText(sink)).toBe([...instants, ...instants].map((ms) => `${isoUtc(ms)} `).join(""));
      }),
      { numRuns: 500 },
    );
    const one = (ms: number) => {
      const sink = new ByteSink();
      sink.iso(ms);
      return sinkText(sink);
    };
    expect(one(Date.UTC(2027, 0, 12, 23, 30))).toBe("2027-01-12T23:30:00Z");
    expect(one(Date.UTC(1969, 11, 31, 23, 59, 59))).toBe("1969-12-31T23:59:59Z");
    expect(one(Date.UTC(2027, 0, 12, 23, 30, 0, 5))).toBe("2027-01-12T23:30:00.005Z");
  });

  it("ByteSink cuts chunks only between pieces, so each is whole UTF-8, keeps a chunk until its next write, then reuses its memory", () => {
    const sink = new ByteSink(16);
    const pieces = ["é😀é😀", "abc", "\u2028", "x".repeat(40), "日本語"];
    const out: string[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for (let k = 0; k < 400; k++) {
      const piece = pieces[k % pieces.length] as string;
      if (k % 2 === 0) sink.text(piece);
      else sink.text(JSON.stringify(piece));
      if (sink.ready) {
        const chunks = sink.take();
        const copies = chunks.map((c) => Uint8Array.from(c));
        // Taken chunks hold still while nothing is written.
        expect(chunks.map((c, i) => Buffer.compare(c, copies[i] as Uint8Array))).toEqual(chunks.map(() => 0));
        for (const c of chunks) {
          out.push(chunkText(c));
          buffers.add(c.buffer);
        }
      }
    }
    out.push(...sink.take(true).map(chunkText));
    const expected = Array.from({ length: 400 }, (_, k) => (k % 2 === 0 ? (pieces[k % pieces.length] as string) : JSON.stringify(pieces[k % pieces.length]))).join("");
    expect(out.join("")).toBe(expected);
    expect(out.length).toBeGreaterThan(50);
    // Allocated buffers are few: a 40-character piece needs one of its own size now and then.
    expect(buffers.size).toBeLessThan(12);
  });

  it("the occurrence printer writes JSON.stringify of the contract's object, for any uid and summary, event after event", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.string({ unit: fc.constantFrom("\"", "\\", "\n", "\t", "\u0000", "\u001f", "\u2028", "\ud800", "\udc00", "é", "😀"), maxLength: 10 }),
      // Longer than the printer keeps: encoded at each occurrence.
      fc.constantFrom("x".repeat(5000), `"${"\u0001".repeat(1000)}"`),
    );
    const eventArb = fc.record({ uid: text, summary: fc.option(text, { nil: undefined }), allDay: fc.boolean(), transparent: fc.boolean() });
    const occurrenceArb = fc.record({ event: fc.nat(), start: instant, end: instant });
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 4 }), fc.array(occurrenceArb, { minLength: 1, maxLength: 12 }), fc.array(fc.constantFrom("", "    ", "\t"), { minLength: 1, maxLength: 3 }), (events, occurrences, indents) => {
        const evs = events.map((e) => ({ uid: e.uid, summary: e.summary, transparent: e.transparent, start: { kind: e.allDay ? "date" : "utc" } }) as unknown as CalendarEvent);
        const columns = new OccurrenceColumns();
        for (const o of occurrences) columns.add(evs[o.event % evs.length] as CalendarEvent, o.start, o.end, undefined);
        const printer = occurrencePrinter(columns);
        // One printer, every occurrence twice, the indent changing between rounds.
        for (const indent of indents) {
          for (let k = 0; k < columns.length; k++) {
            const o = occurrences[k] as (typeof occurrences)[number];
            const e = events[o.event % events.length] as (typeof events)[number];
            const expected = JSON.stringify({ uid: e.uid, start: isoUtc(o.start), end: isoUtc(o.end), allDay: e.allDay, transparent: e.transparent, summary: e.summary ?? "" }, null, 2).replaceAll("\n", `\n${indent}`);
            for (let twice = 0; twice < 2; twice++) {
              const sink = new ByteSink(128);
              printer(k, sink, indent);
              expect(sinkText(sink)).toBe(expected);
            }
            expect(JSON.stringify(occurrenceJson(columns.occurrence(k)), null, 2).replaceAll("\n", `\n${indent}`)).toBe(expected);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
