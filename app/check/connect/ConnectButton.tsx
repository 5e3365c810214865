"use client";
/** A POST form to next-auth's sign-in endpoint for a calendar provider (full-page: the consent screen). */
export function ConnectButton({ provider, label, csrf }: { provider: string; label: string; csrf: string | null }) {
  return (
    <form method="post" action={`/api/auth/signin/${provider}`} className="inline-form">
      <input type="hidden" name="csrfToken" value={csrf ?? ""} />
      <input type="hidden" name="callbackUrl" value="/check" />
      <button type="submit" disabled={!csrf}>
        {label}
      </button>
    </form>
  );
}
