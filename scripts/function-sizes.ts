/**
 * The largest functions in lib/ and app/, by lines, so a refactor can say what it changed:
 * `npx tsx scripts/function-sizes.ts [--top N] [--over LINES]`.
 * Counts every function declaration, method, function expression and arrow function (a nested
 * function counts inside its parent too); React components are functions like any other.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...files(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") && !name.endsWith(".data.ts")) out.push(path);
  }
  return out;
}

interface Sized {
  readonly where: string;
  readonly name: string;
  readonly lines: number;
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return "(anonymous)";
}

function measure(file: string): Sized[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Sized[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ where: `${file}:${start + 1}`, name: nameOf(node), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const args = process.argv.slice(2);
const top = Number(args[args.indexOf("--top") + 1] ?? 15) || 15;
const over = args.includes("--over") ? Number(args[args.indexOf("--over") + 1]) : undefined;
const all = [...files("lib"), ...files("app")].flatMap(measure).sort((a, b) => b.lines - a.lines);
const shown = over !== undefined ? all.filter((f) => f.lines > over) : all.slice(0, top);
for (const f of shown) process.stdout.write(`${String(f.lines).padStart(5)}  ${f.name}  ${f.where}\n`);
if (over !== undefined) process.stdout.write(`${shown.length} function${shown.length === 1 ? "" : "s"} over ${over} lines\n`);
