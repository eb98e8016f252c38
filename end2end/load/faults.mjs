// Load and fault runs (127.0.0.1 only, bounded in count and time), on one database:
//  1. 5,000 tickets and messages from 200 concurrent clients over /api/v1: every
//     acknowledged code resolves afterwards, none is duplicated, and no error but the rate
//     limiter's (429) comes back.
//  2. The server is killed with SIGKILL in the middle of such a load and started again:
//     every submission acknowledged before the kill is there.
//  3. (PostgreSQL) PostgreSQL is restarted under load: /healthz reports 503 while it is
//     down and 200 after, without the portal being restarted; no acknowledged write is lost.
//  4. `server backup` during a load: the portal is started on the copy (SQLite: the file;
//     PostgreSQL: pg_restore into a new database) and every submission acknowledged before
//     the backup began resolves there.
// Usage: node load/faults.mjs SERVER_BINARY sqlite|postgres [POSTGRES_ADMIN_URL]
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [given, engine, pgAdmin] = process.argv.slice(2);
const binary = given && resolve(given);
if (!binary || !["sqlite", "postgres"].includes(engine)) {
  console.error("usage: node load/faults.mjs SERVER_BINARY sqlite|postgres [POSTGRES_ADMIN_URL]");
  process.exit(2);
}
if (engine === "postgres" && !pgAdmin) throw new Error("PostgreSQL runs need the admin URL");
const PORT = engine === "sqlite" ? 3290 : 3291;
const BASE = `http://127.0.0.1:${PORT}`;
const CLIENTS = 200;
/** How long PostgreSQL stays down in run 3: longer than the pool's 5 s acquire timeout. */
const OUTAGE_MS = 8000;
const dir = mkdtempSync(join(tmpdir(), "portal-faults-"));
const pgBase = pgAdmin?.replace(/\/[^/]*$/, "");
const dbName = `portal_faults_${process.pid}`;
const databaseUrl = engine === "sqlite" ? `sqlite://${dir}/portal.db?mode=rwc` : `${pgBase}/${dbName}`;
const created = [];
let failures = 0;

