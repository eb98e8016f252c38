// Load run for tickets over the public REST API (127.0.0.1 only, bounded in count):
// files N tickets with C concurrent clients, then looks every returned code up again, and
// reports tickets/s, lookups/s, latency percentiles, and how many codes did not resolve.
// Usage: node load/tickets.mjs http://127.0.0.1:3190 [tickets=3000] [concurrency=64]
const base = process.argv[2] ?? "http://127.0.0.1:3190";
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error("load runs target 127.0.0.1 only");
const total = Number(process.argv[3] ?? 3000);
const concurrency = Number(process.argv[4] ?? 64);

const categories = await (await fetch(`${base}/api/v1/ticket-categories`)).json();

async function pool(n, worker) {
  let next = 0;
  const latencies = [];
  const runners = Array.from({ length: concurrency }, async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      await worker(i);
      latencies.push(performance.now() - t0);
    }
  });
  const start = performance.now();
  await Promise.all(runners);
  return { seconds: (performance.now() - start) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))].toFixed(1);

const codes = new Array(total);
let createErrors = 0;
const created = await pool(total, async (i) => {
  const res = await fetch(`${base}/api/v1/tickets`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: `شهروند بار ${i}`,
      mobile: `0912${String(i).padStart(7, "0")}`,
      category: categories[i % categories.length].id,
      subject: `تیکت آزمون بار ${i}`,
      body: `متن تیکت آزمون بار شماره ${i} برای سنجش سامانه.`,
    }),
  });
  if (res.status !== 201) {
    createErrors++;
    return;
  }
  codes[i] = (await res.json()).tracking_code;
});

let lost = 0;
const looked = await pool(total, async (i) => {
  if (!codes[i]) return;
  const res = await fetch(`${base}/api/v1/tickets/${codes[i]}`);
  const body = res.status === 200 ? await res.json() : null;
  if (!body || body.tracking_code !== codes[i]) lost++;
});

const unique = new Set(codes.filter(Boolean)).size;
console.log(`tickets: ${total} with ${concurrency} concurrent clients`);
console.log(`  created: ${(total / created.seconds).toFixed(0)} tickets/s  p50 ${pct(created.latencies, 50)} ms  p90 ${pct(created.latencies, 90)} ms  p99 ${pct(created.latencies, 99)} ms  errors ${createErrors}`);
console.log(`  looked up: ${(total / looked.seconds).toFixed(0)} lookups/s  p50 ${pct(looked.latencies, 50)} ms  p90 ${pct(looked.latencies, 90)} ms  p99 ${pct(looked.latencies, 99)} ms`);
console.log(`  codes returned: ${codes.filter(Boolean).length}, distinct: ${unique}, not resolving (lost): ${lost}`);
if (createErrors > 0 || lost > 0 || unique !== total) process.exit(1);
