import { test, expect, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, adminPage, hydrated, login, nationalId } from "./helpers";

// Errors the page logs fail the test, except the browser's note on the refusals this test
// provokes on purpose (422 for a pending login, 403 for another section's dashboard).
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    const expected = /Failed to load resource: the server responded with a status of (403|422)/;
    if (msg.type() === "error" && !expected.test(text)) errors.push(text);
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

test("a citizen registers, waits for approval, becomes a custodian of one section only", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  const run = Date.now() % 100000000;
  const username = `citizen${run}`;
  const password = "rood-khaneh-1403";
  const id = nationalId(run);
  const wrongId = id.slice(0, 9) + String((Number(id[9]) + 1) % 10);

  // Registration, with the live checks of a hydrated page.
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("نام و نام خانوادگی").fill("زهرا کریمی");
  await page.getByLabel("کد ملی").fill(wrongId);
  await expect(page.locator("#national_id_hint")).toContainText("رقم کنترل");
  // Corrected, typed in Persian digits.
  const persian = [...id].map((d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]).join("");
  await page.getByLabel("کد ملی").fill(persian);
  await expect(page.locator("#national_id_hint")).toContainText("درست است");
  await page.getByLabel("شماره همراه").fill("+98 912 " + String(run).padStart(7, "0").slice(0, 7));
  await page.getByLabel("رایانامه (ایمیل)").fill(`${username}@example.ir`);
  await page.getByLabel("نام کاربری", { exact: true }).fill(username);
  await page.getByLabel("کلمه عبور", { exact: true }).fill("kotah");
  await expect(page.locator("#password_rules .rule-pending")).toHaveCount(2);
  await page.getByLabel("کلمه عبور", { exact: true }).fill(password);
  await expect(page.locator("#password_rules .rule-pending")).toHaveCount(0);
  await page.getByLabel("تکرار کلمه عبور").fill(password);
  await page.getByLabel(/شرایط استفاده/).check();
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await expect(page).toHaveURL(/\/register\/done$/);
  await expect(page.locator("h1")).toHaveText("درخواست عضویت شما ثبت شد");

  // Pending: cannot log in, and is told why.
  await login(page, username, password);
  await expect(page.getByRole("alert")).toContainText("در انتظار تأیید راهبر پرتال");
  await expect(page).toHaveURL(/\/login/);

  // The administrator, in another browser context, approves the registration.
  const admin = await adminPage(browser);
  await admin.getByRole("link", { name: /در انتظار تأیید/ }).click();
  await expect(admin).toHaveURL(/status=pending/);
  await admin.getByRole("link", { name: "زهرا کریمی" }).first().click();
  await expect(admin.locator("h1")).toHaveText("زهرا کریمی");
  await admin.getByRole("button", { name: "تأیید عضویت" }).click();
  await expect(admin.locator("dd.status-approved")).toHaveText("تأییدشده");

  // Now the citizen logs in and lands on their profile.
  await login(page, username, password);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.locator("h1")).toHaveText("حساب من");
  await expect(page.locator("header .user-name")).toHaveText("زهرا کریمی");
  await expect(page.locator("main")).toContainText("کاربر عضو");

  // The administrator nominates them for the news section and carries out the checklist.
  await admin.getByLabel("نامزدی برای متولی‌گری بخش").selectOption({ label: "اخبار و اطلاعیه‌ها" });
  await admin.getByRole("button", { name: "ثبت نامزدی" }).click();
  await expect(admin).toHaveURL(/\/admin\/custodians\/\d+$/);
  await expect(admin.locator("main")).toContainText("نامزد (در حال احراز صلاحیت)");
  // Appointing before the checklist is refused, with the missing items named.
  await admin.getByRole("button", { name: "انتصاب به متولی‌گری" }).click();
  await expect(admin.getByRole("alert")).toContainText("پیش از انتصاب این بندها باید تأیید شوند");
  const pending = admin.getByRole("button", { name: /^تأیید این بند/ });
  for (let left = await pending.count(); left > 0; left--) {
    await pending.first().click();
    await expect(pending).toHaveCount(left - 1);
  }
  await admin.getByRole("button", { name: "انتصاب به متولی‌گری" }).click();
  await expect(admin.locator("main")).toContainText("وضعیت: منصوب");
  await expect(admin.locator(".timeline li")).toHaveCount(5);

  // The custodian reaches the news dashboard, and is refused the laws one.
  await page.goto("/dashboard");
  await hydrated(page);
  // (Its stale-section reminder above links the same section: the one under «بخش‌های شما».)
  await page.getByRole("region", { name: "بخش‌های شما" }).getByRole("link", { name: "اخبار و اطلاعیه‌ها" }).click();
  await expect(page).toHaveURL(/\/dashboard\/section\/news$/);
  await expect(page.locator("h1")).toHaveText("پیشخوان بخش «اخبار و اطلاعیه‌ها»");
  await expect(page.locator("main")).toContainText("زهرا کریمی");
  const refused = await page.goto("/dashboard/section/laws");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("alert")).toHaveText("اجازه‌ی انجام این کار را ندارید.");

  // The audit log shows the appointment, by the administrator.
  await admin.goto("/admin/audit?action=custodian.appointed");
  await expect(admin.locator("tbody tr").first()).toContainText("انتصاب متولی");
  await expect(admin.locator("tbody tr").first()).toContainText("admin");

  // Revoked: the section is gone at once and the custodian is signed out.
  await admin.goBack();
  await admin.getByLabel("دلیل").fill("پایان دوره‌ی مأموریت");
  await admin.getByRole("button", { name: "عزل از متولی‌گری" }).click();
  await expect(admin.locator("main")).toContainText("وضعیت: عزل‌شده");
  const after = await page.goto("/dashboard/section/news");
  expect(after?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?next=/);

  expect(errors).toEqual([]);
  await admin.context().close();
});