function check(ok, what) {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

function psql(url, sql) {
  execFileSync("psql", [url, "-qAtc", sql], { stdio: ["ignore", "pipe", "inherit"] });
}

// --- the server --------------------------------------------------------------------------
let server = null;
function start(url = databaseUrl, port = PORT) {
  const child = spawn(binary, ["serve"], {
    cwd: dir,
    env: {
      ...process.env,
      DATABASE_URL: url,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      PORTAL_ADMIN_PASSWORD: "faults-rahbar-1403",
      PORTAL_SESSION_KEY: "faults-session-key-0123456789abcdef-0123",
      PORTAL_RATE_LIMIT_EXEMPT: "127.0.0.1",
      PORTAL_DEMO: "1",
      RUST_LOG: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.log = "";
  const keep = (d) => (child.log = (child.log + d).slice(-20000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return child;
}

async function health(base = BASE) {
  try {
    return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return 0;
  }
}

async function healthy(base = BASE, child = server, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if ((await health(base)) === 200) return;
    if (child.exitCode !== null) throw new Error(`the server stopped:\n${child.log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not healthy after ${seconds}s:\n${child.log}`);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await done;
}

// --- the load ----------------------------------------------------------------------------
let categories = [];

/** One submission: a ticket (even i) or a message (odd i). Returns [kind, code] or null. */
async function submit(i, base = BASE) {
  const ticket = i % 2 === 0;
  const body = ticket
    ? {
        name: `شهروند آزمون خطا ${i}`,
        mobile: `0912${String(i % 10_000_000).padStart(7, "0")}`,
        category: categories[i % categories.length].id,
        subject: `تیکت آزمون خطا ${i}`,
        body: `متن تیکت آزمون خطا شماره ${i}.`,
      }
    : { kind: "suggestion", subject: `پیشنهاد آزمون خطا ${i}`, body: `متن پیشنهاد شماره ${i}.` };
  const res = await fetch(`${base}/api/v1/${ticket ? "tickets" : "messages"}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status === 201) return [ticket ? "tickets" : "messages", (await res.json()).tracking_code, i];
  const err = new Error(`HTTP ${res.status}`);
  err.status = res.status;
  throw err;
}

/**
 * `count` submissions from CLIENTS clients; `onAck` sees each acknowledged one. Connection
 * failures (a killed server) and statuses are tallied, not thrown.
 */
async function load(count, { from = 0, stopWhen = () => false } = {}) {
  let next = 0;
  const tally = { acked: [], statuses: {}, refused: 0, latencies: [] };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count && !stopWhen()) {
        const i = from + next++;
        const t = performance.now();
        try {
          const ack = await submit(i);
          tally.acked.push(ack);
          created.push(ack);
          tally.latencies.push(performance.now() - t);
        } catch (e) {
          if (e.status) tally.statuses[e.status] = (tally.statuses[e.status] ?? 0) + 1;
          else tally.refused++;
        }
      }
    }),
  );
  tally.seconds = (performance.now() - t0) / 1000;
  tally.latencies.sort((a, b) => a - b);
  return tally;
}

const pct = (s, p) => (s.length ? s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))].toFixed(0) : "-");

/**
 * How many of `acks` do not resolve at `base` (20 lookups at a time). A 503 (the database
 * busy or away) says nothing of the row: that lookup is tried again, up to five times.
 */
async function missing(acks, base = BASE) {
  const lost = [];
  let next = 0;
  const look = async (url) => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url);
      if (res.status !== 503 || attempt === 4) return res;
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < acks.length) {
        const [kind, code, i] = acks[next++];
        const res = await look(`${base}/api/v1/${kind}/${code}`);
        const body = res.status === 200 ? await res.json() : null;
        if (!body || body.tracking_code !== code) lost.push(`${kind} #${i} ${code}: HTTP ${res.status}`);
      }
    }),
  );
  if (lost.length) console.log(`    not found (first 5 of ${lost.length}): ${lost.slice(0, 5).join("; ")}`);
  return lost.length;
}

// --- the runs ----------------------------------------------------------------------------
async function main() {
  console.log(`== load and faults on ${engine === "sqlite" ? "SQLite" : "PostgreSQL"}`);
  if (engine === "postgres") psql(pgAdmin, `CREATE DATABASE ${dbName}`);
  server = start();
  await healthy();
  categories = await (await fetch(`${BASE}/api/v1/ticket-categories`)).json();

  // 1. Concurrent submissions.
  const one = await load(5000);
  const codes = one.acked.map(([, c]) => c);
  console.log(
    `1. 5000 submissions from ${CLIENTS} clients: ${one.acked.length} acknowledged in ${one.seconds.toFixed(1)} s ` +
      `(${(one.acked.length / one.seconds).toFixed(0)}/s, p50 ${pct(one.latencies, 50)} ms, p99 ${pct(one.latencies, 99)} ms), ` +
      `other answers ${JSON.stringify(one.statuses)}, connection failures ${one.refused}`,
  );
  check(new Set(codes).size === codes.length, `no code given twice (${codes.length} distinct)`);
  check(Object.keys(one.statuses).every((s) => s === "429") && one.refused === 0, "no error but the rate limiter's");
  if (Object.keys(one.statuses).some((s) => s !== "429")) {
    console.log(`    the server said:\n${server.log.split("\n").filter((l) => l.includes("ERROR")).slice(-3).join("\n")}`);
  }
  check(one.acked.length + (one.statuses["429"] ?? 0) === 5000, "every submission answered");
  check((await missing(one.acked)) === 0, "every acknowledged code resolves");

  // 2. SIGKILL in the middle of a load, then a restart on the same database.
  let killedAt = null;
  const before = created.length;
  const killer = (async () => {
    while (created.length - before < 600) await new Promise((r) => setTimeout(r, 5));
    killedAt = created.length;
    server.kill("SIGKILL");
  })();
  const two = await load(3000, { from: 10_000, stopWhen: () => killedAt !== null && server.exitCode !== null });
  await killer;
  const ackedBeforeKill = two.acked;
  console.log(
    `2. SIGKILL after ${killedAt - before} acknowledgements: ${ackedBeforeKill.length} acknowledged in all, ` +
      `the other ${two.refused} cut off or refused while it was down`,
  );
  server = start();
  await healthy();
  check((await missing(ackedBeforeKill)) === 0, "after the restart every acknowledged submission is there");
  check((await missing(one.acked)) === 0, "and so is everything from run 1");

  // 3. PostgreSQL restarted under load.
  if (engine === "postgres") {
    let statuses = new Set();
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        statuses.add(await health());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, 1000));
      execFileSync("pg_ctlcluster", ["15", "main", "stop", "-m", "fast"]);
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      execFileSync("pg_ctlcluster", ["15", "main", "start"]);
    })();
    const three = await load(4000, { from: 20_000 });
    await restart;
    const recoverStart = Date.now();
    await healthy(BASE, server, 60);
    watching = false;
    await watcher;
    console.log(
      `3. PostgreSQL stopped for ${OUTAGE_MS / 1000} s and started under load: ${three.acked.length} acknowledged, ` +
        `other answers ${JSON.stringify(three.statuses)}, healthz answers seen ${JSON.stringify([...statuses].sort())}, ` +
        `healthy again ${Date.now() - recoverStart} ms after the start`,
    );
    check(statuses.has(503), "the portal reported itself unhealthy while PostgreSQL was down");
    check(server.exitCode === null, "the portal kept running (no restart of its own)");
    check((await missing(three.acked)) === 0, "no acknowledged write lost");
    const after = await load(200, { from: 30_000 });
    check(after.acked.length === 200, "new submissions succeed after the recovery");
  }

  // 4. A backup taken during a load, and the portal started on it.
  const settled = [...created];
  const copy = engine === "sqlite" ? join(dir, "backup.db") : join(dir, "backup.dump");
  let backupError = null;
  const backup = (async () => {
    await new Promise((r) => setTimeout(r, 500));
    try {
      execFileSync(binary, ["backup", copy], {
        env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: "warn" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (e) {
      backupError = e.stderr?.toString() ?? String(e);
    }
  })();
  const four = await load(2000, { from: 40_000 });
  await backup;
  check(backupError === null && existsSync(copy), `server backup during a load of ${four.acked.length} submissions ${backupError ?? ""}`);
  let restoredUrl = `sqlite://${copy}?mode=rw`;
  if (engine === "postgres") {
    const restoredDb = `${dbName}_restored`;
    psql(pgAdmin, `CREATE DATABASE ${restoredDb}`);
    execFileSync("pg_restore", ["--no-owner", "--dbname", `${pgBase}/${restoredDb}`, copy]);
    restoredUrl = `${pgBase}/${restoredDb}`;
  }
  const restoredBase = `http://127.0.0.1:${PORT + 100}`;
  const restored = start(restoredUrl, PORT + 100);
  await healthy(restoredBase, restored);
  const lostInCopy = await missing(settled, restoredBase);
  console.log(`4. the copy serves: ${settled.length} submissions acknowledged before the backup, ${lostInCopy} missing in it`);
  check(lostInCopy === 0, "the restored copy has everything acknowledged before the backup began");
  if (lostInCopy) console.log(`    its server said:\n${restored.log.split("\n").slice(-8).join("\n")}`);
  await stop(restored);
  await stop(server);
}

try {
  await main();
} catch (e) {
  console.error(e);
  failures++;
} finally {
  if (server) server.kill("SIGKILL");
  if (engine === "postgres") {
    for (const db of [dbName, `${dbName}_restored`]) {
      try {
        psql(pgAdmin, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      } catch {}
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures === 0 ? "all checks passed" : `${failures} checks failed`);
process.exit(failures === 0 ? 0 : 1);
