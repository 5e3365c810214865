/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The calendar engine reads bundled data files (CLDR zone table) from node_modules at run time.
  serverExternalPackages: ["cldr-core"],
};

module.exports = nextConfig;
