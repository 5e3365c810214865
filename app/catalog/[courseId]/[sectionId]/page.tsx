/** /catalog/{course}/{section}: every session and deadline in the viewer's zone, the section's zone beside it. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deadlineRows, scheduleText, sessionRows, sectionZoneLabel } from "@/lib/catalog/describe";
import { findSection } from "@/lib/catalog";
import { serverCatalog } from "@/app/server";
import { requestedZone } from "@/app/zones";
import { DetectZone } from "@/app/components/DetectZone";
import { SectionLinks } from "@/app/components/SectionLinks";
import { ZoneSelect } from "@/app/components/ZoneSelect";
import { RECORDING_TEXT } from "@/app/catalog/text";

export const dynamic = "force-dynamic";

type Params = Promise<{ courseId: string; sectionId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { sectionId } = await params;
  const found = findSection(serverCatalog(), sectionId);
  return { title: found ? `${found.section.id} ${found.course.title} — FormatFit` : "Section not found — FormatFit" };
}

export default async function SectionPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { courseId, sectionId } = await params;
  const search = await searchParams;
  const found = findSection(serverCatalog(), sectionId);
  if (!found || found.course.id !== courseId) notFound();
  const { course, section } = found;
  const { zone: tz, explicit } = await requestedZone(search.tz);
  const viewerZone = tz ?? section.timeZone;
  const sessions = sessionRows(section, viewerZone);
  const deadlines = deadlineRows(section, viewerZone);
  const sameZone = viewerZone === section.timeZone;
  return (
    <>
      <DetectZone {...(explicit ? {} : { renderedZone: viewerZone })} />
      <p>
        <a href={`/catalog/${encodeURIComponent(course.id)}?tz=${encodeURIComponent(viewerZone)}`}>
          {course.id} {course.title}
        </a>
      </p>
      <h1>
        {section.id}: {course.title}
      </h1>
      <p className="lead">
        <span className={`badge ${section.format}`}>{section.format}</span> {scheduleText(section, viewerZone)}
      </p>
      <p>
        Times in <strong data-zone={viewerZone}>{viewerZone.replace(/_/g, " ")}</strong>
        {tz ? "" : " (the section's zone: yours is applied when JavaScript runs)"}.
      </p>
      <ul>
        <li>
          {section.startDate} to {section.endDate}; the section runs in {section.timeZone.replace(/_/g, " ")} ({sectionZoneLabel(section)}).
        </li>
        {"recordings" in section && section.recordings && <li>{RECORDING_TEXT[section.recordings]}.</li>}
        {section.hoursPerWeek !== undefined && <li>About {section.hoursPerWeek} hours of work a week.</li>}
        {section.skipDates && section.skipDates.length > 0 && <li>No sessions on {section.skipDates.join(", ")} (section dates).</li>}
        {"instructor" in section && typeof section.instructor === "string" && <li>Instructor: {section.instructor}</li>}
        {"notes" in section && typeof section.notes === "string" && <li>{section.notes}</li>}
      </ul>
      <SectionLinks courseId={course.id} sectionId={section.id} />
      <form className="filters" method="get" aria-label="Time zone">
        <ZoneSelect id="s-tz" name="tz" value={viewerZone} label="Show times in" />
        <button type="submit">Show</button>
      </form>
      <p className="actions">
        <a className="button primary" href={`/check?section=${encodeURIComponent(section.id)}`}>
          Does this section fit my week?
        </a>
      </p>
      {sessions.length > 0 && (
        <>
          <h2>Live sessions ({sessions.length})</h2>
          <div className="table-scroll" role="region" aria-label="Live sessions" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Your time ({viewerZone.replace(/_/g, " ")})</th>
                  {!sameZone && <th scope="col">Section time</th>}
                  <th scope="col">Session</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.start}>
                    <td>{s.viewer}</td>
                    {!sameZone && <td>{s.section}</td>}
                    <td>{s.title ?? (s.extra ? "Extra session" : "Class")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {deadlines.length > 0 && (
        <>
          <h2>Deadlines ({deadlines.length})</h2>
          <div className="table-scroll" role="region" aria-label="Deadlines" tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Due, your time</th>
                  {!sameZone && <th scope="col">Section time</th>}
                  <th scope="col">What</th>
                  <th scope="col">Hours</th>
                </tr>
              </thead>
              <tbody>
                {deadlines.map((d) => (
                  <tr key={`${d.at}-${d.title}`}>
                    <td>{d.viewer}</td>
                    {!sameZone && <td>{d.section}</td>}
                    <td>{d.title}</td>
                    <td>{d.hours}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
