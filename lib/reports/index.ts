/**
 * Saved reports: a learner's frozen check, its owner (a signed-in user, or an anonymous browser
 * key), share links (random tokens, only hashes stored, expiring, revocable, with a view log),
 * shares with advisors by email, advisors' notes, and retention. Every authorization decision is
 * made here, in the data layer, from the caller's identity: a route cannot forget one.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, Store } from "../db";
import { decodeText, encodeText } from "../db/text";
import { AppError } from "../errors";
import type { ReportSnapshot } from "./snapshot";
import { newId } from "../db/id";
import { hashToken, looksLikeToken, newToken, secretsEqual } from "./tokens";
import { DAY } from "../time/units";
import { emailAddress, normaliseEmail } from "./email";
import { MAX_LEARNER_NAME } from "./limits";

export type { ReportSnapshot } from "./snapshot";
export { snapshotOf } from "./snapshot";
export { emailAddress, normaliseEmail, type EmailCheck } from "./email";
export { MAX_LEARNER_NAME } from "./limits";

/** Who is asking, as the route established it. */
export type Owner = { readonly kind: "user"; readonly userId: string } | { readonly kind: "anonymous"; readonly key: string };

export interface Advisor {
  readonly userId: string;
  readonly email: string;
}

export interface ReportsOptions {
  /** Days a report is kept (default 180). */
  readonly retentionDays?: number;
  /** Default lifetime of a share link in days (default 30). */
  readonly linkDays?: number;
  /** The clock (UTC ms): passed in, never read at module load. */
  readonly now: () => number;
  /** Reports one owner may keep at once (default {@link DEFAULT_MAX_REPORTS_PER_OWNER}). */
  readonly maxReportsPerOwner?: number;
}

export const DEFAULT_MAX_REPORTS_PER_OWNER = 200;

export interface ReportSummary {
  id: string;
  title: string;
  /** The name the learner chose to show advisors and link holders; absent when they chose none. */
  learnerName?: string;
  includeTitles: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
}

export interface Report extends ReportSummary {
  snapshot: ReportSnapshot;
}

export interface LinkSummary {
  id: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  views: number[];
}

export interface Note {
  id: string;
  authorEmail: string;
  body: string;
  createdAt: number;
}

export type SharedOpen = { status: "ok"; report: Report } | { status: "gone"; reason: "expired" | "revoked" } | { status: "not-found" };

export const MAX_TITLE = 10_000;
export const MAX_NOTE = 10_000;

function checkText(text: string, max: number, what: string): string {
  if (typeof text !== "string" || text.trim() === "") throw new AppError("BAD_REQUEST", `The ${what} cannot be empty.`, { where: what });
  if (text.length > max) throw new AppError("BAD_REQUEST", `The ${what} is ${text.length.toLocaleString("en")} characters; at most ${max.toLocaleString("en")}.`, { where: what });
  return text;
}

/**
 * A learner's chosen name as stored: trimmed, inner runs of spaces as one; blank (or absent) is
 * no name. Too long, or holding a control character, is a BAD_REQUEST naming `learnerName`.
 *
 * @example
 * learnerNameOf("  Alex   Kim ") // "Alex Kim"
 * learnerNameOf("") // null
 */
export function learnerNameOf(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  if (typeof text !== "string") throw new AppError("BAD_REQUEST", "The name must be text.", { where: "learnerName" });
  const name = text.trim().replace(/\s+/g, " ");
  if (name === "") return null;
  if (/\p{Cc}/u.test(name)) throw new AppError("BAD_REQUEST", "The name holds a control character; type it again without it.", { where: "learnerName" });
  if (name.length > MAX_LEARNER_NAME) throw new AppError("BAD_REQUEST", `The name is ${name.length.toLocaleString("en")} characters; at most ${MAX_LEARNER_NAME}.`, { where: "learnerName" });
  return name;
}

type ReportRow = Database["reports"];

