import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

import { ADMIN_PASSWORD, hydrated } from "./helpers";

const toPersian = (s: string) => s.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082",
  "hex",
);

type Upload = { name: string; mimeType: string; buffer: Buffer };

async function fileTicket(page: Page, subject: string, files: Upload[] = []): Promise<string> {
  await page.goto("/tickets/new");
  await page.getByLabel("دسته").selectOption({ index: 0 });
  await page.getByLabel("نام و نام خانوادگی").fill("علی محمدی");
  await page.getByLabel("شماره همراه").fill("۰۹۱۲۷۷۷۶۶۵۵");
  await page.getByLabel("موضوع").fill(subject);
  await page.getByLabel("متن درخواست یا پرسش").fill("چاه کشاورزی ما پروانه ندارد؛ برای گرفتن پروانه چه باید کرد؟");
  if (files.length > 0) await page.getByLabel("پیوست (اختیاری)").setInputFiles(files);
  await page.getByRole("button", { name: "ثبت تیکت" }).click();
  await expect(page).toHaveURL(/\/tickets\/track\?code=\d{16}&new=1$/);
  await expect(page.getByRole("heading", { name: "تیکت شما ثبت شد" })).toBeVisible();
  const shown = (await page.locator(".tracking-code").innerText()).trim();
  expect(shown).toMatch(/^[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}$/);
  return toLatin(shown).replace(/-/g, "");
}

