// Cross-site scripting: a list of payloads goes through the citizen's text fields (ticket,
// message, registration) and, as raw HTML, through the rich-text editor (its plain form,
// before hydration); every page that shows them is then opened in Chromium. Nothing may
// run: no dialog, no `window.__xss`, no script, style, frame, event handler or javascript:
// link inside the page's main content, and the citizen's text comes back as text.
import { test, expect, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, adminPage, hydrated } from "./helpers";

const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));

const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `"><svg onload="window.__xss=1">`,
  `'><iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<a href="javascript:window.__xss=1" id="xss-link">پیوند</a>`,
  `<details open ontoggle="window.__xss=1">`,
  `</textarea><script>window.__xss=1</script>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  `<style>body{display:none}</style><b onmouseover="window.__xss=1">متن</b>`,
];
const ALL = PAYLOADS.join(" ");

/** Watches a page for anything the payloads would do. */
function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return async (where: string) => {
    // An injected handler (an image's onerror) runs before the load event, and an island's
    // markup is in place once hydrated: after both, whatever a payload would do has run.
    await page.waitForLoadState("load");
    await hydrated(page);
    expect(await page.evaluate(() => (window as any).__xss), `${where}: a payload ran`).toBeUndefined();
    expect(dialogs, `${where}: a dialog opened`).toEqual([]);
    const made = await page.evaluate(() =>
      document.querySelectorAll('main [onerror], main [onload], main iframe, main [ontoggle], main [onmouseover], main a[href^="javascript:"], main script, main style').length,
    );
    expect(made, `${where}: payload markup became elements`).toBe(0);
    expect(await page.locator("body").isVisible(), `${where}: a payload's style applied`).toBe(true);
  };
}

test("ticket and message text fields show payloads as text", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const check = guard(page);
  await page.goto("/tickets/new");
  await hydrated(page);
  await page.getByLabel("نام و نام خانوادگی").fill(PAYLOADS[1].slice(0, 90));
  await page.getByLabel("شماره همراه").fill("09127776655");
  await page.getByLabel("موضوع").fill(PAYLOADS[0]);
  await page.getByLabel("متن درخواست یا پرسش").fill(ALL);
  await page.getByRole("button", { name: "ثبت تیکت" }).click();
  await expect(page).toHaveURL(/\/tickets\/track\?code=\d{16}&new=1$/);
  await check("the ticket receipt");
  await expect(page.locator("main")).toContainText(PAYLOADS[0]);
  const code = toLatin((await page.locator(".tracking-code").innerText()).trim()).replace(/-/g, "");
  await page.goto(`/tickets/track?code=${code}`);
  await check("the ticket looked up (server-rendered, then hydrated)");
  await expect(page.locator(".thread")).toContainText(PAYLOADS[1]);

  await page.goto("/messages/new");
  await hydrated(page);
  await page.getByLabel("موضوع").fill(PAYLOADS[2]);
  await page.getByLabel("متن پیام").fill(ALL);
  await page.getByRole("button", { name: "فرستادن پیام" }).click();
  await expect(page).toHaveURL(/\/messages\/track\?code=\d{16}/);
  await check("the message receipt");

  // Staff read both.
  const admin = await adminPage(browser);
  const staffCheck = guard(admin);
  await admin.goto("/staff/tickets");
  await hydrated(admin);
  await staffCheck("the ticket queue");
  await admin.getByRole("link", { name: PAYLOADS[0] }).first().click();
  await expect(admin.locator("main")).toContainText(PAYLOADS[3]);
  await staffCheck("the staff ticket page");
  await admin.goto("/staff/messages");
  await hydrated(admin);
  await staffCheck("the message queue");
});

test("registration fields show payloads as text on the administrator's screens", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const run = Date.now() % 100000000;
  await page.goto("/register");
  await hydrated(page);
  const name = `<img src=x onerror="window.__xss=1">${run}`;
  await page.getByLabel("نام و نام خانوادگی").fill(name);
  const id = String(100000000 + run).slice(0, 9);
  const sum = [...id].reduce((s, d, i) => s + Number(d) * (10 - i), 0) % 11;
  await page.getByLabel("کد ملی").fill(id + String(sum < 2 ? sum : 11 - sum));
  await page.getByLabel("شماره همراه").fill("0935" + String(run).padStart(7, "0").slice(0, 7));
  await page.getByLabel("رایانامه (ایمیل)").fill(`xss${run}@example.ir`);
  await page.getByLabel("نام کاربری", { exact: true }).fill(`xss${run}`);
  await page.getByLabel("کلمه عبور", { exact: true }).fill("xss-test-password-1403");
  await page.getByLabel("تکرار کلمه عبور").fill("xss-test-password-1403");
  await page.getByLabel(/شرایط استفاده/).check();
  await page.getByRole("button", { name: "ثبت‌نام" }).click();
  await expect(page).toHaveURL(/\/register\/done$/);

  const admin = await adminPage(browser);
  const check = guard(admin);
  await admin.goto("/admin/users?status=pending");
  await hydrated(admin);
  await check("the pending users list");
  await admin.getByRole("link", { name }).first().click();
  await expect(admin.locator("main")).toContainText(name);
  await check("the user's page");
});

