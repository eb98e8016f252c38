import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// The site search on the demo content: the research sample «امکان‌سنجی تغذیه‌ی مصنوعی
// آبخوان دشت قم» and the sample counter offices.

test("before hydration: the header's box finds Persian content typed with Arabic letters", async ({
  browser,
}) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto("/");
  const box = page.getByRole("search", { name: "جست‌وجوی سایت" });
  // Arabic yeh (ي) and kaf-free words with an Arabic yeh: typed as many keyboards do.
  await box.getByLabel("جست‌وجو در پرتال").fill("تغذيه مصنوعي");
  await box.getByRole("button", { name: "جست‌وجو" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.locator("h1")).toHaveText("جست‌وجو در پرتال");
  const hits = page.locator("ol.search-hits > li");
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText("امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم");
  await expect(hits.first().locator("mark").first()).toContainText("تغذیه");
  await expect(hits.first()).toContainText("طرح پژوهشی");
  await expect(page.getByRole("status")).toHaveText("۱ مطلب");
  // The page's own form keeps the words.
  await expect(page.locator("#s-q")).toHaveValue("تغذيه مصنوعي");
  await ctx.close();
});

test("after hydration: section filter, a counter office by its manager, and following a result", async ({
  page,
}) => {
  await page.goto("/");
  await hydrated(page);
  // A counter office by its manager's name, with a Persian page among the places.
  await page.getByLabel("جست‌وجو در پرتال").fill("فاطمه نوري");
  await page.getByLabel("جست‌وجو در پرتال").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const places = page.locator(".search-places li");
  await expect(places).toHaveCount(1);
  await expect(places.first()).toContainText("دفتر پیشخوان");
  await expect(places.first().locator("mark").first()).toHaveText("فاطمه");

  // Only research projects; the same project, then its page.
  const form = page.locator("form.search-form");
  await form.getByLabel("واژه‌ها").fill("آبخوان دشت");
  await form.getByLabel("بخش").selectOption({ label: "طرح‌های پژوهشی" });
  await form.getByRole("button", { name: "جست‌وجو" }).click();
  await expect(page).toHaveURL(/section=research/);
  const hits = page.locator("ol.search-hits > li");
  await expect(hits.first()).toContainText("امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم");
  await expect(hits.locator(".badge", { hasText: "خبر" })).toHaveCount(0);
  await hits.first().getByRole("link").first().click();
  await expect(page.locator("h1")).toContainText("امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم");

  // A date window before anything was published finds nothing, and says so.
  await page.goto("/search?q=%D8%A2%D8%A8%D8%AE%D9%88%D8%A7%D9%86&to=1390/01/01");
  await expect(page.getByRole("status")).toContainText("نتیجه‌ای پیدا نشد");
});
