/** 401: this page needs a signed-in person. */
export default function Unauthorized() {
  return (
    <>
      <h1>Please sign in</h1>
      <p>Advisors sign in to see the reports learners share with them.</p>
      <p>
        <a className="button primary" href="/api/auth/signin?callbackUrl=%2Fadvisor">
          Sign in
        </a>
      </p>
    </>
  );
}
