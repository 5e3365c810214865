import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import "./styles/results.css";
import { Account } from "./components/Account";
import { AdvisorLink } from "./components/AdvisorLink";
import { DetectZone } from "./components/DetectZone";

export const dynamic = "force-dynamic";

export const viewport = { width: "device-width", initialScale: 1 };

export const metadata: Metadata = {
  title: "FormatFit — which course format fits your week?",
  description: "Check your real calendar against synchronous, asynchronous and hybrid course sections.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">Skip to content</a>
        <header className="site">
          <a href="/" className="brand">FormatFit</a>
          <nav aria-label="Main">
            <a href="/catalog">Courses</a>
            <a href="/check">Check my calendar</a>
            <a href="/reports">My reports</a>
            <AdvisorLink />
          </nav>
          <Account />
        </header>
        <main id="main">{children}</main>
        <DetectZone />
      </body>
    </html>
  );
}
