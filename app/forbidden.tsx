/** 403: signed in, but without the role this page needs. */
export default function Forbidden() {
  return (
    <>
      <h1>Not available to this account</h1>
      <p>This page is for advisors. If you are one, sign in with the address your school registered as an advisor&apos;s.</p>
      <p>
        <a href="/api/auth/signout">Sign out</a> · <a href="/">Home</a>
      </p>
    </>
  );
}
