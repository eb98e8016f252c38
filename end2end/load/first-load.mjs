// What the browser loads for a first visit to a page: every WASM and JS file Chromium
// fetches (preloaded or not) until the page is hydrated and the network is idle, with a new
// profile for each page (nothing cached). Sizes are the files as the server keeps them:
// raw, and the gzip and brotli copies `cargo leptos build --precompress` writes beside
// them (plain http://127.0.0.1 gets no brotli from Chromium, so transfer sizes would hide it).
// Usage: node load/first-load.mjs http://127.0.0.1:3190 ../target/site /path ...
import { chromium } from "playwright-core";
import { statSync } from "node:fs";

const [base, site, ...paths] = process.argv.slice(2);
if (!base || !site || paths.length === 0) {
  console.error("usage: first-load.mjs BASE SITE_DIR PATH...");
  process.exit(2);
}

const size = (file) => {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const pad = (s, n) => String(s).padStart(n);
console.log(
  `${"first page".padEnd(22)} ${pad("files", 5)} ${pad("raw", 10)} ${pad("gzip", 9)} ${pad("brotli", 9)}   (WASM + JS; CSS apart)`,
);
let worst = 0;
for (const path of paths) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(base).origin && u.pathname.startsWith("/pkg/")) files.add(u.pathname);
  });
  const res = await page.goto(base + path);
  if (!res || res.status() >= 400) throw new Error(`${path}: ${res?.status()}`);
  await page.waitForSelector("body[data-hydrated=true]", { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  let n = 0, raw = 0, gz = 0, br = 0, css = 0;
  for (const f of files) {
    const local = site + f;
    const bytes = size(local);
    if (bytes === null) throw new Error(`${path}: ${f} is not in ${site}`);
    if (f.endsWith(".css")) {
      css += size(local + ".br") ?? bytes;
      continue;
    }
    if (!f.endsWith(".wasm") && !f.endsWith(".js")) continue;
    n += 1;
    raw += bytes;
    gz += size(local + ".gz") ?? bytes;
    br += size(local + ".br") ?? bytes;
  }
  worst = Math.max(worst, br);
  console.log(
    `${path.padEnd(22)} ${pad(n, 5)} ${pad(raw, 10)} ${pad(gz, 9)} ${pad(br, 9)}   CSS brotli ${css}`,
  );
  await context.close();
}
console.log(`largest first load, WASM + JS brotli: ${worst} bytes`);
await browser.close();
