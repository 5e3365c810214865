/**
 * Content lines → components (RFC 5545 §3.4–3.6): BEGIN/END nesting, several VCALENDARs in one
 * file, and the damage real files carry (a stray END, a component closed by the wrong END, a file
 * cut off in the middle). Problems are collected, never thrown.
 *
 * A component keeps the indexes of its own lines and parses them into properties only when asked,
 * so a big file's events that cannot reach the window are never parsed beyond a glance.
 */
import { nameEnd, parseProperty, propertyName, type ContentLine, type LineStore, type Property } from "./content-lines";
import type { ImportIssue } from "../calendar";

export interface Component {
  readonly name: string;
  /** 1-based line of its BEGIN. */
  readonly line: number;
  /** Its properties, parsed on first access (malformed lines are reported then). */
  readonly properties: readonly Property[];
  /**
   * Its properties named in `names`, in order, parsing only those lines (and any line that may be
   * malformed, which is reported once, as {@link properties} would).
   */
  select(names: ReadonlySet<string>): Property[];
  readonly children: Component[];
  /** The raw text of its own first property line whose name is `name`, without parsing the rest. */
  rawValueLine(name: string): { text: string; line: number } | undefined;
  /** The raw text of each of its own property lines whose name is `name`. */
  rawValueLines(name: string): { text: string; line: number }[];
  /** Whether it has a property with this name (looked up on the raw lines). */
  has(name: string): boolean;
}

export interface ComponentTree {
  /** Top-level components (normally VCALENDARs). */
  readonly roots: Component[];
  readonly issues: ImportIssue[];
  /** Components still open when the text ended (a truncated file), innermost last. */
  readonly unclosed: readonly Component[];
}

class LazyComponent implements Component {
  readonly children: Component[] = [];
  readonly own: number[] = [];
  private parsed: Property[] | undefined;
  /** Whether its malformed lines have been reported (by {@link properties} or {@link select}). */
  private reported = false;
  constructor(
    readonly name: string,
    readonly line: number,
    private readonly store: LineStore,
    private readonly issues: ImportIssue[],
  ) {}

  get properties(): readonly Property[] {
    if (this.parsed) return this.parsed;
    const out: Property[] = [];
    for (const i of this.own) {
      const cl: ContentLine = { text: this.store.texts[i] as string, line: this.store.lines[i] as number };
      const prop = parseProperty(cl);
      if (prop) out.push(prop);
      else this.malformed(cl);
    }
    this.parsed = out;
    this.reported = true;
    return out;
  }

  select(names: ReadonlySet<string>): Property[] {
    if (this.parsed) return this.parsed.filter((p) => names.has(p.name));
    const out: Property[] = [];
    for (const i of this.own) {
      const text = this.store.texts[i] as string;
      const line = this.store.lines[i] as number;
      const end = nameEnd(text);
      if (end > 0 && text.charCodeAt(end) === 58) {
        // NAME:value is always a property (parseProperty's own first case): made only when wanted.
        const name = propertyName(text, end);
        if (names.has(name)) out.push({ name, params: undefined, value: text.slice(end + 1), line });
        continue;
      }
      const prop = parseProperty({ text, line });
      if (!prop) this.malformed({ text, line });
      else if (names.has(prop.name)) out.push(prop);
    }
    this.reported = true;
    return out;
  }

  /** Reports a line that is no property, unless this component's lines were reported already. */
  private malformed(cl: ContentLine): void {
    if (this.reported) return;
    this.issues.push({
      code: "MALFORMED_LINE",
      severity: "warning",
      line: cl.line,
      message: `Line ${cl.line} is not a valid iCalendar property ("${truncate(cl.text)}"); it was skipped.`,
    });
  }

  rawValueLine(name: string): { text: string; line: number } | undefined {
    for (const i of this.own) {
      const t = this.store.texts[i] as string;
      if (namesProperty(t, name)) return { text: t, line: this.store.lines[i] as number };
    }
    return undefined;
  }

  rawValueLines(name: string): { text: string; line: number }[] {
    const found: { text: string; line: number }[] = [];
    for (const i of this.own) {
      const t = this.store.texts[i] as string;
      if (namesProperty(t, name)) found.push({ text: t, line: this.store.lines[i] as number });
    }
    return found;
  }

  has(name: string): boolean {
    return this.rawValueLine(name) !== undefined;
  }
}

/**
 * Whether a content line is property `name` (upper case) as parseProperty reads it: the name in
 * any case, then ":" or ";", blank space before them allowed (the parser trims it from a name).
 */
