/**
 * Content lines → components (RFC 5545 §3.4–3.6): BEGIN/END nesting, several VCALENDARs in one
 * file, and the damage real files carry (a stray END, a component closed by the wrong END, a file
 * cut off in the middle). Problems are collected, never thrown.
 */
import { parseProperty, type ContentLine, type Property } from "./content-lines";
import type { ImportIssue } from "./types";

export interface Component {
  readonly name: string;
  /** 1-based line of its BEGIN. */
  readonly line: number;
  readonly properties: Property[];
  readonly children: Component[];
}

export interface ComponentTree {
  /** Top-level components (normally VCALENDARs). */
  readonly roots: Component[];
  readonly issues: ImportIssue[];
  /** Components still open when the text ended (a truncated file), innermost last. */
  readonly unclosed: readonly Component[];
}

/**
 * Builds the component tree. A mismatched END closes the components up to the one it names; an
 * END that names nothing open is reported and ignored; lines that are not `NAME…:value` are
 * reported with their line number and skipped.
 *
 * @example
 * buildComponents(unfoldLines("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR")).roots[0]?.children.length // 1
 */
export function buildComponents(lines: readonly ContentLine[]): ComponentTree {
  const roots: Component[] = [];
  const issues: ImportIssue[] = [];
  const stack: Component[] = [];
  for (const cl of lines) {
    const prop = parseProperty(cl);
    if (!prop) {
      if (stack.length > 0) {
        issues.push({
          code: "MALFORMED_LINE",
          severity: "warning",
          line: cl.line,
          message: `Line ${cl.line} is not a valid iCalendar property ("${truncate(cl.text)}"); it was skipped.`,
        });
      }
      continue;
    }
    if (prop.name === "BEGIN") {
      const comp: Component = { name: prop.value.trim().toUpperCase(), line: cl.line, properties: [], children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(comp);
      else roots.push(comp);
      stack.push(comp);
      continue;
    }
    if (prop.name === "END") {
      const name = prop.value.trim().toUpperCase();
      let idx = stack.length - 1;
      while (idx >= 0 && (stack[idx] as Component).name !== name) idx--;
      if (idx < 0) {
        issues.push({
          code: "UNBALANCED_COMPONENT",
          severity: "warning",
          line: cl.line,
          message: `Line ${cl.line}: END:${name} has no matching BEGIN:${name}; it was ignored.`,
        });
        continue;
      }
      if (idx < stack.length - 1) {
        const open = stack.slice(idx + 1).map((c) => `${c.name} (line ${c.line})`);
        issues.push({
          code: "UNBALANCED_COMPONENT",
          severity: "warning",
          line: cl.line,
          message: `Line ${cl.line}: END:${name} also closes ${open.join(", ")}, which had no END.`,
        });
      }
      stack.length = idx;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top) top.properties.push(prop);
    // Properties outside any component are not iCalendar; ignored (the caller checks for VCALENDAR).
  }
  return { roots, issues, unclosed: stack.slice() };
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
