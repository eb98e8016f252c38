import { test, expect, type Page } from "@playwright/test";

// Errors the page logs (a CSP violation, a failed hydration, a panic) fail the test.
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

test.describe("before hydration (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("the home page is Persian, right-to-left, and links navigate", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "fa");
    await expect(page.locator("h1")).toHaveText("پرتال شرکت آب منطقه‌ای قم");
    await expect(page.locator("footer")).toContainText("۳۷۱۵۶۵۳۱۸۴");

    await page.locator("main").getByRole("link", { name: "اطلاعات تماس" }).click();
    await expect(page).toHaveURL(/\/contact$/);
    await expect(page.locator("h1")).toHaveText("اطلاعات تماس");
    await expect(page.locator("main")).toContainText("info@qmrw.ir");

    // The county filter is a plain form: it works without JavaScript.
    await page.goto("/counter-offices");
    const rowsAll = await page.locator("tbody tr").count();
    await page.getByLabel("شهرستان").selectOption("کهک");
    await page.getByRole("button", { name: "نمایش" }).click();
    await expect(page).toHaveURL(/county=/);
    await expect(page.locator("tbody tr")).toHaveCount(1);
    expect(rowsAll).toBeGreaterThan(1);
  });
});

test.describe("after hydration", () => {
  test("client-side navigation to two sections, with no reload and no errors", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto("/");
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    // A marker that a full page load would wipe out.
    await page.evaluate(() => ((window as any).__sameDocument = true));

    await page.locator("main").getByRole("link", { name: "قوانین و مقررات" }).click();
    await expect(page).toHaveURL(/\/laws$/);
    await expect(page.locator("h1")).toHaveText("قوانین و مقررات");
    await expect(page.getByRole("status")).toContainText("مورد");
    await expect(page.locator(".content-card").first()).toBeVisible();
    await expect(page).toHaveTitle("قوانین و مقررات | شرکت آب منطقه‌ای قم");

    // Through the header menu (a <details> group) to the counter offices.
    await page.locator("header summary", { hasText: "ارتباط با ما" }).click();
    await page.locator("header").getByRole("link", { name: "دفاتر پیشخوان" }).click();
    await expect(page).toHaveURL(/\/counter-offices$/);
    await expect(page.locator("h1")).toHaveText("دفاتر پیشخوان");
    await expect(page.locator("tbody tr").first()).toBeVisible();
    await expect(page.locator(".sample-badge").first()).toHaveText("نمونه");
    // The menu folds itself after navigating.
    await expect(page.locator("header details.nav-group[open]")).toHaveCount(0);

    // The county filter, now handled in the browser.
    await page.getByLabel("شهرستان").selectOption("کهک");
    await page.getByRole("button", { name: "نمایش" }).click();
    await expect(page).toHaveURL(/county=/);
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody")).toContainText("کهک");

    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    expect(errors).toEqual([]);
  });

  test("an unknown address shows the Persian 404 page", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.locator("h1")).toHaveText("صفحه‌ای که خواستید پیدا نشد");
    await page.getByRole("link", { name: "بازگشت به صفحه‌ی نخست" }).click();
    await expect(page.locator("h1")).toHaveText("پرتال شرکت آب منطقه‌ای قم");
  });

  test("fits a 360px phone without horizontal scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // Every group of the menu is reachable and opens.
    await expect(page.locator("header details.nav-group")).toHaveCount(5);
    await page.locator("header summary", { hasText: "آمار و داده‌های منابع آب" }).click();
    await expect(page.locator("header").getByRole("link", { name: "وضعیت سدها" })).toBeVisible();
    const overflowOpen = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflowOpen).toBeLessThanOrEqual(0);
  });
});