function summary(row: ReportRow): ReportSummary {
  return {
    id: row.id,
    title: decodeText(row.title),
    ...(row.learner_name === null ? {} : { learnerName: decodeText(row.learner_name) }),
    includeTitles: row.include_titles === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

function full(row: ReportRow): Report {
  return { ...summary(row), snapshot: JSON.parse(row.snapshot) as ReportSnapshot };
}

/**
 * The reports of one store.
 *
 * @example
 * const reports = new Reports(await openStore(), { now: () => Date.now() });
 * const r = await reports.save({ kind: "anonymous", key }, { title: "Spring options", snapshot, includeTitles: false });
 * const { token } = await reports.createLink({ kind: "anonymous", key }, r.id, {});
 */
export class Reports {
  private readonly db: Kysely<Database>;
  private readonly retention: number;
  private readonly linkDays: number;
  private readonly now: () => number;
  private readonly kind: Store["kind"];
  private readonly maxReports: number;

  constructor(store: Store, options: ReportsOptions) {
    this.db = store.db;
    this.kind = store.kind;
    this.maxReports = options.maxReportsPerOwner ?? DEFAULT_MAX_REPORTS_PER_OWNER;
    this.retention = (options.retentionDays ?? 180) * DAY;
    this.linkDays = options.linkDays ?? 30;
    this.now = options.now;
  }

  /**
   * The user with this provider subject, created on first sign-in; email and name refreshed. The
   * email is normalised ({@link normaliseEmail}); a look-alike address is a BAD_REQUEST.
   */
  async upsertUser(provider: string, subject: string, email: string | null, name: string | null): Promise<string> {
    const now = this.now();
    const address = email === null ? null : emailAddress(email);
    // Insert-or-nothing, then read: two first sign-ins of one person at once (two tabs, a retried
    // callback) both end with the same row instead of one failing on the unique constraint.
    await this.db
      .insertInto("users")
      .values({ id: newId(), provider, subject, email: address, name, created_at: now })
      .onConflict((oc) => oc.columns(["provider", "subject"]).doNothing())
      .execute();
    await this.db.updateTable("users").set({ email: address, name }).where("provider", "=", provider).where("subject", "=", subject).execute();
    const row = await this.db.selectFrom("users").select("id").where("provider", "=", provider).where("subject", "=", subject).executeTakeFirstOrThrow();
    return row.id;
  }

  private async ownedRow(db: Kysely<Database> | Transaction<Database>, owner: Owner, id: string): Promise<ReportRow | undefined> {
    const now = this.now();
    let q = db.selectFrom("reports").selectAll().where("id", "=", id).where("expires_at", ">", now);
    q = owner.kind === "user" ? q.where("owner_user_id", "=", owner.userId) : q.where("owner_key_hash", "=", hashToken(owner.key)).where("owner_user_id", "is", null);
    const row = await q.executeTakeFirst();
    if (row && owner.kind === "anonymous" && !secretsEqual(row.owner_key_hash ?? "", hashToken(owner.key))) return undefined;
    return row;
  }

  /**
   * Saves a snapshot as a new report, in one transaction; an owner who already keeps
   * `maxReportsPerOwner` reports is refused (TOO_MANY_REPORTS: delete some first). Two saves of one
   * owner at once cannot both pass the count: PostgreSQL serialises them on an advisory lock per
   * owner, SQLite on its single writer.
   */
  async save(owner: Owner, input: { title: string; snapshot: ReportSnapshot; includeTitles: boolean; learnerName?: string | null }): Promise<Report> {
    const title = checkText(input.title, MAX_TITLE, "title");
    const name = learnerNameOf(input.learnerName);
    const now = this.now();
    const row: ReportRow = {
      id: newId(),
      owner_user_id: owner.kind === "user" ? owner.userId : null,
      owner_key_hash: owner.kind === "anonymous" ? hashToken(owner.key) : null,
      title: encodeText(title),
      snapshot: JSON.stringify(input.snapshot),
      include_titles: input.includeTitles ? 1 : 0,
      created_at: now,
      updated_at: now,
      expires_at: now + this.retention,
      learner_name: name === null ? null : encodeText(name),
    };
    await this.db.transaction().execute(async (tx) => {
      if (this.kind === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${`formatfit reports of ${row.owner_user_id ?? row.owner_key_hash}`}))`.execute(tx);
      let count = tx.selectFrom("reports").select((eb) => eb.fn.countAll<number | string>().as("n")).where("expires_at", ">", now);
      count = owner.kind === "user" ? count.where("owner_user_id", "=", owner.userId) : count.where("owner_key_hash", "=", row.owner_key_hash).where("owner_user_id", "is", null);
      const kept = Number((await count.executeTakeFirstOrThrow()).n);
      if (kept >= this.maxReports) {
        throw new AppError("TOO_MANY_REPORTS", `You keep ${kept.toLocaleString("en")} saved reports, the most one person may keep. Delete reports you no longer need, then save again.`, { detail: { reason: "TOO_MANY_REPORTS", limit: this.maxReports } });
      }
      await tx.insertInto("reports").values(row).execute();
    });
    return full(row);
  }

  async list(owner: Owner): Promise<ReportSummary[]> {
    let q = this.db.selectFrom("reports").selectAll().where("expires_at", ">", this.now());
    q = owner.kind === "user" ? q.where("owner_user_id", "=", owner.userId) : q.where("owner_key_hash", "=", hashToken(owner.key)).where("owner_user_id", "is", null);
    const rows = await q.orderBy("created_at", "desc").execute();
    return rows.map(summary);
  }

  /** The owner's report, or undefined (another person's id looks exactly like a missing one). */
  async get(owner: Owner, id: string): Promise<Report | undefined> {
    const row = await this.ownedRow(this.db, owner, id);
    return row ? full(row) : undefined;
  }

  async rename(owner: Owner, id: string, title: string): Promise<boolean> {
    const t = checkText(title, MAX_TITLE, "title");
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      await tx.updateTable("reports").set({ title: encodeText(t), updated_at: this.now() }).where("id", "=", id).execute();
      return true;
    });
  }

  /**
   * Sets (or, with null or blank, removes) the name the learner shows advisors and link holders.
   * False when the report is not the owner's.
   */
  async setLearnerName(owner: Owner, id: string, name: string | null): Promise<boolean> {
    const checked = learnerNameOf(name);
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      await tx.updateTable("reports").set({ learner_name: checked === null ? null : encodeText(checked), updated_at: this.now() }).where("id", "=", id).execute();
      return true;
    });
  }

  /** Deletes the report with its links, view log, advisor shares and notes. */
  async delete(owner: Owner, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      await deleteReports(tx, [id]);
      return true;
    });
  }

  /** A new share link; the token is returned once and never stored. */
  async createLink(owner: Owner, id: string, options: { expiresInDays?: number }): Promise<{ token: string; link: LinkSummary } | undefined> {
    const days = options.expiresInDays ?? this.linkDays;
    if (!Number.isFinite(days) || days < 1 || days > 365) throw new AppError("BAD_REQUEST", `A link lasts from 1 to 365 days; got ${days}.`, { where: "expiresInDays" });
    return this.db.transaction().execute(async (tx) => {
      const report = await this.ownedRow(tx, owner, id);
      if (!report) return undefined;
      const token = newToken();
      const now = this.now();
      // A link never outlives its report.
      const expires = Math.min(now + Math.round(days * DAY), Number(report.expires_at));
      const link = { id: newId(), report_id: id, token_hash: hashToken(token), created_at: now, expires_at: expires, revoked_at: null };
      await tx.insertInto("share_links").values(link).execute();
      return { token, link: { id: link.id, createdAt: now, expiresAt: expires, revokedAt: null, views: [] } };
    });
  }

  async links(owner: Owner, id: string): Promise<LinkSummary[] | undefined> {
    if (!(await this.ownedRow(this.db, owner, id))) return undefined;
    const links = await this.db.selectFrom("share_links").selectAll().where("report_id", "=", id).orderBy("created_at", "desc").execute();
    const views = await this.db.selectFrom("link_views").select(["link_id", "viewed_at"]).where("report_id", "=", id).orderBy("viewed_at", "asc").execute();
    return links.map((l) => ({
      id: l.id,
      createdAt: Number(l.created_at),
      expiresAt: Number(l.expires_at),
      revokedAt: l.revoked_at === null ? null : Number(l.revoked_at),
      views: views.filter((v) => v.link_id === l.id).map((v) => Number(v.viewed_at)),
    }));
  }

  async revokeLink(owner: Owner, id: string, linkId: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      const r = await tx.updateTable("share_links").set({ revoked_at: this.now() }).where("id", "=", linkId).where("report_id", "=", id).where("revoked_at", "is", null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    });
  }

  /**
   * Opens a share link: the report and a line in its view log, or why not. An expired or revoked
   * link says so (410); an unknown token is not found (404).
   */
  async openLink(token: string): Promise<SharedOpen> {
    if (!looksLikeToken(token)) return { status: "not-found" };
    const hash = hashToken(token);
    const link = await this.db.selectFrom("share_links").selectAll().where("token_hash", "=", hash).executeTakeFirst();
    if (!link || !secretsEqual(link.token_hash, hash)) return { status: "not-found" };
    const now = this.now();
    if (link.revoked_at !== null) return { status: "gone", reason: "revoked" };
    if (Number(link.expires_at) <= now) return { status: "gone", reason: "expired" };
    const report = await this.db.selectFrom("reports").selectAll().where("id", "=", link.report_id).where("expires_at", ">", now).executeTakeFirst();
    if (!report) return { status: "gone", reason: "expired" };
    await this.db.insertInto("link_views").values({ id: newId(), link_id: link.id, report_id: link.report_id, viewed_at: now }).execute();
    return { status: "ok", report: full(report) };
  }

  /** Shares the report with an advisor's email (idempotent; a revoked share is renewed). */
  async shareWithAdvisor(owner: Owner, id: string, email: string): Promise<boolean> {
    const address = advisorAddress(email);
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      const existing = await tx.selectFrom("advisor_shares").select("id").where("report_id", "=", id).where("advisor_email", "=", address).executeTakeFirst();
      if (existing) await tx.updateTable("advisor_shares").set({ revoked_at: null, created_at: this.now() }).where("id", "=", existing.id).execute();
      else await tx.insertInto("advisor_shares").values({ id: newId(), report_id: id, advisor_email: address, created_at: this.now(), revoked_at: null }).execute();
      return true;
    });
  }

  async unshareWithAdvisor(owner: Owner, id: string, email: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      if (!(await this.ownedRow(tx, owner, id))) return false;
      const r = await tx.updateTable("advisor_shares").set({ revoked_at: this.now() }).where("report_id", "=", id).where("advisor_email", "=", advisorAddress(email)).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    });
  }

  async advisorShares(owner: Owner, id: string): Promise<{ email: string; createdAt: number }[] | undefined> {
    if (!(await this.ownedRow(this.db, owner, id))) return undefined;
    const rows = await this.db.selectFrom("advisor_shares").select(["advisor_email", "created_at"]).where("report_id", "=", id).where("revoked_at", "is", null).orderBy("created_at", "asc").execute();
    return rows.map((r) => ({ email: r.advisor_email, createdAt: Number(r.created_at) }));
  }

  /** Reports shared with this advisor (by their signed-in email), newest first. */
  async sharedWith(advisor: Advisor): Promise<ReportSummary[]> {
    const email = advisorLookup(advisor);
    if (email === undefined) return [];
    const rows = await this.db
      .selectFrom("reports")
      .innerJoin("advisor_shares", "advisor_shares.report_id", "reports.id")
      .selectAll("reports")
      .where("advisor_shares.advisor_email", "=", email)
      .where("advisor_shares.revoked_at", "is", null)
      .where("reports.expires_at", ">", this.now())
      .orderBy("advisor_shares.created_at", "desc")
      .execute();
    return rows.map(summary);
  }

  /** A report shared with this advisor, or undefined. */
  async getShared(advisor: Advisor, id: string): Promise<Report | undefined> {
    const email = advisorLookup(advisor);
    if (email === undefined) return undefined;
    const row = await this.db
      .selectFrom("reports")
      .innerJoin("advisor_shares", "advisor_shares.report_id", "reports.id")
      .selectAll("reports")
      .where("reports.id", "=", id)
      .where("advisor_shares.advisor_email", "=", email)
      .where("advisor_shares.revoked_at", "is", null)
      .where("reports.expires_at", ">", this.now())
      .executeTakeFirst();
    return row ? full(row) : undefined;
  }

  /** An advisor's note on a report shared with them; undefined when it is not. */
  async addNote(advisor: Advisor, id: string, body: string): Promise<Note | undefined> {
    const text = checkText(body, MAX_NOTE, "note");
    if (!(await this.getShared(advisor, id))) return undefined;
    const note = { id: newId(), report_id: id, author_user_id: advisor.userId, author_email: advisorLookup(advisor) ?? "", body: encodeText(text), created_at: this.now() };
    await this.db.insertInto("advisor_notes").values(note).execute();
    return { id: note.id, authorEmail: note.author_email, body: text, createdAt: note.created_at };
  }

  /** Notes on a report, for its owner or an advisor it is shared with. */
  async notes(who: { owner: Owner } | { advisor: Advisor }, id: string): Promise<Note[] | undefined> {
    const allowed = "owner" in who ? await this.ownedRow(this.db, who.owner, id) : await this.getShared(who.advisor, id);
    if (!allowed) return undefined;
    const rows = await this.db.selectFrom("advisor_notes").selectAll().where("report_id", "=", id).orderBy("created_at", "asc").execute();
    return rows.map((r) => ({ id: r.id, authorEmail: r.author_email, body: decodeText(r.body), createdAt: Number(r.created_at) }));
  }

  /**
   * Deletes reports past their expiry (with everything hanging off them); returns how many this
   * call deleted. Safe with several servers running it at once: on PostgreSQL one of them cleans
   * while the others see the advisory lock taken and return 0 at once (no waiting, no deadlock
   * between two sets of deletes); on SQLite the database has one writer at a time, and the deletes
   * are set-based (no read first), so a second cleanup waits for the first and finds nothing.
   */
  async cleanup(): Promise<number> {
    const now = this.now();
    return this.db.transaction().execute(async (tx) => {
      if (this.kind === "postgres") {
        const got = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('formatfit report cleanup')) as locked`.execute(tx);
        if (got.rows[0]?.locked !== true) return 0;
      }
      const expired = tx.selectFrom("reports").select("id").where("expires_at", "<=", now);
      await tx.deleteFrom("link_views").where("report_id", "in", expired).execute();
      await tx.deleteFrom("share_links").where("report_id", "in", expired).execute();
      await tx.deleteFrom("advisor_notes").where("report_id", "in", expired).execute();
      await tx.deleteFrom("advisor_shares").where("report_id", "in", expired).execute();
      const deleted = await tx.deleteFrom("reports").where("expires_at", "<=", now).executeTakeFirst();
      return Number(deleted.numDeletedRows);
    });
  }
}

