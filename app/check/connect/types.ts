/** A connected account and its calendars, as /api/connections lists them (ids and names only: never a token). */
export interface CalendarRow {
  id: string;
  name: string;
  primary: boolean;
  selected: boolean;
}

export interface ConnectionRow {
  id: string;
  provider: "google" | "microsoft";
  accountEmail: string | null;
  mode: "events" | "busy";
  status: "ok" | "reconnect";
  calendars: CalendarRow[];
  error?: { code: string; message: string };
}

export const PROVIDER_NAME = { google: "Google Calendar", microsoft: "Outlook" } as const;
