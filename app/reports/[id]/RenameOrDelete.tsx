"use client";
/** Rename the report, or delete it with its links. */
import { useState } from "react";
import { sendOrThrow, type Act } from "./api";

export function RenameOrDelete(props: { base: string; title: string; act: Act; onRenamed: (title: string) => void }) {
  const [title, setTitle] = useState(props.title);
  return (
    <details>
      <summary>Rename or delete</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void props.act(async () => {
            await sendOrThrow(props.base, "PATCH", "Could not rename.", { title });
            props.onRenamed(title);
          });
        }}
      >
        <div className="field">
          <label htmlFor="r-title">Title</label>
          <input id="r-title" type="text" value={title} maxLength={10000} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit">Rename</button>
          <button
            type="button"
            onClick={() =>
              void props.act(async () => {
                if (!window.confirm("Delete this report, its share links and their view log? This cannot be undone.")) return;
                await sendOrThrow(props.base, "DELETE", "Could not delete.");
                window.location.assign("/reports");
              })
            }
          >
            Delete report
          </button>
        </div>
      </form>
    </details>
  );
}
