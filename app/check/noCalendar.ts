/**
 * What the form says when a check cannot start for want of a calendar: nothing added yet, or only
 * files and addresses that could not be used — named, with what to do instead.
 */
import { listText } from "@/lib/words";
import type { CalendarItem } from "./types";

const HOW =
  "Export your calendar as an .ics file and add that (Google Calendar: Settings → Import & export → Export; Outlook: File → Save Calendar; Apple Calendar: File → Export), or paste the calendar's .ics address. Each one that could not be used is marked above with the reason; remove it.";

/**
 * The message for a check with no usable calendar, given every calendar the learner added.
 *
 * @example
 * noCalendarText([{ kind: "file", label: "photo.png", error: "…", … }]) // "The file you added could not be used: photo.png. Export your calendar …"
 */
export function noCalendarText(items: readonly Pick<CalendarItem, "kind" | "label">[]): string {
  if (items.length === 0) return "Add at least one calendar first: pick or drop an .ics file, or paste a calendar address.";
  const files = items.filter((i) => i.kind === "file").map((i) => i.label);
  const urls = items.filter((i) => i.kind === "url").map((i) => i.label);
  const said: string[] = [];
  if (files.length > 0) said.push(`${files.length === 1 ? "The file you added" : `The ${files.length} files you added`} could not be used: ${listText(files)}.`);
  if (urls.length > 0) said.push(`${urls.length === 1 ? "The address you added" : `The ${urls.length} addresses you added`} could not be used: ${listText(urls)}.`);
  return `${said.join(" ")} ${HOW}`;
}
