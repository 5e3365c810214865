/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The calendar engine reads bundled data files (CLDR zone table) from node_modules at run time;
  // the database drivers are native or Node-only.
  serverExternalPackages: ["cldr-core", "better-sqlite3", "pg"],
  // forbidden() / unauthorized(): advisor pages answer 403 / 401 from the page itself.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // No page of FormatFit may be framed by another site (clickjacking the report and connection
  // controls); route handlers with their own CSP (the share page) keep theirs as well.
  async headers() {
    return [
      {
        // Not /share/… and /reports/claim: they send a stricter CSP of their own, which this would replace.
        source: "/:path((?!share/|reports/claim).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
