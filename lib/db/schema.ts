/**
 * The tables, as Kysely sees them. Instants are UTC epoch milliseconds (BIGINT), flags are 0/1
 * integers, and free text a person typed (titles, notes, labels) is stored as a JSON string literal
 * so that any text — NUL bytes included, which PostgreSQL's `text` refuses — round-trips exactly in
 * both stores (lib/db/text.ts).
 */
export interface UsersTable {
  id: string;
  /** The sign-in provider's id ("google", "azure-ad", "oidc"). */
  provider: string;
  /** The provider's stable subject (`sub`): users are identified by it, never by email. */
  subject: string;
  email: string | null;
  name: string | null;
  created_at: number;
}

export interface ReportsTable {
  id: string;
  owner_user_id: string | null;
  /** SHA-256 (base64url) of the anonymous owner's browser key, when there is no signed-in owner. */
  owner_key_hash: string | null;
  /** JSON string literal (see lib/db/text.ts). */
  title: string;
  /** The frozen snapshot, JSON. */
  snapshot: string;
  include_titles: number;
  created_at: number;
  updated_at: number;
  expires_at: number;
  /** The name the learner chose to show advisors and link holders, a JSON string literal; null when none (migration 0003). */
  learner_name: string | null;
}

export interface ShareLinksTable {
  id: string;
  report_id: string;
  /** SHA-256 (base64url) of the link's token: the token itself is never stored. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface LinkViewsTable {
  id: string;
  link_id: string;
  report_id: string;
  viewed_at: number;
}

export interface AdvisorSharesTable {
  id: string;
  report_id: string;
  /** Lower-cased. */
  advisor_email: string;
  created_at: number;
  revoked_at: number | null;
}

export interface AdvisorNotesTable {
  id: string;
  report_id: string;
  author_user_id: string;
  author_email: string;
  /** JSON string literal. */
  body: string;
  created_at: number;
}

/** A Google or Microsoft calendar connected through OAuth. Tokens are sealed (lib/connections/seal.ts). */
export interface CalendarConnectionsTable {
  id: string;
  user_id: string;
  /** "google" or "microsoft". */
  provider: string;
  /** The provider account's `sub`. */
  account_subject: string;
  account_email: string | null;
  /** "events" (titles and times) or "busy" (free/busy only). */
  mode: string;
  /** The scopes granted, space-separated. */
  scope: string;
  /** AES-256-GCM sealed access token. */
  access_token: string;
  /** AES-256-GCM sealed refresh token, when the provider gave one. */
  refresh_token: string | null;
  /** When the access token expires (UTC ms). */
  expires_at: number | null;
  /** "ok", or "reconnect" once the grant has been refused. */
  status: string;
  /** JSON array of the calendar ids the learner picked; null until they pick. */
  selected: string | null;
  created_at: number;
  updated_at: number;
}

export interface Database {
  users: UsersTable;
  reports: ReportsTable;
  share_links: ShareLinksTable;
  link_views: LinkViewsTable;
  advisor_shares: AdvisorSharesTable;
  advisor_notes: AdvisorNotesTable;
  calendar_connections: CalendarConnectionsTable;
}
