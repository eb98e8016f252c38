//! The e-mail newsletter (خبرنامه الکترونیک).
//!
//! Anyone subscribes with an address and topics (news, tenders, laws); nothing changes until
//! the confirmation link mailed to that address is opened (double opt-in), so nobody can
//! subscribe or change somebody else. Every newsletter mail carries a one-click unsubscribe
//! link (the subscriber's permanent token).
//!
//! A custodian of the news, tenders or laws section (or the administrator) composes an issue
//! from published items of their sections and sends it; [`assemble_weekly`] makes one from
//! the week's published items once a week. Sending only records one `waiting` delivery a
//! recipient; [`deliver_some`] hands a limited number to the outbox at a time (throttled),
//! claiming each row first, so a restart resumes where it stopped and several instances
//! never mail anybody twice. A recipient's status is the delivery's, then its outbox row's.

use crate::error::{AppError, AppResult};
use crate::model::{
    ContentKind, DeliveryCounts, NewsletterCandidate, NewsletterDesk, NewsletterIssue,
    NewsletterIssueDetail, NewsletterRecipient, NewsletterTopic, Visibility,
};
use crate::persian::jalali::JalaliDateTime;
use crate::server::entities::content_item as item;
use crate::server::services::content::visible_condition;
use crate::server::services::outbox;
use crate::server::services::permission::{may, Acting, Action, SectionRules};
use crate::server::services::rate_limit;
use crate::server::sql::{exec, one_i64, query};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

/// Subscription requests an address may make (each mails a confirmation link).
pub const SUBSCRIBE_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 10,
    window_secs: 3600,
};
/// An address gets one confirmation mail in this long at most.
pub const CONFIRM_EVERY_SECONDS: i64 = 600;
/// Items a custodian may choose from: published in the last this many days.
const CANDIDATE_DAYS: i64 = 60;
/// Items in one issue at most.
pub const MAX_ITEMS: usize = 30;

fn new_token() -> String {
    super::attachment::random_key()
}

fn link(path: &str) -> String {
    format!("{}{path}", outbox::public_url().trim_end_matches('/'))
}

