/** /catalog/{course}: one course, its formats side by side, each section's schedule and links. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { scheduleText, sectionZoneLabel } from "@/lib/catalog/describe";
import { serverCatalog } from "@/app/server";
import { requestedZone } from "@/app/zones";
import { DetectZone } from "@/app/components/DetectZone";
import { SectionLinks } from "@/app/components/SectionLinks";
import { RECORDING_TEXT } from "@/app/catalog/text";

export const dynamic = "force-dynamic";

type Params = Promise<{ courseId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { courseId } = await params;
  const course = serverCatalog().courses.find((c) => c.id === courseId);
  return { title: course ? `${course.id} ${course.title} — FormatFit` : "Course not found — FormatFit" };
}

export default async function CoursePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { courseId } = await params;
  const search = await searchParams;
  const catalog = serverCatalog();
  const course = catalog.courses.find((c) => c.id === courseId);
  if (!course) notFound();
  const { zone: tz, explicit } = await requestedZone(search.tz);
  const viewerZone = tz ?? course.sections[0]?.timeZone ?? "UTC";
  return (
    <>
      <DetectZone {...(explicit ? {} : { renderedZone: viewerZone })} />
      <p>
        <a href={`/catalog?tz=${encodeURIComponent(viewerZone)}`}>All courses</a>
      </p>
      <h1>
        {course.id} {course.title}
      </h1>
      <p className="lead">{course.summary}</p>
      <p className="actions">
        <a className="button primary" href={`/check?course=${encodeURIComponent(course.id)}`}>
          Which of these formats fits my week?
        </a>
      </p>
      <p>
        Times in <strong data-zone={viewerZone}>{viewerZone.replace(/_/g, " ")}</strong>
        {tz ? "" : " (the section's zone: yours is applied when JavaScript runs)"}.
      </p>
      <div className="table-scroll" role="region" aria-label={`Sections of ${course.id}`} tabIndex={0}>
        <table className="data">
          <caption className="sr-only">Sections of {course.id} side by side</caption>
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Format</th>
              <th scope="col">When (your time)</th>
              <th scope="col">Weekly work</th>
              <th scope="col">Recordings</th>
              <th scope="col">Calendar</th>
            </tr>
          </thead>
          <tbody>
            {course.sections.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.id}</th>
                <td>
                  <span className={`badge ${s.format}`}>{s.format}</span>
                </td>
                <td>
                  {scheduleText(s, viewerZone)}
                  <div className="muted">
                    {s.startDate} to {s.endDate}; section zone {s.timeZone.replace(/_/g, " ")} ({sectionZoneLabel(s)})
                  </div>
                </td>
                <td>{s.hoursPerWeek !== undefined ? `about ${s.hoursPerWeek} h` : "—"}</td>
                <td>{"recordings" in s && s.recordings ? RECORDING_TEXT[s.recordings] : "No live sessions"}</td>
                <td>
                  <SectionLinks courseId={course.id} sectionId={s.id} zone={viewerZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
