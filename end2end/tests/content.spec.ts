import { test, expect, type Page } from "@playwright/test";
import { adminPage, hydrated, makeCustodian } from "./helpers";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

test("a news custodian writes, the administrator publishes, citizens read it everywhere", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `بهره‌برداری از خط انتقال آب ${Date.now()}`;
  const admin = await adminPage(browser);
  await makeCustodian(page, admin, "مریم خبرنگار", "اخبار و اطلاعیه‌ها");

  // The custodian writes a news item with a main image and an attachment.
  await page.goto("/staff/content?kind=news");
  await hydrated(page);
  await page.getByRole("link", { name: "خبر تازه" }).click();
  await expect(page.locator("h1")).toHaveText("خبر تازه");
  await page.getByLabel("عنوان", { exact: true }).fill(title);
  await page.getByLabel("خلاصه").fill("خط انتقال تازه آب شرب سه روستا را تأمین می‌کند.");
  await page.getByLabel("دسته‌ی خبر").selectOption({ label: "اخبار شرکت" });
  const editor = page.getByRole("textbox", { name: "متن" });
  await editor.click();
  await page.getByRole("button", { name: "عنوان بخش (سطح ۲)" }).click();
  await page.keyboard.type("گزارش کار");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "بند معمولی" }).click();
  await page.keyboard.type("این خط به طول دوازده کیلومتر است.");
  await page.getByLabel("تصویر اصلی").setInputFiles({ name: "khat.png", mimeType: "image/png", buffer: PNG });
  await page.getByLabel("پیوست‌ها").setInputFiles({ name: "گزارش.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page).toHaveURL(/\/staff\/content\/\d+\?saved=1$/);
  await expect(page.getByRole("status")).toContainText("ذخیره شد");
  await expect(page.locator("main")).toContainText("گزارش.pdf");
  const id = page.url().match(/content\/(\d+)/)![1];
  // News needs the administrator's review: the custodian cannot publish.
  await expect(page.getByRole("button", { name: "انتشار", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "فرستادن برای بررسی" }).click();
  await expect(page.locator("main")).toContainText("در انتظار بررسی");

  // The same custodian cannot touch a regulation.
  await page.goto("/laws");
  const lawHref = await page.locator(".content-card a").first().getAttribute("href");
  const lawId = lawHref!.split("/")[2];
  const refused = await page.goto(`/staff/content/${lawId}`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("alert")).toHaveText("اجازه‌ی انجام این کار را ندارید.");

  // The administrator finds it in the review queue and publishes it.
  await admin.goto("/staff/review");
  await hydrated(admin);
  await admin.getByRole("link", { name: title }).click();
  await expect(admin).toHaveURL(new RegExp(`/staff/content/${id}$`));
  await admin.getByRole("button", { name: "انتشار", exact: true }).click();
  await expect(admin.locator("main")).toContainText("منتشرشده");

  // On the home page, in the feed, and on its own page with its metadata.
  await page.goto("/");
  await expect(page.locator("#latest-news").locator("..")).toContainText(title);
  const feed = await page.request.get("/feeds/news.xml");
  expect(await feed.text()).toContain(title);
  await page.getByRole("link", { name: title }).click();
  await expect(page.locator("h1")).toHaveText(title);
  await expect(page.locator(".content-body h2")).toHaveText("گزارش کار");
  await expect(page.locator(".content-meta")).toContainText("اخبار و اطلاعیه‌ها");
  await expect(page.locator("img.content-image")).toBeVisible();
  await expect(page.getByRole("link", { name: "گزارش.pdf" })).toBeVisible();
  // The figure shown counts the visit being shown: each look adds exactly one, signed in
  // (rendered each time) or not (kept by the page cache and shown again).
  const views = async (p: Page) =>
    Number(
      (await p.locator(".content-meta dd").nth(3).innerText()).replace(/[۰-۹]/g, (d) =>
        String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)),
      ).replace(/[^0-9]/g, ""),
    );
  const first = await views(page);
  expect(first).toBeGreaterThan(0);
  await page.reload();
  expect(await views(page)).toBe(first + 1);
  const citizen = await (await browser.newContext()).newPage();
  const address = new URL(page.url()).pathname;
  await citizen.goto(address);
  expect(await views(citizen)).toBe(first + 2);
  await citizen.goto(address);
  expect(await views(citizen)).toBe(first + 3);

  // The custodian's edit (a new file in, the report out) waits for review: until it is
  // published the public keeps the published version's files, and the new file is the
  // keepers' only; once published, the removed file is no longer anyone else's.
  const fileHref = async (p: Page, name: string) =>
    (await p.getByRole("link", { name, exact: true }).first().getAttribute("href"))!;
  const status = async (p: Page, href: string) => (await p.request.get(href)).status();
  await page.goto(`/staff/content/${id}`);
  await hydrated(page);
  const report = await fileHref(page, "گزارش.pdf");
  await page.getByLabel("برداشتن «گزارش.pdf» در این ویرایش").check();
  await page.getByLabel("پیوست‌ها", { exact: true }).setInputFiles({ name: "جدول.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "ذخیره" }).click();
  await expect(page.getByRole("status")).toContainText("ذخیره شد");
  await page.goto(`/staff/content/${id}`);
  await expect(page.getByRole("link", { name: "گزارش.pdf", exact: true })).toHaveCount(0);
  const table = await fileHref(page, "جدول.pdf");
  expect(await status(page, table), "the keeper downloads the edit's file").toBe(200);
  await citizen.goto(address);
  await expect(citizen.getByRole("link", { name: "گزارش.pdf" })).toBeVisible();
  await expect(citizen.getByRole("link", { name: "جدول.pdf" })).toHaveCount(0);
  expect(await status(citizen, table), "an edit's file before review").toBe(404);
  expect(await status(citizen, report)).toBe(200);

  await admin.goto(`/staff/content/${id}`);
  await hydrated(admin);
  await admin.getByRole("button", { name: "انتشار ویرایش" }).click();
  await expect(admin.getByRole("button", { name: "انتشار ویرایش" })).toHaveCount(0);
  await citizen.goto(address);
  await expect(citizen.getByRole("link", { name: "جدول.pdf" })).toBeVisible();
  await expect(citizen.getByRole("link", { name: "گزارش.pdf" })).toHaveCount(0);
  expect(await status(citizen, table)).toBe(200);
  expect(await status(citizen, report), "a file the approved edit removed").toBe(404);
  expect(await status(admin, report), "still the keepers'").toBe(200);
  await citizen.context().close();
  await admin.context().close();
});

test.describe("before hydration (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("content lists filter and pages read as plain HTML", async ({ page }) => {
    await page.goto("/laws");
    await page.getByLabel("نوع").selectOption({ label: "آیین‌نامه" });
    await page.getByRole("button", { name: "نمایش" }).click();
    await expect(page).toHaveURL(/subkind=bylaw/);
    await expect(page.locator(".content-card")).toHaveCount(1);
    await page.locator(".content-card a").first().click();
    await expect(page.locator("dl.details")).toContainText("هیئت وزیران");
    await page.goto("/services");
    await page.getByRole("link", { name: "صدور پروانه‌ی حفر چاه کشاورزی" }).click();
    await expect(page.locator(".service-steps li")).toHaveCount(4);
    await page.goto("/faq");
    await expect(page.locator("details.faq")).toHaveCount(3);
    await page.goto("/tenders?open=1");
    await expect(page.locator(".badge-open")).toHaveCount(1);
  });
});

