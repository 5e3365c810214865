"use client";
/** The name the learner shows advisors and link holders with this report: set, change or remove. */
import { useState } from "react";
import { MAX_LEARNER_NAME } from "@/lib/reports/limits";
import { sendOrThrow, type Act } from "./api";

export function LearnerName(props: { base: string; name: string | undefined; act: Act; onStatus: (status: string) => void }) {
  const [saved, setSaved] = useState(props.name ?? "");
  const [name, setName] = useState(props.name ?? "");
  return (
    <form
      className="learner-name"
      onSubmit={(e) => {
        e.preventDefault();
        void props.act(async () => {
          const next = name.trim().replace(/\s+/g, " ");
          await sendOrThrow(props.base, "PATCH", "Could not save the name.", { learnerName: next === "" ? null : next });
          setSaved(next);
          setName(next);
          props.onStatus(next === "" ? "Name removed: advisors and link holders see no name." : `Advisors and link holders now see “${next}”.`);
        });
      }}
    >
      <div className="inline">
        <div className="field">
          <label htmlFor="r-name">Your name for the advisor (optional)</label>
          <input id="r-name" type="text" autoComplete="name" maxLength={MAX_LEARNER_NAME} value={name} onChange={(e) => setName(e.target.value)} aria-describedby="r-name-help" />
        </div>
        <button type="submit">Save name</button>
      </div>
      <p id="r-name-help" className="small muted">
        {saved === "" ? "No name is shown with this report." : `Shown as “${saved}” to advisors and anyone with a link.`}
      </p>
    </form>
  );
}
