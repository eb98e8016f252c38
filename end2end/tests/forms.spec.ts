import { test, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";

import { adminPage, hydrated, login, registerApproved } from "./helpers";

const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));

/** Adds a field with the builder's "add a field" form and waits for it in the list. */
async function addField(page: Page, kind: string, label: string, required: boolean, options = "") {
  // The form is empty again after the previous field was added.
  await expect(page.locator("#field-new-label")).toHaveValue("");
  await expect(page.locator("#field-new-required")).not.toBeChecked();
  await page.locator("#field-new-kind").selectOption(kind);
  await page.locator("#field-new-label").fill(label);
  await page.locator("#field-new-required").setChecked(required);
  if (options) await page.locator("#field-new-options").fill(options);
  await page.getByRole("button", { name: "افزودن خانه", exact: true }).click();
  await expect(page.locator("ol.form-fields")).toContainText(label);
}

test("the administrator builds a form, a citizen fills it, the expert answers, the citizen reads it, the administrator exports", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const admin = await adminPage(browser);
  const title = `پرسش از کارشناس آب ${Date.now() % 100000}`;

  // The builder: a form with five kinds of field, published as version 1.
  await admin.goto("/staff/forms");
  await hydrated(admin);
  await admin.getByLabel("عنوان فرم").fill(title);
  await admin.getByLabel(/^دسته‌ای که درخواست‌ها/).selectOption({ label: "پرسش از کارشناس (فرم‌های پیشرفته)" });
  await admin.getByRole("button", { name: "ساختن فرم" }).click();
  await expect(admin).toHaveURL(/\/staff\/forms\/\d+$/);
  const builderUrl = admin.url();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`ساخت فرم: ${title}`);
  await hydrated(admin);
  await addField(admin, "short_text", "نام و نام خانوادگی", true);
  await addField(admin, "national_id", "کد ملی", true);
  await addField(admin, "date", "تاریخ مراجعه", false);
  await addField(admin, "choice", "نوع درخواست", true, "پروانه چاه\nحقابه\nحریم رودخانه");
  await addField(admin, "long_text", "پرسش", true);
  await admin.getByRole("button", { name: "انتشار نسخه‌ی تازه" }).click();
  await expect(admin.locator("main")).toContainText("نسخه‌ی ۱ منتشر شده است.");

  // An expert of the forms category.
  const expert = await (await browser.newContext()).newPage();
  const { username, password } = await registerApproved(expert, admin, "کارشناس فرم‌ها");
  await admin.getByLabel("پرسش از کارشناس (فرم‌های پیشرفته)").check();
  await admin.getByRole("button", { name: "ذخیره‌ی دسته‌ها" }).click();
  await expect(admin.getByLabel("پرسش از کارشناس (فرم‌های پیشرفته)")).toBeChecked();
  await login(expert, username, password);
  await expect(expert).toHaveURL(/\/dashboard$/);

  // A citizen fills the form; a wrong national ID is caught as the field is left, and
  // the form is not sent until it is corrected.
  await page.goto("/forms");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await hydrated(page);
  await page.getByLabel("نام و نام خانوادگی *").fill("مریم احمدی");
  const id = page.getByLabel("کد ملی *");
  await id.fill("۰۰۱۲۳۴۵۶۷۸");
  await id.press("Tab");
  await expect(page.locator(".field-error")).toHaveText(/رقم کنترل کد ملی درست نیست/);
  await expect(id).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("حریم رودخانه").check();
  await page.getByLabel("پرسش *").fill("دیوار باغ ما در حریم رودخانه است؛ برای مرمت آن چه مجوزی لازم است؟");
  await page.getByLabel(/اجازه می‌دهم/).check();
  await page.getByRole("button", { name: "فرستادن" }).click();
  await expect(page).toHaveURL(/\/forms\/\d+$/);
  await expect(id).toBeFocused();
  // The Jalali date from the picker.
  await page.getByRole("button", { name: "انتخاب از تقویم" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /^۱ / }).first().click();
  await expect(page.getByLabel("تاریخ مراجعه")).toHaveValue(/^[۰-۹]{4}\/[۰-۹]{2}\/۰۱$/);
  await id.fill("۰۰۱۲۳۴۵۶۷۹");
  await id.press("Tab");
  await expect(page.locator(".field-error")).toHaveCount(0);
  await page.getByRole("button", { name: "فرستادن" }).click();
  await expect(page).toHaveURL(/\/forms\/track\?code=\d{16}&new=1$/);
  await expect(page.getByRole("heading", { name: "درخواست شما ثبت شد" })).toBeVisible();
  const code = toLatin((await page.locator(".tracking-code").innerText()).trim()).replace(/-/g, "");
  await expect(page.locator("dl.answers")).toContainText("******۵۶۷۹");

  // The expert finds it in the inbox and answers.
  await expert.goto("/staff/form-submissions");
  await expert.getByRole("row", { name: new RegExp(title) }).getByRole("link").click();
  await expect(expert).toHaveURL(/\/staff\/form-submissions\/\d+$/);
  await expect(expert.locator("dl.answers")).toContainText("۰۰۱۲۳۴۵۶۷۹");
  await hydrated(expert);
  await expert.getByLabel("متن", { exact: true }).fill("برای مرمت دیوار در حریم، درخواست مجوز را به امور منابع آب شهرستان بدهید.");
  await expert.getByRole("button", { name: "فرستادن" }).click();
  await expect(expert.locator("ol.thread")).toContainText("امور منابع آب شهرستان");

  // The citizen reads the answer by code, in a fresh browser.
  const later = await (await browser.newContext()).newPage();
  await later.goto(`/forms/track?code=${code}`);
  await expect(later.locator("ol.thread")).toContainText("امور منابع آب شهرستان");
  await expect(later.locator("dd.ticket-status")).toHaveText("پاسخ داده شده");

  // The administrator exports the submissions.
  await admin.goto(builderUrl);
  await hydrated(admin);
  const [csv] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "برون‌بری CSV" }).click(),
  ]);
  const text = readFileSync(await csv.path(), "utf8");
  expect(text).toContain(code);
  expect(text).toContain("0012345679");
  expect(text).toContain("حریم رودخانه");
  const [xlsx] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "برون‌بری XLSX" }).click(),
  ]);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe("PK");
});
