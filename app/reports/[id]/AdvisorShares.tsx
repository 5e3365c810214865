"use client";
/** Share the report with an advisor by email, and stop sharing. */
import { useState } from "react";
import { sendOrThrow, type Act } from "./api";

interface Props {
  base: string;
  advisors: { email: string; createdAt: number }[];
  act: Act;
  onStatus: (status: string) => void;
}

export function AdvisorShares(props: Props) {
  const [advisors, setAdvisors] = useState(props.advisors);
  const [email, setEmail] = useState("");
  return (
    <>
      <h3>Share with an advisor</h3>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void props.act(async () => {
            await sendOrThrow(`${props.base}/advisors`, "POST", "Could not share.", { email });
            const address = email.trim().toLowerCase();
            setAdvisors([...advisors.filter((a) => a.email !== address), { email: address, createdAt: Date.now() }]);
            setEmail("");
            props.onStatus("Shared: the advisor sees it on their advisor page after signing in.");
          });
        }}
      >
        <div className="field">
          <label htmlFor="a-email">Advisor&apos;s email</label>
          <input id="a-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit">Share with advisor</button>
      </form>
      {advisors.length > 0 && (
        <ul>
          {advisors.map((a) => (
            <li key={a.email}>
              {a.email}{" "}
              <button
                type="button"
                className="small"
                onClick={() =>
                  void props.act(async () => {
                    await sendOrThrow(`${props.base}/advisors`, "DELETE", "Could not stop sharing.", { email: a.email });
                    setAdvisors(advisors.filter((x) => x.email !== a.email));
                  })
                }
              >
                Stop sharing
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