function namesProperty(t: string, name: string): boolean {
  const n = name.length;
  if (t.length <= n || !startsWithName(t, name)) return false;
  let k = n;
  let c = t.charCodeAt(k);
  while (c === 32 || c === 9) c = t.charCodeAt(++k);
  return c === 58 || c === 59;
}

/** Case-insensitive "does `text` start with the (upper-case) property name `name`". */
function startsWithName(text: string, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    let c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** `BEGIN:X` / `END:X` (any case), else undefined. */
function beginEnd(text: string): { kind: "BEGIN" | "END"; name: string } | undefined {
  const c = text.charCodeAt(0);
  if (c === 66 || c === 98) {
    if (text.length > 6 && text.charCodeAt(5) === 58 && startsWithName(text, "BEGIN")) return { kind: "BEGIN", name: text.slice(6).trim().toUpperCase() };
  } else if (c === 69 || c === 101) {
    if (text.length > 4 && text.charCodeAt(3) === 58 && startsWithName(text, "END")) return { kind: "END", name: text.slice(4).trim().toUpperCase() };
  }
  return undefined;
}

/**
 * Builds the component tree. A mismatched END closes the components up to the one it names; an
 * END that names nothing open is reported and ignored. Iterative, and linear in the number of lines
 * however deep the nesting (a count of open components per name answers "is it open?" without
 * scanning the stack).
 *
 * @example
 * buildComponents(unfoldToStore("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR")).roots[0]?.children.length // 1
 */
export function buildComponents(store: LineStore): ComponentTree {
  const roots: Component[] = [];
  const issues: ImportIssue[] = [];
  const stack: LazyComponent[] = [];
  const openCount = new Map<string, number>();
  const { texts, lines } = store;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] as string;
    const be = beginEnd(text);
    if (!be) {
      // Lines outside any component are not iCalendar; ignored (the caller checks for VCALENDAR).
      stack[stack.length - 1]?.own.push(i);
      continue;
    }
    const line = lines[i] as number;
    if (be.kind === "BEGIN") {
      const comp = new LazyComponent(be.name, line, store, issues);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(comp);
      else roots.push(comp);
      stack.push(comp);
      openCount.set(be.name, (openCount.get(be.name) ?? 0) + 1);
    } else if ((openCount.get(be.name) ?? 0) === 0) {
      issues.push({ code: "UNBALANCED_COMPONENT", severity: "warning", line, message: `Line ${line}: END:${be.name} has no matching BEGIN:${be.name}; it was ignored.` });
    } else {
      closeThrough(stack, openCount, be.name, line, issues);
    }
  }
  return { roots, issues, unclosed: stack.slice() };
}

/** Pops the stack down to and including the innermost open component named `name`. */
function closeThrough(stack: LazyComponent[], openCount: Map<string, number>, name: string, line: number, issues: ImportIssue[]): void {
  const closedAlso: LazyComponent[] = [];
  for (;;) {
    const top = stack.pop() as LazyComponent;
    openCount.set(top.name, (openCount.get(top.name) ?? 1) - 1);
    if (top.name === name) break;
    closedAlso.push(top);
  }
  if (closedAlso.length === 0) return;
  const shown = closedAlso
    .slice(-3)
    .reverse()
    .map((c) => `${c.name} (line ${c.line})`);
  const more = closedAlso.length > 3 ? ` and ${(closedAlso.length - 3).toLocaleString("en-US")} more` : "";
  issues.push({ code: "UNBALANCED_COMPONENT", severity: "warning", line, message: `Line ${line}: END:${name} also closes ${shown.join(", ")}${more}, which had no END.` });
}

/**
 * How many components named `name` the trees hold, at any depth (walked without recursion: a file
 * may nest tens of thousands of components).
 *
 * @example
 * countComponents(tree.roots, "VEVENT") // 212
 */
export function countComponents(roots: readonly Component[], name: string): number {
  let n = 0;
  const todo: Component[] = [...roots];
  for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
    if (c.name === name) n++;
    for (const child of c.children) todo.push(child);
  }
  return n;
}

/**
 * The components named `name` in the trees, at any depth, in document order.
 *
 * @example
 * findComponents(tree.roots, "VTIMEZONE").length // 3
 */
export function findComponents(roots: readonly Component[], name: string): Component[] {
  const out: Component[] = [];
  const todo: Component[] = [...roots].reverse();
  for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
    if (c.name === name) out.push(c);
    for (let k = c.children.length - 1; k >= 0; k--) todo.push(c.children[k] as Component);
  }
  return out;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
