import { test, expect } from "@playwright/test";
import { ADMIN_PASSWORD, hydrated } from "./helpers";

// When the test server runs on PostgreSQL, .ci/test starts a second instance on the same
// database: the citizen files there, the custodian watches the first.
const SECOND = process.env.PORTAL_URL_SECOND;

const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d))).replace(/[^0-9]/g, "");

// The dashboard's stream wakes for a change, or on its own 20 s after it last woke
// (server/src/live.rs, REFRESH): a figure that changes before that refresh could come was
// pushed. (A second of margin for the way from the server to the page.) The delay itself is
// measured and printed: how fast is for a benchmark to say, not for an assertion.
const REFRESH = 20_000;
const beforeRefresh = (woke: number) => ({ timeout: Math.max(1, woke + REFRESH - 1_000 - Date.now()) });

test("the staff dashboard counts a new ticket and message as they arrive, without reload", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/login?next=/dashboard");
  await hydrated(page);
  await page.getByLabel("نام کاربری", { exact: true }).fill("admin");
  await page.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "ورود" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await hydrated(page);
  await expect(page.locator(".live-state")).toHaveText("به‌روزرسانی زنده: برقرار");
  let woke = Date.now();
  const newTickets = page.locator('[data-live="new-tickets"]');
  const unread = page.locator('[data-live="unread-messages"]');
  const before = Number(toLatin(await newTickets.innerText()));
  const unreadBefore = Number(toLatin(await unread.innerText()));
  await page.evaluate(() => ((window as any).__sameDocument = true));

  const citizenCtx = await browser.newContext({ baseURL: SECOND ?? baseURL });
  const citizen = await citizenCtx.newPage();
  await citizen.goto("/tickets/new");
  await citizen.getByLabel("دسته").selectOption({ index: 1 });
  await citizen.getByLabel("نام و نام خانوادگی").fill("مینا احمدی");
  await citizen.getByLabel("رایانامه", { exact: true }).fill("mina@example.ir");
  await citizen.getByLabel("موضوع").fill("حریم رودخانه");
  await citizen.getByLabel("متن درخواست یا پرسش").fill("ساخت‌وساز در حریم رودخانه‌ی روستای ما ادامه دارد.");
  await citizen.getByRole("button", { name: "ثبت تیکت" }).click();
  await expect(citizen).toHaveURL(/new=1/);
  let filed = Date.now();
  await expect(newTickets).toHaveText(
    String(before + 1).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]),
    beforeRefresh(woke),
  );
  woke = Date.now();
  console.log(`live dashboard: the new ticket shown ${woke - filed} ms after its receipt`);

  await citizen.goto("/messages/new");
  await citizen.getByLabel("انتقاد", { exact: true }).check();
  await citizen.getByLabel("موضوع").fill("کندی پاسخ‌گویی");
  await citizen.getByLabel("متن پیام").fill("پاسخ تلفن امور آب شهرستان دیر داده می‌شود.");
  await citizen.getByRole("button", { name: "فرستادن پیام" }).click();
  await expect(citizen.getByRole("heading", { name: "پیام شما رسید" })).toBeVisible();
  filed = Date.now();
  await expect(unread).toHaveText(
    String(unreadBefore + 1).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]),
    beforeRefresh(woke),
  );
  console.log(`live dashboard: the new message shown ${Date.now() - filed} ms after its receipt`);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  // The staff member answers the message; the sender reads the reply with the code.
  const code = toLatin(await citizen.locator(".tracking-code").innerText());
  await page.goto("/staff/messages");
  await page.getByRole("link", { name: "کندی پاسخ‌گویی" }).first().click();
  await page.getByLabel(/متن پاسخ/).fill("با امور آب شهرستان هماهنگ شد؛ از این پس پاسخ‌گویی سریع‌تر است.");
  await page.getByRole("button", { name: "ثبت پاسخ" }).click();
  await expect(page.locator(".post-staff")).toContainText("هماهنگ شد");
  await citizen.goto(`/messages/track?code=${code}`);
  await expect(citizen.locator(".message-status")).toHaveText("رسیدگی شده");
  await expect(citizen.locator(".post-staff")).toContainText("هماهنگ شد");
  await citizenCtx.close();
});
