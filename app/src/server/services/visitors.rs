//! Visitor statistics: who is online, visits today, yesterday and in all, the peak, and the
//! administrator's analytics (per day and hour, top pages, searches and referring sites).
//!
//! A visitor is a browser holding the portal's visitor cookie (a random value, nothing
//! else); a visit is one visitor's browsing session, which ends after 30 minutes without a
//! request. Nothing is written to the database on a request's path: a [`Recorder`] collects
//! what it sees in memory and [`Recorder::flush`] adds it to the database every few seconds
//! in one transaction (a crash loses at most that much). Visits are decided in the database
//! (`visitor_presence`), so several server instances on one database count a visitor who
//! moves between them once.
//!
//! Bots are left out by their user agent and by their behaviour: a page request without the
//! cookie is held back until the browser comes back with it (a real browser does at once,
//! for the stylesheet and scripts of the page), so clients that keep no cookies are never
//! counted, and a visitor making more than [`BURST_VIEWS`] page views between two flushes
//! is dropped as a crawler.

use crate::error::{AppError, AppResult};
use crate::model::{DayCount, LabelCount, VisitorAnalytics, VisitorFigures};
use crate::persian::jalali::{tehran_offset_seconds, JalaliDate, JalaliDateTime};
pub use crate::server::request::decode_path;
use crate::server::services::permission::Acting;
use crate::server::sql::{exec, one_i64, query};
use sea_orm::{DatabaseConnection, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// The visitor cookie's name.
pub const COOKIE: &str = "portal_visitor";
/// A visit ends after this long without a request.
pub const VISIT_GAP_SECONDS: i64 = 30 * 60;
/// How long a page view waits for its browser to return the cookie before it is dropped.
pub const PENDING_SECONDS: i64 = 120;
/// More page views than this from one visitor between two flushes marks a crawler.
pub const BURST_VIEWS: usize = 30;
/// Presence rows older than this are deleted (they can no longer be online or continue a
/// visit).
const PRESENCE_KEPT_SECONDS: i64 = 2 * 86_400;
/// At most this many visitors are tracked in memory between flushes (and as bots).
const MAX_TRACKED: usize = 100_000;
/// A failed flush puts its batch back for the next one this many times at most.
pub const MAX_FAILED_FLUSHES: u32 = 3;
/// Rows in each of the analytics page's top lists.
pub const TOP: u64 = 20;

/// User-agent words of crawlers, monitors and HTTP libraries (lower case).
const BOT_WORDS: &[&str] = &[
    "bot",
    "crawl",
    "spider",
    "slurp",
    "curl",
    "wget",
    "python",
    "httpclient",
    "http-client",
    "okhttp",
    "go-http",
    "java/",
    "libwww",
    "scrapy",
    "facebookexternalhit",
    "preview",
    "monitor",
    "lighthouse",
    "feed",
];

/// The visitor behind a request that returned the visitor cookie and is not a bot by its
/// user agent: put in the request's extensions by the server's counting middleware.
#[derive(Clone, Debug)]
pub struct Returning(pub String);

/// Whether a user agent is a crawler or a program rather than a person's browser. A
/// missing one is.
pub fn is_bot(user_agent: Option<&str>) -> bool {
    let Some(ua) = user_agent.map(str::trim).filter(|u| !u.is_empty()) else {
        return true;
    };
    let ua = ua.to_ascii_lowercase();
    !ua.starts_with("mozilla/") || BOT_WORDS.iter().any(|w| ua.contains(w))
}

/// A new visitor cookie value: 128 random bits in hex.
pub fn new_visitor_id() -> String {
    super::attachment::random_key()
}

/// Whether a cookie value is one [`new_visitor_id`] could have made.
pub fn valid_visitor_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The Tehran day of an instant, as the tables key it: Jalali `YYYY/MM/DD`.
pub fn day_of(t: i64) -> String {
    JalaliDateTime::from_unix(t)
        .map(|d| d.date.to_latin_string())
        .unwrap_or_default()
}

/// The instant the Tehran clock hour holding `t` began.
pub fn hour_of(t: i64) -> i64 {
    let offset = tehran_offset_seconds(t);
    let local = t + offset;
    local - local.rem_euclid(3600) - offset
}

/// The day before a day key.
fn day_before(day: &str, n: i64) -> String {
    JalaliDate::parse(day)
        .ok()
        .and_then(|d| JalaliDate::from_jdn(d.to_jdn() - n))
        .map(|d| d.to_latin_string())
        .unwrap_or_default()
}

#[derive(Default)]
struct Seen {
    first: i64,
    last: i64,
    /// The referring site of the first page view seen ("" when typed in or bookmarked).
    referrer: Option<String>,
    pages: Vec<(i64, String)>,
}

#[derive(Default)]
struct Batch {
    /// Visitors who returned the cookie, since the last flush.
    visitors: HashMap<String, Seen>,
    /// Visitors whose browser has not returned the cookie yet.
    pending: HashMap<String, Seen>,
    searches: HashMap<(String, String), i64>,
    /// The day (`YYYY-MM-DD`, Tehran) and the (visitor, term) pairs already counted on it:
    /// one visitor repeating a search counts once a day. Kept across flushes.
    searched: (String, HashSet<(String, String)>),
    bots: HashSet<String>,
}

impl Batch {
    /// The visitor's entry among the confirmed ones, moving it out of `pending` if it waited
    /// there.
    fn confirmed(&mut self, visitor: &str, now: i64) -> Option<&mut Seen> {
        if self.bots.contains(visitor) {
            return None;
        }
        if !self.visitors.contains_key(visitor) && self.visitors.len() >= MAX_TRACKED {
            return None;
        }
        // A page view that waited too long for the cookie is not this visit's.
        let waited = self
            .pending
            .remove(visitor)
            .filter(|w| w.first > now - PENDING_SECONDS);
        let seen = self.visitors.entry(visitor.to_string()).or_insert_with(|| {
            waited.unwrap_or(Seen {
                first: now,
                last: now,
                ..Default::default()
            })
        });
        seen.last = seen.last.max(now);
        Some(seen)
    }
}

/// What one server instance has seen since its last flush, and the figures it last read.
pub struct Recorder {
    /// Tells this instance's new visits from another's in `visitor_presence`; with the
    /// flush's number, tells a visit this flush began from any other.
    instance: String,
    flushes: std::sync::atomic::AtomicU64,
    /// Flushes failed in a row; after [`MAX_FAILED_FLUSHES`] the batch is dropped, so one
    /// entry the database refuses cannot stop the counting for good.
    failed: std::sync::atomic::AtomicU32,
    online_minutes: i64,
    batch: Mutex<Batch>,
    figures: Mutex<Option<VisitorFigures>>,
    /// One flush at a time: a flush asked for while another runs waits for it, so what it
    /// returns holds everything seen before it was asked for.
    flushing: tokio::sync::Mutex<()>,
}

impl Recorder {
    /// `online_minutes`: a visitor seen within this many minutes is online.
    pub fn new(online_minutes: i64) -> Self {
        Recorder {
            instance: new_visitor_id(),
            flushes: std::sync::atomic::AtomicU64::new(0),
            failed: std::sync::atomic::AtomicU32::new(0),
            online_minutes: online_minutes.max(1),
            batch: Mutex::new(Batch::default()),
            figures: Mutex::new(None),
            flushing: tokio::sync::Mutex::new(()),
        }
    }

    fn with_batch<T>(&self, f: impl FnOnce(&mut Batch) -> T) -> Option<T> {
        self.batch.lock().ok().map(|mut b| f(&mut b))
    }

    /// Any request that carried the visitor cookie: the visitor is a browser and active.
    pub fn seen(&self, visitor: &str, now: i64) {
        self.with_batch(|b| {
            b.confirmed(visitor, now);
        });
    }

    /// A page shown to a visitor. `returned`: the request carried the cookie (otherwise the
    /// view waits for the browser to return it). `referrer`: the referring site's host when
    /// it is another site, `Some("")` when there was none.
    pub fn page_view(
        &self,
        visitor: &str,
        returned: bool,
        now: i64,
        path: &str,
        referrer: Option<String>,
    ) {
        let path: String = decode_path(path).chars().take(300).collect();
        self.with_batch(|b| {
            let seen = if returned {
                b.confirmed(visitor, now)
            } else if b.pending.len() < MAX_TRACKED || b.pending.contains_key(visitor) {
                let s = b.pending.entry(visitor.to_string()).or_insert(Seen {
                    first: now,
                    last: now,
                    ..Default::default()
                });
                s.last = s.last.max(now);
                Some(s)
            } else {
                None
            };
            let Some(seen) = seen else { return };
            if seen.referrer.is_none() {
                seen.referrer = referrer;
            }
            seen.pages.push((now, path));
            if seen.pages.len() > BURST_VIEWS {
                b.visitors.remove(visitor);
                b.pending.remove(visitor);
                if b.bots.len() >= MAX_TRACKED {
                    b.bots.clear();
                }
                b.bots.insert(visitor.to_string());
            }
        });
    }

    /// A search made on the site (its first page of results), as normalized words, by a
    /// visitor whose browser returned the cookie: counted once a day for each visitor, and
    /// never for one found to be a crawler.
    pub fn search(&self, visitor: &str, words: &[String], now: i64) {
        let term: String = words.join(" ").chars().take(100).collect();
        if term.is_empty() {
            return;
        }
        self.with_batch(|b| {
            if b.bots.contains(visitor) {
                return;
            }
            let day = day_of(now);
            let (counted_day, counted) = &mut b.searched;
            if *counted_day != day || counted.len() >= MAX_TRACKED {
                *counted_day = day.clone();
                *counted = HashSet::new();
            }
            if b.searches.len() < MAX_TRACKED && counted.insert((visitor.to_string(), term.clone()))
            {
                *b.searches.entry((day, term)).or_insert(0) += 1;
            }
        });
    }

    /// The figures as of this instance's last flush, if it made one.
    pub fn figures(&self) -> Option<VisitorFigures> {
        self.figures.lock().ok().and_then(|f| f.clone())
    }

    /// The figures as of the last flush, or read now when there was none yet.
    pub async fn current(&self, db: &DatabaseConnection, now: i64) -> AppResult<VisitorFigures> {
        if let Some(f) = self.figures() {
            return Ok(f);
        }
        let f = figures(db, now, self.online_minutes).await?;
        if let Ok(mut slot) = self.figures.lock() {
            *slot = Some(f.clone());
        }
        Ok(f)
    }

    /// Adds what was seen since the last flush to the database, records a new peak of
    /// visitors online, and reads the figures again. On a failure what was taken is put back
    /// for the next flush.
    pub async fn flush(&self, db: &DatabaseConnection, now: i64) -> AppResult<VisitorFigures> {
        let _flushing = self.flushing.lock().await;
        let (visitors, searches) = self
            .with_batch(|b| {
                b.pending.retain(|_, s| s.first > now - PENDING_SECONDS);
                (
                    std::mem::take(&mut b.visitors),
                    std::mem::take(&mut b.searches),
                )
            })
            .unwrap_or_default();
        if let Err(e) = self.write(db, &visitors, &searches).await {
            use std::sync::atomic::Ordering;
            if self.failed.fetch_add(1, Ordering::Relaxed) + 1 >= MAX_FAILED_FLUSHES {
                self.failed.store(0, Ordering::Relaxed);
                tracing::error!(
                    visitors = visitors.len(),
                    "visitor statistics dropped after {MAX_FAILED_FLUSHES} failed flushes: {e}"
                );
                return Err(e);
            }
            self.with_batch(|b| {
                for (id, seen) in visitors {
                    let s = b.visitors.entry(id).or_default();
                    if s.pages.is_empty() && s.first == 0 {
                        *s = seen;
                    } else {
                        s.first = s.first.min(seen.first);
                        s.last = s.last.max(seen.last);
                        if s.referrer.is_none() {
                            s.referrer = seen.referrer;
                        }
                        s.pages.extend(seen.pages);
                    }
                }
                for (k, n) in searches {
                    *b.searches.entry(k).or_insert(0) += n;
                }
            });
            return Err(e);
        }
        self.failed.store(0, std::sync::atomic::Ordering::Relaxed);
        let online = count_online(db, now, self.online_minutes).await?;
        record_peak(db, now, online).await?;
        exec(
            db,
            "DELETE FROM visitor_presence WHERE last_seen < ?",
            vec![(now - PRESENCE_KEPT_SECONDS).into()],
        )
        .await?;
        let f = figures_with(db, now, self.online_minutes, online).await?;
        if let Ok(mut slot) = self.figures.lock() {
            *slot = Some(f.clone());
        }
        Ok(f)
    }

    async fn write(
        &self,
        db: &DatabaseConnection,
        visitors: &HashMap<String, Seen>,
        searches: &HashMap<(String, String), i64>,
    ) -> AppResult<()> {
        if visitors.is_empty() && searches.is_empty() {
            return Ok(());
        }
        // Counters by key, added to the tables below in one statement each.
        // Rows are written in key order, so two instances flushing at once take their locks
        // in the same order and never deadlock.
        let mut days: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        let mut hours: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        let mut pages: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut referrers: BTreeMap<(String, String), i64> = BTreeMap::new();
        let searches: BTreeMap<(String, String), i64> =
            searches.iter().map(|(k, n)| (k.clone(), *n)).collect();
        let mut visitors: Vec<(&String, &Seen)> = visitors.iter().collect();
        visitors.sort_by(|a, b| a.0.cmp(b.0));
        let token = format!(
            "{}:{}",
            self.instance,
            self.flushes
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let txn = crate::server::db::stats_txn(db).await?;
        for (id, seen) in visitors {
            let rows = query(
                &txn,
                "INSERT INTO visitor_presence (visitor, visit_started, started_by, last_seen) \
                 VALUES (?, ?, ?, ?) ON CONFLICT (visitor) DO UPDATE SET \
                 visit_started = CASE WHEN visitor_presence.last_seen < excluded.visit_started - ? \
                   THEN excluded.visit_started ELSE visitor_presence.visit_started END, \
                 started_by = CASE WHEN visitor_presence.last_seen < excluded.visit_started - ? \
                   THEN excluded.started_by ELSE visitor_presence.started_by END, \
                 last_seen = CASE WHEN visitor_presence.last_seen < excluded.last_seen \
                   THEN excluded.last_seen ELSE visitor_presence.last_seen END \
                 RETURNING visit_started, started_by",
                vec![
                    id.clone().into(),
                    seen.first.into(),
                    token.clone().into(),
                    seen.last.into(),
                    VISIT_GAP_SECONDS.into(),
                    VISIT_GAP_SECONDS.into(),
                ],
            )
            .await?;
            let started = rows.first().and_then(|r| {
                Some((
                    r.try_get::<i64>("", "visit_started").ok()?,
                    r.try_get::<String>("", "started_by").ok()?,
                ))
            });
            if started == Some((seen.first, token.clone())) {
                let day = day_of(seen.first);
                days.entry(day.clone()).or_default().0 += 1;
                hours.entry(hour_of(seen.first)).or_default().0 += 1;
                let host = seen.referrer.clone().unwrap_or_default();
                *referrers.entry((day, host)).or_insert(0) += 1;
            }
            for (t, path) in &seen.pages {
                let day = day_of(*t);
                days.entry(day.clone()).or_default().1 += 1;
                hours.entry(hour_of(*t)).or_default().1 += 1;
                *pages.entry((day, path.clone())).or_insert(0) += 1;
            }
        }
        for (day, (visits, views)) in days {
            exec(
                &txn,
                "INSERT INTO visit_days (day, visits, views, peak_online, peak_at) \
                 VALUES (?, ?, ?, 0, NULL) ON CONFLICT (day) DO UPDATE SET \
                 visits = visit_days.visits + excluded.visits, \
                 views = visit_days.views + excluded.views",
                vec![day.into(), visits.into(), views.into()],
            )
            .await?;
        }
        for (hour, (visits, views)) in hours {
            exec(
                &txn,
                "INSERT INTO visit_hours (hour, day, visits, views) VALUES (?, ?, ?, ?) \
                 ON CONFLICT (hour) DO UPDATE SET visits = visit_hours.visits + excluded.visits, \
                 views = visit_hours.views + excluded.views",
                vec![
                    hour.into(),
                    day_of(hour).into(),
                    visits.into(),
                    views.into(),
                ],
            )
            .await?;
        }
        for (table, column, counts) in [
            ("visit_pages", "path", &pages),
            ("visit_searches", "term", &searches),
            ("visit_referrers", "host", &referrers),
        ] {
            let n = match table {
                "visit_pages" => "views",
                "visit_searches" => "searches",
                _ => "visits",
            };
            for ((day, label), count) in counts {
                exec(
                    &txn,
                    &format!(
                        "INSERT INTO {table} (day, {column}, {n}) VALUES (?, ?, ?) \
                         ON CONFLICT (day, {column}) DO UPDATE SET {n} = {table}.{n} + excluded.{n}"
                    ),
                    vec![day.clone().into(), label.clone().into(), (*count).into()],
                )
                .await?;
            }
        }
        txn.commit().await?;
        Ok(())
    }
}

async fn count_online(db: &DatabaseConnection, now: i64, minutes: i64) -> AppResult<i64> {
    one_i64(
        db,
        "SELECT COUNT(*) FROM visitor_presence WHERE last_seen > ?",
        vec![(now - minutes * 60).into()],
    )
    .await
}

/// Raises today's peak of visitors online to `online` if it is higher (safe from several
/// instances at once: the update only ever raises it).
async fn record_peak(db: &DatabaseConnection, now: i64, online: i64) -> AppResult<()> {
    if online == 0 {
        return Ok(());
    }
    let day = day_of(now);
    exec(
        db,
        "INSERT INTO visit_days (day, visits, views, peak_online, peak_at) \
         VALUES (?, 0, 0, 0, NULL) ON CONFLICT (day) DO NOTHING",
        vec![day.clone().into()],
    )
    .await?;
    exec(
        db,
        "UPDATE visit_days SET peak_online = ?, peak_at = ? WHERE day = ? AND peak_online < ?",
        vec![online.into(), now.into(), day.into(), online.into()],
    )
    .await
}

/// The footer's figures read from the database at `now`.
pub async fn figures(
    db: &DatabaseConnection,
    now: i64,
    online_minutes: i64,
) -> AppResult<VisitorFigures> {
    let online = count_online(db, now, online_minutes).await?;
    figures_with(db, now, online_minutes, online).await
}

/// The footer's figures with the number online already counted.
async fn figures_with(
    db: &DatabaseConnection,
    now: i64,
    online_minutes: i64,
    online: i64,
) -> AppResult<VisitorFigures> {
    let today = day_of(now);
    let yesterday = day_before(&today, 1);
    let visits_on = |day: String| {
        one_i64(
            db,
            "SELECT visits FROM visit_days WHERE day = ?",
            vec![day.into()],
        )
    };
    let peak = query(
        db,
        "SELECT peak_online, peak_at FROM visit_days WHERE peak_online > 0 \
         ORDER BY peak_online DESC, peak_at ASC LIMIT 1",
        vec![],
    )
    .await?;
    let peak = peak.first();
    Ok(VisitorFigures {
        online,
        online_minutes,
        peak: peak
            .and_then(|r| r.try_get::<i64>("", "peak_online").ok())
            .unwrap_or(0),
        peak_at: peak.and_then(|r| r.try_get::<Option<i64>>("", "peak_at").ok().flatten()),
        today: visits_on(today).await?,
        yesterday: visits_on(yesterday).await?,
        total: one_i64(
            db,
            "SELECT CAST(COALESCE(SUM(visits), 0) AS BIGINT) FROM visit_days",
            vec![],
        )
        .await?,
        updated_at: now,
    })
}

/// Flushes `recorder` every `every` until the process ends.
pub async fn run_flusher(
    recorder: Arc<Recorder>,
    db: DatabaseConnection,
    every: std::time::Duration,
) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = recorder.flush(&db, chrono::Utc::now().timestamp()).await {
            tracing::warn!("visitor statistics not flushed yet: {e}");
        }
    }
}

