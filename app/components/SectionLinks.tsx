"use client";
/**
 * A section's links: its page, Download .ics, and Subscribe (webcal://, built from the page's own
 * host, so it is right behind any proxy the browser went through).
 */
import { useEffect, useState } from "react";

export function SectionLinks({ courseId, sectionId, zone }: { courseId: string; sectionId: string; zone?: string }) {
  const path = `/api/sections/${encodeURIComponent(sectionId)}/calendar.ics`;
  const [webcal, setWebcal] = useState<string | undefined>(undefined);
  useEffect(() => {
    setWebcal(`webcal://${window.location.host}${path}`);
  }, [path]);
  return (
    <div className="links">
      <a href={`/catalog/${encodeURIComponent(courseId)}/${encodeURIComponent(sectionId)}${zone ? `?tz=${encodeURIComponent(zone)}` : ""}`} aria-label={`Sessions of ${sectionId}`}>
        Sessions
      </a>
      <a href={`${path}?download=1`} download={`${sectionId}.ics`} aria-label={`Download .ics of ${sectionId}`}>
        Download .ics
      </a>
      <a href={webcal ?? path} aria-label={`Subscribe to ${sectionId}`}>
        Subscribe
      </a>
    </div>
  );
}
