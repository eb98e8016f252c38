import { test, expect } from "@playwright/test";
import { adminPage, hydrated } from "./helpers";
import { SmtpSink } from "./smtp";

// The newsletter end to end, with the portal's outbox delivering to a local SMTP listener
// (PORTAL_E2E_SMTP_PORT; .ci/test starts the portal with PORTAL_SMTP_URL pointing at it).
const PORT = Number(process.env.PORTAL_E2E_SMTP_PORT ?? 0);
let sink: SmtpSink | undefined;

test.beforeAll(async () => {
  if (PORT) {
    sink = new SmtpSink();
    await sink.listen(PORT);
  }
});
test.afterAll(async () => {
  await sink?.close();
});

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

test("subscribe without JavaScript, confirm by mail, receive an issue, leave in one click", async ({
  browser,
}) => {
  test.skip(!sink, "PORTAL_E2E_SMTP_PORT names the test mail server (.ci/test sets it)");
  test.setTimeout(150_000);
  const mails = sink!;
  const address = `reader-${Date.now()}@example.ir`;

  // A citizen without JavaScript subscribes to news and laws.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto("/newsletter");
  await expect(page.locator("h1")).toHaveText("خبرنامه الکترونیک");
  const form = page.getByRole("form", { name: "عضویت در خبرنامه" });
  await form.getByLabel("نشانی رایانامه").fill(address);
  await form.getByLabel("مناقصه‌ها و مزایده‌ها").uncheck();
  await form.getByRole("button", { name: "عضویت" }).click();
  await expect(page.getByRole("status")).toContainText("نامه‌ی تأیید");

  // Nothing counts until the mailed link is opened.
  const confirm = await mails.waitFor(address, "تأیید عضویت");
  const confirmLink = confirm.text.match(/https?:\/\/\S+\/newsletter\/confirm\?token=[0-9a-f]+/)![0];
  // Opening the link alone (as a mail scanner would) confirms nothing: the button does.
  await page.goto(pathOf(confirmLink));
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.getByRole("button", { name: "تأیید عضویت" }).click();
  await expect(page.getByRole("status")).toHaveText(/عضویت شما تأیید شد.*اخبار.*قوانین و مقررات/);

  // The administrator (a news custodian would do the same) composes and sends an issue.
  const admin = await adminPage(browser);
  await admin.goto("/staff/newsletter");
  await hydrated(admin);
  await expect(admin.locator("h1")).toHaveText("خبرنامه الکترونیک: نوشتن و فرستادن");
  const subject = `خبرنامه‌ی آزمایشی ${Date.now()}`;
  await admin.getByLabel("عنوان نامه").fill(subject);
  await admin.getByLabel("پیش‌گفتار (دلخواه)").fill("تازه‌های شرکت برای مشترکان.");
  const item = admin.getByLabel(/^اخبار — /).first();
  const itemTitle = ((await item.locator("xpath=..").innerText()).split(" — ")[1] ?? "").split(" (")[0];
  await item.check();
  await admin.getByRole("button", { name: "ساختن شماره" }).click();
  const send = admin.getByRole("button", { name: `فرستادن «${subject}»` });
  await send.click();
  await expect(admin.getByRole("status").filter({ hasText: "در صف فرستادن" })).toBeVisible();

  // The throttled sender hands it to the outbox, which mails it.
  const issue = await mails.waitFor(address, subject, 90_000);
  expect(issue.text).toContain("تازه‌های شرکت برای مشترکان.");
  expect(issue.text).toContain(itemTitle);
  expect(issue.text).toMatch(/\/news\/\d+\//);

  // The issue's page shows this recipient's mail as sent.
  await admin.getByRole("link", { name: subject }).click();
  await expect(admin.locator("h1")).toHaveText(subject);
  const row = admin.locator("tbody tr", { hasText: address });
  await expect
    .poll(async () => {
      await admin.reload();
      return row.locator("td").nth(1).innerText();
    }, { timeout: 30_000, intervals: [1_000] })
    .toBe("فرستاده شد");

  // One click on the mail's link ends the subscription.
  const leave = issue.text.match(/https?:\/\/\S+\/newsletter\/unsubscribe\?token=[0-9a-f]+/)![0];
  await page.goto(pathOf(leave));
  await expect(page.getByRole("status")).toContainText("لغو شد");
  await ctx.close();
  await admin.context().close();
});
