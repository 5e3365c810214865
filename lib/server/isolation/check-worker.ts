/**
 * The check worker's entry: a worker thread that answers check tasks (lib/check/task.ts) and plan
 * tasks (lib/plan/task.ts)
 * for the pool in lib/isolation/check.ts. `next build` and `next dev` bundle it into
 * `build/check-worker.cjs` (scripts/build-check-worker.cjs, called from next.config.js); in
 * development and tests it can also run from this source through tsx.
 */
import { parentPort } from "node:worker_threads";
import { serveTasks } from "./pool";
import { runCheckTask } from "../../check/task";
import { runPlanTask } from "../../plan/task";
import type { ServerTask, ServerTaskResult } from "./check";

if (!parentPort) throw new Error("lib/isolation/check-worker runs as a worker thread (started by lib/isolation/check.ts), not on its own.");
serveTasks<ServerTask, ServerTaskResult>(parentPort, (task) => (task.kind === "plan" ? runPlanTask(task) : runCheckTask(task)));
