/**
 * Versioned migrations, applied on start by Kysely's Migrator (which records each in
 * `kysely_migration` and holds a lock while it runs, so applying them twice, or from two processes
 * at once, does no harm). Written with Kysely's schema builder so one definition serves SQLite and
 * PostgreSQL. Never edit a migration that has shipped: add the next one.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

const migrations: Record<string, Migration> = {
  "0001_reports": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("email", "text")
        .addColumn("name", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("users_provider_subject", ["provider", "subject"])
        .execute();
      await db.schema
        .createTable("reports")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
        .addColumn("owner_key_hash", "text")
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("snapshot", "text", (c) => c.notNull())
        .addColumn("include_titles", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addCheckConstraint("reports_has_owner", sql`owner_user_id is not null or owner_key_hash is not null`)
        .execute();
      await db.schema.createIndex("reports_owner_user").on("reports").column("owner_user_id").execute();
      await db.schema.createIndex("reports_owner_key").on("reports").column("owner_key_hash").execute();
      await db.schema.createIndex("reports_expires").on("reports").column("expires_at").execute();
      await db.schema
        .createTable("share_links")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();
      await db.schema.createIndex("share_links_report").on("share_links").column("report_id").execute();
      await db.schema
        .createTable("link_views")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("link_id", "text", (c) => c.notNull().references("share_links.id").onDelete("cascade"))
        .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("viewed_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("link_views_link").on("link_views").column("link_id").execute();
      await db.schema
        .createTable("advisor_shares")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("advisor_email", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .addUniqueConstraint("advisor_shares_report_email", ["report_id", "advisor_email"])
        .execute();
      await db.schema.createIndex("advisor_shares_email").on("advisor_shares").column("advisor_email").execute();
      await db.schema
        .createTable("advisor_notes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("author_user_id", "text", (c) => c.notNull())
        .addColumn("author_email", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("advisor_notes_report").on("advisor_notes").column("report_id").execute();
    },
  },
  "0002_calendar_connections": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("calendar_connections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("account_subject", "text", (c) => c.notNull())
        .addColumn("account_email", "text")
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("access_token", "text", (c) => c.notNull())
        .addColumn("refresh_token", "text")
        .addColumn("expires_at", "bigint")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("selected", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("calendar_connections_account", ["user_id", "provider", "account_subject", "mode"])
        .execute();
      await db.schema.createIndex("calendar_connections_user").on("calendar_connections").column("user_id").execute();
    },
  },
  "0003_report_learner_name": {
    // The name a learner chooses to show advisors and link holders (issue 15): optional, so null
    // for every report saved before, which then shows no name, as it did.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("reports").addColumn("learner_name", "text").execute();
    },
  },
};

/** The migrations in code, in name order. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
