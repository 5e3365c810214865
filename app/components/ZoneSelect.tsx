/** A labelled time-zone picker (server-rendered; part of a GET form). */
import { zoneNames } from "@/app/zones";

export function ZoneSelect({ id, name, value, label }: { id: string; name: string; value: string; label: string }) {
  const zones = zoneNames();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {/* Keyed by the value: a page refreshed in another zone (DetectZone) mounts the picker anew, showing it. */}
      <select key={value} id={id} name={name} defaultValue={value}>
        {!zones.includes(value) && <option value={value}>{value}</option>}
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, " ")}
          </option>
        ))}
      </select>
    </div>
  );
}
