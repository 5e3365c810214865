/**
 * Calendars connected through OAuth (Google, Microsoft): who connected what, in which mode, which
 * calendars count, and the tokens — sealed, and never sent to the browser. Every read is scoped to
 * the user who owns the connection. Reading events goes through {@link ConnectedCalendars.read},
 * which refreshes an expired access token, persists rotated tokens and marks a refused grant so
 * the page can ask the learner to reconnect.
 */
import type { Kysely } from "kysely";
import type { Database, Store } from "../db";
import type { CalendarConnectionsTable } from "../db/schema";
import { newId } from "../db/id";
import type { ConnectedSource } from "../sources/types";
import { googleEvents, googleFreeBusy, listGoogleCalendars, GOOGLE_DEFAULT_ENDPOINTS, type GoogleEndpoints } from "../providers/google";
import type { ProviderCalendar, ProviderEvents } from "../providers/types";
import { graphEvents, listGraphCalendars, GRAPH_DEFAULT_ENDPOINTS, type GraphEndpoints } from "../providers/graph";
import { ProviderClient, ProviderError } from "../providers/http";
import { refreshTokens, revokeToken, type OAuthClientConfig, type TokenSet } from "../providers/oauth";
import { seal, SealError, unseal } from "./seal";
import { MINUTE } from "../time/units";
import type { Window } from "../time/window";

export type ProviderKind = "google" | "microsoft";
export type ConnectionMode = "events" | "busy";

/** A provider as this server is configured for it: its OAuth client and API endpoints. */
export interface ProviderSetup {
  readonly kind: ProviderKind;
  readonly oauth: OAuthClientConfig;
  readonly google?: GoogleEndpoints;
  readonly graph?: GraphEndpoints;
}

export interface Connection {
  readonly id: string;
  readonly provider: ProviderKind;
  readonly accountEmail: string | null;
  readonly mode: ConnectionMode;
  readonly scope: string;
  /** "reconnect" after the provider refused the grant. */
  readonly status: "ok" | "reconnect";
  /** Calendar ids that count; null until the learner picks (then the primary calendar counts). */
  readonly selected: string[] | null;
  readonly createdAt: number;
}

export interface NewConnection {
  readonly provider: ProviderKind;
  readonly subject: string;
  readonly email: string | null;
  readonly mode: ConnectionMode;
  readonly scope: string;
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly expiresAt?: number | undefined;
}

export const PROVIDER_LABEL: Record<ProviderKind, string> = { google: "Google Calendar", microsoft: "Microsoft Outlook" };
/** What a busy-only Google connection reads: free/busy of the primary calendar. */
const BUSY_PRIMARY: ProviderCalendar = { id: "primary", name: "Primary calendar (busy times only)", primary: true };
/** Refresh this long before the provider's stated expiry. */
const EXPIRY_MARGIN = MINUTE;

function toConnection(row: CalendarConnectionsTable): Connection {
  let selected: string[] | null = null;
  if (row.selected !== null) {
    const v: unknown = JSON.parse(row.selected);
    selected = Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;
  }
  return {
    id: row.id,
    provider: row.provider === "microsoft" ? "microsoft" : "google",
    accountEmail: row.account_email,
    mode: row.mode === "busy" ? "busy" : "events",
    scope: row.scope,
    status: row.status === "reconnect" ? "reconnect" : "ok",
    selected,
    createdAt: row.created_at,
  };
}

export interface ConnectedCalendarsOptions {
  /** The sealing key (lib/connections/seal.ts sealingKey). */
  readonly key: Buffer;
  readonly now: () => number;
  /** The providers this server has set up. */
  readonly setups: Partial<Record<ProviderKind, ProviderSetup>>;
  /** For tests and development: the fetch used to reach providers. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The connected calendars in one store. */
export class ConnectedCalendars {
  private readonly db: Kysely<Database>;

  constructor(
    store: Store,
    private readonly options: ConnectedCalendarsOptions,
  ) {
    this.db = store.db;
  }