test("the contact directory and counter offices are kept from their staff screens", async ({ browser }) => {
  const admin = await adminPage(browser);
  await admin.goto("/staff/contact");
  await hydrated(admin);
  const company = admin.locator("section.office-form").first();
  await company.getByLabel("ساعت کار").fill("شنبه تا چهارشنبه، ۷:۳۰ تا ۱۴:۳۰");
  await company.getByLabel("عرض جغرافیایی").fill("۳۴٫۶۴۰۱");
  await company.getByLabel("طول جغرافیایی").fill("۵۰٫۸۷۶۴");
  await company.getByRole("button", { name: "ذخیره" }).click();
  await expect(admin.getByRole("status")).toContainText("ذخیره شد");
  await admin.goto("/contact");
  await expect(admin.locator(".office-main")).toContainText("شنبه تا چهارشنبه، ۷:۳۰ تا ۱۴:۳۰");
  await expect(admin.locator(".office-main a[href^='geo:34.6401,50.8764']")).toBeVisible();

  await admin.goto("/staff/counter-offices");
  await hydrated(admin);
  const fresh = admin.locator("section.office-form").first();
  const code = String(1000000 + (Date.now() % 9000000));
  await fresh.getByLabel("نام دفتر").fill("دفتر پیشخوان آزمایشی پردیسان");
  await fresh.getByLabel("شهرستان").fill("قم");
  await fresh.getByLabel("کد دفتر").fill(code);
  await fresh.getByLabel("مدیر دفتر").fill("رضا نادری");
  await fresh.getByLabel("نشانی").fill("قم، پردیسان، بلوار دانشگاه");
  await fresh.getByLabel("تلفن").fill("۰۲۵-۳۲۸۰۱۱۱۱");
  await fresh.getByRole("button", { name: "افزودن دفتر" }).click();
  await expect(admin.getByRole("status")).toContainText("ذخیره شد");
  await admin.goto(`/counter-offices?q=${code}`);
  await expect(admin.locator("tbody tr")).toHaveCount(1);
  await expect(admin.locator("tbody")).toContainText("رضا نادری");
  await admin.context().close();
});

