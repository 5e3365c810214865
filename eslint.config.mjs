import tseslint from "typescript-eslint";

// lib/ is the domain: pure TypeScript that runs in a route handler, the CLI, a test or a browser.
// It must never reach into Next.js or the app/ layer (imports flow app → lib only).
export default tseslint.config(
  { ignores: ["node_modules/**", ".next/**", "next-env.d.ts", "bench/out/**", "data/**", "build/**", "test-results/**", "coverage/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "lib/ stays free of Next.js: pass what you need in from app/." },
          { group: ["@/app", "@/app/*", "../app/*", "../../app/*", "../../../app/*"], message: "lib/ must not import from app/ (imports flow app → lib)." },
          { group: ["react", "react-dom"], message: "lib/ is UI-free." },
        ],
      }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
