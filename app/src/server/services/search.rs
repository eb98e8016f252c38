//! Ranked word search over the published content a visitor may read: FTS5 with BM25 on
//! SQLite, the `simple` text-search configuration with `ts_rank` (over the newest
//! `PG_RANKED` matches) on PostgreSQL, both over
//! `content_items.search_text` (normalized on save, see `content::apply`), and the query
//! normalized the same way, so «كد ملي» finds «کد ملی» and «۱۴۰۳» finds «1403». Every word
//! must be there, each also as the start of a longer word. The engines rank candidates
//! among published items of the right visibility; the schedule (publish / unpublish time)
//! is then checked as every public list checks it.

use crate::error::AppResult;
use crate::model::{ContentKind, PlaceHit, SearchHit, SearchResults, SearchScope, Visibility};
use crate::persian::text::normalize;
use crate::server::entities::content_item as item;
use crate::server::services::content;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Value};

pub use crate::model::SEARCH_MAX_HITS as MAX_HITS;
pub const PER_PAGE: u64 = 10;
/// On PostgreSQL, how many of the newest matches are ranked (SQLite's BM25 ranks them all):
/// a query matching more than this many items shows the newest this many, best first. As
/// many as are ever shown: ranking twice as many cost PostgreSQL about 15 % more a query.
const PG_RANKED: u64 = MAX_HITS as u64;
/// Words of the passage shown before and after the first word found.
const BEFORE: usize = 8;
const AFTER: usize = 24;

/// The words of a text as the engines see them: normalized and split at anything that is
/// not a letter or a digit.
fn tokens(text: &str) -> impl Iterator<Item = String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The words of a query: as the index splits text, at most eight.
pub fn words(q: &str) -> Vec<String> {
    tokens(q).take(8).collect()
}

/// What a search asks for: words, a scope, a window of publication time (`from`
/// inclusive, `until` exclusive) and the page.
#[derive(Clone, Debug)]
pub struct Query<'a> {
    pub q: &'a str,
    pub scope: SearchScope,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub page: u64,
}

impl<'a> Query<'a> {
    /// Every section, any time, the first page.
    pub fn words(q: &'a str) -> Self {
        Query {
            q,
            scope: SearchScope::All,
            from: None,
            until: None,
            page: 1,
        }
    }
}

/// Ids of the items `audience` may read at `now` that have every word, of `kind` when
/// given and published within the query's window, best first. Every condition is in the
/// ranking query, so the limit applies after them.
async fn ranked_ids(
    db: &DatabaseConnection,
    words: &[String],
    kind: Option<ContentKind>,
    query: &Query<'_>,
    audience: Visibility,
    now: DateTime<Utc>,
) -> AppResult<Vec<i32>> {
    let backend = db.get_database_backend();
    let pg = backend == DbBackend::Postgres;
    // Values bound in order; `sql::query` numbers the marks for PostgreSQL.
    let mut values: Vec<Value> = Vec::new();
    let mut mark = |v: Value| {
        values.push(v);
        "?".to_string()
    };
    // The stored vector (a generated column with its GIN index) on PostgreSQL; its query is
    // bound again for the rank, which comes last in the statement.
    let (matched, pg_query) = if pg {
        let q = words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ");
        (
            format!(
                "c.search_vector @@ to_tsquery('simple', {})",
                mark(q.clone().into())
            ),
            Some(q),
        )
    } else {
        let q = words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        (format!("content_fts MATCH {}", mark(q.into())), None)
    };
    // Links (the related sites) have no page of their own to show.
    let mut cond = vec![
        matched,
        "c.state = 'published'".to_string(),
        "c.kind <> 'link'".to_string(),
    ];
    let readable: Vec<String> = audience
        .readable()
        .iter()
        .map(|v| mark(Value::from(*v)))
        .collect();
    cond.push(format!("c.visibility IN ({})", readable.join(", ")));
    let at = mark(now.into());
    cond.push(format!("(c.publish_at IS NULL OR c.publish_at <= {at})"));
    let at = mark(now.into());
    cond.push(format!("(c.unpublish_at IS NULL OR c.unpublish_at > {at})"));
    if let Some(k) = kind {
        cond.push(format!("c.kind = {}", mark(k.as_str().into())));
    }
    if let Some(from) = query.from {
        cond.push(format!("c.published_at >= {}", mark(from.into())));
    }
    if let Some(until) = query.until {
        cond.push(format!("c.published_at < {}", mark(until.into())));
    }
    // SQLite checks each match against the covering index, never the long row.
    let from = if pg {
        "content_items c".to_string()
    } else {
        format!(
            "content_fts JOIN content_items c INDEXED BY {} ON c.id = content_fts.rowid",
            crate::server::migration::SEARCH_FILTER_INDEX
        )
    };
    let sql = match pg_query {
        // PostgreSQL ranks the newest `PG_RANKED` matches: `ts_rank` reads every vector it
        // scores, and over thousands of matches that alone was over the time target.
        Some(q) => format!(
            "SELECT m.id AS id FROM (SELECT c.id, c.search_vector FROM {from} WHERE {} \
             ORDER BY c.published_at DESC NULLS LAST, c.id DESC LIMIT {PG_RANKED}) m \
             ORDER BY ts_rank(m.search_vector, to_tsquery('simple', {})) DESC, m.id DESC \
             LIMIT {MAX_HITS}",
            cond.join(" AND "),
            mark(q.into())
        ),
        None => format!(
            "SELECT c.id AS id FROM {from} WHERE {} ORDER BY bm25(content_fts), c.id DESC \
             LIMIT {MAX_HITS}",
            cond.join(" AND ")
        ),
    };
    let rows = crate::server::sql::query(db, &sql, values).await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<i32>("", "id").ok())
        .collect())
}

