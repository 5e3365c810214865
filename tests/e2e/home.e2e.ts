/**
 * The home page (/) through a real browser against the production server: it loads with a heading,
 * axe finds nothing serious, a keyboard-only user reaches every link and button with a visible focus
 * indicator, and the layout fits a phone without sideways scrolling.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { checkA11y, assertNoA11yViolations, describeE2E, launchBrowser, screenshot, startServer, type E2EServer } from "./harness";

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describeE2E("home page /", () => {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  async function open(options: BrowserContextOptions): Promise<{ page: Page; pageErrors: string[] }> {
    if (!browser || !server) throw new Error("server/browser not started");
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    const res = await page.goto(`${server.baseUrl}/`, { waitUntil: "load" });
    expect(res?.status(), "GET / status").toBe(200);
    return { page, pageErrors };
  }

  test("loads, with a title and one non-empty <h1>", async () => {
    const { page, pageErrors } = await open(DESKTOP);
    expect(await page.title()).toMatch(/FormatFit/);
    const h1s = await page.locator("h1").allTextContents();
    expect(h1s.length, "number of <h1>").toBe(1);
    expect(h1s[0]?.trim().length ?? 0).toBeGreaterThan(0);
    expect(await page.getAttribute("html", "lang")).toBeTruthy();
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  });

  test("axe: no serious or critical WCAG 2.x A/AA violations (desktop and phone)", async () => {
    const desktop = await open(DESKTOP);
    const phone = await open(PHONE);
    const found = [
      ...(await checkA11y(desktop.page, "/ at 1280×800")).map((v) => ({ ...v, id: `${v.id} [desktop]` })),
      ...(await checkA11y(phone.page, "/ at 390×844")).map((v) => ({ ...v, id: `${v.id} [phone]` })),
    ];
    assertNoA11yViolations(found, "/");
  });

  test("keyboard only: Tab reaches every link and button, each with a visible focus indicator", async () => {
    const { page } = await open(DESKTOP);

    // Every focusable control in DOM order, tagged so the Tab walk can recognise it, with its
    // computed outline/box-shadow while NOT focused.
    const controls = await page.evaluate(() => {
      const selector =
        'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [contenteditable="true"], [tabindex]:not([tabindex="-1"])';
      (document.activeElement as HTMLElement | null)?.blur?.();
      const list = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((el) => {
        const cs = getComputedStyle(el);
        const disabled = (el as HTMLButtonElement).disabled === true;
        return !disabled && cs.display !== "none" && cs.visibility !== "hidden" && !el.closest("[hidden], [inert]");
      });
      return list.map((el, i) => {
        el.setAttribute("data-e2e-focus", String(i));
        const cs = getComputedStyle(el);
        const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
        return {
          key: String(i),
          desc: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(/\s+/).join(".")}` : ""}> "${text}"`,
          unfocused: { outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor, boxShadow: cs.boxShadow },
        };
      });
    });
    expect(controls.length, "the page has links/buttons to reach").toBeGreaterThan(0);

    type Focused = {
      key: string | null;
      desc: string;
      style: { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string };
      rect: { x: number; y: number; width: number; height: number };
      inViewport: boolean;
    };
    const visits: Focused[] = [];
    const maxPresses = controls.length * 2 + 10;
    for (let i = 0; i < maxPresses; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate((): Focused | null => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el === document.documentElement) return null;
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          key: el.getAttribute("data-e2e-focus"),
          desc: `<${el.tagName.toLowerCase()}> "${(el.textContent ?? "").trim().slice(0, 40)}"`,
          style: { outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor, boxShadow: cs.boxShadow },
          rect: { x: r.x, y: r.y, width: r.width, height: r.height },
          inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        };
      });
      if (f === null) {
        if (visits.length > 0) break; // focus left the document: one full pass done
        continue;
      }
      if (visits.length > 0 && f.key !== null && f.key === visits[0]?.key) break; // wrapped around
      visits.push(f);
    }

    console.log(`[e2e] Tab order (${visits.length} stops): ${visits.map((v) => v.desc).join(" → ")}`);
    const reached = new Set(visits.map((v) => v.key));
    const unreached = controls.filter((c) => !reached.has(c.key)).map((c) => c.desc);
    expect(unreached, "controls Tab never reached").toEqual([]);

    const transparent = (color: string): boolean => /^rgba\(.*,\s*0\)$/.test(color) || color === "transparent";
    const problems: string[] = [];
    for (const v of visits) {
      const before = controls.find((c) => c.key === v.key)?.unfocused;
      const s = v.style;
      const outlineShown = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
      const outlineChanged =
        !before || s.outlineStyle !== before.outlineStyle || s.outlineWidth !== before.outlineWidth || s.outlineColor !== before.outlineColor;
      const shadowShown = s.boxShadow !== "none" && (!before || s.boxShadow !== before.boxShadow);
      if (!((outlineShown && outlineChanged) || shadowShown)) {
        problems.push(`${v.desc}: no focus indicator (outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow ${s.boxShadow})`);
      }
      if (!v.inViewport) problems.push(`${v.desc}: focused but not visible on screen (rect ${JSON.stringify(v.rect)})`);
    }
    expect(problems, "focused elements without a visible focus indicator").toEqual([]);
  });

  test("screenshots at desktop and phone widths; no horizontal scroll on a phone", async () => {
    const desktop = await open(DESKTOP);
    const desktopShot = await screenshot(desktop.page, "home-desktop-1280x800");
    const phone = await open(PHONE);
    const phoneShot = await screenshot(phone.page, "home-phone-390x844");
    console.log(`[e2e] screenshots: ${desktopShot}, ${phoneShot}`);

    const fit = await phone.page.evaluate(() => {
      const root = document.documentElement;
      const clientWidth = root.clientWidth;
      // Where the overflow starts: elements past the right edge whose parent is not, to say what to fix.
      const past = (el: Element): boolean => el.getBoundingClientRect().right > clientWidth + 0.5;
      const culprits = Array.from(document.body.querySelectorAll<HTMLElement>("*"))
        .filter((el) => past(el) && !(el.parentElement && past(el.parentElement)))
        .slice(0, 5)
        .map((el) => {
          const r = el.getBoundingClientRect();
          const name = `<${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(/\s+/).join(".")}` : ""}>`;
          return `${name} ${Math.round(r.width)}px wide, right edge at ${Math.round(r.right)}px`;
        });
      return { scrollWidth: root.scrollWidth, clientWidth, culprits };
    });
    expect(
      fit.scrollWidth,
      `horizontal scroll at 390 px: scrollWidth ${fit.scrollWidth} > clientWidth ${fit.clientWidth}; overflowing: ${fit.culprits.join(", ") || "?"}`,
    ).toBeLessThanOrEqual(fit.clientWidth);
  });
});
