"use client";
/**
 * The learner's connected accounts: the sign-in form's CSRF token, the connections and their
 * calendars, which connections count for the check (reported through `onChange`), choosing the
 * calendars that count, and disconnecting.
 */
import { useCallback, useEffect, useState } from "react";
import { PROVIDER_NAME, type CalendarRow, type ConnectionRow } from "./types";

function disconnectedText(conn: ConnectionRow, revoked: boolean | undefined): string {
  const company = conn.provider === "google" ? "Google" : "Microsoft";
  return revoked
    ? `${PROVIDER_NAME[conn.provider]} disconnected: FormatFit deleted its stored access and ${company} revoked it.`
    : `${PROVIDER_NAME[conn.provider]} disconnected: FormatFit deleted its stored access. To withdraw it at ${company} too, remove FormatFit from your account's connected apps.`;
}

export function useConnections(signedIn: boolean, onChange: (connectionIds: string[]) => void) {
  const [csrf, setCsrf] = useState<string | null>(null);
  const [rows, setRows] = useState<ConnectionRow[] | null>(null);
  const [used, setUsed] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    void fetch("/api/auth/csrf")
      .then((r) => r.json() as Promise<{ csrfToken?: string }>)
      .then((j) => setCsrf(j.csrfToken ?? null))
      .catch(() => setCsrf(null));
  }, []);

  const load = useCallback(async () => {
    if (!signedIn) return;
    setLoading(true);
    try {
      const res = await fetch("/api/connections", { headers: { accept: "application/json" } });
      const json = (await res.json()) as { connections?: ConnectionRow[]; error?: { message?: string } };
      if (!res.ok) {
        setMessage(json.error?.message ?? `Could not list connected calendars (HTTP ${res.status}).`);
        return;
      }
      const list = json.connections ?? [];
      setRows(list);
      setUsed(new Set(list.filter((c) => c.status === "ok" && !c.error).map((c) => c.id)));
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [signedIn]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    onChange([...used]);
  }, [used, onChange]);

  /** Whether a connection counts for the check. */
  const use = (connectionId: string, on: boolean) => setUsed((u) => (on ? new Set([...u, connectionId]) : new Set([...u].filter((x) => x !== connectionId))));

  const pick = async (conn: ConnectionRow, calendarId: string, on: boolean) => {
    const before = conn.calendars;
    const next = before.map((c) => (c.id === calendarId ? { ...c, selected: on } : c));
    const setCalendars = (calendars: CalendarRow[]) => setRows((rs) => rs?.map((r) => (r.id === conn.id ? { ...r, calendars } : r)) ?? rs);
    setCalendars(next);
    try {
      const res = await fetch(`/api/connections/${encodeURIComponent(conn.id)}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ calendars: next.filter((c) => c.selected).map((c) => c.id) }),
      });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
    } catch (e) {
      setCalendars(before); // the box shows what the server holds
      setMessage(`Could not save which calendars count: ${(e as Error).message}`);
    }
  };

  const disconnect = async (conn: ConnectionRow) => {
    try {
      const res = await fetch(`/api/connections/${encodeURIComponent(conn.id)}`, { method: "DELETE" });
      const json = (await res.json().catch(() => ({}))) as { revoked?: boolean; error?: { message?: string } };
      if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
      setRows((rs) => rs?.filter((r) => r.id !== conn.id) ?? rs);
      use(conn.id, false);
      setMessage(disconnectedText(conn, json.revoked));
    } catch (e) {
      setMessage(`Could not disconnect: ${(e as Error).message}`);
    }
  };

  return { csrf, rows, used, message, loading, use, pick, disconnect };
}
