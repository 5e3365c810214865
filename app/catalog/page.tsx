/** /catalog: every course and section, filtered by format, weekday and time of day (viewer's zone). */
import type { Metadata } from "next";
import { filterCatalog, scheduleText, WEEKDAY_NAMES, type TimeOfDay } from "@/lib/catalog/describe";
import type { SectionFormat } from "@/lib/catalog";
import { serverCatalog } from "@/app/server";
import { requestedZone } from "@/app/zones";
import { DetectZone } from "@/app/components/DetectZone";
import { ZoneSelect } from "@/app/components/ZoneSelect";
import { SectionLinks } from "@/app/components/SectionLinks";
import { FitFirst, SectionVerdict } from "./FitFirst";
import { plural } from "@/lib/words";

export const metadata: Metadata = { title: "Courses and sections — FormatFit" };
export const dynamic = "force-dynamic";

const FORMATS: SectionFormat[] = ["synchronous", "asynchronous", "hybrid"];
const TIMES: { value: TimeOfDay; label: string }[] = [
  { value: "morning", label: "Morning (before 11:00)" },
  { value: "lunchtime", label: "Lunchtime (11:00–14:00)" },
  { value: "afternoon", label: "Afternoon (14:00–17:00)" },
  { value: "evening", label: "Evening (from 17:00)" },
];

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const catalog = serverCatalog();
  const { zone: tz, explicit } = await requestedZone(params.tz);
  const viewerZone = tz ?? "America/New_York";
  const one = (k: string) => (Array.isArray(params[k]) ? params[k]?.[0] : params[k]) || undefined;
  const format = FORMATS.find((f) => f === one("format"));
  const weekdayText = one("weekday");
  const weekday = weekdayText !== undefined && /^[0-6]$/.test(weekdayText) ? Number(weekdayText) : undefined;
  const timeOfDay = TIMES.find((t) => t.value === one("time"))?.value;
  const courses = filterCatalog(catalog, { format, weekday, timeOfDay, viewerZone });
  const sectionCount = courses.reduce((n, c) => n + c.sections.length, 0);
  return (
    <>
      <DetectZone {...(explicit ? {} : { renderedZone: viewerZone })} />
      <h1>Courses and sections{catalog.term ? `, ${catalog.term}` : ""}</h1>
      <p className="lead">
        {catalog.institution}. Every course lists its sections by format; times are shown in <strong data-zone={viewerZone}>{viewerZone.replace(/_/g, " ")}</strong>
        {tz ? "" : " (your browser's zone is applied when JavaScript runs; pick yours below)"}.
      </p>
      <form className="filters" method="get" action="/catalog" aria-label="Filter sections">
        <div className="field">
          <label htmlFor="f-format">Format</label>
          <select id="f-format" name="format" defaultValue={format ?? ""}>
            <option value="">Any format</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {f[0]?.toUpperCase()}
                {f.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-weekday">Meets on</label>
          <select id="f-weekday" name="weekday" defaultValue={weekday === undefined ? "" : String(weekday)}>
            <option value="">Any day</option>
            {WEEKDAY_NAMES.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-time">Time of day</label>
          <select id="f-time" name="time" defaultValue={timeOfDay ?? ""}>
            <option value="">Any time</option>
            {TIMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <ZoneSelect id="f-tz" name="tz" value={viewerZone} label="Your time zone" />
        <button type="submit" className="primary">
          Show sections
        </button>
      </form>
      <p role="status">
        {plural(sectionCount, "section")} in {plural(courses.length, "course")}
        {weekday !== undefined || timeOfDay ? ". Asynchronous sections have no set times, so day and time filters keep them." : "."}
      </p>
      <FitFirst timeZone={viewerZone} sectionIds={courses.flatMap((c) => c.sections.map((s) => s.id))}>
      {courses.map(({ course, sections }) => (
        <article className="course" key={course.id} aria-labelledby={`c-${course.id}`}>
          <h2 id={`c-${course.id}`}>
            <a href={`/catalog/${encodeURIComponent(course.id)}?tz=${encodeURIComponent(viewerZone)}`}>
              {course.id} {course.title}
            </a>
          </h2>
          <p className="muted">{course.summary}</p>
          <ul className="section-list">
            {sections.map((s) => (
              <li key={s.id}>
                <span className={`badge ${s.format}`}>{s.format}</span> <strong>{s.id}</strong>
                <span className="fit-chip">
                  <SectionVerdict sectionId={s.id} />
                </span>
                <div>{scheduleText(s, viewerZone)}</div>
                <div className="muted">
                  {s.startDate} to {s.endDate}
                </div>
                <SectionLinks courseId={course.id} sectionId={s.id} zone={viewerZone} />
              </li>
            ))}
          </ul>
        </article>
      ))}
      </FitFirst>
    </>
  );
}
