import { test, expect } from "@playwright/test";
import { adminPage, hydrated, makeCustodian } from "./helpers";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

test("the research custodian publishes a finished project; a citizen finds it by a keyword and downloads the report", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // A keyword of its own for this run, in Persian digits on the page.
  // (Eight digits and a closing letter: no run's keyword is part of another's.)
  const n = String(Date.now()).slice(-8);
  const fa = n.replace(/[0-9]/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)]);
  const keyword = `هیدرولیک${fa}م`;
  const title = `نشت‌یابی شبکه‌های آبیاری تحت فشار ${fa}`;
  const admin = await adminPage(browser);
  await makeCustodian(page, admin, "نرگس پژوهشگر", "تحقیق و پژوهش و مدیریت دانش");

  // The custodian writes the project with its final report.
  await page.goto("/staff/content?kind=research");
  await hydrated(page);
  await page.getByRole("link", { name: "طرح پژوهشی تازه" }).click();
  await expect(page.locator("h1")).toHaveText("طرح پژوهشی تازه");
  await page.getByLabel("عنوان طرح").fill(title);
  await page.getByLabel("خلاصه").fill("روش‌های میدانی یافتن نشت در شبکه‌های آبیاری.");
  await page.getByLabel("اولویت پژوهشی").selectOption({ label: "مدیریت منابع آب زیرزمینی" });
  await page.getByLabel("کد طرح").fill(`QRW-1402-${n}`);
  await page.getByLabel("وضعیت").selectOption({ label: "پایان‌یافته" });
  await page.getByLabel("مجری").fill("دانشگاه صنعتی شریف");
  await page.getByLabel("ناظر").fill("دفتر مطالعات پایه");
  await page.getByLabel("تاریخ شروع").fill("۱۴۰۲/۰۲/۰۱");
  await page.getByLabel("تاریخ پایان").fill("۱۴۰۳/۱۰/۳۰");
  await page.getByLabel("واژه‌های کلیدی").fill(`${keyword}، نشت‌یابی، آبیاری`);
  const editor = page.getByRole("textbox", { name: "چکیده" });
  await editor.click();
  await page.keyboard.type("این طرح سه روش نشت‌یابی را در شبکه‌های دشت قم آزمود.");
  await page.getByLabel("پیوست‌ها").setInputFiles({
    name: "گزارش نهایی.pdf",
    mimeType: "application/pdf",
    buffer: PDF,
  });
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page).toHaveURL(/\/staff\/content\/\d+\?saved=1$/);
  await expect(page.locator("main")).toContainText("گزارش نهایی.pdf");
  // The research section publishes without review.
  await page.getByRole("button", { name: "انتشار", exact: true }).click();
  await expect(page.locator("main")).toContainText("منتشرشده");

  // A citizen, in a browser of their own, searches the projects with Arabic letters and
  // Latin digits.
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto("/research");
  await expect(citizen.locator("h1")).toHaveText("تحقیق و پژوهش");
  await citizen.getByRole("link", { name: "طرح‌های پژوهشی", exact: true }).first().click();
  await expect(citizen).toHaveURL(/\/research\/projects$/);
  await hydrated(citizen);
  await citizen.getByLabel("واژه").fill(`هيدروليك${n}م`);
  await citizen.getByLabel("وضعیت").selectOption({ label: "پایان‌یافته" });
  await citizen.getByRole("button", { name: "نمایش" }).click();
  await expect(citizen.locator(".content-card")).toHaveCount(1);
  await citizen.getByRole("link", { name: title, exact: true }).click();
  await expect(citizen.locator("h1")).toContainText(title);
  const details = citizen.locator("dl.details");
  await expect(details).toContainText("دانشگاه صنعتی شریف");
  await expect(details).toContainText("پایان‌یافته");
  await expect(details).toContainText("۱۴۰۳/۱۰/۳۰");
  await expect(details.getByRole("link", { name: keyword })).toBeVisible();

  // The report downloads as the PDF the custodian uploaded.
  const download = citizen.waitForEvent("download");
  await citizen.getByRole("link", { name: "گزارش نهایی.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("گزارش نهایی.pdf");
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

  // Its keyword leads back to the search.
  await details.getByRole("link", { name: keyword }).click();
  await expect(citizen).toHaveURL(/\/research\/projects\?q=/);
  await expect(citizen.getByRole("link", { name: title, exact: true })).toBeVisible();
});
