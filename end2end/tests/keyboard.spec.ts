// Keyboard only: a citizen reaches the ticket form from the home page, files a ticket and
// follows it by its tracking code without a pointer: Tab, typing and Enter, nothing else.
// Every stop shows where the focus is.
import { test, expect, type Page } from "@playwright/test";
import { hydrated } from "./helpers";

const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String("۰۱۲۳۴۵۶۷۸۹".indexOf(d)));

type Focus = { tag: string; href: string | null; label: string; text: string; outline: string; shadow: string };

async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement & { labels?: NodeListOf<HTMLLabelElement> };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute("href"),
      label: (el.labels?.[0]?.innerText ?? el.getAttribute("aria-label") ?? "").trim(),
      text: (el.innerText ?? "").trim(),
      outline: style.outlineStyle,
      shadow: style.boxShadow,
    };
  });
}

/** Presses Tab until the focused element matches; fails after `max` presses. */
async function tabTo(page: Page, what: string, match: (f: Focus) => boolean, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (match(f)) {
      expect(f.outline !== "none" || f.shadow !== "none", `the focus on ${what} is visible`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${what}`);
}

const labelled = (text: string) => (f: Focus) => f.label.startsWith(text);

test("a ticket is filed and tracked with the keyboard alone", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/");
  await hydrated(page);
  // The skip link comes first.
  await page.keyboard.press("Tab");
  expect((await focused(page)).text).toBe("رفتن به محتوای اصلی");

  await tabTo(page, "the ticket form link", (f) => f.href === "/tickets/new");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await hydrated(page);

  const subject = `پرسش با صفحه‌کلید ${Date.now()}`;
  await tabTo(page, "the name", labelled("نام و نام خانوادگی"));
  await page.keyboard.type("مریم کریمی");
  await tabTo(page, "the mobile", labelled("شماره همراه"));
  await page.keyboard.type("09127776655");
  await tabTo(page, "the subject", labelled("موضوع"));
  await page.keyboard.type(subject);
  await tabTo(page, "the text", labelled("متن درخواست یا پرسش"));
  await page.keyboard.type("زمان بازدید کارشناس از چاه را چگونه بپرسم؟");
  await tabTo(page, "the submit button", (f) => f.tag === "button" && f.text === "ثبت تیکت");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/tickets\/track\?code=\d{16}&new=1$/);
  await expect(page.getByRole("heading", { name: "تیکت شما ثبت شد" })).toBeVisible();
  const code = toLatin((await page.locator(".tracking-code").innerText()).trim()).replace(/-/g, "");

  // Later: the tracking page, the code typed in, Enter.
  await page.goto("/tickets/track");
  await hydrated(page);
  await tabTo(page, "the code field", labelled("کد رهگیری"));
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await expect(page.getByText(subject)).toBeVisible();
  await expect(page.locator(".thread .post")).toHaveCount(1);
});
