"use client";
/**
 * Step 2, what to check: whole courses (every format, to compare them) or single sections, and
 * whether to judge the chosen sections together as one term's plan.
 */
import type { Choice } from "../useCheckForm";
import type { CourseOption } from "../types";

/** A copy of `set` with `id` added, or removed if it was there. */
function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

export function WhatToCheck({ uid, courses, choice }: { uid: string; courses: CourseOption[]; choice: Choice }) {
  const { courses: chosenCourses, sections: chosenSections, setCourses, setSections } = choice;
  return (
    <fieldset className="step">
      <legend>2. What to check</legend>
      <p className="muted">Choose a course to compare all its formats, or open a course to pick single sections.</p>
      <div className="course-picks">
        {courses.map((c) => (
          <div key={c.id} className="course-pick">
            <input type="checkbox" id={`${uid}-c-${c.id}`} checked={chosenCourses.has(c.id)} onChange={() => setCourses(toggled(chosenCourses, c.id))} />
            <label htmlFor={`${uid}-c-${c.id}`}>
              {c.id} {c.title} <span className="muted">({c.sections.map((s) => s.format).join(", ")})</span>
            </label>
            <details open={c.sections.some((s) => chosenSections.has(s.id))}>
              <summary>Sections of {c.id}</summary>
              <ul>
                {c.sections.map((s) => (
                  <li key={s.id}>
                    <input type="checkbox" id={`${uid}-s-${s.id}`} checked={chosenCourses.has(c.id) || chosenSections.has(s.id)} disabled={chosenCourses.has(c.id)} onChange={() => setSections(toggled(chosenSections, s.id))} />
                    <label htmlFor={`${uid}-s-${s.id}`}>
                      {s.id} <span className={`badge ${s.format}`}>{s.format}</span> {s.schedule}
                    </label>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="small" onClick={() => setCourses(new Set(courses.map((c) => c.id)))}>
          Choose every course
        </button>
        <button
          type="button"
          className="small"
          onClick={() => {
            setCourses(new Set());
            setSections(new Set());
          }}
        >
          Clear
        </button>
      </div>
      <div className="check-row">
        <input type="checkbox" id={`${uid}-together`} checked={choice.together} onChange={(e) => choice.setTogether(e.target.checked)} />
        <label htmlFor={`${uid}-together`}>Also judge the chosen sections together, as one term&apos;s plan (clashes between them, combined weekly load)</label>
      </div>
    </fieldset>
  );
}