/// Whether a word of the text is one of the query's (or starts with one).
fn found(word: &str, words: &[String]) -> bool {
    tokens(word).any(|t| words.iter().any(|w| t.starts_with(w.as_str())))
}

/// Whether every query word starts a word of `text`: the engines' rule, for the few
/// things searched in memory (the portal's pages and the counter offices).
fn matches_all(text: &str, words: &[String]) -> bool {
    let t: Vec<String> = tokens(text).collect();
    words
        .iter()
        .all(|w| t.iter().any(|t| t.starts_with(w.as_str())))
}

/// The portal's section pages and the counter offices that have every word.
async fn places(
    db: &DatabaseConnection,
    words: &[String],
    scope: SearchScope,
) -> AppResult<Vec<PlaceHit>> {
    let mut out = Vec::new();
    if matches!(scope, SearchScope::All | SearchScope::Pages) {
        for s in crate::sections::GROUPS.iter().flat_map(|g| g.sections) {
            let text = format!("{} {}", s.title, s.summary);
            if matches_all(&text, words) {
                out.push(PlaceHit {
                    title: s.title.to_string(),
                    href: s.path.to_string(),
                    label: "صفحه‌ی پرتال".into(),
                    snippet: snippet(s.summary, words),
                    is_sample: false,
                });
            }
        }
    }
    if matches!(scope, SearchScope::All | SearchScope::Offices) {
        for o in crate::server::services::counter_office::list(db).await? {
            let detail = format!(
                "شهرستان {}، مدیر: {}، نشانی: {}، تلفن: {}",
                o.county, o.manager, o.address, o.phone
            );
            let name = o
                .name
                .clone()
                .unwrap_or_else(|| format!("دفتر پیشخوان {} (کد {})", o.county, o.code));
            if matches_all(&format!("{name} {} {detail}", o.code), words) {
                out.push(PlaceHit {
                    href: format!(
                        "/counter-offices?q={}",
                        crate::components::forms::encode_component(&o.code)
                    ),
                    title: name,
                    label: "دفتر پیشخوان".into(),
                    snippet: snippet(&detail, words),
                    is_sample: o.is_sample,
                });
            }
        }
    }
    Ok(out)
}

/// A passage of `text` around the first word found, as runs of plain and found words.
pub fn snippet(text: &str, words: &[String]) -> Vec<(String, bool)> {
    let all: Vec<&str> = text.split_whitespace().collect();
    let first = all.iter().position(|w| found(w, words)).unwrap_or(0);
    let start = first.saturating_sub(BEFORE);
    let end = (first + AFTER).min(all.len());
    let mut runs: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        runs.push(("… ".into(), false));
    }
    for (i, w) in all[start..end].iter().enumerate() {
        let hit = found(w, words);
        let sep = if i + 1 < end - start { " " } else { "" };
        match runs.last_mut() {
            Some((text, h)) if *h == hit && !hit => {
                text.push_str(w);
                text.push_str(sep);
            }
            _ => {
                if hit {
                    runs.push(((*w).to_string(), true));
                    if !sep.is_empty() {
                        runs.push((sep.to_string(), false));
                    }
                } else {
                    runs.push((format!("{w}{sep}"), false));
                }
            }
        }
    }
    if end < all.len() {
        runs.push((" …".into(), false));
    }
    runs
}

