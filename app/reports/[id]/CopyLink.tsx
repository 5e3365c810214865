"use client";
/**
 * A link to hand on: the whole address in a box that wraps (never cut off, all of it selectable)
 * and a Copy button. Copying uses the Clipboard API; where it is refused (an insecure origin, a
 * browser that asks no permission) the text is selected and copied the old way, and failing that
 * left selected with a word on how to copy it. The outcome is said in a live region.
 */
import { useRef, useState } from "react";

/** Copies `text`: the Clipboard API, else the selection in `box` (selected either way). */
async function copy(text: string, box: HTMLTextAreaElement | null): Promise<boolean> {
  box?.focus();
  box?.select();
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused: fall back to the selection below.
  }
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

export function CopyLink({ id, label, url }: { id: string; label: string; url: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState("");
  return (
    <div className="copy-link">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <textarea id={id} ref={box} className="link-box" readOnly rows={2} value={url} spellCheck={false} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          onClick={() => {
            setSaid("");
            void copy(url, box.current).then((ok) => setSaid(ok ? "Link copied" : "Could not copy by itself: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it."));
          }}
        >
          Copy
        </button>
      </div>
      <p role="status" aria-live="polite" className="small copy-said">
        {said}
      </p>
    </div>
  );
}
