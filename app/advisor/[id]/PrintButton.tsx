"use client";
/** Prints the page (the print stylesheet leaves out navigation, buttons and the note form). */
export function PrintButton() {
  return (
    <button type="button" className="small" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
