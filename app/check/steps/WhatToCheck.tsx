"use client";
/**
 * Step 2, what to check: whole courses (every format, to compare them) or single sections, found
 * by a text filter over course ids, titles and section ids; what is chosen shows as chips above
 * the list, each a button that removes it; and whether to judge the chosen sections together as
 * one term's plan. The list is one Tab stop (the arrow keys move inside it), so a keyboard user
 * goes from the filter past every course in one press.
 */
import { useRef, useState } from "react";
import type { Choice } from "../useCheckForm";
import type { CourseOption } from "../types";
import { filterCourses, filterStatus } from "../courseFilter";
import { useRovingFocus } from "../useRovingFocus";

/** A copy of `set` with `id` added, or removed if it was there. */
function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** A copy of `set` without `id`. */
function without(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  next.delete(id);
  return next;
}

/** A chosen course or section, shown as a chip that removes it. */
interface Chip {
  kind: "course" | "section";
  id: string;
  title: string;
}

export function WhatToCheck({ uid, courses, choice }: { uid: string; courses: CourseOption[]; choice: Choice }) {
  const { courses: chosenCourses, sections: chosenSections, setCourses, setSections } = choice;
  const [query, setQuery] = useState("");
  // Courses whose sections the learner opened; a course with a chosen section starts open.
  const [opened, setOpened] = useState<Set<string>>(() => new Set(courses.filter((c) => c.sections.some((s) => chosenSections.has(s.id))).map((c) => c.id)));
  const searchRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);

  const shown = filterCourses(courses, query);
  const isOpen = (c: CourseOption, sectionMatch: boolean) => opened.has(c.id) || sectionMatch;
  // The list's controls in screen order, for the arrow keys: a locked (disabled) section box takes no focus.
  const keys = shown.flatMap(({ course: c, sectionMatch }) => [
    `c:${c.id}`,
    `x:${c.id}`,
    ...(isOpen(c, sectionMatch) && !chosenCourses.has(c.id) ? c.sections.map((s) => `s:${s.id}`) : []),
  ]);
  const roving = useRovingFocus(keys);
  const rove = (key: string) => ({ "data-rove": key, tabIndex: roving.tabIndexOf(key), onFocus: () => roving.focused(key) });

  // Whole courses first, then single sections (of courses not chosen whole), in catalog order.
  const chips: Chip[] = [
    ...courses.filter((c) => chosenCourses.has(c.id)).map((c): Chip => ({ kind: "course", id: c.id, title: c.title })),
    ...courses.filter((c) => !chosenCourses.has(c.id)).flatMap((c) => c.sections.filter((s) => chosenSections.has(s.id)).map((s): Chip => ({ kind: "section", id: s.id, title: `${c.title}, ${s.format}` }))),
  ];

  /** Removes a chip and keeps focus in the chips (the next one, else the one before), or on the filter when none is left. */
  const removeChip = (index: number, chip: Chip) => {
    if (chip.kind === "course") setCourses(without(chosenCourses, chip.id));
    else setSections(without(chosenSections, chip.id));
    requestAnimationFrame(() => {
      const buttons = chipsRef.current?.querySelectorAll<HTMLButtonElement>("button.chip") ?? [];
      const next = buttons[Math.min(index, buttons.length - 1)];
      (next ?? searchRef.current)?.focus();
    });
  };

  /** Ticks or unticks a whole course; ticking it drops its single sections (the course covers them). */
  const chooseCourse = (c: CourseOption) => {
    if (!chosenCourses.has(c.id) && c.sections.some((s) => chosenSections.has(s.id))) setSections(new Set([...chosenSections].filter((id) => !c.sections.some((s) => s.id === id))));
    setCourses(toggled(chosenCourses, c.id));
  };

  const chosenCount = chips.length;
  return (
    <fieldset className="step">
      <legend>2. What to check</legend>
      <p className="muted">Choose a course to compare all its formats, or open its sections to pick single ones.</p>

      <div className="chosen">
        <span id={`${uid}-chosen`} className="chosen-label">
          Chosen:
        </span>{" "}
        {chosenCount === 0 ? (
          <span className="muted">nothing yet.</span>
        ) : (
          <ul ref={chipsRef} className="chips" aria-labelledby={`${uid}-chosen`}>
            {chips.map((chip, i) => (
              <li key={chip.id}>
                <button type="button" className="chip" aria-label={`Remove ${chip.id}`} title={`${chip.id} ${chip.title}`} onClick={() => removeChip(i, chip)}>
                  {chip.id} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="field course-search">
        <label htmlFor={`${uid}-find`}>Find a course (code, title or section)</label>
        <input
          ref={searchRef}
          id={`${uid}-find`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. PM-101 or project"
          aria-controls={`${uid}-list`}
          aria-describedby={`${uid}-count ${uid}-keys`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter would submit the whole form; here it (like ArrowDown) goes to the first match.
            if (e.key === "Enter" || e.key === "ArrowDown") {
              e.preventDefault();
              roving.focusFirst();
            }
          }}
        />
        <p id={`${uid}-count`} role="status" aria-live="polite" className="small muted count">
          {filterStatus(shown.length, courses.length, query)}
        </p>
        <p id={`${uid}-keys`} className="small muted">
          In the list, the arrow keys move from course to course and Space chooses; Tab leaves the list.
        </p>
      </div>

      <div id={`${uid}-list`} ref={roving.ref} className="course-picks" role="group" aria-label="Courses" onKeyDown={roving.onKeyDown}>
        {shown.map(({ course: c, sectionMatch }) => {
          const open = isOpen(c, sectionMatch);
          const whole = chosenCourses.has(c.id);
          return (
            <div key={c.id} className="course-pick">
              <div className="course-row">
                <input type="checkbox" id={`${uid}-c-${c.id}`} checked={whole} onChange={() => chooseCourse(c)} {...rove(`c:${c.id}`)} />
                <label htmlFor={`${uid}-c-${c.id}`}>
                  {c.id} {c.title} <span className="muted">({c.sections.map((s) => s.format).join(", ")})</span>
                </label>
                <button
                  type="button"
                  className="small disclosure"
                  aria-expanded={open}
                  aria-controls={`${uid}-sec-${c.id}`}
                  aria-label={`Sections of ${c.id}`}
                  onClick={() => setOpened(toggled(opened, c.id))}
                  {...rove(`x:${c.id}`)}
                >
                  Sections
                </button>
              </div>
              <ul id={`${uid}-sec-${c.id}`} hidden={!open}>
                {c.sections.map((s) => (
                  <li key={s.id}>
                    <input
                      type="checkbox"
                      id={`${uid}-s-${s.id}`}
                      checked={whole || chosenSections.has(s.id)}
                      disabled={whole}
                      onChange={() => setSections(toggled(chosenSections, s.id))}
                      {...rove(`s:${s.id}`)}
                    />
                    <label htmlFor={`${uid}-s-${s.id}`}>
                      {s.id} <span className={`badge ${s.format}`}>{s.format}</span> {s.schedule}
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>

      <div className="actions">
        <button
          type="button"
          className="small"
          onClick={() => {
            setCourses(new Set(courses.map((c) => c.id)));
            setSections(new Set());
          }}
        >
          Choose every course
        </button>
        {chosenCount > 0 && (
          <button
            type="button"
            className="small"
            onClick={() => {
              setCourses(new Set());
              setSections(new Set());
              searchRef.current?.focus();
            }}
          >
            Clear
          </button>
        )}
      </div>
      {chosenCount > 1 && (
        <div className="check-row">
          <input type="checkbox" id={`${uid}-together`} checked={choice.together} onChange={(e) => choice.setTogether(e.target.checked)} />
          <label htmlFor={`${uid}-together`}>Also judge the chosen sections together, as one term&apos;s plan (clashes between them, combined weekly load)</label>
        </div>
      )}
    </fieldset>
  );
}