/// Asks for a subscription (or a change of topics): mails a confirmation link to the
/// address. The answer is the same whether or not the address was known.
pub async fn subscribe(
    db: &DatabaseConnection,
    acting: &Acting,
    email: &str,
    topics: &[NewsletterTopic],
    now: i64,
) -> AppResult<()> {
    let email =
        crate::persian::identity::email(email).map_err(|m| AppError::validation("رایانامه", m))?;
    if topics.is_empty() {
        return Err(AppError::validation(
            "موضوع‌ها",
            "دست‌کم یک موضوع را برگزینید.",
        ));
    }
    rate_limit::charge_address(db, "newsletter", acting.ip.as_deref(), SUBSCRIBE_LIMIT).await?;
    // One confirmation mail an address every ten minutes, whoever asks: nobody can flood a
    // stranger's mailbox from many addresses. The answer is the same either way.
    let last = query(
        db,
        "SELECT confirm_sent_at FROM newsletter_subscribers WHERE email = ?",
        vec![email.clone().into()],
    )
    .await?
    .first()
    .and_then(|r| {
        r.try_get::<Option<i64>>("", "confirm_sent_at")
            .ok()
            .flatten()
    });
    if last.is_some_and(|t| t > now - CONFIRM_EVERY_SECONDS) {
        return Ok(());
    }
    let topics = NewsletterTopic::join(topics);
    let confirm = new_token();
    let txn = crate::server::db::write_txn(db).await?;
    exec(
        &txn,
        "INSERT INTO newsletter_subscribers (email, topics, token, confirm_token, pending_topics, \
         confirm_sent_at, created_at) VALUES (?, '', ?, ?, ?, ?, ?) ON CONFLICT (email) DO UPDATE \
         SET confirm_token = excluded.confirm_token, pending_topics = excluded.pending_topics, \
         confirm_sent_at = excluded.confirm_sent_at",
        vec![
            email.clone().into(),
            new_token().into(),
            confirm.clone().into(),
            topics.clone().into(),
            now.into(),
            now.into(),
        ],
    )
    .await?;
    let names = NewsletterTopic::split(&topics)
        .into_iter()
        .map(NewsletterTopic::label)
        .collect::<Vec<_>>()
        .join("، ");
    outbox::enqueue(
        &txn,
        &email,
        "تأیید عضویت در خبرنامه‌ی شرکت آب منطقه‌ای قم",
        &format!(
            "درخواست عضویت در خبرنامه‌ی الکترونیک شرکت آب منطقه‌ای قم با این نشانی رسید.\n\
             موضوع‌ها: {names}\n\n\
             برای تأیید، این پیوند را باز کنید:\n{}\n\n\
             اگر این درخواست از شما نبوده است، این نامه را نادیده بگیرید؛ بی‌تأیید چیزی فرستاده نمی‌شود.",
            link(&format!("/newsletter/confirm?token={confirm}"))
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Opens a confirmation link: the topics asked for take effect. Returns them.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: i64,
) -> AppResult<Vec<NewsletterTopic>> {
    let token = token.trim();
    if token.is_empty() {
        return Err(AppError::NotFound);
    }
    let rows = query(
        db,
        "UPDATE newsletter_subscribers SET topics = pending_topics, pending_topics = NULL, \
         confirm_token = NULL, confirmed_at = ?, unsubscribed_at = NULL \
         WHERE confirm_token = ? RETURNING topics",
        vec![now.into(), token.to_string().into()],
    )
    .await?;
    let topics: String = rows
        .first()
        .and_then(|r| r.try_get("", "topics").ok())
        .ok_or(AppError::NotFound)?;
    Ok(NewsletterTopic::split(&topics))
}

/// The one-click unsubscribe link of every newsletter mail. Returns the address's masked
/// form; opening it again changes nothing.
pub async fn unsubscribe(db: &DatabaseConnection, token: &str, now: i64) -> AppResult<String> {
    let rows = query(
        db,
        "UPDATE newsletter_subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, ?) \
         WHERE token = ? RETURNING email",
        vec![now.into(), token.trim().to_string().into()],
    )
    .await?;
    let email: String = rows
        .first()
        .and_then(|r| r.try_get("", "email").ok())
        .ok_or(AppError::NotFound)?;
    Ok(mask(&email))
}

/// `a***@example.ir`
fn mask(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            format!("{}***@{domain}", local.chars().next().unwrap_or('*'))
        }
        None => "***".into(),
    }
}

/// The sections whose items `acting` may put into an issue.
fn topics_for(acting: &Acting) -> AppResult<Vec<NewsletterTopic>> {
    let actor = acting.signed_in()?;
    let topics: Vec<NewsletterTopic> = NewsletterTopic::ALL
        .into_iter()
        .filter(|t| {
            let rules = SectionRules {
                key: t.kind().section_key().to_string(),
                review_required: false,
            };
            may(Some(actor), Action::EditContent, Some(&rules), None)
        })
        .collect();
    if topics.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(topics)
}

