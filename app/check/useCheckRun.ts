"use client";
/**
 * Running the check: the first run (with upload progress), what-if updates (a change after a result
 * sends the check again at once, with the same calendars), the answer or the error, focus on the
 * result when a first run answers, and the study plan and saving that start from the result.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { CheckResponse } from "@/lib/check/run";
import { downloadStudyPlan, errorText, post, saveReport } from "./request";
import type { CheckForm } from "./useCheckForm";
import type { CheckStatus, SaveReportFn, WhatIf } from "./types";

export function useCheckRun({ formFor, whatIf, missing }: Pick<CheckForm, "formFor" | "whatIf" | "missing">) {
  const [result, setResult] = useState<CheckResponse | null>(null);
  const [status, setStatus] = useState<CheckStatus>("idle");
  const [progress, setProgress] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  // After a new result, focus moves to it (once React has rendered it: an effect, not a frame).
  const [focusResults, setFocusResults] = useState(false);
  const resultsRef = useRef<HTMLDivElement>(null);
  const lastRun = useRef(0);

  const run = async (w: WhatIf, mode: "running" | "updating") => {
    const ticket = ++lastRun.current;
    setStatus(mode);
    setError(null);
    setProgress(mode === "running" ? "Sending your calendars…" : "Updating the result…");
    try {
      const { status: code, json } = await post("/api/check", formFor(w), (sent, total) => {
        if (mode === "running") setProgress(total > 0 && sent < total ? `Sending your calendars… ${Math.round((sent / total) * 100)}%` : "Checking every session and deadline…");
      });
      if (ticket !== lastRun.current) return;
      if (code >= 400) {
        setError(errorText(code, json));
        setStatus("idle");
        return;
      }
      setResult(json as CheckResponse);
      setStatus("idle");
      setProgress("");
      if (mode === "running") setFocusResults(true);
    } catch (e) {
      if (ticket !== lastRun.current) return;
      setError((e as Error).message);
      setStatus("idle");
    }
  };

  useEffect(() => {
    if (!focusResults || !result) return;
    resultsRef.current?.focus();
    setFocusResults(false);
  }, [focusResults, result]);

  // What-if: a change after a result re-runs the check (debounced) with the same calendars.
  const firstWhatIf = useRef(true);
  useEffect(() => {
    if (firstWhatIf.current) {
      firstWhatIf.current = false;
      return;
    }
    if (!result) return;
    const t = setTimeout(() => void run(whatIf, "updating"), 350);
    return () => clearTimeout(t);
  }, [whatIf]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = missing();
    if (problem) setError(problem);
    else void run(whatIf, "running");
  };

  const save: SaveReportFn = (title, includeTitles, learnerName) =>
    saveReport(formFor(whatIf, { title, ...(includeTitles ? { includeTitles: "true" } : {}), ...(learnerName?.trim() ? { learnerName: learnerName.trim() } : {}) }));

  const downloadPlan = async (sectionId?: string) => {
    const extra: Record<string, string> = { output: "study-plan" };
    if (sectionId) extra.planSection = sectionId;
    const problem = await downloadStudyPlan(formFor(whatIf, extra), `study-plan${sectionId ? `-${sectionId}` : ""}.ics`);
    if (problem) setError(problem);
  };

  return { result, status, progress, error, resultsRef, submit, save, downloadPlan };
}
