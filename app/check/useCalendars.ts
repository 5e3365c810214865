"use client";
/**
 * The calendars the learner brings: files and addresses, each read by the server as it is added
 * (event count, dates, problems), and the ids of connected Google / Outlook accounts that count.
 */
import { useCallback, useRef, useState } from "react";
import type { SourceSummary } from "@/lib/check/run";
import { calendarForm, errorText, post } from "./request";
import type { CalendarItem } from "./types";

/** A calendar the check can use: the server read it, and not as unusable. */
export function isUsable(item: CalendarItem): boolean {
  return !item.error && !(item.summary && !item.summary.ok);
}

export interface Calendars {
  items: CalendarItem[];
  usable: CalendarItem[];
  connectionIds: string[];
  setConnectionIds: (ids: string[]) => void;
  addFiles: (files: FileList | File[]) => void;
  /** Adds an address (already trimmed, not empty). */
  addUrl: (url: string) => void;
  remove: (key: string) => void;
}

export function useCalendars(timeZone: string): Calendars {
  const [items, setItems] = useState<CalendarItem[]>([]);
  const [connectionIds, setConnectionIds] = useState<string[]>([]);
  const counter = useRef(0);

  const inspect = useCallback(
    async (item: CalendarItem) => {
      try {
        const { status: code, json } = await post("/api/calendars", calendarForm(item, { timeZone }));
        const summary = code < 400 ? (json as { sources: SourceSummary[] }).sources[0] : undefined;
        setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, reading: false, ...(summary ? { summary } : { error: errorText(code, json) }) } : x)));
      } catch (e) {
        setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, reading: false, error: (e as Error).message } : x)));
      }
    },
    [timeZone],
  );

  const addFiles = (files: FileList | File[]) => {
    const added: CalendarItem[] = [...files].map((file) => ({ key: `f${++counter.current}`, kind: "file", label: file.name, file, reading: true }));
    setItems((xs) => [...xs, ...added]);
    for (const item of added) void inspect(item);
  };

  const addUrl = (url: string) => {
    const item: CalendarItem = { key: `u${++counter.current}`, kind: "url", label: url, url, reading: true };
    setItems((xs) => [...xs, item]);
    void inspect(item);
  };

  const remove = (key: string) => setItems((xs) => xs.filter((x) => x.key !== key));

  return { items, usable: items.filter(isUsable), connectionIds, setConnectionIds, addFiles, addUrl, remove };
}
