/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The calendar engine reads bundled data files (CLDR zone table) from node_modules at run time;
  // the database drivers are native or Node-only.
  serverExternalPackages: ["cldr-core", "better-sqlite3", "pg"],
  // forbidden() / unauthorized(): advisor pages answer 403 / 401 from the page itself.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

module.exports = nextConfig;
