/**
 * Section revisions (docs/course-calendar.md, "SEQUENCE and DTSTAMP"): per section, a hash of what
 * goes into its calendar feed, a revision number that rises when the hash changes, and the time of
 * that revision. The feed's SEQUENCE is the revision and its DTSTAMP the revision's time, so the
 * feed is byte-for-byte the same until the section changes, and clients replace what they hold
 * when it does.
 *
 * Kept in a small JSON file (under `data/` by default), written atomically. Several processes
 * serving one catalog agree because the first to see a change writes it and the others read it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Course, Section } from "./schema";

export interface SectionRevision {
  readonly sequence: number;
  /** When this revision was first seen (UTC ms). */
  readonly since: number;
  readonly hash: string;
}

type Stored = Record<string, SectionRevision>;

/**
 * The hash of everything that goes into a section's feed.
 *
 * @example
 * sectionFeedHash(section, course, "School of Professional Studies") // "k3j…" (base64url SHA-256)
 */
export function sectionFeedHash(section: Section, course: Course, institution: string | undefined): string {
  const { sections: _sections, ...courseWithoutSections } = course;
  void _sections;
  return createHash("sha256").update(JSON.stringify([section, courseWithoutSections, institution ?? null])).digest("base64url");
}

/**
 * Revisions kept in a JSON file.
 *
 * @example
 * const revisions = new FileSectionRevisions("data/section-revisions.json");
 * const { sequence, since } = revisions.current(section, course, catalog.institution, Date.now());
 */
export class FileSectionRevisions {
  constructor(private readonly path: string) {}

  private read(): Stored {
    try {
      const data: unknown = JSON.parse(readFileSync(this.path, "utf8"));
      return data && typeof data === "object" ? (data as Stored) : {};
    } catch {
      return {};
    }
  }

  /** The section's current revision; a new one (sequence + 1, since `now`) when the feed changed. */
  current(section: Section, course: Course, institution: string | undefined, now: number): SectionRevision {
    const hash = sectionFeedHash(section, course, institution);
    const stored = this.read();
    const known = stored[section.id];
    if (known && known.hash === hash) return known;
    const next: SectionRevision = { sequence: known ? known.sequence + 1 : 0, since: Math.floor(now / 1000) * 1000, hash };
    stored[section.id] = next;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(stored, null, 1));
      renameSync(tmp, this.path);
    } catch (e) {
      // A read-only disk must not take the feed down: serve the revision, unsaved.
      console.warn(`FormatFit: could not save section revisions to ${this.path}: ${(e as Error).message}`);
    }
    return next;
  }
}
