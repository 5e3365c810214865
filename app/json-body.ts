/** Reads a small JSON request body and validates it with zod, as an AppError naming the field. */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/check/form";

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyLimited(request, 64 * 1024);
  } catch (e) {
    if (e instanceof AppError && e.code === "REQUEST_TOO_LARGE") {
      throw new AppError("REQUEST_TOO_LARGE", "This request is larger than 64 KB, the limit for a title, a note or a setting; a title or note holds at most 10,000 characters.", { detail: { limitBytes: 64 * 1024 } });
    }
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not JSON.");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("BAD_REQUEST", `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}.`, { where: issue?.path.join(".") ?? "body" });
  }
  return parsed.data;
}