test("the rich-text editor's HTML is sanitized on save and on the public page", async ({ browser }) => {
  test.setTimeout(120_000);
  // The editor's plain form (before hydration): the HTML goes in as typed.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const editor = await plain.newPage();
  await editor.goto("/login");
  await editor.getByLabel("نام کاربری", { exact: true }).fill("admin");
  await editor.getByLabel("کلمه عبور", { exact: true }).fill(ADMIN_PASSWORD);
  await editor.getByRole("button", { name: "ورود" }).click();
  await expect(editor).toHaveURL(/\/dashboard$/);
  await editor.goto("/staff/content/new?kind=news");
  const title = `آزمون امنیت ${Date.now()}`;
  await editor.getByLabel("عنوان", { exact: true }).fill(title);
  await editor.getByLabel("خلاصه").fill("متن آزمون پاک‌سازی");
  await editor.locator("textarea[name=body]").fill(`<p>بند سالم</p>${ALL}<p><a href="https://example.ir/">پیوند سالم</a></p>`);
  await editor.getByRole("button", { name: "ذخیره" }).click();
  await expect(editor).toHaveURL(/\/staff\/content\/\d+\?saved=1$/);
  const id = editor.url().match(/content\/(\d+)/)![1];
  const stored = await editor.locator("textarea[name=body]").inputValue();
  for (const bad of ["<script", "onerror", "onload", "ontoggle", "onmouseover", "javascript:", "<iframe", "<style", "srcdoc"]) {
    expect(stored.toLowerCase(), `saved HTML keeps ${bad}`).not.toContain(bad);
  }
  expect(stored).toContain("بند سالم");
  await editor.getByRole("button", { name: "انتشار", exact: true }).click();
  await plain.close();

  // A citizen reads it with JavaScript on.
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const check = guard(page);
  await page.goto(`/news/${id}`);
  await hydrated(page);
  await expect(page.locator("h1")).toHaveText(title);
  await expect(page.locator("main")).toContainText("بند سالم");
  await expect(page.getByRole("link", { name: "پیوند سالم" })).toHaveAttribute("href", "https://example.ir/");
  await check("the published news page");
  // The hydrated editor shows the stored HTML without running it either.
  const admin = await adminPage(browser);
  const adminCheck = guard(admin);
  await admin.goto(`/staff/content/${id}`);
  await hydrated(admin);
  await adminCheck("the hydrated editor");
});

// Payloads that close whatever a page's title or meta tags sit in.
const TITLE_PAYLOADS = [
  `</title><script>window.__xss=1</script>`,
  `</script><script>window.__xss=1</script>`,
  `</style><img src=x onerror="window.__xss=1">`,
  `</textarea><svg onload="window.__xss=1">`,
  `" onfocus="window.__xss=1" autofocus x="`,
];

/** The page has one title and it reads as the text typed: the markup did not end it. */
async function titleHolds(page: Page, where: string, typed: string) {
  expect(await page.locator("head > title").count(), `${where}: one title`).toBe(1);
  expect(await page.title(), `${where}: the title is the text typed`).toContain(typed);
  const made = await page.evaluate(() => document.querySelectorAll("head img, head svg, head textarea, head [onfocus]").length);
  expect(made, `${where}: payload markup in <head>`).toBe(0);
}

// The escaping must hold on its own: the same pages with the Content-Security-Policy obeyed
// and with it bypassed (where an injected script would run).
for (const csp of ["on", "off"]) {
  test(`typed text in page titles stays text (CSP ${csp})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const ctx = await browser.newContext({ bypassCSP: csp === "off" });
    const page = await ctx.newPage();
    const check = guard(page);
    for (const p of TITLE_PAYLOADS) {
      await page.goto(`/search?q=${encodeURIComponent(p)}`);
      await check(`search for ${p}`);
      await titleHolds(page, `search for ${p}`, p);
    }

    // A ticket's subject, on the staff's page of that ticket.
    // Letters only: whatever the queue does with digits, the link is found by it.
    const marker = `عنوان-${csp}-${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
    const subject = `${marker} ${TITLE_PAYLOADS[0]} ${TITLE_PAYLOADS[4]}`;
    await page.goto("/tickets/new");
    await hydrated(page);
    await page.getByLabel("نام و نام خانوادگی").fill("شهروند آزمون عنوان");
    await page.getByLabel("شماره همراه").fill("09127776655");
    await page.getByLabel("موضوع").fill(subject);
    await page.getByLabel("متن درخواست یا پرسش").fill("متن آزمون عنوان صفحه‌ی کارکنان");
    await page.getByRole("button", { name: "ثبت تیکت" }).click();
    await expect(page).toHaveURL(/\/tickets\/track\?code=\d{16}&new=1$/);
    await check("the ticket receipt");
    await ctx.close();

    const admin = await adminPage(browser, { bypassCSP: csp === "off" });
    const staffCheck = guard(admin);
    await admin.goto("/staff/tickets");
    await hydrated(admin);
    await admin.getByRole("link", { name: marker }).click();
    await expect(admin).toHaveURL(/\/staff\/tickets\/\d+$/);
    await staffCheck("the staff ticket page");
    await titleHolds(admin, "the staff ticket page", subject);
    await admin.context().close();
  });
}