  /**
   * Saves a connection after the consent screen: a new one, or fresh tokens (and status ok) for the
   * same account and mode connected before, keeping the calendars picked then.
   */
  async save(userId: string, input: NewConnection): Promise<Connection> {
    const now = this.options.now();
    const key = this.options.key;
    return this.db.transaction().execute(async (tx) => {
      const found = await tx
        .selectFrom("calendar_connections")
        .selectAll()
        .where("user_id", "=", userId)
        .where("provider", "=", input.provider)
        .where("account_subject", "=", input.subject)
        .where("mode", "=", input.mode)
        .executeTakeFirst();
      const tokens = {
        access_token: seal(input.accessToken, key),
        // A provider that sends no new refresh token on re-consent keeps the old one valid.
        refresh_token: input.refreshToken ? seal(input.refreshToken, key) : (found?.refresh_token ?? null),
        expires_at: input.expiresAt ?? null,
      };
      if (found) {
        const row = { ...found, ...tokens, account_email: input.email?.toLowerCase() ?? null, scope: input.scope, status: "ok", updated_at: now };
        await tx.updateTable("calendar_connections").set(row).where("id", "=", found.id).execute();
        return toConnection(row);
      }
      const row: CalendarConnectionsTable = {
        id: newId(),
        user_id: userId,
        provider: input.provider,
        account_subject: input.subject,
        account_email: input.email?.toLowerCase() ?? null,
        mode: input.mode,
        scope: input.scope,
        ...tokens,
        status: "ok",
        selected: null,
        created_at: now,
        updated_at: now,
      };
      await tx.insertInto("calendar_connections").values(row).execute();
      return toConnection(row);
    });
  }

  async list(userId: string): Promise<Connection[]> {
    const rows = await this.db.selectFrom("calendar_connections").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
    return rows.map(toConnection);
  }

  async get(userId: string, id: string): Promise<Connection | undefined> {
    const row = await this.row(userId, id);
    return row ? toConnection(row) : undefined;
  }

  private row(userId: string, id: string): Promise<CalendarConnectionsTable | undefined> {
    return this.db.selectFrom("calendar_connections").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  }

