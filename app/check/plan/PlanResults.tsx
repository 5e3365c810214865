"use client";
/**
 * "Plan my term" (issue 16): the best combinations of one section per chosen course, judged
 * together (POST /api/plan), as rows with their verdict, what they miss, their tightest week and
 * why each ranks below the one above; the reasons of the best ones with their week drawn (the
 * learner's usual busy time, every live session of the combination on it by how it fares), and
 * what was cut before judging and why.
 */
import { useId } from "react";
import type { PlanTaskResult } from "@/lib/plan/task";
import { plural } from "@/lib/words";
import { VERDICT_LABEL } from "@/lib/fit/labels";
import { SaveReport } from "../results/SaveReport";
import { CalendarWarnings } from "../Results";
import type { SaveReportFn } from "../types";

/** What POST /api/plan answers. */
export type PlanBody = PlanTaskResult["body"];

const VERDICT_TEXT = VERDICT_LABEL;

/** Rows shown; the rest are counted. */
const ROWS = 10;
/** Plans whose reasons are listed under the table. */
const EXPLAINED = 3;

export function PlanResults({ body, courseIds, updating, onSave }: { body: PlanBody; courseIds: readonly string[]; updating?: boolean; onSave: (sectionIds: readonly string[]) => SaveReportFn }) {
  const uid = useId();
  const cut = body.pruned.alone + body.pruned.pairs;
  const rows = body.plans.slice(0, ROWS);
  return (
    <section className="plan-results" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Plans for your term{updating ? " (updating…)" : ""}</h2>
      <p role="status">
        {plural(body.considered, "combination")} of one section each of {courseIds.join(", ")}
        {cut > 0 ? `; ${cut.toLocaleString("en-US")} cut before judging because they hold a section that does not fit on its own or two sections that meet at the same time` : ""}.
      </p>
      <CalendarWarnings warnings={body.warnings} />
      {body.judgedAll && <p className="note">Nothing fits: every combination holds a section that does not fit on its own, or two that meet at the same time. Here are the least bad, best first.</p>}
      {rows.length === 0 ? (
        <p>No combination is left to judge. The causes are listed below: exclude a section or choose other courses.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Plans, best first" tabIndex={0}>
          <table className="data plans">
            <caption className="sr-only">Combinations of sections, best first, with why each ranks below the one above</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Sections</th>
                <th scope="col">Verdict</th>
                <th scope="col">Missed</th>
                <th scope="col">Clashes (calendar / between)</th>
                <th scope="col">Tightest week (h due / free)</th>
                <th scope="col">Why below the one above</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p, i) => (
                <tr key={p.sectionIds.join("+")}>
                  <th scope="row">{i + 1}</th>
                  <td className="nowrap">{p.sectionIds.join(" + ")}</td>
                  <td>
                    <span className={`verdict ${p.verdict}`}>{VERDICT_TEXT[p.verdict]}</span>
                  </td>
                  <td>{p.missedSessions + p.unmetDeadlines}</td>
                  <td>
                    {p.clashes.calendar} / {p.clashes.between}
                  </td>
                  <td>
                    {p.weeklyHours.required} / {p.weeklyHours.tightestWeekAvailable}
                  </td>
                  <td>{p.belowBecause ?? "Best by the ranking rules."}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {body.plans.length > ROWS && <p className="muted">… and {plural(body.plans.length - ROWS, "more plan")}.</p>}
      {rows.slice(0, EXPLAINED).map((p, i) => (
        <details key={p.sectionIds.join("+")} open={i === 0}>
          <summary>
            {i + 1}. {p.sectionIds.join(" + ")}: {VERDICT_TEXT[p.verdict]}
          </summary>
          <ul className="reasons">
            {p.reasons.map((r, k) => (
              <li key={k}>{r}</li>
            ))}
          </ul>
          {body.weekSvg[i] ? (
            // Built from plain data and escaped by lib/charts (the same pictures as the sections').
            <div className="picture-week plan-week" dangerouslySetInnerHTML={{ __html: body.weekSvg[i] ?? "" }} />
          ) : null}
          <SaveReport onSave={onSave(p.sectionIds)} heading={`Save plan ${i + 1} as a report`} defaultTitle={`My term: ${p.sectionIds.join(" + ")}`} />
        </details>
      ))}
      {body.pruned.reasons.length > 0 && (
        <details>
          <summary>Cut before judging ({plural(cut, "combination")})</summary>
          <ul>
            {body.pruned.reasons.map((r, i) => (
              <li key={i}>
                {r.reason} ({plural(r.combinations, "combination")})
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted">Ranked by verdict, then the fewest missed sessions and deadlines, then the most free hours to spare in the tightest week (docs/plan.md).</p>
    </section>
  );
}
