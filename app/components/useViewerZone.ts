"use client";
/**
 * The viewer's time zone in a client component: `fallback` while the page is rendered on the
 * server and hydrated (the server does not know the browser's zone for sure, and both renders must
 * agree), then the zone the browser reports.
 */
import { useEffect, useState } from "react";

export function useViewerZone(fallback: string): string {
  const [zone, setZone] = useState(fallback);
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz) setZone(tz);
  }, []);
  return zone;
}
