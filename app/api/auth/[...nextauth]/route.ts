/** next-auth's endpoints (sign-in, callback, session, sign-out, CSRF token). */
import NextAuth from "next-auth";
import { authOptions } from "@/app/auth";

export const runtime = "nodejs";

async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const params = await context.params;
  return (NextAuth(authOptions()) as (req: Request, ctx: { params: { nextauth: string[] } }) => Promise<Response>)(request, { params });
}

export { handler as GET, handler as POST };
