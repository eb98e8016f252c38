import { test, expect, type Page } from "@playwright/test";
import { adminPage, hydrated, makeCustodian } from "./helpers";

/** Jalali `yyyy/mm/dd` (Latin digits) of the day `back` days before today in Tehran. */
function jalali(back: number): string {
  const when = new Date(Date.now() - back * 86_400_000);
  const parts = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
    timeZone: "Asia/Tehran",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(when);
  const get = (t: string) => parts.find((p) => p.type === t)!.value.replace(/\D/g, "");
  return `${get("year")}/${get("month")}/${get("day")}`;
}

const latin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));
const figure = async (page: Page, heading: string) =>
  Number(
    latin(await page.locator("section.figure-card", { has: page.getByRole("heading", { name: heading }) }).locator(".figure-value").innerText())
      .replace(/٬/g, "")
      .replace("٫", ".")
      .replace(/[^0-9.]/g, ""),
  );

async function importFile(page: Page, name: string, csv: string, rows: number) {
  await page.goto("/staff/water");
  await hydrated(page);
  await page.getByLabel("پرونده‌ی CSV یا XLSX").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from("\ufeff" + csv) });
  await page.getByRole("button", { name: "بارگذاری و بررسی" }).click();
  await expect(page).toHaveURL(/\/staff\/water\/imports\/\d+$/);
  await expect(page.locator("main")).toContainText(`${String(rows).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[Number(d)])} ردیف`);
  await page.getByRole("button", { name: "ثبت همه‌ی ردیف‌ها" }).click();
  await expect(page.getByRole("status")).toContainText("ثبت شد");
}

test("the water custodian imports a week of data and the public pages follow", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const admin = await adminPage(browser);
  await makeCustodian(page, admin, "زهرا آمارگر", "آمار منابع آب");

  await page.goto("/water");
  await expect(page.locator("h1")).toHaveCount(1);
  const rainBefore = await figure(page, "بارش از آغاز سال آبی");
  const storageBefore = await figure(page, "حجم آب سدها");

  // A file with a mistake is refused as a whole, with the row and column named.
  await page.goto("/staff/water");
  await hydrated(page);
  await page.getByLabel("پرونده‌ی CSV یا XLSX").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`ایستگاه,تاریخ,بارش\nقم (نمونه),${jalali(0)},بسیار\n`),
  });
  await page.getByRole("button", { name: "بارگذاری و بررسی" }).click();
  await expect(page.locator("#problems-title")).toHaveText("۱ ایراد در پرونده");
  await expect(page.locator("main table").first()).toContainText("«بسیار» عدد نیست.");
  await expect(page.getByRole("button", { name: "ثبت همه‌ی ردیف‌ها" })).toHaveCount(0);

  // A week of heavy rain at every sample station, and the big dam filling.
  const stations = ["قم (نمونه)", "کهک (نمونه)", "جعفریه (نمونه)", "سلفچگان (نمونه)", "دستجرد (نمونه)", "قنوات (نمونه)"];
  const rain = ["ایستگاه,تاریخ,بارش"];
  for (const s of stations) for (let i = 0; i < 7; i++) rain.push(`${s},${jalali(i)},۲۵٫۵`);
  await importFile(page, "باران-هفته.csv", rain.join("\n") + "\n", rain.length - 1);
  const dam = ["سد,تاریخ,حجم,ورودی,خروجی,تراز"];
  for (let i = 0; i < 7; i++) dam.push(`سد پانزده خرداد (نمونه),${jalali(i)},${170 - i},2,0.5,`);
  await importFile(page, "سد-هفته.csv", dam.join("\n") + "\n", 7);

  await page.goto("/water");
  expect(await figure(page, "بارش از آغاز سال آبی")).toBeGreaterThan(rainBefore);
  expect(await figure(page, "حجم آب سدها")).not.toBe(storageBefore);
  await expect(page.locator(".movers")).toContainText("۱۷۸٫۵");

  // The station's page charts it, and its data downloads as CSV.
  await page.goto("/water/rain-gauges");
  await page.getByRole("link", { name: "قم (نمونه)" }).first().click();
  await expect(page.locator("h1")).toContainText("قم (نمونه)");
  await expect(page.locator("figure#rain-cumulative svg polyline")).toHaveCount(2);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "دریافت بارش روزانه‌ی این ایستگاه (CSV)" }).click(),
  ]);
  const body = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  expect(body.startsWith("\ufeffstation_id,station,date_jalali,date,mm")).toBeTruthy();
  expect(body).toContain(`,قم (نمونه),${jalali(0)},`);
  expect(body).toContain(",25.5");

  // Last week's bulletin: previewed by the custodian, published with one click, public.
  await page.goto("/water/weekly-bulletin");
  await hydrated(page);
  await page.getByLabel("هفته‌ای که این روز در آن است").fill(jalali(7));
  await page.getByRole("button", { name: "پیش‌نمایش" }).click();
  await expect(page.locator("main")).toContainText("پیش‌نمایش؛ هنوز منتشر نشده است.");
  await page.getByRole("button", { name: "انتشار این آمارنامه" }).click();
  await expect(page.locator("main")).toContainText("منتشرشده در");
  const citizen = await browser.newPage();
  await citizen.goto(page.url().replace(/\/water.*/, "/water/weekly-bulletin"));
  await expect(citizen.locator("#b-title")).toContainText("هفته‌ی");
  await expect(citizen.locator("main table").first()).toContainText("قم (نمونه)");
  await expect(citizen.getByRole("button", { name: "انتشار این آمارنامه" })).toHaveCount(0);
  await citizen.close();

  // The dam's page shows this year against last.
  await page.goto("/water/dams");
  await page.getByRole("link", { name: "سد پانزده خرداد (نمونه)" }).click();
  await expect(page.locator("figure#dam-storage svg polyline")).toHaveCount(2);
  await expect(page.locator(".dam-card")).toContainText("۱۷۰");
  await admin.context().close();
});

test.describe("before hydration (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("water pages and charts are plain HTML and SVG", async ({ page }) => {
    for (const path of ["/water", "/water/dams", "/water/rain-gauges", "/water/aquifers"]) {
      await page.goto(path);
      await expect(page.locator("h1")).toHaveCount(1);
      if (path === "/water/dams") await expect(page.locator("svg.gauge")).toHaveCount(2);
      if (path === "/water/rain-gauges") await expect(page.locator("svg.place-map circle")).toHaveCount(6);
      if (path === "/water/aquifers") await expect(page.locator("figure svg rect.bar").first()).toBeVisible();
    }
    // The day picker is a plain GET form.
    await page.goto("/water");
    await page.getByLabel("آمار روز").fill("۱۴۰۴/۰۱/۱۵");
    await page.getByRole("button", { name: "نمایش" }).click();
    await expect(page).toHaveURL(/day=/);
    await expect(page.locator(".lead")).toContainText("۱۵ فروردین ۱۴۰۴");
  });
});
