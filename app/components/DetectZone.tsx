"use client";
/**
 * When the page was rendered without the viewer's time zone (`?tz=`), reloads it with the zone the
 * browser reports, so times are shown where the learner lives. The zone stays changeable with the
 * page's own picker; with JavaScript off, the page shows the section's zone and says so.
 */
import { useEffect } from "react";

export function DetectZone({ hasZone }: { hasZone: boolean }) {
  useEffect(() => {
    if (hasZone) return;
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz) return;
    const url = new URL(window.location.href);
    url.searchParams.set("tz", tz);
    window.location.replace(url.toString());
  }, [hasZone]);
  return null;
}