/** Deletes reports and every row that refers to them, children first (no reliance on cascades). */
async function deleteReports(tx: Transaction<Database>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.deleteFrom("link_views").where("report_id", "in", ids).execute();
  await tx.deleteFrom("share_links").where("report_id", "in", ids).execute();
  await tx.deleteFrom("advisor_notes").where("report_id", "in", ids).execute();
  await tx.deleteFrom("advisor_shares").where("report_id", "in", ids).execute();
  await tx.deleteFrom("reports").where("id", "in", ids).execute();
}

/** An advisor's address as stored ({@link emailAddress}: normalised; a look-alike or a malformed address is a BAD_REQUEST). */
function advisorAddress(email: string): string {
  return emailAddress(email);
}

/** The address a signed-in advisor is found by, or undefined for one that cannot be trusted to be theirs alone. */
function advisorLookup(advisor: Advisor): string | undefined {
  const checked = normaliseEmail(advisor.email);
  return checked.ok ? checked.address : undefined;
}

/**
 * Whether a signed-in email is an advisor's: listed in `ADVISOR_EMAILS`, or at a domain in
 * `ADVISOR_DOMAINS` (comma-separated, case-insensitive; a domain matches exactly, not its
 * subdomains). Both sides are normalised ({@link normaliseEmail}); an address with look-alike
 * characters is never an advisor's.
 *
 * @example
 * isAdvisorEmail("Kim@SPS.example.edu", { emails: [], domains: ["sps.example.edu"] }) // true
 * isAdvisorEmail("\u212Aim@sps.example.edu", { emails: ["kim@sps.example.edu"], domains: [] }) // false
 */
export function isAdvisorEmail(email: string | null | undefined, config: { emails: readonly string[]; domains: readonly string[] }): boolean {
  if (!email) return false;
  const checked = normaliseEmail(email);
  if (!checked.ok) return false;
  const e = checked.address;
  const at = e.lastIndexOf("@");
  if (at < 1) return false;
  const domain = e.slice(at + 1);
  const same = (listed: string) => {
    const n = normaliseEmail(listed);
    return n.ok && n.address === e;
  };
  return config.emails.some(same) || config.domains.some((d) => d.trim().normalize("NFKC").toLowerCase().replace(/^@/, "") === domain);
}

/** ADVISOR_EMAILS / ADVISOR_DOMAINS from an environment. */
export function advisorConfig(env: Readonly<Record<string, string | undefined>>): { emails: string[]; domains: string[] } {
  const list = (v: string | undefined) => (v ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  return { emails: list(env.ADVISOR_EMAILS), domains: list(env.ADVISOR_DOMAINS) };
}
