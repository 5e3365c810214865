/** The calendars a check reads: bytes of an `.ics` (a file, an upload, a URL) or events from a connected account. */
import type { CalendarEvent } from "../calendar";

/** One calendar as it reached the server: bytes of an `.ics`, or events read from a connected account. */
export type CalendarSource = FileSource | ConnectedSource;

export interface FileSource {
  /** The file name, or the URL's host and path. */
  readonly name: string;
  /** A file named on the command line, a file uploaded to the app, or a calendar fetched from a URL. */
  readonly origin: "file" | "upload" | "url";
  readonly bytes: Uint8Array;
}

/** A Google or Microsoft calendar read through its API (lib/connections), already in the event model. */
export interface ConnectedSource {
  /** "Google: Work", "Outlook: Calendar". */
  readonly name: string;
  readonly origin: "connected";
  readonly events: readonly CalendarEvent[];
  /** The account's own addresses: invitations declined there do not make the learner busy. */
  readonly selfEmails: readonly string[];
  /** Problems reading it (a cap reached), said on the page. */
  readonly notes: readonly string[];
}
