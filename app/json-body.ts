/** Reads a small JSON request body and validates it with zod, as an AppError naming the field. */
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/sources/check-form";

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const bytes = await readBodyLimited(request, 64 * 1024);
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
