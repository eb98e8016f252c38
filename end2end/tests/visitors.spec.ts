import { test, expect, type Page } from "@playwright/test";
import { adminPage, flushStatistics, hydrated } from "./helpers";

// The footer's visitor counter and the administrator's analytics. With two instances on
// one PostgreSQL database (PORTAL_URL_SECOND), the second browser visits the other one.
const SECOND = process.env.PORTAL_URL_SECOND;

const toNumber = (s: string) =>
  Number(s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[^0-9]/g, ""));

async function figure(page: Page, stat: string): Promise<number> {
  return toNumber(await page.locator(`.visitor-stats [data-stat="${stat}"] dd`).innerText());
}

test("the footer's figures change when a second browser visits", async ({ browser }) => {
  const admin = await adminPage(browser);
  const first = await browser.newContext();
  const a = await first.newPage();
  await a.goto("/");
  const stats = a.getByRole("region", { name: "آمار بازدید" });
  await expect(stats).toBeVisible();
  await expect(stats.getByText("کاربران برخط")).toBeVisible();
  await expect(stats.locator("abbr")).toHaveAttribute("title", /دقیقه‌ی گذشته/);
  await expect(stats.locator('[data-stat="ip"] dd')).toHaveText("۱۲۷.۰.۰.۱");
  // This browser's own visit, once the server has added what it counted.
  await flushStatistics(admin);
  await a.reload();
  expect(await figure(a, "online")).toBeGreaterThan(0);
  const before = { total: await figure(a, "total") };

  const second = await browser.newContext();
  const b = await second.newPage();
  await b.goto(SECOND ? `${SECOND}/news` : "/news");
  await hydrated(b);
  // A link followed in place still asks the server for the page, which counts it.
  // (The server counts a page before it answers: once the answer is here, it is counted.)
  const fetched = b.waitForResponse(
    (r) =>
      /\/news\/\d+/.test(new URL(r.url()).pathname) &&
      r.request().method() === "GET" &&
      r.request().resourceType() === "fetch",
  );
  await b.locator("main a[href^='/news/']").first().click();
  expect((await fetched).request().headers()["accept"]).toContain("text/html");

  // The instance the second browser visited adds its count, then the first reads the
  // figures again: exactly one visit more.
  if (SECOND) await flushStatistics(admin, SECOND);
  await flushStatistics(admin);
  await a.reload();
  expect(await figure(a, "total")).toBe(before.total + 1);
  // (Online is not compared with before: earlier tests' visitors may leave its window.)
  expect(await figure(a, "online")).toBeGreaterThan(0);
  expect(await figure(a, "today")).toBeGreaterThan(0);
  expect(await figure(a, "total")).toBeGreaterThanOrEqual(await figure(a, "today"));
  expect(await figure(a, "peak")).toBeGreaterThanOrEqual(await figure(a, "online"));
  await first.close();
  await second.close();
  await admin.context().close();
});

test("the administrator's analytics: charts, top pages and the CSV", async ({ browser }) => {
  // Enough views of the news list to be among the top pages, whatever earlier tests visited.
  const reader = await browser.newContext();
  const r = await reader.newPage();
  for (let i = 0; i < 25; i++) await r.goto("/news");
  await reader.close();
  const admin = await adminPage(browser);
  // The page's button adds what the server counted so far.
  await admin.goto("/admin/analytics");
  await admin.getByRole("button", { name: "افزودن شمارش این سرور تا همین لحظه" }).click();
  await expect(admin).toHaveURL(/\/admin\/analytics$/);
  expect(await (await admin.request.get("/admin/analytics.csv?days=7")).text()).toContain(
    "صفحه‌های پربازدید,/news,",
  );
  await admin.goto("/admin/analytics?days=7");
  await expect(admin.locator("h1")).toHaveText("آمار بازدید پرتال");
  await expect(admin.locator("#visits-per-day svg rect.bar")).toHaveCount(7);
  await expect(admin.locator("#visits-per-hour svg rect.bar")).toHaveCount(24);
  const pages = admin.locator("#top-pages table");
  await expect(pages).toContainText("/news");
  const csv = await admin.request.get("/admin/analytics.csv?days=7");
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("صفحه‌های پربازدید,/news");
  await admin.context().close();
});
