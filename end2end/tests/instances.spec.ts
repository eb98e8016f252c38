import { test, expect } from "@playwright/test";

// Limits are kept in the database, so every instance on it counts the same failures: with
// two instances on one PostgreSQL database (PORTAL_URL_SECOND, as .ci/test starts them), the
// guesses alternate between them and the ninth is refused wherever it lands. On one
// instance, the same limit on that instance alone.
const FIRST = process.env.PORTAL_URL ?? "http://127.0.0.1:3000";
const SECOND = process.env.PORTAL_URL_SECOND;

test.use({ javaScriptEnabled: false });

test("failed logins to one account are limited across every instance", async ({ page }) => {
  test.setTimeout(150_000);
  const instances = SECOND ? [FIRST, SECOND] : [FIRST];
  // An account name of its own, so no other test's failures count here.
  const username = `ghost${Date.now() % 100000000}`;
  const attempt = async (n: number) => {
    await page.goto(`${instances[n % instances.length]}/login`);
    await page.getByLabel("نام کاربری", { exact: true }).fill(username);
    await page.getByLabel("کلمه عبور", { exact: true }).fill(`wrong-guess-${n}`);
    await page.getByRole("button", { name: "ورود" }).click();
    return page.getByRole("alert");
  };
  // The allowance: eight failures an account in fifteen minutes. The windows are aligned to
  // the clock (:00, :15, :30, :45): when this one ends within 90 s, the attempts start in
  // the next, so that the counts do not start again halfway.
  const left = 900 - (Math.floor(Date.now() / 1000) % 900);
  if (left <= 90) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
  for (let n = 0; n < 8; n++) {
    await expect(await attempt(n)).toHaveText("ورود: نام کاربری یا کلمه عبور درست نیست.");
  }
  for (const n of [8, 9]) {
    await expect(await attempt(n)).toContainText("بیش از حد مجاز");
  }
});
