/**
 * Saving a check as a report: the server runs the check itself from the calendars sent (a report
 * is what FormatFit found, not what a browser claims), freezes the snapshot, and stores only that.
 */
import type { Catalog } from "../catalog/schema";
import { AppError } from "../errors";
import type { CheckForm } from "../check/form";
import { webCheck, type WebCheckOptions } from "../check/web";
import { snapshotOf } from "./snapshot";
import type { Owner, Report, Reports } from "./index";

/**
 * Runs the form's check and saves it for `owner`.
 *
 * @example
 * const report = await saveCheckAsReport(form, reports, { kind: "user", userId }, { catalog, now: Date.now() });
 */
export async function saveCheckAsReport(form: CheckForm, reports: Reports, owner: Owner, options: WebCheckOptions & { catalog: Catalog }): Promise<Report> {
  const title = (form.title ?? "").trim() || "My format check";
  const answer = await webCheck({ ...form, details: true, output: "json" }, options);
  if (answer.kind !== "json") throw new AppError("INTERNAL", "The check did not answer with a result.");
  const snapshot = snapshotOf(answer.body, { includeTitles: form.includeTitles, checkedAt: options.now });
  return reports.save(owner, { title, snapshot, includeTitles: form.includeTitles, learnerName: form.learnerName ?? null });
}