  /** Picks the calendars that count (ids as the provider lists them). */
  async select(userId: string, id: string, calendarIds: readonly string[]): Promise<boolean> {
    const res = await this.db
      .updateTable("calendar_connections")
      .set({ selected: JSON.stringify([...new Set(calendarIds)]), updated_at: this.options.now() })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * Disconnects: the tokens are deleted with the row, and the provider is asked to revoke the grant
   * where it offers a revocation endpoint (Google does; Microsoft has none: the learner removes the
   * app under their account's permissions). `revoked` says whether the provider confirmed.
   */
  async remove(userId: string, id: string): Promise<{ removed: boolean; revoked: boolean }> {
    const row = await this.row(userId, id);
    if (!row) return { removed: false, revoked: false };
    const res = await this.db.deleteFrom("calendar_connections").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return { removed: false, revoked: false };
    let revoked = false;
    const setup = this.options.setups[row.provider as ProviderKind];
    if (setup) {
      try {
        const token = row.refresh_token ? unseal(row.refresh_token, this.options.key) : unseal(row.access_token, this.options.key);
        revoked = await revokeToken(setup.oauth, token, this.options.fetch ? { fetch: this.options.fetch } : {});
      } catch {
        revoked = false; // sealed under another secret: nothing to revoke with
      }
    }
    return { removed: true, revoked };
  }

  /** A client for the connection's API whose token refreshes itself and is saved when it does. */
  private client(row: CalendarConnectionsTable): ProviderClient {
    const setup = this.setupOf(row);
    const key = this.options.key;
    let access = unseal(row.access_token, key);
    let refreshToken = row.refresh_token ? unseal(row.refresh_token, key) : undefined;
    let expiresAt = row.expires_at;
    const refresh = async (): Promise<string> => {
      if (!refreshToken) {
        await this.markReconnect(row.id);
        throw new ProviderError("RECONNECT", `${PROVIDER_LABEL[setup.kind]} access has expired and FormatFit holds no way to renew it. Connect the calendar again.`);
      }
      let fresh: TokenSet;
      try {
        fresh = await refreshTokens(setup.oauth, refreshToken, { ...(this.options.fetch ? { fetch: this.options.fetch } : {}), now: this.options.now() });
      } catch (e) {
        if (e instanceof ProviderError && e.code === "RECONNECT") await this.markReconnect(row.id);
        throw e;
      }
      access = fresh.accessToken;
      if (fresh.refreshToken) refreshToken = fresh.refreshToken;
      expiresAt = fresh.expiresAt ?? null;
      await this.db
        .updateTable("calendar_connections")
        .set({
          access_token: seal(access, key),
          ...(fresh.refreshToken ? { refresh_token: seal(fresh.refreshToken, key) } : {}),
          expires_at: expiresAt,
          status: "ok",
          updated_at: this.options.now(),
        })
        .where("id", "=", row.id)
        .execute();
      return access;
    };
    return new ProviderClient({
      label: PROVIDER_LABEL[setup.kind],
      accessToken: async () => (expiresAt !== null && expiresAt - EXPIRY_MARGIN <= this.options.now() ? refresh() : access),
      refresh,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
    });
  }

  private setupOf(row: CalendarConnectionsTable): ProviderSetup {
    const setup = this.options.setups[row.provider as ProviderKind];
    if (!setup) throw new ProviderError("RECONNECT", `This server no longer connects to ${row.provider}; remove that connection.`);
    return setup;
  }

  private async markReconnect(id: string): Promise<void> {
    await this.db.updateTable("calendar_connections").set({ status: "reconnect", updated_at: this.options.now() }).where("id", "=", id).execute();
  }

  /** The account's calendars, to pick from. */
  async calendars(userId: string, id: string): Promise<ProviderCalendar[] | undefined> {
    const row = await this.row(userId, id);
    if (!row) return undefined;
    return this.markingReconnect(row.id, () => this.api(row).list());
  }

  /**
   * Runs a read; a grant the provider no longer accepts (RECONNECT, even right after a refresh) or
   * tokens this server can no longer open (SealError: its secret changed) mark the connection so
   * the page asks the learner to reconnect.
   */
  private async markingReconnect<T>(id: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      if ((e instanceof ProviderError && e.code === "RECONNECT") || e instanceof SealError) await this.markReconnect(id);
      throw e;
    }
  }

  /**
   * The connection's provider API with one client (so a token refreshed while listing is the one
   * used for reading): its calendars, and one calendar's events over a window.
   */
  private api(row: CalendarConnectionsTable): { list(): Promise<ProviderCalendar[]>; events(calendarId: string, window: Window): Promise<ProviderEvents> } {
    const setup = this.setupOf(row);
    const client = this.client(row);
    if (setup.kind === "microsoft") {
      const endpoints = setup.graph ?? GRAPH_DEFAULT_ENDPOINTS;
      return {
        list: () => listGraphCalendars(client, endpoints),
        events: (calendarId, window) => graphEvents(client, calendarId, window, { endpoints, accountEmail: row.account_email }),
      };
    }
    const endpoints = setup.google ?? GOOGLE_DEFAULT_ENDPOINTS;
    if (row.mode === "busy") {
      // Busy-only access cannot list calendars or read events: the primary calendar's free/busy.
      return {
        list: async () => [BUSY_PRIMARY],
        events: (calendarId, window) => googleFreeBusy(client, [calendarId], window, { endpoints, account: row.id }),
      };
    }
    return {
      list: () => listGoogleCalendars(client, endpoints),
      events: (calendarId, window) => googleEvents(client, calendarId, window, { endpoints }),
    };
  }

  /**
   * The picked calendars' events over `[from, to)` as check sources, one per calendar. A calendar
   * deleted since it was picked is left out with a note, not a failure; a refused grant throws
   * RECONNECT (and marks the connection).
   */
  async read(userId: string, id: string, window: Window): Promise<ConnectedSource[] | undefined> {
    const row = await this.row(userId, id);
    if (!row) return undefined;
    return this.markingReconnect(row.id, () => this.readRow(row, window));
  }

  private async readRow(row: CalendarConnectionsTable, window: Window): Promise<ConnectedSource[]> {
    const conn = toConnection(row);
    const api = this.api(row);
    const all = await api.list();
    const picked = conn.selected ?? all.filter((c) => c.primary).map((c) => c.id);
    const byId = new Map(all.map((c) => [c.id, c]));
    const sources: ConnectedSource[] = [];
    for (const calendarId of picked) {
      const name = conn.mode === "busy" ? `Google busy times${conn.accountEmail ? ` (${conn.accountEmail})` : ""}` : `${conn.provider === "google" ? "Google" : "Outlook"}: ${byId.get(calendarId)?.name ?? calendarId}`;
      const gone = () => sources.push({ name, origin: "connected", events: [], selfEmails: [], notes: [`${name} no longer exists (deleted or unshared since you picked it); it was left out of this check.`] });
      if (!byId.has(calendarId)) {
        gone();
        continue;
      }
      let got: ProviderEvents;
      try {
        got = await api.events(calendarId, window);
      } catch (e) {
        if (!(e instanceof ProviderError && e.code === "CALENDAR_GONE")) throw e;
        gone();
        continue;
      }
      sources.push({
        name,
        origin: "connected",
        events: got.events,
        // Busy blocks have no attendees: only a calendar read in full names the learner's addresses.
        selfEmails: conn.mode === "busy" ? [] : [...new Set([...got.selfEmails, ...(conn.accountEmail ? [conn.accountEmail] : [])])],
        notes: got.truncated ? [`${name} has more than ${got.events.length.toLocaleString("en-US")} events in this term; only the first ${got.events.length.toLocaleString("en-US")} were read.`] : [],
      });
    }
    return sources;
  }
}