/// The administrator's analytics over the last `days` Tehran days, today included.
pub async fn analytics(
    db: &DatabaseConnection,
    acting: &Acting,
    days: u32,
    now: i64,
) -> AppResult<VisitorAnalytics> {
    acting.admin()?;
    if days == 0 || days > 3660 {
        return Err(AppError::Validation {
            field: "days".into(),
            message: "بازه‌ی گزارش درست نیست.".into(),
        });
    }
    let last = day_of(now);
    let first = day_before(&last, days as i64 - 1);
    let window = || -> Vec<Value> { vec![first.clone().into(), last.clone().into()] };
    let mut by_day: HashMap<String, DayCount> = query(
        db,
        "SELECT day, visits, views, peak_online FROM visit_days WHERE day >= ? AND day <= ?",
        window(),
    )
    .await?
    .iter()
    .filter_map(|r| {
        Some(DayCount {
            day: r.try_get("", "day").ok()?,
            visits: r.try_get("", "visits").ok()?,
            views: r.try_get("", "views").ok()?,
            peak_online: r.try_get("", "peak_online").ok()?,
        })
    })
    .map(|d| (d.day.clone(), d))
    .collect();
    let per_day = (0..days as i64)
        .rev()
        .map(|n| {
            let day = day_before(&last, n);
            by_day.remove(&day).unwrap_or(DayCount {
                day,
                visits: 0,
                views: 0,
                peak_online: 0,
            })
        })
        .collect();
    let mut per_hour = vec![(0_i64, 0_i64); 24];
    for r in query(
        db,
        "SELECT hour, visits, views FROM visit_hours WHERE day >= ? AND day <= ?",
        window(),
    )
    .await?
    {
        let (Ok(hour), Ok(visits), Ok(views)) = (
            r.try_get::<i64>("", "hour"),
            r.try_get::<i64>("", "visits"),
            r.try_get::<i64>("", "views"),
        ) else {
            continue;
        };
        if let Some(h) = JalaliDateTime::from_unix(hour).map(|t| t.hour as usize) {
            per_hour[h].0 += visits;
            per_hour[h].1 += views;
        }
    }
    let top = |table: &'static str, column: &'static str, n: &'static str| {
        let sql = format!(
            "SELECT {column} AS label, CAST(SUM({n}) AS BIGINT) AS count FROM {table} \
             WHERE day >= ? AND day <= ? GROUP BY {column} ORDER BY count DESC, label LIMIT {TOP}"
        );
        let values = window();
        async move {
            Ok::<_, AppError>(
                query(db, &sql, values)
                    .await?
                    .iter()
                    .filter_map(|r| {
                        Some(LabelCount {
                            label: r.try_get("", "label").ok()?,
                            count: r.try_get("", "count").ok()?,
                        })
                    })
                    .collect(),
            )
        }
    };
    Ok(VisitorAnalytics {
        days,
        per_day,
        per_hour,
        top_pages: top("visit_pages", "path", "views").await?,
        top_searches: top("visit_searches", "term", "searches").await?,
        referrers: top("visit_referrers", "host", "visits").await?,
    })
}

