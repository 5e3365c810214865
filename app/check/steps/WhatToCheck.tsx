"use client";
/**
 * Step 2, what to check: whole courses (every format, to compare them) or single sections, found
 * by a text filter over course ids, titles and section ids; what is chosen shows as chips above
 * the list, each a button that removes it; and whether to judge the chosen sections together as
 * one term's plan. The list is one Tab stop (the arrow keys move inside it), so a keyboard user
 * goes from the filter past every course in one press.
 */
import { useEffect, useRef, useState, type RefObject } from "react";
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

type Rove = (key: string) => { "data-rove": string; tabIndex: number; onFocus: () => void };

/** What is chosen, as chips that each remove their course or section. */
function ChosenChips({ uid, chips, listRef, onRemove }: { uid: string; chips: Chip[]; listRef: RefObject<HTMLUListElement | null>; onRemove: (index: number, chip: Chip) => void }) {
  return (
    <div className="chosen">
      <span id={`${uid}-chosen`} className="chosen-label">
        Chosen:
      </span>{" "}
      {chips.length === 0 ? (
        <span className="muted">nothing yet.</span>
      ) : (
        <ul ref={listRef} className="chips" aria-labelledby={`${uid}-chosen`}>
          {chips.map((chip, i) => (
            <li key={chip.id}>
              <button type="button" className="chip" aria-label={`Remove ${chip.id}`} title={`${chip.id} ${chip.title}`} onClick={() => onRemove(i, chip)}>
                {chip.id} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface CoursePickProps {
  uid: string;
  course: CourseOption;
  /** Its sections are shown. */
  open: boolean;
  /** The whole course is chosen (its section boxes are ticked and locked). */
  whole: boolean;
  chosenSections: Set<string>;
  onCourse: () => void;
  onToggleOpen: () => void;
  onSection: (sectionId: string) => void;
  rove: Rove;
}

/** One course in the list: its box, the "Sections" disclosure, and its sections' boxes. */
function CoursePick({ uid, course: c, open, whole, chosenSections, onCourse, onToggleOpen, onSection, rove }: CoursePickProps) {
  return (
    <div className="course-pick">
      <div className="course-row">
        <input type="checkbox" id={`${uid}-c-${c.id}`} checked={whole} onChange={onCourse} {...rove(`c:${c.id}`)} />
        <label htmlFor={`${uid}-c-${c.id}`}>
          {c.id} {c.title} <span className="muted">({c.sections.map((s) => s.format).join(", ")})</span>
        </label>
        <button type="button" className="small disclosure" aria-expanded={open} aria-controls={`${uid}-sec-${c.id}`} aria-label={`Sections of ${c.id}`} onClick={onToggleOpen} {...rove(`x:${c.id}`)}>
          Sections
        </button>
      </div>
      <ul id={`${uid}-sec-${c.id}`} hidden={!open}>
        {c.sections.map((s) => (
          <li key={s.id}>
            <input type="checkbox" id={`${uid}-s-${s.id}`} checked={whole || chosenSections.has(s.id)} disabled={whole} onChange={() => onSection(s.id)} {...rove(`s:${s.id}`)} />
            <label htmlFor={`${uid}-s-${s.id}`}>
              {s.id} <span className={`badge ${s.format}`}>{s.format}</span> {s.schedule}
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The text filter over the course list, with its count for screen readers. */
function CourseSearch({ uid, query, setQuery, status, inputRef, onFirst }: { uid: string; query: string; setQuery: (q: string) => void; status: string; inputRef: RefObject<HTMLInputElement | null>; onFirst: () => void }) {
  return (
    <div className="field course-search">
      <label htmlFor={`${uid}-find`}>Find a course (code, title or section)</label>
      <input
        ref={inputRef}
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
            onFirst();
          }
        }}
      />
      <p id={`${uid}-count`} role="status" aria-live="polite" className="small muted count">
        {status}
      </p>
      <p id={`${uid}-keys`} className="small muted">
        In the list, the arrow keys move from course to course and Space chooses; Tab leaves the list.
      </p>
    </div>
  );
}

/** "Choose every course", "Clear", and (with two or more chosen) "judge them together". */
function ChoiceActions({ uid, choice, courses, chosenCount, onCleared }: { uid: string; choice: Choice; courses: CourseOption[]; chosenCount: number; onCleared: () => void }) {
  return (
    <>
      <div className="actions">
        <button
          type="button"
          className="small"
          onClick={() => {
            choice.setCourses(new Set(courses.map((c) => c.id)));
            choice.setSections(new Set());
          }}
        >
          Choose every course
        </button>
        {chosenCount > 0 && (
          <button
            type="button"
            className="small"
            onClick={() => {
              choice.setCourses(new Set());
              choice.setSections(new Set());
              onCleared();
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
    </>
  );
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
  const rove: Rove = (key) => ({ "data-rove": key, tabIndex: roving.tabIndexOf(key), onFocus: () => roving.focused(key) });

  // Whole courses first, then single sections (of courses not chosen whole), in catalog order.
  const chips: Chip[] = [
    ...courses.filter((c) => chosenCourses.has(c.id)).map((c): Chip => ({ kind: "course", id: c.id, title: c.title })),
    ...courses.filter((c) => !chosenCourses.has(c.id)).flatMap((c) => c.sections.filter((s) => chosenSections.has(s.id)).map((s): Chip => ({ kind: "section", id: s.id, title: `${c.title}, ${s.format}` }))),
  ];

  const [focusChip, setFocusChip] = useState<number | null>(null);
  /** Removes a chip and keeps focus in the chips (the next one, else the one before), or on the filter when none is left. */
  const removeChip = (index: number, chip: Chip) => {
    if (chip.kind === "course") setCourses(without(chosenCourses, chip.id));
    else setSections(without(chosenSections, chip.id));
    setFocusChip(index);
  };
  // Focus moves once React has drawn the chips without the removed one (an effect runs after the
  // commit; a frame callback could run before it on a slow machine and focus the chip being removed).
  useEffect(() => {
    if (focusChip === null) return;
    const buttons = chipsRef.current?.querySelectorAll<HTMLButtonElement>("button.chip") ?? [];
    const next = buttons[Math.min(focusChip, buttons.length - 1)];
    (next ?? searchRef.current)?.focus();
    setFocusChip(null);
  }, [focusChip]);

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

      <ChosenChips uid={uid} chips={chips} listRef={chipsRef} onRemove={removeChip} />

      <CourseSearch uid={uid} query={query} setQuery={setQuery} status={filterStatus(shown.length, courses.length, query)} inputRef={searchRef} onFirst={roving.focusFirst} />

      <div id={`${uid}-list`} ref={roving.ref} className="course-picks" role="group" aria-label="Courses" onKeyDown={roving.onKeyDown}>
        {shown.map(({ course: c, sectionMatch }) => (
          <CoursePick
            key={c.id}
            uid={uid}
            course={c}
            open={isOpen(c, sectionMatch)}
            whole={chosenCourses.has(c.id)}
            chosenSections={chosenSections}
            onCourse={() => chooseCourse(c)}
            onToggleOpen={() => setOpened(toggled(opened, c.id))}
            onSection={(id) => setSections(toggled(chosenSections, id))}
            rove={rove}
          />
        ))}
      </div>

      <ChoiceActions uid={uid} choice={choice} courses={courses} chosenCount={chosenCount} onCleared={() => searchRef.current?.focus()} />
    </fieldset>
  );
}
