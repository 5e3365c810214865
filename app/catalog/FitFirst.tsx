"use client";
/**
 * Fit-first browsing (issue 16): the learner loads a calendar (an .ics file or its address) once,
 * FormatFit checks every section of the catalog against it (POST /api/check), and each section in
 * the list is marked fits / trade-offs / does not fit, with a filter for the ones that fit. The
 * answer (verdicts only, never the calendar) is kept in this browser tab's session storage, so it
 * survives moving between catalog pages and filters, and goes when the tab closes.
 */
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from "react";
import { errorText, post } from "@/app/check/request";
import { plural } from "@/lib/words";
import { VERDICT_LABEL } from "@/lib/fit/labels";

type Verdict = "fits" | "fits-with-tradeoffs" | "does-not-fit";

/** What the session keeps: each section's verdict and first reason, and what was checked. */
interface FitAnswer {
  verdicts: Record<string, { verdict: Verdict; reason: string }>;
  calendars: string[];
  timeZone: string;
  checkedAt: number;
}

const STORAGE_KEY = "formatfit.catalogFit";
const VERDICT_TEXT = VERDICT_LABEL;

const FitContext = createContext<FitAnswer | null>(null);

function readStored(): FitAnswer | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as FitAnswer) : null;
  } catch {
    return null;
  }
}

/** The verdict chip of one section, once a calendar has been checked (nothing before). */
export function SectionVerdict({ sectionId }: { sectionId: string }) {
  const answer = useContext(FitContext);
  const v = answer?.verdicts[sectionId];
  if (!v) return null;
  return (
    <span className={`verdict ${v.verdict}`} title={v.reason} data-verdict={v.verdict}>
      {VERDICT_TEXT[v.verdict]}
      <span className="sr-only"> for your week: {v.reason}</span>
    </span>
  );
}

interface Props {
  /** The zone the page shows times in (the check reads the calendar in it). */
  timeZone: string;
  /** Sections the page lists, for the counts. */
  sectionIds: readonly string[];
  children: ReactNode;
}

/** The form, the filter and the list: `children` is the server-rendered list of courses. */
export function FitFirst({ timeZone, sectionIds, children }: Props) {
  const uid = useId();
  const [answer, setAnswer] = useState<FitAnswer | null>(null);
  const [onlyFitting, setOnlyFitting] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [url, setUrl] = useState("");
  const [status, setStatus] = useState<"idle" | "checking">("idle");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setAnswer(readStored()), []);

  async function check(): Promise<void> {
    if (files.length === 0 && url.trim() === "") {
      setError("Pick an .ics file or paste a calendar's address first.");
      return;
    }
    setStatus("checking");
    setError(null);
    const form = new FormData();
    for (const f of files) form.append("calendar", f, f.name);
    if (url.trim() !== "") form.append("url", url.trim());
    form.append("preferences", JSON.stringify({ timeZone }));
    try {
      const { status: code, json } = await post("/api/check", form);
      if (code !== 200) throw new Error(errorText(code, json));
      const body = json as { sections: { sectionId: string; verdict: Verdict; reasons: string[] }[] };
      const next: FitAnswer = {
        verdicts: Object.fromEntries(body.sections.map((s) => [s.sectionId, { verdict: s.verdict, reason: s.reasons[0] ?? "" }])),
        calendars: [...files.map((f) => f.name), ...(url.trim() ? [url.trim()] : [])],
        timeZone,
        checkedAt: Date.now(),
      };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      setAnswer(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStatus("idle");
    }
  }

  function forget(): void {
    sessionStorage.removeItem(STORAGE_KEY);
    setAnswer(null);
    setOnlyFitting(false);
  }

  const listed = answer ? sectionIds.filter((id) => answer.verdicts[id]) : [];
  const fitting = listed.filter((id) => answer?.verdicts[id]?.verdict !== "does-not-fit");
  return (
    <FitContext.Provider value={answer}>
      <section className="fit-first" aria-labelledby={`${uid}-h`}>
        <h2 id={`${uid}-h`}>Which sections fit my week?</h2>
        {answer ? (
          <>
            <p role="status">
              Checked against {answer.calendars.join(", ") || "your calendar"}: {plural(fitting.length, "section")} of {listed.length} listed here fit your week (
              {listed.filter((id) => answer.verdicts[id]?.verdict === "fits").length} without trade-offs). Kept in this browser tab only.
            </p>
            <div className="check-row">
              <input type="checkbox" id={`${uid}-only`} checked={onlyFitting} onChange={(e) => setOnlyFitting(e.target.checked)} />
              <label htmlFor={`${uid}-only`}>Show only sections that fit (with or without trade-offs)</label>
            </div>
            <p>
              <button type="button" className="small" onClick={forget}>
                Forget this calendar
              </button>{" "}
              <a href="/check">See why, section by section</a>
            </p>
          </>
        ) : (
          <>
            <p className="muted">Load your calendar once and every section below is marked fits, trade-offs or does not fit. Nothing is stored on the server.</p>
            <div className="grid2">
              <div className="field">
                <label htmlFor={`${uid}-file`}>Your calendar (.ics)</label>
                <input id={`${uid}-file`} type="file" accept=".ics,text/calendar" multiple onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
              </div>
              <div className="field">
                <label htmlFor={`${uid}-url`}>…or its .ics address</label>
                <input id={`${uid}-url`} type="url" inputMode="url" placeholder="https://…/basic.ics" value={url} onChange={(e) => setUrl(e.target.value)} />
              </div>
            </div>
            <button type="button" className="primary" onClick={() => void check()} disabled={status === "checking"}>
              {status === "checking" ? "Checking every section…" : "Check every section against my calendar"}
            </button>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <div className={onlyFitting ? "fit-list only-fitting" : "fit-list"}>{children}</div>
    </FitContext.Provider>
  );
}