/// The analytics as spreadsheet rows: one per day, one per hour of the day, then the top
/// lists.
pub fn csv(a: &VisitorAnalytics) -> String {
    let header = [
        "جدول",
        "روز، ساعت یا عنوان",
        "بازدید",
        "صفحه‌ی دیده‌شده",
        "بیشترین برخط",
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for d in &a.per_day {
        rows.push(vec![
            "روزانه".into(),
            d.day.clone(),
            d.visits.to_string(),
            d.views.to_string(),
            d.peak_online.to_string(),
        ]);
    }
    for (h, (visits, views)) in a.per_hour.iter().enumerate() {
        rows.push(vec![
            "ساعت روز".into(),
            format!("{h:02}:00"),
            visits.to_string(),
            views.to_string(),
            String::new(),
        ]);
    }
    for (name, list, visits_column) in [
        ("صفحه‌های پربازدید", &a.top_pages, false),
        ("جست‌وجوهای پرتکرار", &a.top_searches, true),
        ("ارجاع‌دهنده", &a.referrers, true),
    ] {
        for l in list {
            let label = if l.label.is_empty() {
                "ورود مستقیم".to_string()
            } else {
                l.label.clone()
            };
            let (visits, views) = if visits_column {
                (l.count.to_string(), String::new())
            } else {
                (String::new(), l.count.to_string())
            };
            rows.push(vec![name.into(), label, visits, views, String::new()]);
        }
    }
    crate::server::services::spreadsheet::csv(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_by_user_agent() {
        assert!(is_bot(None));
        assert!(is_bot(Some("  ")));
        assert!(is_bot(Some("curl/8.5.0")));
        assert!(is_bot(Some(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
        )));
        assert!(is_bot(Some("python-requests/2.31")));
        assert!(!is_bot(Some(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
        )));
    }

    #[test]
    fn tehran_hours_and_days() {
        // 2024-03-19 20:29:59 UTC is 23:59:59 on 29 Esfand 1402 in Tehran (UTC+03:30).
        let t = 1_710_880_199;
        assert_eq!(day_of(t), "1402/12/29");
        assert_eq!(day_of(t + 1), "1403/01/01");
        assert_eq!(hour_of(t), t + 1 - 3600);
        assert_eq!(hour_of(t + 1), t + 1);
        assert_eq!(day_before("1403/01/01", 1), "1402/12/29");
        assert!(valid_visitor_id(&new_visitor_id()));
        assert_eq!(decode_path("/news/27/%D8%B3%D8%AF-1"), "/news/27/سد-1");
        assert_eq!(decode_path("/a%2"), "/a%2");
        assert_eq!(decode_path("/%FF"), "/%FF");
        assert_eq!(decode_path("/x%00y\u{7}"), "/xy");
        assert!(!valid_visitor_id("ABC"));
    }
}
