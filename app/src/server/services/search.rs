//! Ranked word search over the published content a visitor may read: FTS5 with BM25 on
//! SQLite, the `simple` text-search configuration with `ts_rank` on PostgreSQL, both over
//! `content_items.search_text` (normalized on save, see `content::apply`), and the query
//! normalized the same way, so «كد ملي» finds «کد ملی» and «۱۴۰۳» finds «1403». Every word
//! must be there, each also as the start of a longer word. The engines rank candidates
//! among published items of the right visibility; the schedule (publish / unpublish time)
//! is then checked as every public list checks it.

use crate::error::AppResult;
use crate::model::{ContentKind, SearchHit, SearchResults, Visibility};
use crate::persian::text::normalize;
use crate::server::entities::content_item as item;
use crate::server::services::content;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QuerySelect, Statement, Value,
};

/// The most results one search ranks.
pub const MAX_HITS: usize = 500;
pub const PER_PAGE: u64 = 10;
/// Words of the passage shown before and after the first word found.
const BEFORE: usize = 8;
const AFTER: usize = 24;

/// The words of a query as the engines see them: normalized and split at anything that is
/// not a letter or a digit; at most eight.
pub fn words(q: &str) -> Vec<String> {
    normalize(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(str::to_string)
        .collect()
}

/// Ids of published items of an allowed visibility that have every word, best first.
async fn ranked_ids(
    db: &DatabaseConnection,
    words: &[String],
    audience: Visibility,
) -> AppResult<Vec<i32>> {
    let visibilities = audience.readable();
    let backend = db.get_database_backend();
    let stmt = match backend {
        DbBackend::Postgres => {
            let query = words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            let marks: Vec<String> = (0..visibilities.len())
                .map(|i| format!("${}", i + 2))
                .collect();
            let mut values: Vec<Value> = vec![query.into()];
            values.extend(visibilities.iter().map(|v| Value::from(*v)));
            Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT id FROM content_items \
                     WHERE {v} @@ to_tsquery('simple', $1) \
                     AND state = 'published' AND visibility IN ({}) \
                     ORDER BY ts_rank({v}, to_tsquery('simple', $1)) DESC, id DESC \
                     LIMIT {MAX_HITS}",
                    marks.join(", "),
                    v = crate::server::migration::PG_SEARCH_VECTOR,
                ),
                values,
            )
        }
        _ => {
            let query = words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            let marks = vec!["?"; visibilities.len()].join(", ");
            let mut values: Vec<Value> = vec![query.into()];
            values.extend(visibilities.iter().map(|v| Value::from(*v)));
            Statement::from_sql_and_values(
                backend,
                format!(
                    "SELECT content_items.id AS id FROM content_fts \
                     JOIN content_items ON content_items.id = content_fts.rowid \
                     WHERE content_fts MATCH ? \
                     AND content_items.state = 'published' AND content_items.visibility IN ({marks}) \
                     ORDER BY bm25(content_fts), content_items.id DESC \
                     LIMIT {MAX_HITS}"
                ),
                values,
            )
        }
    };
    let rows = db.query_all_raw(stmt).await?;
    Ok(rows
        .iter()
        .filter_map(|r| r.try_get::<i32>("", "id").ok())
        .collect())
}

/// Whether a word of the text is one of the query's (or starts with one).
fn found(word: &str, words: &[String]) -> bool {
    normalize(word)
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| !t.is_empty() && words.iter().any(|w| t.starts_with(w.as_str())))
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

/// One page of results for `q`, only of `kind` when given, as `audience` may read them at
/// `now`.
pub async fn search(
    db: &DatabaseConnection,
    q: &str,
    kind: Option<ContentKind>,
    audience: Visibility,
    page: u64,
    now: DateTime<Utc>,
) -> AppResult<SearchResults> {
    let words = words(q);
    let page = page.max(1);
    let empty = SearchResults {
        hits: vec![],
        total: 0,
        page,
        per_page: PER_PAGE,
    };
    if words.is_empty() {
        return Ok(empty);
    }
    let ids = ranked_ids(db, &words, audience).await?;
    if ids.is_empty() {
        return Ok(empty);
    }
    // The candidates still public now (the schedule), of the kind asked: ids only.
    let mut q = item::Entity::find()
        .select_only()
        .column(item::Column::Id)
        .filter(item::Column::Id.is_in(ids.clone()))
        .filter(content::visible_condition(now, audience));
    if let Some(k) = kind {
        q = q.filter(item::Column::Kind.eq(k.as_str()));
    }
    let kept: std::collections::HashSet<i32> =
        q.into_tuple::<i32>().all(db).await?.into_iter().collect();
    let ranked: Vec<i32> = ids.into_iter().filter(|id| kept.contains(id)).collect();
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
    let hits = rows
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
    Ok(SearchResults {
        hits,
        total,
        page,
        per_page: PER_PAGE,
    })
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
            total = search(db, q, None, Visibility::Public, 1, Utc::now())
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
