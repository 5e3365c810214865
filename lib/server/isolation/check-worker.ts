/**
 * The check worker's entry: a worker thread that answers check tasks (lib/check/task.ts)
 * for the pool in lib/isolation/check.ts. `next build` and `next dev` bundle it into
 * `build/check-worker.cjs` (scripts/build-check-worker.cjs, called from next.config.js); in
 * development and tests it can also run from this source through tsx.
 */
import { parentPort } from "node:worker_threads";
import { serveTasks } from "./pool";
import { runCheckTask, type CheckTask } from "../../check/task";

if (!parentPort) throw new Error("lib/isolation/check-worker runs as a worker thread (started by lib/isolation/check.ts), not on its own.");
serveTasks<CheckTask, ReturnType<typeof runCheckTask>>(parentPort, runCheckTask);
