/** A small argument parser for the CLI: positional arguments, `--flag`, `--opt value`, repeated options. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Parses `argv` given which options take a value and which are flags; anything else is an error.
 *
 * @example
 * parseArgs(["a.ics", "--from", "2027-01-11", "--json"], { values: ["from"], flags: ["json"] })
 */
export function parseArgs(argv: readonly string[], spec: { values: readonly string[]; flags: readonly string[]; multi?: readonly string[] }): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let lastMulti: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      lastMulti = undefined;
      const eq = a.indexOf("=");
      const name = (eq > 0 ? a.slice(2, eq) : a.slice(2)).trim();
      if (spec.flags.includes(name)) {
        if (eq > 0) throw new UsageError(`--${name} takes no value.`);
        flags.add(name);
        continue;
      }
      if (!spec.values.includes(name)) throw new UsageError(`Unknown option --${name}.`);
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value.`);
      const list = options.get(name) ?? [];
      list.push(value);
      options.set(name, list);
      if (spec.multi?.includes(name)) lastMulti = name;
      continue;
    }
    // `--section A B C`: values after a repeatable option belong to it until the next option.
    if (lastMulti) {
      (options.get(lastMulti) as string[]).push(a);
      continue;
    }
    positional.push(a);
  }
  return { positional, options, flags };
}