test.describe("before hydration (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("a protected page sends you to log in and back; a wrong password is explained", async ({ page }) => {
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login\?next=%2Fprofile$|\/login\?next=\/profile$/);
    await page.getByLabel("نام کاربری", { exact: true }).fill("admin");
    await page.getByLabel("کلمه عبور", { exact: true }).fill("not-the-password-1");
    await page.getByRole("button", { name: "ورود" }).click();
    await expect(page.getByRole("alert")).toHaveText("ورود: نام کاربری یا کلمه عبور درست نیست.");
    await page.getByLabel("نام کاربری", { exact: true }).fill("admin");
    await page.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "ورود" }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.locator("h1")).toHaveText("حساب من");
    await expect(page.locator("main")).toContainText("راهبر پرتال");
    await page.getByRole("button", { name: "خروج از حساب" }).click();
    await expect(page.locator("header")).toContainText("ورود");
  });
});

test("a person sees the browsers signed in as them and signs the others out", async ({ browser }) => {
  test.setTimeout(60_000);
  // A phone without JavaScript signs in through the plain form.
  const phoneCtx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const phone = await phoneCtx.newPage();
  await phone.goto("/login?next=/profile");
  await phone.getByLabel("نام کاربری", { exact: true }).fill("admin");
  await phone.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
  await phone.getByRole("button", { name: "ورود" }).click();
  await expect(phone).toHaveURL(/\/profile$/);
  const phoneRows = phone.locator("section[aria-labelledby=me-sessions] tbody tr");
  expect(await phoneRows.count()).toBeGreaterThanOrEqual(1);
  await expect(phone.locator("section[aria-labelledby=me-sessions]")).toContainText("(همین مرورگر)");

  const desk = await adminPage(browser);
  await desk.goto("/profile");
  await hydrated(desk);
  const rows = desk.locator("section[aria-labelledby=me-sessions] tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(rows.filter({ hasText: "(همین مرورگر)" })).toHaveCount(1);
  await desk.getByRole("button", { name: "خروج از همه‌ی دستگاه‌های دیگر" }).click();
  await expect(desk.locator("section[aria-labelledby=me-sessions] [role=status]")).toHaveText("از همه‌ی دستگاه‌های دیگر خارج شدید.");
  await desk.reload();
  await expect(rows).toHaveCount(1);
  await expect(desk.getByRole("button", { name: "خروج از همه‌ی دستگاه‌های دیگر" })).toHaveCount(0);

  // The phone's session has ended: its next page asks it to sign in.
  await phone.goto("/profile");
  await expect(phone).toHaveURL(/\/login\?next=/);
  await phoneCtx.close();
  await desk.context().close();
});
