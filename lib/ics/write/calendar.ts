/**
 * The component layer of writing iCalendar: a small tree of components and properties, and its
 * serialisation through the text layer (`text.ts`). Builders (`lib/export/`) describe what a
 * calendar holds; this module decides how it is spelled.
 */
import { contentLine, escapeText, serializeLines, type ContentLine } from "./text";

/** A component to write: `BEGIN:<name>`, its properties in order, its subcomponents, `END:<name>`. */
export interface WriteComponent {
  readonly name: string;
  readonly properties: readonly ContentLine[];
  readonly components?: readonly WriteComponent[];
}

/**
 * A property whose value is TEXT, escaped; `undefined` or blank text gives no property, so
 * builders can pass optional catalog fields straight through.
 *
 * @example
 * textProperty("SUMMARY", "Lab, part 2") // { name: "SUMMARY", value: "Lab\\, part 2" }
 */
export function textProperty(name: string, text: string | undefined, params?: readonly (readonly [string, string])[]): ContentLine[] {
  if (text === undefined || text.trim() === "") return [];
  return [{ name, value: escapeText(text), ...(params ? { params } : {}) }];
}

/**
 * A property whose value is already in its value type's text form (a DATE-TIME, a RECUR, a URI).
 *
 * @example
 * property("DTSTAMP", "20270101T000000Z")
 */
export function property(name: string, value: string, params?: readonly (readonly [string, string])[]): ContentLine {
  return { name, value, ...(params ? { params } : {}) };
}

function lines(component: WriteComponent, out: string[]): void {
  out.push(`BEGIN:${component.name}`);
  for (const p of component.properties) out.push(contentLine(p));
  for (const c of component.components ?? []) lines(c, out);
  out.push(`END:${component.name}`);
}

/**
 * Serialises a component tree (normally a VCALENDAR) as iCalendar text: CRLF line ends, lines
 * folded at 75 octets.
 *
 * @example
 * writeComponent({ name: "VCALENDAR", properties: [property("VERSION", "2.0")], components: [] })
 * // "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
 */
export function writeComponent(component: WriteComponent): string {
  const out: string[] = [];
  lines(component, out);
  return serializeLines(out);
}