/// Public items of the topics published from `since` to before `until`, newest first.
async fn published_items(
    db: &DatabaseConnection,
    topics: &[NewsletterTopic],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<Vec<item::Model>> {
    Ok(item::Entity::find()
        .filter(visible_condition(now, Visibility::Public))
        .filter(item::Column::Kind.is_in(topics.iter().map(|t| t.kind().as_str())))
        .filter(item::Column::PublishedAt.gte(since))
        .filter(item::Column::PublishedAt.lt(until))
        .order_by_desc(item::Column::PublishedAt)
        .all(db)
        .await?)
}

fn topic_of(m: &item::Model) -> Option<NewsletterTopic> {
    NewsletterTopic::of_kind(ContentKind::parse(&m.kind)?)
}

/// The staff's desk: recent items of their sections, subscribers by topic, the issues.
pub async fn desk(db: &DatabaseConnection, acting: &Acting, now: i64) -> AppResult<NewsletterDesk> {
    let topics = topics_for(acting)?;
    let at = DateTime::from_timestamp(now, 0).unwrap_or_else(Utc::now);
    let candidates = published_items(
        db,
        &topics,
        at - chrono::Duration::days(CANDIDATE_DAYS),
        at,
        at,
    )
    .await?
    .into_iter()
    .filter_map(|m| {
        Some(NewsletterCandidate {
            id: m.id,
            topic: topic_of(&m)?,
            title: m.title.clone(),
            published_at: m.published_at?.timestamp(),
        })
    })
    .collect();
    let mut subscribers = Vec::new();
    for t in NewsletterTopic::ALL {
        let n = one_i64(
            db,
            "SELECT COUNT(*) FROM newsletter_subscribers WHERE confirmed_at IS NOT NULL \
             AND unsubscribed_at IS NULL AND (',' || topics || ',') LIKE ?",
            vec![format!("%,{},%", t.as_str()).into()],
        )
        .await?;
        subscribers.push((t, n));
    }
    Ok(NewsletterDesk {
        candidates,
        subscribers,
        issues: issues(db, None).await?,
    })
}

async fn issues(db: &DatabaseConnection, id: Option<i32>) -> AppResult<Vec<NewsletterIssue>> {
    let filter = if id.is_some() { "WHERE i.id = ?" } else { "" };
    let sql = format!(
        "SELECT i.id, i.subject, i.week, i.items, i.created_at, i.sent_at, \
         CAST(SUM(CASE WHEN d.state = 'waiting' THEN 1 ELSE 0 END) AS BIGINT) AS waiting, \
         CAST(SUM(CASE WHEN d.state = 'queued' AND m.sent_at IS NULL AND m.attempts < ? \
           THEN 1 ELSE 0 END) AS BIGINT) AS queued, \
         CAST(SUM(CASE WHEN m.sent_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS sent, \
         CAST(SUM(CASE WHEN m.sent_at IS NULL AND m.attempts >= ? THEN 1 ELSE 0 END) AS BIGINT) \
           AS failed \
         FROM newsletter_issues i \
         LEFT JOIN newsletter_deliveries d ON d.issue_id = i.id \
         LEFT JOIN outbox m ON m.id = d.outbox_id \
         {filter} GROUP BY i.id, i.subject, i.week, i.items, i.created_at, i.sent_at \
         ORDER BY i.id DESC LIMIT 100"
    );
    let mut values: Vec<sea_orm::Value> =
        vec![outbox::MAX_ATTEMPTS.into(), outbox::MAX_ATTEMPTS.into()];
    if let Some(id) = id {
        values.push(id.into());
    }
    Ok(query(db, &sql, values)
        .await?
        .iter()
        .filter_map(|r| {
            let n = |c: &str| r.try_get::<Option<i64>>("", c).ok().flatten().unwrap_or(0);
            let items: String = r.try_get("", "items").ok()?;
            Some(NewsletterIssue {
                id: r.try_get("", "id").ok()?,
                subject: r.try_get("", "subject").ok()?,
                weekly: r.try_get::<Option<String>>("", "week").ok()?.is_some(),
                created_at: r.try_get("", "created_at").ok()?,
                sent_at: r.try_get("", "sent_at").ok()?,
                items: items.split(',').filter(|s| !s.is_empty()).count(),
                counts: DeliveryCounts {
                    waiting: n("waiting"),
                    queued: n("queued"),
                    sent: n("sent"),
                    failed: n("failed"),
                },
            })
        })
        .collect())
}

/// Composes an issue from published items; returns its id. Every item must be public and
/// of a section `acting` keeps.
pub async fn compose(
    db: &DatabaseConnection,
    acting: &Acting,
    subject: &str,
    intro: &str,
    item_ids: &[i32],
    now: i64,
) -> AppResult<i32> {
    let allowed = topics_for(acting)?;
    let subject = subject.trim();
    if subject.chars().count() < 3 || subject.chars().count() > 200 {
        return Err(AppError::validation(
            "عنوان",
            "عنوانی از ۳ تا ۲۰۰ نویسه بنویسید.",
        ));
    }
    if intro.chars().count() > 2000 {
        return Err(AppError::validation(
            "پیش‌گفتار",
            "پیش‌گفتار از ۲۰۰۰ نویسه بلندتر است.",
        ));
    }
    if item_ids.is_empty() || item_ids.len() > MAX_ITEMS {
        return Err(AppError::validation(
            "مطالب",
            format!("از ۱ تا {MAX_ITEMS} مطلب منتشرشده برگزینید."),
        ));
    }
    let at = DateTime::from_timestamp(now, 0).unwrap_or_else(Utc::now);
    let items = item::Entity::find()
        .filter(item::Column::Id.is_in(item_ids.iter().copied()))
        .filter(visible_condition(at, Visibility::Public))
        .all(db)
        .await?;
    let mut topics = Vec::new();
    for m in &items {
        match topic_of(m) {
            Some(t) if allowed.contains(&t) => topics.push(t),
            _ => return Err(AppError::Forbidden),
        }
    }
    if items.len() != item_ids.len() {
        return Err(AppError::validation(
            "مطالب",
            "همه‌ی مطالب برگزیده باید منتشرشده و همگانی باشند.",
        ));
    }
    let actor = acting.signed_in()?;
    insert_issue(
        db,
        subject,
        intro.trim(),
        &topics,
        item_ids,
        None,
        Some(actor.user_id),
        now,
    )
    .await
    .map(|id| id.unwrap_or_default())
}

#[allow(clippy::too_many_arguments)]
async fn insert_issue<C: ConnectionTrait>(
    db: &C,
    subject: &str,
    intro: &str,
    topics: &[NewsletterTopic],
    item_ids: &[i32],
    week: Option<String>,
    by: Option<i32>,
    now: i64,
) -> AppResult<Option<i32>> {
    let items = item_ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let conflict = if week.is_some() {
        " ON CONFLICT (week) DO NOTHING"
    } else {
        ""
    };
    let rows = query(
        db,
        &format!(
            "INSERT INTO newsletter_issues (subject, intro, topics, items, week, created_by, \
             created_at) VALUES (?, ?, ?, ?, ?, ?, ?){conflict} RETURNING id"
        ),
        vec![
            subject.to_string().into(),
            intro.to_string().into(),
            NewsletterTopic::join(topics).into(),
            items.into(),
            week.into(),
            by.into(),
            now.into(),
        ],
    )
    .await?;
    Ok(rows.first().and_then(|r| r.try_get::<i32>("", "id").ok()))
}

/// Sends an issue: one waiting delivery for every confirmed subscriber of one of its
/// topics. Returns how many. An issue is sent once.
pub async fn send(db: &DatabaseConnection, acting: &Acting, id: i32, now: i64) -> AppResult<i64> {
    may_handle(db, acting, id).await?;
    release(db, id, now).await
}

/// Whether `acting` keeps every topic of the issue (its recipients' addresses are theirs to
/// see only then).
async fn may_handle(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    let allowed = topics_for(acting)?;
    let topics: String = query(
        db,
        "SELECT topics FROM newsletter_issues WHERE id = ?",
        vec![id.into()],
    )
    .await?
    .first()
    .and_then(|r| r.try_get("", "topics").ok())
    .ok_or(AppError::NotFound)?;
    if NewsletterTopic::split(&topics)
        .iter()
        .any(|t| !allowed.contains(t))
    {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

async fn release(db: &DatabaseConnection, id: i32, now: i64) -> AppResult<i64> {
    let txn = crate::server::db::write_txn(db).await?;
    let n = release_on(&txn, id, now).await?;
    txn.commit().await?;
    Ok(n)
}

/// Marks the issue sent and records a waiting delivery for every confirmed subscriber of
/// one of its topics, on `txn`.
async fn release_on<C: ConnectionTrait>(txn: &C, id: i32, now: i64) -> AppResult<i64> {
    let claimed = query(
        txn,
        "UPDATE newsletter_issues SET sent_at = ? WHERE id = ? AND sent_at IS NULL \
         RETURNING topics",
        vec![now.into(), id.into()],
    )
    .await?;
    let Some(topics) = claimed
        .first()
        .and_then(|r| r.try_get::<String>("", "topics").ok())
    else {
        return Err(AppError::validation(
            "خبرنامه",
            "این شماره پیش‌تر فرستاده شده است.",
        ));
    };
    let mut n = 0;
    for t in NewsletterTopic::split(&topics) {
        n += txn
            .execute_raw(crate::server::sql::statement(
                txn.get_database_backend(),
                "INSERT INTO newsletter_deliveries (issue_id, subscriber_id, state) \
                 SELECT ?, id, 'waiting' FROM newsletter_subscribers \
                 WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL \
                 AND (',' || topics || ',') LIKE ? ON CONFLICT DO NOTHING",
                vec![id.into(), format!("%,{},%", t.as_str()).into()],
            ))
            .await?
            .rows_affected() as i64;
    }
    Ok(n)
}

/// The mail of an issue for one subscriber (plain text, the unsubscribe link last).
fn mail_body(intro: &str, items: &[item::Model], token: &str) -> String {
    let mut out = String::new();
    if !intro.is_empty() {
        out.push_str(intro);
        out.push_str("\n\n");
    }
    for t in NewsletterTopic::ALL {
        let of: Vec<&item::Model> = items.iter().filter(|m| topic_of(m) == Some(t)).collect();
        if of.is_empty() {
            continue;
        }
        out.push_str(&format!("■ {}\n", t.label()));
        for m in of {
            let path = format!("{}/{}/{}", t.kind().path(), m.id, m.slug);
            out.push_str(&format!("- {}\n  {}\n", m.title, link(&path)));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "——\nاین نامه را چون در خبرنامه‌ی الکترونیک شرکت آب منطقه‌ای قم عضو هستید دریافت کرده‌اید.\n\
         لغو اشتراک با یک کلیک: {}\n",
        link(&format!("/newsletter/unsubscribe?token={token}"))
    ));
    out
}

/// Hands at most `limit` waiting deliveries to the outbox (oldest issue first). Each row is
/// claimed before its mail is queued, in one transaction, so a crash or a second instance
/// never mails anybody twice. Returns how many were queued.
pub async fn deliver_some(db: &DatabaseConnection, limit: u64) -> AppResult<usize> {
    let waiting = query(
        db,
        &format!(
            "SELECT d.issue_id, d.subscriber_id, s.email, s.token, s.unsubscribed_at, \
             i.subject, i.intro, i.items FROM newsletter_deliveries d \
             JOIN newsletter_subscribers s ON s.id = d.subscriber_id \
             JOIN newsletter_issues i ON i.id = d.issue_id \
             WHERE d.state = 'waiting' ORDER BY d.issue_id, d.subscriber_id LIMIT {limit}"
        ),
        vec![],
    )
    .await?;
    let mut queued = 0;
    let mut items_of: std::collections::HashMap<String, Vec<item::Model>> = Default::default();
    for r in &waiting {
        let (Ok(issue), Ok(subscriber), Ok(email), Ok(token), Ok(subject), Ok(intro), Ok(ids)) = (
            r.try_get::<i32>("", "issue_id"),
            r.try_get::<i32>("", "subscriber_id"),
            r.try_get::<String>("", "email"),
            r.try_get::<String>("", "token"),
            r.try_get::<String>("", "subject"),
            r.try_get::<String>("", "intro"),
            r.try_get::<String>("", "items"),
        ) else {
            continue;
        };
        let gone = r
            .try_get::<Option<i64>>("", "unsubscribed_at")
            .ok()
            .flatten()
            .is_some();
        if !items_of.contains_key(&ids) {
            let list: Vec<i32> = ids.split(',').filter_map(|s| s.parse().ok()).collect();
            // An item withdrawn since the issue was composed is left out.
            let mut found = item::Entity::find()
                .filter(item::Column::Id.is_in(list.clone()))
                .filter(visible_condition(Utc::now(), Visibility::Public))
                .all(db)
                .await?;
            found.sort_by_key(|m| list.iter().position(|i| *i == m.id));
            items_of.insert(ids.clone(), found);
        }
        let txn = crate::server::db::write_txn(db).await?;
        // Somebody who left after the issue was sent gets nothing.
        let next = if gone { "dropped" } else { "queued" };
        let claimed = txn
            .execute_raw(crate::server::sql::statement(
                txn.get_database_backend(),
                "UPDATE newsletter_deliveries SET state = ? \
                 WHERE issue_id = ? AND subscriber_id = ? AND state = 'waiting'",
                vec![next.into(), issue.into(), subscriber.into()],
            ))
            .await?
            .rows_affected();
        if claimed == 1 && !gone {
            let body = mail_body(&intro, &items_of[&ids], &token);
            let outbox_id = outbox::enqueue(&txn, &email, &subject, &body).await?;
            exec(
                &txn,
                "UPDATE newsletter_deliveries SET outbox_id = ? WHERE issue_id = ? AND subscriber_id = ?",
                vec![outbox_id.into(), issue.into(), subscriber.into()],
            )
            .await?;
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// An issue with every recipient's status (the staff who may send its topics).
pub async fn detail(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<NewsletterIssueDetail> {
    may_handle(db, acting, id).await?;
    let issue = issues(db, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let row = query(
        db,
        "SELECT intro, items FROM newsletter_issues WHERE id = ?",
        vec![id.into()],
    )
    .await?;
    let row = row.first().ok_or(AppError::NotFound)?;
    let intro: String = row.try_get("", "intro").unwrap_or_default();
    let ids: Vec<i32> = row
        .try_get::<String>("", "items")
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    let mut items = item::Entity::find()
        .filter(item::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?;
    items.sort_by_key(|m| ids.iter().position(|i| *i == m.id));
    let recipients = query(
        db,
        "SELECT s.email, d.state, m.sent_at, m.attempts, m.last_error \
         FROM newsletter_deliveries d JOIN newsletter_subscribers s ON s.id = d.subscriber_id \
         LEFT JOIN outbox m ON m.id = d.outbox_id WHERE d.issue_id = ? ORDER BY s.email",
        vec![id.into()],
    )
    .await?
    .iter()
    .filter_map(|r| {
        let state: String = r.try_get("", "state").ok()?;
        let sent_at: Option<DateTime<Utc>> = r.try_get("", "sent_at").ok().flatten();
        let attempts: i32 = r
            .try_get::<Option<i32>>("", "attempts")
            .ok()
            .flatten()
            .unwrap_or(0);
        let state = match (state.as_str(), sent_at) {
            ("queued", Some(_)) => "sent",
            ("queued", None) if attempts >= outbox::MAX_ATTEMPTS => "failed",
            (s, _) => s,
        };
        Some(NewsletterRecipient {
            email: r.try_get("", "email").ok()?,
            state: state.to_string(),
            sent_at: sent_at.map(|t| t.timestamp()),
            last_error: r.try_get("", "last_error").ok().flatten(),
        })
    })
    .collect();
    Ok(NewsletterIssueDetail {
        issue,
        intro,
        item_titles: items.into_iter().map(|m| m.title).collect(),
        recipients,
    })
}

/// The week an instant falls in, by the Jalali date of its Saturday (Iran's week starts on
/// Saturday), and whether the weekly issue is due: from Saturday 08:00 to the end of Sunday,
/// Tehran time (a server down on Saturday morning still sends it; a later day does not).
pub fn week_of(now: i64) -> Option<(String, bool)> {
    let t = JalaliDateTime::from_unix(now)?;
    // JDN % 7: 0 is Monday; Saturday is 5.
    let jdn = t.date.to_jdn();
    let since_saturday = (jdn - 5).rem_euclid(7);
    let saturday = crate::persian::JalaliDate::from_jdn(jdn - since_saturday)?;
    let due = (since_saturday == 0 && t.hour >= 8) || since_saturday == 1;
    Some((saturday.to_latin_string(), due))
}

/// Once a week (from Saturday 08:00 Tehran time), an issue of everything published in the
/// seven days before that Saturday 08:00, sent to the subscribers of its topics; none when nothing was
/// published. Safe from several instances: the week is unique. Returns the issue's id when
/// this call made one.
pub async fn assemble_weekly(db: &DatabaseConnection, now: i64) -> AppResult<Option<i32>> {
    let Some((week, due)) = week_of(now) else {
        return Ok(None);
    };
    if !due {
        return Ok(None);
    }
    let done = one_i64(
        db,
        "SELECT COUNT(*) FROM newsletter_issues WHERE week = ?",
        vec![week.clone().into()],
    )
    .await?;
    if done > 0 {
        return Ok(None);
    }
    // The week before this Saturday 08:00, whenever the issue is assembled.
    let Some(until) = crate::persian::JalaliDate::parse(&week).ok().and_then(|d| {
        DateTime::from_timestamp(
            JalaliDateTime {
                date: d,
                hour: 8,
                minute: 0,
                second: 0,
            }
            .to_unix(),
            0,
        )
    }) else {
        return Ok(None);
    };
    let at = DateTime::from_timestamp(now, 0).unwrap_or_else(Utc::now);
    let items = published_items(
        db,
        &NewsletterTopic::ALL,
        until - chrono::Duration::days(7),
        until,
        at,
    )
    .await?;
    let items: Vec<&item::Model> = items.iter().take(MAX_ITEMS).collect();
    let topics: Vec<NewsletterTopic> = NewsletterTopic::ALL
        .into_iter()
        .filter(|t| items.iter().any(|m| topic_of(m) == Some(*t)))
        .collect();
    let ids: Vec<i32> = items.iter().map(|m| m.id).collect();
    if ids.is_empty() {
        return Ok(None);
    }
    let subject = format!(
        "خبرنامه‌ی هفتگی شرکت آب منطقه‌ای قم — هفته‌ی {}",
        crate::persian::to_persian_digits(&week)
    );
    // Made and released together: a failure leaves no half-made week behind.
    let txn = crate::server::db::write_txn(db).await?;
    let Some(id) = insert_issue(
        &txn,
        &subject,
        "تازه‌های هفته‌ای که گذشت:",
        &topics,
        &ids,
        Some(week),
        None,
        now,
    )
    .await?
    else {
        return Ok(None);
    };
    release_on(&txn, id, now).await?;
    txn.commit().await?;
    Ok(Some(id))
}

/// The sender: every 10 seconds hands up to `per_minute / 6` waiting mails to the outbox,
/// and checks whether the weekly issue is due.
pub async fn run_sender(db: DatabaseConnection, per_minute: u64) {
    let per_round = (per_minute / 6).max(1);
    let every = std::time::Duration::from_secs(10);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    loop {
        tick.tick().await;
        let now = Utc::now().timestamp();
        if let Err(e) = assemble_weekly(&db, now).await {
            tracing::warn!("weekly newsletter not assembled: {e}");
        }
        if let Err(e) = deliver_some(&db, per_round).await {
            tracing::warn!("newsletter mails not queued: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_saturday_at_eight() {
        // 2026-11-29 is Sunday 8 Azar 1405; its week began on Saturday 7 Azar.
        let sunday = JalaliDateTime {
            date: crate::persian::JalaliDate::new(1405, 9, 8).unwrap(),
            hour: 7,
            minute: 0,
            second: 0,
        };
        assert_eq!(sunday.date.weekday_name(), "یکشنبه");
        assert_eq!(week_of(sunday.to_unix()), Some(("1405/09/07".into(), true)));
        let monday = JalaliDateTime {
            date: crate::persian::JalaliDate::new(1405, 9, 9).unwrap(),
            ..sunday
        };
        assert_eq!(
            week_of(monday.to_unix()),
            Some(("1405/09/07".into(), false))
        );
        let saturday_early = JalaliDateTime {
            date: crate::persian::JalaliDate::new(1405, 9, 7).unwrap(),
            ..sunday
        };
        assert_eq!(
            week_of(saturday_early.to_unix()),
            Some(("1405/09/07".into(), false))
        );
        assert_eq!(mask("hasan@example.ir"), "h***@example.ir");
    }
}
