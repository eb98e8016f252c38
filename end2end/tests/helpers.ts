// Steps several browser tests share: waiting for hydration, signing in, the administrator's
// own browser context, and making a custodian through the real screens.
import { expect, type Page, type Browser, type BrowserContextOptions } from "@playwright/test";

export const ADMIN_PASSWORD = process.env.PORTAL_E2E_ADMIN_PASSWORD ?? "e2e-rahbar-1403";

/** A valid national ID (standard check digit) that differs with `seed`. */
export function nationalId(seed: number): string {
  const base = String(100000000 + (seed % 800000000)).padStart(9, "0");
  const sum = [...base].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return base + String(r < 2 ? r : 11 - r);
}

export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

export async function login(page: Page, username: string, password: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("نام کاربری", { exact: true }).fill(username);
  await page.getByLabel("کلمه عبور", { exact: true }).fill(password);
  await page.getByRole("button", { name: "ورود" }).click();
}

export async function adminPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await login(page, "admin", ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator("header .user-name")).toHaveText("راهبر پرتال");
  return page;
}

/**
 * Has the server at `base` (the tests' own by default) add the views and visitor statistics
 * it counted to the database at once, as the administrator's analytics page does: what a
 * page shows next holds every visit so far, with no wait on the periodic flush.
 */
export async function flushStatistics(admin: Page, base = "") {
  const res = await admin.request.post(`${base}/admin/statistics/flush`);
  expect(res.status(), `flushing the statistics of ${base || "the server"}`).toBe(200);
}

/**
 * Registers a person in `page` and has the administrator (in `admin`) approve them; leaves
 * `admin` on the person's page. Returns the credentials.
 */
export async function registerApproved(page: Page, admin: Page, fullName: string) {
  const run = Date.now() % 100000000;
  const username = `writer${run}`;
  const password = "khabar-negar-1403";
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("نام و نام خانوادگی").fill(fullName);
  await page.getByLabel("کد ملی").fill(nationalId(run + 7));
  await page.getByLabel("شماره همراه").fill("0913" + String(run).padStart(7, "0").slice(0, 7));
  await page.getByLabel("رایانامه (ایمیل)").fill(`${username}@example.ir`);
  await page.getByLabel("نام کاربری", { exact: true }).fill(username);
  await page.getByLabel("کلمه عبور", { exact: true }).fill(password);
  await page.getByLabel("تکرار کلمه عبور").fill(password);
  await page.getByLabel(/شرایط استفاده/).check();
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await expect(page).toHaveURL(/\/register\/done$/);

  await admin.goto("/admin/users?status=pending");
  await admin.getByRole("link", { name: fullName }).first().click();
  await admin.getByRole("button", { name: "تأیید عضویت" }).click();
  await expect(admin.locator("dd.status-approved")).toHaveText("تأییدشده");
  return { username, password };
}

/**
 * Registers a person in `page`, and has the administrator (in `admin`) approve them and
 * appoint them custodian of `section` (its Persian title); leaves `page` signed in.
 */
export async function makeCustodian(page: Page, admin: Page, fullName: string, section: string) {
  const { username, password } = await registerApproved(page, admin, fullName);
  await admin.getByLabel("نامزدی برای متولی‌گری بخش").selectOption({ label: section });
  await admin.getByRole("button", { name: "ثبت نامزدی" }).click();
  await expect(admin).toHaveURL(/\/admin\/custodians\/\d+$/);
  // The checklist is on the page before its buttons are counted.
  await expect(admin.locator("main")).toContainText("نامزد (در حال احراز صلاحیت)");
  const pending = admin.getByRole("button", { name: /^تأیید این بند/ });
  for (let left = await pending.count(); left > 0; left--) {
    await pending.first().click();
    await expect(pending).toHaveCount(left - 1);
  }
  await admin.getByRole("button", { name: "انتصاب به متولی‌گری" }).click();
  await expect(admin.locator("main")).toContainText("وضعیت: منصوب");
  await login(page, username, password);
  // Staff land on their dashboard.
  await expect(page).toHaveURL(/\/dashboard$/);
}
