/** /check: bring calendars, choose sections or whole courses, preferences → which formats fit. */
import type { Metadata } from "next";
import { scheduleText, sectionZoneLabel } from "@/lib/catalog/describe";
import { DEFAULT_FIT_PREFERENCES } from "@/lib/fit";
import { serverCatalog } from "@/app/server";
import { connectingAvailable, currentSession } from "@/app/auth";
import { providerSetups } from "@/lib/connections/setup";
import { requestedZone } from "@/app/zones";
import { CheckApp } from "./CheckApp";
import type { CourseOption } from "./types";

export const metadata: Metadata = { title: "Check my calendar — FormatFit" };
export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CheckPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const list = (k: string) => (Array.isArray(params[k]) ? (params[k] as string[]) : params[k] ? [params[k] as string] : []).flatMap((v) => v.split(","));
  const catalog = serverCatalog();
  const courses: CourseOption[] = catalog.courses.map((c) => ({
    id: c.id,
    title: c.title,
    sections: c.sections.map((s) => ({
      id: s.id,
      format: s.format,
      schedule: `${scheduleText(s, s.timeZone)}${s.meetings && s.meetings.length > 0 ? ` ${sectionZoneLabel(s)}` : ""}`,
    })),
  }));
  const setups = providerSetups(process.env);
  const canConnect = connectingAvailable();
  const connect = { google: canConnect && setups.google !== undefined, microsoft: canConnect && setups.microsoft !== undefined, signedIn: Boolean((await currentSession())?.userId) };
  const known = new Set(courses.map((c) => c.id));
  const knownSections = new Set(courses.flatMap((c) => c.sections.map((s) => s.id)));
  const { zone } = await requestedZone(params.tz);
  return (
    <>
      <h1>Which format fits my week?</h1>
      <p className="lead">
        Add your calendars, choose the courses whose formats you want to compare (or single sections), and check. Every recurring event is expanded
        over the term, in your time zone, across daylight-saving changes.
      </p>
      <p className="note" id="privacy">
        Your calendars are processed in memory for each check and are not stored: nothing is kept after the answer is sent. Event titles appear only here, on
        your own screen.
      </p>
      <CheckApp
        courses={courses}
        initialCourses={list("course").filter((c) => known.has(c))}
        initialSections={list("section").filter((s) => knownSections.has(s))}
        connect={connect}
        initialZone={zone}
        defaults={{
          studyStart: DEFAULT_FIT_PREFERENCES.studyWindows[0]?.start ?? "07:00",
          studyEnd: DEFAULT_FIT_PREFERENCES.studyWindows[0]?.end ?? "22:00",
          minBlockMinutes: DEFAULT_FIT_PREFERENCES.minBlockMinutes,
          dailyCapHours: DEFAULT_FIT_PREFERENCES.dailyCapHours,
          studyBufferMinutes: DEFAULT_FIT_PREFERENCES.studyBufferMinutes,
          sleepHours: DEFAULT_FIT_PREFERENCES.sleepHours,
        }}
      />
    </>
  );
}
