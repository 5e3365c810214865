/** What every calendar provider adapter (Google, Microsoft Graph) answers, in the app's own types. */
import type { CalendarEvent } from "../calendar";

export interface ProviderCalendar {
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
  /** The account's role on it ("owner", "reader", "freeBusyReader" …). */
  readonly access?: string;
}

export interface ProviderEvents {
  readonly events: CalendarEvent[];
  /** The account's own addresses seen as `self` attendees (their declines then count). */
  readonly selfEmails: string[];
  readonly truncated: boolean;
  readonly pages: number;
}