test("a citizen files a ticket, staff reply, the citizen reads it by code, follows up and rates", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const subject = `پروانه چاه ${Date.now()}`;
  // A page disguised as an image is refused by its content, with the Persian reason.
  await page.goto("/tickets/new");
  await hydrated(page);
  await page.getByLabel("نام و نام خانوادگی").fill("علی محمدی");
  await page.getByLabel("شماره همراه").fill("۰۹۱۲۷۷۷۶۶۵۵");
  await page.getByLabel("موضوع").fill(subject);
  await page.getByLabel("متن درخواست یا پرسش").fill("چاه کشاورزی ما پروانه ندارد؛ برای گرفتن پروانه چه باید کرد؟");
  await page.getByLabel("پیوست (اختیاری)").setInputFiles({
    name: "عکس.png",
    mimeType: "image/png",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await page.getByRole("button", { name: "ثبت تیکت" }).click();
  await expect(page.getByRole("alert")).toContainText("پذیرفته نیست");
  await expect(page).toHaveURL(/\/tickets\/new$/);

  // With a real PDF: the receipt lists it, and it downloads under its Persian name.
  await page.goto("/tickets/new");
  await hydrated(page);
  const code = await fileTicket(page, subject, [{ name: "پروانه.pdf", mimeType: "application/pdf", buffer: PDF }]);
  await hydrated(page);
  await expect(page.getByRole("button", { name: "رونوشت کد" })).toBeVisible();
  await expect(page.locator(".thread .post")).toHaveCount(1);
  const link = page.locator(".thread .attachments a");
  await expect(link).toHaveText("پروانه.pdf");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("پروانه.pdf");
  const saved = await download.path();
  expect(readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");

  // Staff (the administrator here) find it in the queue and reply.
  const ctx = await browser.newContext();
  const staff = await ctx.newPage();
  await staff.goto("/login?next=/staff/tickets");
  await hydrated(staff);
  await staff.getByLabel("نام کاربری", { exact: true }).fill("admin");
  await staff.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
  await staff.getByRole("button", { name: "ورود" }).click();
  await expect(staff).toHaveURL(/\/staff\/tickets$/);
  await staff.getByLabel("جست‌وجو", { exact: true }).fill(toPersian(code));
  await staff.getByRole("button", { name: "نمایش" }).click();
  await staff.getByRole("link", { name: subject }).click();
  await expect(staff.locator("h1")).toHaveText(subject);
  await staff.getByLabel("متن", { exact: true }).fill("پرونده را بررسی کردیم؛ سند مالکیت را بیاورید.");
  await staff.getByLabel("یادداشت داخلی (شهروند آن را نمی‌بیند)").check();
  await staff.getByRole("button", { name: "ثبت", exact: true }).click();
  await expect(staff.locator(".post-internal")).toHaveCount(1);
  await expect(staff.locator(".post-citizen .attachments")).toContainText("پروانه.pdf");
  await staff.getByLabel("متن", { exact: true }).fill("برای پروانه، سند مالکیت و کارت ملی را به امور آب شهرستان بیاورید.");
  await staff.getByLabel("پیوست (اختیاری)").setInputFiles({ name: "فرم-درخواست.pdf", mimeType: "application/pdf", buffer: PDF });
  await staff.getByRole("button", { name: "ثبت", exact: true }).click();
  await expect(staff.locator(".post-staff")).toHaveCount(1);
  await expect(staff.locator(".post-staff .attachments")).toContainText("فرم-درخواست.pdf");
  await expect(staff.locator("dl.details")).toContainText("پاسخ داده شده");

  // The citizen looks it up with the code typed in Persian digits, with separators.
  await page.goto("/tickets/track");
  await hydrated(page);
  await page.getByLabel("کد رهگیری").fill(toPersian(code.replace(/(\d{4})(?=\d)/g, "$1-")));
  await page.getByRole("button", { name: "پیگیری" }).click();
  await expect(page.locator(".ticket-status")).toHaveText("پاسخ داده شده");
  await expect(page.locator(".post-staff")).toContainText("سند مالکیت و کارت ملی");
  await expect(page.locator(".post-staff .post-meta")).toContainText("راهبر پرتال");
  await expect(page.locator("main")).not.toContainText("پرونده را بررسی کردیم");
  await expect(page.locator(".post-staff .attachments")).toContainText("فرم-درخواست.pdf");

  // A follow-up with a scan reopens it; then the citizen closes it with a rating.
  await page.getByLabel("متن پیگیری").fill("سند ما قولنامه‌ای است؛ کافی است؟");
  await page.getByLabel("پیوست (اختیاری)").setInputFiles({ name: "قولنامه.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "فرستادن" }).click();
  await expect(page.locator(".ticket-status")).toHaveText("در حال رسیدگی");
  await expect(page.locator(".thread .post")).toHaveCount(3);
  await expect(page.locator(".post-citizen").last().locator(".attachments")).toContainText("قولنامه.png");
  await page.getByLabel(/۵ — بسیار راضی/).check();
  await page.getByLabel("نظر شما (اختیاری)").fill("پاسخ سریع بود");
  await page.getByRole("button", { name: "بستن تیکت" }).click();
  await expect(page.locator(".ticket-status")).toHaveText("بسته");
  await expect(page.locator("dl.details")).toContainText("۵ از ۵");

  // An unknown code: one polite message.
  await page.goto("/tickets/track?code=1111-2222-3333-4444");
  await expect(page.getByRole("alert")).toContainText("تیکتی با این کد رهگیری پیدا نشد");
  await ctx.close();
});

test.describe("before hydration (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("filing (with a file) and tracking work as plain forms", async ({ page }) => {
    const code = await fileTicket(page, `پرسش بدون جاوااسکریپت ${Date.now()}`, [
      { name: "نقشه.png", mimeType: "image/png", buffer: PNG },
    ]);
    await page.goto("/tickets/track");
    await page.getByLabel("کد رهگیری").fill(code);
    await page.getByRole("button", { name: "پیگیری" }).click();
    await expect(page.locator(".ticket-status")).toHaveText("جدید");
    await expect(page.locator(".thread .attachments")).toContainText("نقشه.png");
    // A bad follow-up (a file that is not what it claims) comes back with the Persian error.
    await page.getByLabel("متن پیگیری").fill("x");
    await page.getByLabel("پیوست (اختیاری)").setInputFiles({ name: "a.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
    await page.getByRole("button", { name: "فرستادن" }).click();
    await expect(page.getByRole("alert")).toContainText("«a.pdf» پذیرفته نیست");
  });
});

test("the administrator sets a category's response target and adds a holiday", async ({ page }) => {
  await page.goto("/login?next=/staff/ticket-settings");
  await hydrated(page);
  await page.getByLabel("نام کاربری", { exact: true }).fill("admin");
  await page.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "ورود" }).click();
  await expect(page).toHaveURL(/\/staff\/ticket-settings$/);
  await expect(page.locator("h1")).toHaveText("تنظیمات تیکت‌ها");
  const first = page.locator(".settings-list li").first();
  await first.getByLabel("مهلت پاسخ (روز کاری)").fill("۷");
  await first.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByRole("status")).toContainText("دسته ثبت شد");
  await expect(page.locator(".settings-list li").first().getByLabel("مهلت پاسخ (روز کاری)")).toHaveValue("۷");
  await page.getByLabel("تاریخ", { exact: true }).fill("۱۴۰۹/۰۱/۱۳");
  await page.getByLabel("مناسبت").fill("روز طبیعت");
  await page.getByRole("button", { name: "افزودن", exact: true }).click();
  await expect(page.locator("table")).toContainText("روز طبیعت");
  await expect(page.locator("table")).toContainText("۱۳ فروردین ۱۴۰۹");
  // The filing form shows the new target.
  await page.goto("/tickets/new");
  await expect(page.getByLabel("دسته").locator("option").first()).toContainText("۷ روز کاری");
});
