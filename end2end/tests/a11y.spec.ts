// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on every public page type and the
// main staff screens, after hydration, in Debian's Chromium. A violation fails the test with
// the rule, its impact and the elements it found.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { adminPage, hydrated } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function audit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  await hydrated(page);
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = violations.map(
    (v) => `${path}: ${v.id} (${v.impact}) ${v.help}\n    ` +
      v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    "),
  );
  expect(found, found.join("\n")).toEqual([]);
  expect(await page.locator("h1").count(), `${path}: one h1`).toBe(1);
}

/** The first item link of a public list (`/news` → `/news/12/...`). */
async function firstItem(page: Page, list: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator(`main a[href^="${list}/"]`).first().getAttribute("href");
  expect(href, `an item in ${list}`).toBeTruthy();
  return href!;
}

const PUBLIC = [
  "/",
  "/news",
  "/news/archive",
  "/laws",
  "/services",
  "/tenders",
  "/events",
  "/faq",
  "/links",
  "/water",
  "/water/dams",
  "/water/rain-gauges",
  "/water/aquifers",
  "/water/reports",
  "/water/weekly-bulletin",
  "/water/profile",
  "/research",
  "/research/projects",
  "/research/calls",
  "/research/knowledge",
  "/contact",
  "/counter-offices",
  "/forms",
  "/forms/qa",
  "/forms/track",
  "/tickets/new",
  "/tickets/track",
  "/messages/new",
  "/messages/track",
  "/search?q=%D8%A2%D8%A8",
  "/newsletter",
  "/login",
  "/register",
  "/accessibility",
  "/no-such-page",
];

test("public pages have no WCAG 2.1 A/AA violations", async ({ page }) => {
  test.setTimeout(240_000);
  for (const path of PUBLIC) await audit(page, path);
  for (const list of ["/news", "/laws", "/services", "/tenders", "/water/dams"]) {
    await audit(page, await firstItem(page, list));
  }
});

test("main staff screens have no WCAG 2.1 A/AA violations", async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await adminPage(browser);
  for (const path of [
    "/dashboard",
    "/staff/tickets",
    "/staff/messages",
    "/staff/content",
    "/staff/content/new?kind=news",
    "/staff/water",
    "/staff/forms",
    "/staff/newsletter",
    "/admin/users",
    "/admin/custodians",
    "/admin/analytics",
    "/admin/accountability",
    "/admin/audit",
    "/profile",
  ]) {
    await audit(page, path);
  }
});
