"use client";
/**
 * One Tab stop for a list of controls (a "roving tabindex", as WAI-ARIA's practices describe for
 * composite widgets): the control last focused keeps tabIndex 0 and every other one -1; the arrow
 * keys, Home and End move between them, Tab leaves the list. Each control carries
 * `data-rove={key}`; `keys` lists them in screen order (only those that can take focus).
 */
import { useRef, useState, type KeyboardEvent, type RefObject } from "react";

export interface RovingFocus {
  /** 0 for the list's one Tab stop, -1 for the rest. */
  tabIndexOf: (key: string) => 0 | -1;
  /** Remembers `key` as the Tab stop (on focus, however focus arrived). */
  focused: (key: string) => void;
  /** The list container's keydown: ArrowDown / ArrowUp (and Right / Left), Home, End. */
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  /** Moves focus to the first control, if any (from the search box). */
  focusFirst: () => void;
}

const STEP: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

export function useRovingFocus(keys: readonly string[]): RovingFocus & { ref: RefObject<HTMLDivElement | null> } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [current, setCurrent] = useState<string | undefined>(undefined);
  // The stop is the remembered control while it is still listed (a filter may hide it), else the first.
  const stop = current !== undefined && keys.includes(current) ? current : keys[0];

  const focusKey = (key: string | undefined) => {
    if (key === undefined) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-rove="${CSS.escape(key)}"]`);
    if (!el) return;
    setCurrent(key);
    el.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || keys.length === 0) return;
    const here = (e.target as HTMLElement).getAttribute("data-rove");
    if (here === null) return;
    const at = keys.indexOf(here);
    let next: number | undefined;
    if (e.key in STEP) next = Math.min(keys.length - 1, Math.max(0, at + (STEP[e.key] ?? 0)));
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = keys.length - 1;
    if (next === undefined) return;
    e.preventDefault();
    focusKey(keys[next]);
  };

  return {
    ref,
    tabIndexOf: (key) => (key === stop ? 0 : -1),
    focused: (key) => setCurrent(key),
    onKeyDown,
    focusFirst: () => focusKey(keys[0]),
  };
}
