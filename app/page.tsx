/**
 * What the three formats mean for a working adult, and the way into a check. Static content.
 */
const rows: { aspect: string; sync: string; async: string; hybrid: string }[] = [
  { aspect: "Set meeting times", sync: "Yes: live online sessions on fixed days and times, all term.", async: "None. You choose when to study.", hybrid: "Some: live sessions on a lighter schedule, plus work on your own." },
  { aspect: "Flexibility", sync: "Lowest: your week must keep those hours free.", async: "Highest, within weekly deadlines.", hybrid: "In between." },
  { aspect: "Interaction", sync: "Real-time discussion with instructor and classmates.", async: "Discussion boards and feedback, not in real time.", hybrid: "Both." },
  { aspect: "Weekly pace", sync: "Set by the sessions.", async: "Set by deadlines (often Sunday night); you need enough free hours before each one.", hybrid: "Sessions plus deadlines." },
  { aspect: "If you miss a session", sync: "Watch the recording if the section records sessions; otherwise that session is lost.", async: "Nothing to miss, but a late assignment is late.", hybrid: "As for synchronous, for the live part." },
  { aspect: "Suits", sync: "A predictable week and a wish for live contact.", async: "Shift work, travel, caregiving: an unpredictable week.", hybrid: "A mostly predictable week and some live contact." },
];

export default function Home() {
  return (
    <>
      <h1>Which course format fits your week?</h1>
      <p className="lead">
        Courses here come in three formats. FormatFit checks your real calendar — every recurring meeting, in your own time
        zone, across daylight-saving changes — against each section&apos;s live sessions and weekly deadlines.
      </p>
      <div className="formats">
        <section aria-labelledby="f-sync">
          <h2 id="f-sync">Synchronous</h2>
          <p>Live online sessions at set days and times. You attend together, in real time.</p>
        </section>
        <section aria-labelledby="f-async">
          <h2 id="f-async">Asynchronous</h2>
          <p>No meeting times. A weekly structure with deadlines; you fit the study hours in where you can.</p>
        </section>
        <section aria-labelledby="f-hybrid">
          <h2 id="f-hybrid">Hybrid</h2>
          <p>Some live sessions and some self-paced work with deadlines.</p>
        </section>
      </div>
      <div className="table-scroll" role="region" aria-label="The formats side by side" tabIndex={0}>
      <table className="compare">
        <caption>The formats side by side</caption>
        <thead>
          <tr>
            <th scope="col">What matters</th>
            <th scope="col">Synchronous</th>
            <th scope="col">Asynchronous</th>
            <th scope="col">Hybrid</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.aspect}>
              <th scope="row">{r.aspect}</th>
              <td>{r.sync}</td>
              <td>{r.async}</td>
              <td>{r.hybrid}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <h2>Check your calendar</h2>
      <p>
        Bring your real calendar — an <code>.ics</code> file exported from Google Calendar, Outlook or Apple Calendar, or a
        calendar&apos;s subscription address — and FormatFit checks every recurring event against the sections you are
        considering: which live sessions clash, and whether your free hours cover each week&apos;s deadlines. Your calendar is
        processed in memory for that one check and is not stored.
      </p>
      <p className="actions">
        <a className="button primary" href="/check">Check my calendar</a>
        <a className="button" href="/catalog">Browse courses and sections</a>
      </p>
    </>
  );
}