/// One page of results for `query` as `audience` may read them at `now`. The portal's pages
/// and counter offices found come with the first page (they have no date, so a date window
/// leaves them out).
pub async fn search(
    db: &DatabaseConnection,
    query: &Query<'_>,
    audience: Visibility,
    now: DateTime<Utc>,
) -> AppResult<SearchResults> {
    let words = words(query.q);
    let page = query.page.max(1);
    let mut out = SearchResults {
        now: now.timestamp(),
        words: words.clone(),
        places: vec![],
        hits: vec![],
        total: 0,
        page,
        per_page: PER_PAGE,
    };
    if words.is_empty() {
        return Ok(out);
    }
    if page == 1 && query.from.is_none() && query.until.is_none() {
        out.places = places(db, &words, query.scope).await?;
    }
    let kind = match query.scope {
        SearchScope::All => None,
        SearchScope::Content(k) => Some(k),
        SearchScope::Offices | SearchScope::Pages => return Ok(out),
    };
    let ranked = ranked_ids(db, &words, kind, query, audience, now).await?;
    let total = ranked.len() as u64;
    // Whole rows only for the page shown.
    let shown: Vec<i32> = ranked
        .iter()
        .skip(((page - 1) * PER_PAGE) as usize)
        .take(PER_PAGE as usize)
        .copied()
        .collect();
    let mut rows = if shown.is_empty() {
        vec![]
    } else {
        item::Entity::find()
            .filter(item::Column::Id.is_in(shown.clone()))
            .all(db)
            .await?
    };
    rows.sort_by_key(|m| shown.iter().position(|id| *id == m.id));
    let topics = content::topic_titles(db).await?;
    out.hits = rows
        .iter()
        .filter_map(|m| {
            let kind = ContentKind::parse(&m.kind)?;
            let text = content::plain_text(&m.body);
            let text = if text.trim().is_empty() {
                m.summary.clone()
            } else {
                text
            };
            Some(SearchHit {
                card: content::card(m, kind, &topics),
                snippet: snippet(&text, &words),
            })
        })
        .collect();
    out.total = total;
    Ok(out)
}

/// The search benchmark (`server bench-search`): fills `db` (a fresh database) with `items`
/// published news items of generated Persian text, then runs each query `runs` times and
/// returns, per query, its results and the 50th, 99th percentile and slowest time in
/// microseconds.
pub async fn bench(
    db: &DatabaseConnection,
    items: usize,
    runs: usize,
) -> AppResult<Vec<(String, u64, u128, u128, u128)>> {
    const WORDS: &[&str] = &[
        "آب",
        "سد",
        "چاه",
        "بارش",
        "آبخوان",
        "پروانه",
        "کنتور",
        "شبکه",
        "آبیاری",
        "رودخانه",
        "حریم",
        "بستر",
        "تخصیص",
        "حقابه",
        "کشاورزی",
        "صنعت",
        "شرب",
        "پساب",
        "تصفیه",
        "انتقال",
        "خط",
        "لوله",
        "مخزن",
        "ذخیره",
        "ورودی",
        "خروجی",
        "تراز",
        "افت",
        "فرونشست",
        "پایش",
        "سنجش",
        "گزارش",
        "طرح",
        "مطالعه",
        "اجرا",
        "قرارداد",
        "مناقصه",
        "اطلاعیه",
        "شهرستان",
        "روستا",
        "قم",
        "کهک",
        "جعفریه",
        "سلفچگان",
        "دستجرد",
        "خشکسالی",
        "سیلاب",
        "مدیریت",
        "مصرف",
        "صرفه‌جویی",
        "نوسازی",
        "تعمیر",
        "بازدید",
        "کارشناس",
        "متولی",
        "شهروند",
        "مهندسی",
        "زمستان",
        "تابستان",
        "بهار",
    ];
    // A small linear congruential generator: the same text on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let txn = crate::server::db::write_txn(db).await?;
    for i in 0..items {
        let mut pick = |count: usize| {
            (0..count)
                .map(|_| WORDS[next(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = format!("{} {}", pick(5), i + 1);
        let body = format!("<p>{}</p><p>{}</p>", pick(40), pick(40));
        let summary = pick(12);
        content::insert_sample(
            &txn,
            &content::Sample {
                kind: ContentKind::News,
                title: &title,
                summary: &summary,
                body: &body,
                fields: &[],
                subkind: None,
                ref_number: None,
                ref_date: None,
                topic: None,
                sort_order: 0,
                age_days: (i % 365) as i64,
                author: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    // PostgreSQL's autovacuum would analyze the freshly filled table within a minute; the
    // benchmark measures that steady state, not the first minute after a bulk load.
    if db.get_database_backend() == DbBackend::Postgres {
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("VACUUM ANALYZE content_items")
            .await?;
    }
    let mut out = Vec::new();
    for q in [
        "آبخوان",
        "فرونشست دستجرد",
        "پايش كنتور",
        "سیلاب زمستان روستا",
        "۴۲۴۲",
        "واژه‌ای‌که‌نیست",
    ] {
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let start = std::time::Instant::now();
            total = search(db, &Query::words(q), Visibility::Public, Utc::now())
                .await?
                .total;
            times.push(start.elapsed().as_micros());
        }
        times.sort_unstable();
        let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
        out.push((q.to_string(), total, at(50), at(99), times[times.len() - 1]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_normalized_and_split_like_the_index() {
        assert_eq!(words("كد ملي"), vec!["کد", "ملی"]);
        assert_eq!(words("QRW-۱۴۰۲"), vec!["qrw", "1402"]);
        assert_eq!(words("  \"';-- "), Vec::<String>::new());
    }

    #[test]
    fn the_snippet_marks_the_words_found() {
        let w = words("تغذيه");
        let s = snippet("طرح تغذیه‌ی مصنوعی آبخوان", &w);
        assert_eq!(
            s,
            vec![
                ("طرح ".to_string(), false),
                ("تغذیه‌ی".to_string(), true),
                (" مصنوعی آبخوان".to_string(), false)
            ]
        );
    }
}