test("topics, the editor's attached images and the footer's links are kept as data", async ({ browser }) => {
  const admin = await adminPage(browser);
  const topic = `آب‌های مرزی ${Date.now() % 100000}`;
  await admin.goto("/staff/topics");
  await hydrated(admin);
  await admin.locator("#new-law-title").fill(topic);
  await admin.locator("#new-law-title").press("Enter");
  await expect(admin.getByRole("status")).toContainText("ثبت شد");
  await admin.goto("/laws");
  await expect(admin.locator("#f-topic option", { hasText: topic })).toHaveCount(1);

  // An image attached to a news item goes into its body, with a text alternative.
  await admin.goto("/staff/content/new?kind=news");
  await hydrated(admin);
  await admin.getByLabel("عنوان", { exact: true }).fill(`خبر با تصویر ${Date.now()}`);
  await admin.getByRole("textbox", { name: "متن" }).click();
  await admin.keyboard.type("گزارش تصویری سد.");
  await admin.getByLabel("پیوست‌ها").setInputFiles({ name: "sad.png", mimeType: "image/png", buffer: PNG });
  await admin.getByRole("button", { name: "ذخیره" }).click();
  await expect(admin.getByRole("status")).toContainText("ذخیره شد");
  await hydrated(admin);
  await admin.getByLabel("تصویرهای پیوست همین مورد").selectOption({ label: "sad.png" });
  admin.once("dialog", (d) => d.accept("نمای سد پانزده خرداد"));
  await admin.getByRole("textbox", { name: "متن" }).click();
  await admin.getByRole("button", { name: "درج تصویر پیوستِ برگزیده" }).click();
  await admin.getByRole("button", { name: "ذخیره" }).click();
  await expect(admin.getByRole("status")).toContainText("ذخیره شد");
  await admin.reload();
  await expect(admin.locator("#c-body")).toHaveValue(/<img src="\/files\/[0-9a-f]{32}" alt="نمای سد پانزده خرداد">/);

  // The footer's related sites are the published link items.
  await admin.goto("/");
  await expect(admin.locator(".related-sites a[href='https://moe.gov.ir']")).toHaveText("وزارت نیرو");
  await admin.context().close();
});
