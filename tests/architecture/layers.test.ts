/**
 * Imports run one way (DESIGN.md, "Imports flow one way"): every import of a lib/ folder goes to a
 * lower layer, nothing in lib/ imports app/, Next.js or React, and no two files import each other
 * through any chain. The allow-lists below hold what is known to break a rule today; they may
 * only shrink: an entry that no longer occurs fails the test until it is removed.
 */
import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");

/**
 * Each lib/ folder (or top-level file) with its layer: a file may import from its own folder or
 * from a strictly lower layer. Folders on one layer do not import each other.
 */
const LAYERS: Readonly<Record<string, number>> = {
  app: 100,
  server: 95,
  cli: 90,
  reports: 80,
  plan: 70,
  check: 60,
  connections: 50,
  export: 50,
  sources: 45,
  // Pictures (SVG and their tables) from plain data: drawn from what fit/ computes, used by reports/ and app/.
  charts: 41,
  fit: 40,
  busy: 30,
  catalog: 30,
  recurrence: 20,
  providers: 20,
  ics: 15,
  db: 10,
  calendar: 5,
  time: 2,
  errors: 1,
  words: 1,
};

/** Imports that break the layering today ("from -> to", repository paths). May only shrink. */
const ALLOWED_UPWARD: readonly string[] = [];

/** Import cycles that exist today (their files, sorted, joined by " <-> "). May only shrink. */
const ALLOWED_CYCLES: readonly string[] = [];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = relative(ROOT, resolve(ROOT, dirname(from), spec));
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return undefined;
}

function layerOf(file: string): string {
  if (file.startsWith("app/")) return "app";
  const rest = file.slice("lib/".length);
  const folder = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : rest.replace(/\.tsx?$/, "");
  return folder;
}

interface Graph {
  readonly files: readonly string[];
  readonly edges: ReadonlyMap<string, readonly string[]>;
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

function importGraph(): Graph {
  const files = [...sourceFiles("lib"), ...sourceFiles("app")];
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
    const local: string[] = [];
    const external: string[] = [];
    for (const imported of info.importedFiles) {
      const target = resolveImport(file, imported.fileName);
      if (target) local.push(target);
      else if (!imported.fileName.startsWith(".") && !imported.fileName.startsWith("@/")) external.push(imported.fileName);
    }
    edges.set(file, local);
    packages.set(file, external);
  }
  return { files, edges, packages };
}

/** Strongly connected components of two or more files (Tarjan), each sorted. */
function cycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const f of graph.files) if (!indices.has(f)) visit(f);
  return out;
}

const graph = importGraph();

describe("imports run one way", () => {
  it("every lib/ folder has a layer", () => {
    const unknown = [...new Set(graph.files.filter((f) => f.startsWith("lib/")).map(layerOf))].filter((l) => LAYERS[l] === undefined);
    expect(unknown, "add the new folder to LAYERS, below everything that imports it").toEqual([]);
  });

  it("no import runs up or across a layer", () => {
    const upward: string[] = [];
    for (const [from, targets] of graph.edges) {
      const a = layerOf(from);
      for (const to of targets) {
        const b = layerOf(to);
        if (a === b) continue;
        if ((LAYERS[b] ?? Infinity) >= (LAYERS[a] ?? -Infinity)) upward.push(`${from} -> ${to}`);
      }
    }
    expect(upward.filter((u) => !ALLOWED_UPWARD.includes(u))).toEqual([]);
    expect(ALLOWED_UPWARD.filter((u) => !upward.includes(u)), "fixed: remove these from ALLOWED_UPWARD").toEqual([]);
  });

  it("lib/ is free of Next.js, React and app/", () => {
    const bad: string[] = [];
    for (const [from, pkgs] of graph.packages) {
      if (!from.startsWith("lib/")) continue;
      for (const p of pkgs) if (/^(next|next-auth|react|react-dom)(\/|$)/.test(p)) bad.push(`${from} -> ${p}`);
    }
    for (const [from, targets] of graph.edges) if (from.startsWith("lib/")) for (const t of targets) if (t.startsWith("app/")) bad.push(`${from} -> ${t}`);
    expect(bad).toEqual([]);
  });

  it("no import cycles, type-only ones included", () => {
    const found = cycles(graph).map((c) => c.join(" <-> "));
    expect(found.filter((c) => !ALLOWED_CYCLES.includes(c))).toEqual([]);
    expect(ALLOWED_CYCLES.filter((c) => !found.includes(c)), "fixed: remove these from ALLOWED_CYCLES").toEqual([]);
  });

  it("sees the imports it is meant to judge", () => {
    // A resolver that silently found nothing would pass every rule above.
    expect(graph.edges.get("lib/check/run.ts")).toContain("lib/recurrence/expand.ts");
    expect(graph.edges.get("app/api/check/route.ts")?.some((t) => t.startsWith("lib/check/"))).toBe(true);
    expect(layerOf("lib/errors.ts")).toBe("errors");
  });
});
