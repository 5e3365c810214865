/**
 * The answer at a glance: a table with a row per course and a column per format (synchronous,
 * asynchronous, hybrid), each cell a verdict chip, the section it is about (a link to its detail on
 * the same page) and one line of why; the best section of a course with more than one is marked.
 * Sections whose course has no row (picked by section id alone) still get one. Plain data in, an
 * HTML string out, so the check page and a saved report show the same table.
 */
import { VERDICT_LABEL } from "../fit/labels";
import { escapeXml } from "./svg";

/** How a verdict reads on a page. */
export const VERDICT_TEXT = VERDICT_LABEL;

const FORMATS = ["synchronous", "asynchronous", "hybrid"] as const;

/** Column headers with soft hyphens: on a phone's narrow column "Asynchronous" breaks as "Asynchro-nous", not anywhere. */
const HEADS: Readonly<Record<string, string>> = { synchronous: "Syn&shy;chro&shy;nous", asynchronous: "Asyn&shy;chro&shy;nous", hybrid: "Hy&shy;brid" };

export interface SummarySection {
  readonly sectionId: string;
  readonly courseId: string;
  readonly courseTitle: string;
  readonly format: string;
  readonly verdict: string;
  /** One line of why (a headline, or the first reason). */
  readonly line: string;
}

export interface SummaryCourse {
  readonly courseId: string;
  readonly sectionIds: readonly string[];
  /** The course's sections from best to worst. */
  readonly best: readonly string[];
}

export interface SummaryTableInput {
  readonly courses: readonly SummaryCourse[];
  readonly sections: readonly SummarySection[];
  /** The in-page anchor (an element id) of a section's detail. */
  readonly anchor: (sectionId: string) => string;
  readonly caption: string;
}

/**
 * The element id of a section's detail, the same on the check page and in a report: `detail-PM-101-S1`.
 *
 * @example
 * detailAnchor("PM-101-S1") // "detail-PM-101-S1"
 */
export function detailAnchor(sectionId: string): string {
  return `detail-${sectionId.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/**
 * Whether a section is marked in its course: `best` (fits, or fits with trade-offs, and beats the
 * others), `closest` (none fits; it comes closest), or nothing (alone in its course, or not first).
 *
 * @example
 * bestMark({ courseId: "PM-101", sectionIds: ["PM-101-S1", "PM-101-A1"], best: ["PM-101-A1", "PM-101-S1"] }, "PM-101-A1", "fits") // "best"
 */
export function bestMark(course: SummaryCourse | undefined, sectionId: string, verdict: string): "best" | "closest" | null {
  if (!course || course.sectionIds.length < 2 || course.best[0] !== sectionId) return null;
  return verdict === "does-not-fit" ? "closest" : "best";
}

/** The words of a mark, as a cell and a section's detail show them. */
export const MARK_TEXT = { best: "★ Best fit", closest: "Comes closest" } as const;

/** The rows: the courses in order, then one per course of sections no course row holds. */
interface Row {
  courseId: string;
  title: string;
  course: SummaryCourse | undefined;
  sections: SummarySection[];
}

function rows(input: SummaryTableInput): Row[] {
  const byId = new Map(input.sections.map((s) => [s.sectionId, s]));
  const covered = new Set<string>();
  const out = input.courses.map((c): Row => {
    const sections = c.sectionIds.map((id) => byId.get(id)).filter((s): s is SummarySection => s !== undefined);
    sections.forEach((s) => covered.add(s.sectionId));
    return { courseId: c.courseId, title: sections[0]?.courseTitle ?? "", course: c, sections };
  });
  for (const s of input.sections) {
    if (covered.has(s.sectionId)) continue;
    const row = out.find((r) => r.course === undefined && r.courseId === s.courseId);
    if (row) row.sections.push(s);
    else out.push({ courseId: s.courseId, title: s.courseTitle, course: undefined, sections: [s] });
  }
  return out;
}

/**
 * The summary table as HTML (`<table class="summary data">` with row and column headers).
 *
 * @example
 * summaryTableHtml({ courses, sections, anchor: detailAnchor, caption: "Each course's formats" }) // "<table class=\"summary\">…"
 */
export function summaryTableHtml(input: SummaryTableInput): string {
  const all = rows(input);
  // The three formats in their usual order (any other after them), leaving out a column no chosen section fills.
  const present = new Set(input.sections.map((s) => s.format));
  const formats = [...FORMATS.filter((f) => present.has(f)), ...[...present].filter((f) => !(FORMATS as readonly string[]).includes(f))];
  const head = formats.map((f) => `<th scope="col">${HEADS[f] ?? escapeXml(f.charAt(0).toUpperCase() + f.slice(1))}</th>`).join("");
  const body = all
    .map((r) => {
      const cells = formats.map((format) => {
        const here = r.sections.filter((s) => s.format === format);
        if (here.length === 0) return `<td class="none">not checked</td>`;
        const marked = here.some((s) => bestMark(r.course, s.sectionId, s.verdict) === "best");
        const parts = here.map((s) => {
          const mark = bestMark(r.course, s.sectionId, s.verdict);
          return `<div class="cell-section"><a class="cell-link" href="#${escapeXml(input.anchor(s.sectionId))}"><span class="verdict ${escapeXml(s.verdict)}">${escapeXml(VERDICT_TEXT[s.verdict] ?? s.verdict)}</span> <span class="sid">${escapeXml(s.sectionId)}</span></a>${mark ? ` <strong class="mark ${mark}">${MARK_TEXT[mark]}</strong>` : ""}<p class="line">${escapeXml(s.line)}</p></div>`;
        });
        return `<td${marked ? ' class="best"' : ""}>${parts.join("")}</td>`;
      });
      return `<tr><th scope="row"><span class="cid">${escapeXml(r.courseId)}</span> <span class="ctitle">${escapeXml(r.title)}</span></th>${cells.join("")}</tr>`;
    })
    .join("");
  return `<table class="summary data"><caption>${escapeXml(input.caption)}</caption><thead><tr><th scope="col">Course</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
