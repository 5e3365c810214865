"use client";
/**
 * Running "Plan my term": the same calendars and preferences as the check, the chosen courses
 * (two or more) sent to /api/plan; the answer or the error, focus on the plans when they arrive.
 */
import { useEffect, useRef, useState } from "react";
import { errorText, post, saveReport } from "../request";
import type { CheckForm } from "../useCheckForm";
import type { CheckStatus, SaveReportFn } from "../types";
import type { PlanBody } from "./PlanResults";

export function usePlanRun({ formFor, whatIf, missing, choice }: Pick<CheckForm, "formFor" | "whatIf" | "missing" | "choice">) {
  const [plan, setPlan] = useState<PlanBody | null>(null);
  const [status, setStatus] = useState<CheckStatus>("idle");
  const [error, setError] = useState<string | null>(null);
  const planRef = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState(false);
  const courses = [...choice.courses];
  // The courses the shown plans are for (the choice may change after).
  const [planned, setPlanned] = useState<string[]>([]);

  const runPlan = async () => {
    const problem = missing();
    if (problem) return setError(problem);
    if (courses.length < 2) return setError("Choose at least two courses to plan a term together.");
    setStatus("running");
    setError(null);
    const form = formFor(whatIf);
    // A plan takes whole courses: sections picked one by one are for the check.
    form.delete("section");
    try {
      const { status: code, json } = await post("/api/plan", form);
      if (code >= 400) setError(errorText(code, json));
      else {
        setPlan(json as PlanBody);
        setPlanned(courses);
        setFocus(true);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStatus("idle");
    }
  };

  useEffect(() => {
    if (!focus || !plan) return;
    planRef.current?.focus();
    setFocus(false);
  }, [focus, plan]);

  /**
   * Saves one plan as a report: a check of its sections judged together (each section's answer and
   * the plan's verdict, clashes between them and combined load), shared with an advisor as any.
   */
  const savePlan =
    (sectionIds: readonly string[]): SaveReportFn =>
    (title, includeTitles, learnerName) => {
      const form = formFor(whatIf, { title, ...(includeTitles ? { includeTitles: "true" } : {}), ...(learnerName?.trim() ? { learnerName: learnerName.trim() } : {}) });
      for (const field of ["course", "section", "together"]) form.delete(field);
      for (const id of sectionIds) form.append("section", id);
      form.append("together", "true");
      return saveReport(form);
    };

  return { plan, planStatus: status, planError: error, planRef, runPlan, planCourses: planned, savePlan };
}
