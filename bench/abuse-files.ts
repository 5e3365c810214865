/** The hostile calendars of issues 12 and 13 that `npm run bench:abuse` sends (bench/abuse.ts). */
function vcalendar(events: string[]): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FormatFit bench//abuse//EN", ...events, "END:VCALENDAR", ""].join("\r\n");
}

function vevent(i: number, lines: string[]): string {
  return ["BEGIN:VEVENT", `UID:abuse-${i}@formatfit.bench`, "DTSTAMP:20261201T000000Z", ...lines, `SUMMARY:Event ${i}`, "END:VEVENT"].join("\r\n");
}

/** The hostile files of issues 12 and 13, each as the check page would post it. */
export function hostileFiles(): { name: string; body: string | Buffer }[] {
  const minutely = vcalendar(Array.from({ length: 160 }, (_, i) => vevent(i, [`DTSTART:20270104T${String(i % 24).padStart(2, "0")}0000Z`, "DURATION:PT1M", "RRULE:FREQ=MINUTELY"])));
  const secondly = vcalendar(Array.from({ length: 10 }, (_, i) => vevent(i, ["DTSTART:20270104T090000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY"])));
  const hourly = vcalendar(Array.from({ length: 4_000 }, (_, i) => vevent(i, [`DTSTART:20270104T${String(i % 24).padStart(2, "0")}0000Z`, "DURATION:PT30M", "RRULE:FREQ=HOURLY;COUNT=5000"])));
  const depth = 45_000;
  const nested = vcalendar(["BEGIN:X-A".concat("\r\nBEGIN:X-A".repeat(depth - 1)), "END:X-A".repeat(1).concat("\r\nEND:X-A".repeat(depth - 1)), vevent(0, ["DTSTART:20270111T150000Z", "DTEND:20270111T160000Z"])]);
  const huge = vcalendar(Array.from({ length: 14_000 }, (_, i) => vevent(i, [`DTSTART:20270111T${String(i % 24).padStart(2, "0")}0000Z`, "DURATION:PT1H", `DESCRIPTION:${"x".repeat(600)}`])));
  return [
    { name: "minutely-160.ics", body: minutely },
    { name: "secondly-10.ics", body: secondly },
    { name: "hourly-4000x5000.ics", body: hourly },
    { name: "nested-45000.ics", body: nested },
    { name: "huge-10mb.ics", body: huge },
  ];
}

