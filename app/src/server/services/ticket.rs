//! Tickets: filing without an account (a signed-in person's ticket is linked to them),
//! the tracking code, the citizen's lookup / follow-up / close-with-rating by code, and the
//! staff side — the queue of what a person may answer, the thread with internal notes,
//! assignment, replies, saved replies and the status machine. Every change is audited.

use crate::error::{AppError, AppResult};
use crate::model::{
    PostKind, PublicTicket, SavedReply, StaffMember, StaffTicket, TicketCategory, TicketPost,
    TicketQueue, TicketReceipt, TicketRow, TicketStatus,
};
use crate::persian::identity;
use crate::persian::jalali::JalaliDate;
use crate::server::entities::attachment as attachment_entity;
use crate::server::entities::{
    category, custodian_appointment, expert_assignment, holiday, saved_reply, ticket, ticket_post,
    user,
};
use crate::server::services::attachment::{self, Store, Upload};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action, Actor};
use crate::server::services::{outbox, rate_limit};
use crate::tracking_code;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    JoinType, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeSet, HashMap};

mod filing;

/// The section every ticket category belongs to.
pub const SECTION: &str = "tickets";

/// Tickets filed per client address per hour.
pub const FILE_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 20,
    window_secs: 3600,
};
/// Lookups (and follow-ups, closings) by code per client address per 10 minutes.
pub const LOOKUP_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 60,
    window_secs: 600,
};

pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 10_000;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

/// The polite answer to a code that matches nothing (or was mistyped): it reveals nothing.
pub fn not_found() -> AppError {
    invalid(
        "کد رهگیری",
        "تیکتی با این کد رهگیری پیدا نشد. کد را از روی رسید دوباره بخوانید؛ کد ۱۶ رقم دارد.",
    )
}

/// A trimmed text of `min..=max` characters, or a Persian message naming `field`.
pub(crate) fn text(field: &str, value: &str, min: usize, max: usize) -> AppResult<String> {
    let v = value.trim().replace("\r\n", "\n");
    let n = v.chars().count();
    if n < min {
        return Err(invalid(
            field,
            format!(
                "{field} را بنویسید (دست‌کم {} نویسه).",
                crate::persian::to_persian_digits(&min.to_string())
            ),
        ));
    }
    if n > max {
        return Err(invalid(
            field,
            format!(
                "{field} بیش از {} نویسه است؛ آن را کوتاه‌تر کنید.",
                crate::persian::to_persian_digits(&max.to_string())
            ),
        ));
    }
    Ok(v)
}

/// The active ticket categories, for the form.
pub async fn categories<C: ConnectionTrait>(db: &C) -> AppResult<Vec<TicketCategory>> {
    categories_of(db, SECTION).await
}

/// The active categories of a section, in their order.
pub(crate) async fn categories_of<C: ConnectionTrait>(
    db: &C,
    section: &str,
) -> AppResult<Vec<TicketCategory>> {
    Ok(category::Entity::find()
        .filter(category::Column::SectionKey.eq(section))
        .filter(category::Column::Active.eq(true))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|c| TicketCategory {
            id: c.id,
            title: c.title,
            response_days: c.response_days,
        })
        .collect())
}

pub(crate) async fn holidays<C: ConnectionTrait>(db: &C) -> AppResult<BTreeSet<JalaliDate>> {
    Ok(holiday::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|h| JalaliDate::parse(&h.day).ok())
        .collect())
}

/// The filing form, as typed.
#[derive(Clone, Debug, Default)]
pub struct NewTicket {
    pub name: String,
    pub mobile: String,
    pub email: String,
    pub category_id: i32,
    pub subject: String,
    pub body: String,
}

fn instant(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).unwrap_or_else(Utc::now)
}

/// What the attachments of a post belong to in `attachments`.
pub const ATTACHMENT_OWNER: &str = "ticket_post";

/// Files to attach to a post, and where to keep them.
pub struct Files<'a> {
    pub store: &'a Store,
    pub uploads: Vec<Upload>,
}

/// Checks the uploads (before anything is written) against the ticket policy.
fn checked(files: Option<Files<'_>>) -> AppResult<Option<(&Store, Vec<attachment::Checked>)>> {
    match files {
        None => Ok(None),
        Some(f) => Ok(Some((
            f.store,
            attachment::check(&attachment::TICKET, f.uploads)?,
        ))),
    }
}

async fn attach<C: ConnectionTrait>(
    db: &C,
    post_id: i32,
    files: &Option<(&Store, Vec<attachment::Checked>)>,
) -> AppResult<()> {
    if let Some((store, checked)) = files {
        attachment::attach(db, store, ATTACHMENT_OWNER, post_id, checked).await?;
    }
    Ok(())
}

/// Files a ticket without attachments; see `file_with`.
pub async fn file(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &NewTicket,
) -> AppResult<TicketReceipt> {
    file_with(db, acting, input, None).await
}

/// Files a ticket and returns its receipt. All or nothing; the code is new and random.
/// The ticket is written at the filing desk ([`filing`]), with those filed at the same
/// moment.
pub async fn file_with(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &NewTicket,
    files: Option<Files<'_>>,
) -> AppResult<TicketReceipt> {
    let name = text(
        "نام",
        &crate::persian::text::collapse_spaces(&input.name),
        2,
        100,
    )?;
    let mobile = match input.mobile.trim() {
        "" => None,
        m => Some(identity::mobile(m).map_err(|e| invalid("شماره همراه", e))?),
    };
    let email = match input.email.trim() {
        "" => None,
        e => Some(identity::email(e).map_err(|m| invalid("رایانامه", m))?),
    };
    if mobile.is_none() && email.is_none() {
        return Err(invalid(
            "راه تماس",
            "شماره همراه یا رایانامه را بنویسید تا بتوانیم پاسخ را به شما خبر دهیم.",
        ));
    }
    let subject = text(
        "موضوع",
        &crate::persian::text::collapse_spaces(&input.subject),
        3,
        MAX_SUBJECT,
    )?;
    let body = text("متن", &input.body, 10, MAX_BODY)?;
    let files = checked(files)?.map(|(store, files)| (store.clone(), files));
    filing::file(
        db,
        filing::Filing {
            name,
            mobile,
            email,
            category_id: input.category_id,
            subject,
            body,
            user_id: acting.actor.as_ref().map(|a| a.user_id),
            ip: acting.ip.clone(),
            files,
        },
    )
    .await
}

/// The e-mail that tells a citizen their ticket's code: its subject and body.
fn mail_of_receipt(name: &str, subject: &str, code: &str) -> (String, String) {
    let display = tracking_code::display(code);
    (
        format!("کد رهگیری تیکت شما: {display}"),
        format!(
            "{name} گرامی،\n\nتیکت شما با موضوع «{subject}» در پرتال شرکت آب منطقه‌ای قم ثبت شد.\n\n\
             کد رهگیری: {display}\n\nپاسخ را در این نشانی ببینید:\n{}/tickets/track?code={code}\n\n\
             این کد را نزد خود نگه دارید؛ هر کس آن را داشته باشد می‌تواند تیکت را ببیند.",
            outbox::public_url()
        ),
    )
}

async fn post<C: ConnectionTrait>(
    db: &C,
    ticket_id: i32,
    kind: PostKind,
    author_id: Option<i32>,
    author_label: &str,
    body: &str,
) -> AppResult<i32> {
    let row = ticket_post::ActiveModel {
        ticket_id: Set(ticket_id),
        kind: Set(kind.as_str().to_string()),
        author_id: Set(author_id),
        author_label: Set(author_label.to_string()),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The thread of a ticket with each post's files, in one query.
async fn posts<C: ConnectionTrait>(
    db: &C,
    ticket_id: i32,
    internal: bool,
) -> AppResult<Vec<TicketPost>> {
    let mut q = ticket_post::Entity::find().filter(ticket_post::Column::TicketId.eq(ticket_id));
    if !internal {
        q = q.filter(ticket_post::Column::Kind.ne(PostKind::Internal.as_str()));
    }
    let rows = q
        .join(
            JoinType::LeftJoin,
            attachment::joined_to::<ticket_post::Entity>(ticket_post::Column::Id, ATTACHMENT_OWNER),
        )
        .select_also(attachment_entity::Entity)
        .order_by_asc(ticket_post::Column::Id)
        .order_by_asc(attachment_entity::Column::Id)
        .all(db)
        .await?;
    let mut out: Vec<TicketPost> = Vec::new();
    let mut last = None;
    for (p, file) in rows {
        if last != Some(p.id) {
            last = Some(p.id);
            out.push(TicketPost {
                kind: PostKind::parse(&p.kind).unwrap_or(PostKind::Internal),
                attachments: Vec::new(),
                author: p.author_label,
                body: p.body,
                at: p.created_at.timestamp(),
            });
        }
        if let (Some(f), Some(post)) = (file, out.last_mut()) {
            post.attachments.push(attachment::to_dto(f));
        }
    }
    Ok(out)
}

/// Counts a lookup by code against the address's limit.
async fn count_lookup(db: &DatabaseConnection, ip: Option<&str>) -> AppResult<()> {
    rate_limit::charge_address(db, "ticket-lookup", ip, LOOKUP_LIMIT).await
}

async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> AppResult<ticket::Model> {
    let code = tracking_code::parse(code).ok_or_else(not_found)?;
    ticket::Entity::find()
        .filter(ticket::Column::TrackingCode.eq(code))
        .one(db)
        .await?
        .ok_or_else(not_found)
}

fn status_of(t: &ticket::Model) -> TicketStatus {
    TicketStatus::parse(&t.status).unwrap_or(TicketStatus::New)
}

/// The ticket and its public thread, for whoever holds the code: two queries, the ticket
/// with its category's title, then the thread with its files.
pub async fn lookup(
    db: &DatabaseConnection,
    ip: Option<&str>,
    code: &str,
) -> AppResult<PublicTicket> {
    count_lookup(db, ip).await?;
    let code = tracking_code::parse(code).ok_or_else(not_found)?;
    let (t, cat) = ticket::Entity::find()
        .filter(ticket::Column::TrackingCode.eq(code))
        .join(
            JoinType::LeftJoin,
            ticket::Entity::belongs_to(category::Entity)
                .from(ticket::Column::CategoryId)
                .to(category::Column::Id)
                .into(),
        )
        .select_also(category::Entity)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok(PublicTicket {
        category: cat.map(|c| c.title).unwrap_or_default(),
        status: status_of(&t),
        posts: posts(db, t.id, false).await?,
        tracking_code: t.tracking_code,
        subject: t.subject,
        created_at: t.created_at.timestamp(),
        updated_at: t.updated_at.timestamp(),
        rating: t.rating,
        rating_comment: t.rating_comment,
    })
}

/// A follow-up without attachments; see `follow_up_with`.
pub async fn follow_up(
    db: &DatabaseConnection,
    acting: &Acting,
    code: &str,
    body: &str,
) -> AppResult<()> {
    follow_up_with(db, acting, code, body, None).await
}

/// The citizen adds to their ticket (text, attachments or both); an answered ticket goes
/// back to "in progress".
pub async fn follow_up_with(
    db: &DatabaseConnection,
    acting: &Acting,
    code: &str,
    body: &str,
    files: Option<Files<'_>>,
) -> AppResult<()> {
    count_lookup(db, acting.ip.as_deref()).await?;
    let files = checked(files)?;
    let has_files = files.as_ref().is_some_and(|(_, f)| !f.is_empty());
    let body = if has_files && body.trim().is_empty() {
        "(پیوست)".to_string()
    } else {
        text("متن", body, 2, MAX_BODY)?
    };
    let txn = crate::server::db::write_txn(db).await?;
    let t = by_code(&txn, code).await?;
    let status = status_of(&t);
    if status == TicketStatus::Closed {
        return Err(invalid(
            "پیگیری",
            "این تیکت بسته شده است؛ برای موضوع تازه تیکت تازه‌ای ثبت کنید.",
        ));
    }
    let post_id = post(&txn, t.id, PostKind::Citizen, None, &t.name, &body).await?;
    attach(&txn, post_id, &files).await?;
    let id = t.id;
    let name = t.name.clone();
    let mut am: ticket::ActiveModel = t.into();
    if status == TicketStatus::Answered {
        am.status = Set(TicketStatus::InProgress.as_str().to_string());
    }
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record_as(
        &txn,
        None,
        name,
        acting.ip.clone(),
        Event::new("ticket.follow_up", "پیگیری شهروند")
            .section(SECTION)
            .target("ticket", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// The citizen closes their ticket, optionally rating the answer (1–5) with a comment.
pub async fn close_by_citizen(
    db: &DatabaseConnection,
    acting: &Acting,
    code: &str,
    rating: Option<i32>,
    comment: &str,
) -> AppResult<()> {
    count_lookup(db, acting.ip.as_deref()).await?;
    if let Some(r) = rating {
        if !(1..=5).contains(&r) {
            return Err(invalid("امتیاز", "امتیاز را از ۱ تا ۵ برگزینید."));
        }
    }
    let comment = comment.trim();
    if comment.chars().count() > 1000 {
        return Err(invalid("نظر", "نظر بیش از ۱۰۰۰ نویسه است."));
    }
    let txn = crate::server::db::write_txn(db).await?;
    let t = by_code(&txn, code).await?;
    if status_of(&t) == TicketStatus::Closed {
        return Err(invalid("بستن", "این تیکت پیش‌تر بسته شده است."));
    }
    let id = t.id;
    let name = t.name.clone();
    let now = Utc::now();
    let mut am: ticket::ActiveModel = t.into();
    am.status = Set(TicketStatus::Closed.as_str().to_string());
    am.closed_at = Set(Some(now));
    am.updated_at = Set(now);
    am.rating = Set(rating);
    am.rating_comment = Set((!comment.is_empty()).then(|| comment.to_string()));
    am.update(&txn).await?;
    let summary = match rating {
        Some(r) => format!("بسته شد به دست شهروند، امتیاز {r}"),
        None => "بسته شد به دست شهروند".to_string(),
    };
    audit::record_as(
        &txn,
        None,
        name,
        acting.ip.clone(),
        Event::new("ticket.closed", summary)
            .section(SECTION)
            .target("ticket", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// The signed-in person's own tickets, newest first.
pub async fn mine(db: &DatabaseConnection, acting: &Acting) -> AppResult<Vec<TicketRow>> {
    let actor = acting.signed_in()?;
    let rows = ticket::Entity::find()
        .filter(ticket::Column::UserId.eq(actor.user_id))
        .order_by_desc(ticket::Column::Id)
        .all(db)
        .await?;
    to_rows(db, rows).await
}

async fn to_rows<C: ConnectionTrait>(
    db: &C,
    rows: Vec<ticket::Model>,
) -> AppResult<Vec<TicketRow>> {
    let cats: HashMap<i32, String> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let assignees: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.assignee_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|t| {
            let status = status_of(&t);
            TicketRow {
                id: t.id,
                overdue: t.due_at < now
                    && matches!(status, TicketStatus::New | TicketStatus::InProgress),
                category: cats.get(&t.category_id).cloned().unwrap_or_default(),
                assignee: t.assignee_id.and_then(|a| assignees.get(&a).cloned()),
                tracking_code: t.tracking_code,
                subject: t.subject,
                status,
                name: t.name,
                created_at: t.created_at.timestamp(),
                due_at: t.due_at.timestamp(),
            }
        })
        .collect())
}

/// The categories whose tickets the actor answers; `None` means all of them.
fn answerable(actor: &Actor) -> Option<Vec<i32>> {
    if actor.is_admin || actor.custodian_of.contains(SECTION) {
        None
    } else {
        Some(
            actor
                .expert_of
                .iter()
                .filter(|(_, s)| s.as_str() == SECTION)
                .map(|(c, _)| *c)
                .collect(),
        )
    }
}

/// Filters of the staff queue; empty means "any".
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: Option<TicketStatus>,
    /// Only open tickets (new, in progress) — the default view.
    pub open_only: bool,
    pub category: Option<i32>,
    /// `me`, `none`, or a user id.
    pub assignee: String,
    /// Older than this many days.
    pub older_than_days: Option<i64>,
    pub overdue_only: bool,
    pub query: String,
}

pub const QUEUE_LIMIT: u64 = 500;

/// The tickets the actor may see, filtered, oldest deadline first.
pub async fn queue(
    db: &DatabaseConnection,
    acting: &Acting,
    f: &QueueFilter,
) -> AppResult<TicketQueue> {
    let actor = permission::authorize(db, acting, Action::AnswerCases, SECTION, None).await?;
    let mut q = ticket::Entity::find().filter(ticket::Column::SectionKey.eq(SECTION));
    let allowed = answerable(actor);
    if let Some(cats) = &allowed {
        q = q.filter(ticket::Column::CategoryId.is_in(cats.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(ticket::Column::Status.eq(s.as_str()));
    } else if f.open_only {
        q = q.filter(ticket::Column::Status.is_in([
            TicketStatus::New.as_str(),
            TicketStatus::InProgress.as_str(),
        ]));
    }
    if let Some(c) = f.category {
        q = q.filter(ticket::Column::CategoryId.eq(c));
    }
    match f.assignee.as_str() {
        "" => {}
        "me" => q = q.filter(ticket::Column::AssigneeId.eq(actor.user_id)),
        "none" => q = q.filter(ticket::Column::AssigneeId.is_null()),
        id => {
            if let Ok(id) = id.parse::<i32>() {
                q = q.filter(ticket::Column::AssigneeId.eq(id));
            }
        }
    }
    let now = Utc::now();
    if let Some(days) = f.older_than_days.filter(|d| *d > 0) {
        q = q.filter(ticket::Column::CreatedAt.lt(now - chrono::Duration::days(days)));
    }
    if f.overdue_only {
        q = q
            .filter(ticket::Column::DueAt.lt(now))
            .filter(ticket::Column::Status.is_in([
                TicketStatus::New.as_str(),
                TicketStatus::InProgress.as_str(),
            ]));
    }
    let query = crate::persian::text::normalize(&f.query);
    if !query.is_empty() {
        let digits: String = query.chars().filter(|c| c.is_ascii_digit()).collect();
        let mut cond = Condition::any().add(ticket::Column::SearchText.contains(&query));
        if let Some(code) = tracking_code::parse(&f.query) {
            cond = cond.add(ticket::Column::TrackingCode.eq(code));
        } else if digits.len() >= 4
            && digits.len()
                == query
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-')
                    .count()
        {
            cond = cond.add(ticket::Column::TrackingCode.contains(&digits));
        }
        q = q.filter(cond);
    }
    let rows = q
        .order_by_asc(ticket::Column::DueAt)
        .limit(QUEUE_LIMIT)
        .all(db)
        .await?;
    let mut categories = categories(db).await?;
    if let Some(cats) = &allowed {
        categories.retain(|c| cats.contains(&c.id));
    }
    Ok(TicketQueue {
        rows: to_rows(db, rows).await?,
        categories,
        staff: staff_for(db, SECTION, None).await?,
    })
}

/// People who may answer cases of a section's category (or of any, for `None`): the
/// administrators, the custodians of the section, and the category's experts.
pub(crate) async fn staff_for<C: ConnectionTrait>(
    db: &C,
    section: &str,
    category_id: Option<i32>,
) -> AppResult<Vec<StaffMember>> {
    let mut ids: BTreeSet<i32> = user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Status.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    ids.extend(
        custodian_appointment::Entity::find()
            .filter(custodian_appointment::Column::SectionKey.eq(section))
            .filter(custodian_appointment::Column::Status.eq("appointed"))
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.user_id),
    );
    let categories: Vec<i32> = match category_id {
        Some(c) => vec![c],
        None => category::Entity::find()
            .filter(category::Column::SectionKey.eq(section))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect(),
    };
    let experts = expert_assignment::Entity::find()
        .filter(expert_assignment::Column::CategoryId.is_in(categories));
    ids.extend(experts.all(db).await?.into_iter().map(|e| e.user_id));
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq("approved"))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .into_iter()
        .map(|u| StaffMember {
            id: u.id,
            full_name: u.full_name,
        })
        .collect())
}

/// Loads a ticket the actor may answer.
async fn for_staff<'a, C: ConnectionTrait>(
    db: &C,
    acting: &'a Acting,
    id: i32,
) -> AppResult<(&'a Actor, ticket::Model)> {
    acting.signed_in()?;
    let t = ticket::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = permission::authorize(
        db,
        acting,
        Action::AnswerCases,
        &t.section_key,
        Some(t.category_id),
    )
    .await?;
    Ok((actor, t))
}

/// Whether this request may download an attachment of post `post_id`: with the ticket's
/// tracking code (not an internal note's), or as staff who may answer the ticket. Guesses
/// with a code count against the lookup limit; a refusal is always «not found».
pub async fn may_download(
    db: &DatabaseConnection,
    acting: &Acting,
    post_id: i32,
    code: Option<&str>,
) -> AppResult<()> {
    let p = ticket_post::Entity::find_by_id(post_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(code) = code.filter(|c| !c.trim().is_empty()) {
        count_lookup(db, acting.ip.as_deref()).await?;
        let t = by_code(db, code).await?;
        if t.id == p.ticket_id && p.kind != PostKind::Internal.as_str() {
            return Ok(());
        }
        return Err(AppError::NotFound);
    }
    match for_staff(db, acting, p.ticket_id).await {
        Ok(_) => Ok(()),
        Err(AppError::Unauthenticated) if acting.actor.is_none() => Err(AppError::NotFound),
        Err(AppError::Forbidden) => Err(AppError::NotFound),
        Err(e) => Err(e),
    }
}

/// A ticket with everything staff need.
pub async fn staff_view(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<StaffTicket> {
    let (_, t) = for_staff(db, acting, id).await?;
    let saved = saved_replies(db, acting).await?;
    let assignable = staff_for(db, SECTION, Some(t.category_id)).await?;
    let posts = posts(db, t.id, true).await?;
    let (mobile, email, registered, rating, rating_comment) = (
        t.mobile.clone(),
        t.email.clone(),
        t.user_id.is_some(),
        t.rating,
        t.rating_comment.clone(),
    );
    let row = to_rows(db, vec![t]).await?.remove(0);
    Ok(StaffTicket {
        row,
        mobile,
        email,
        registered_user: registered,
        posts,
        rating,
        rating_comment,
        assignable,
        saved_replies: saved,
    })
}

/// How a staff member is named to the citizen: by role, never by account.
fn role_label(actor: &Actor, category_id: i32) -> &'static str {
    if actor.custodian_of.contains(SECTION) {
        "متولی بخش تیکت‌ها"
    } else if actor.expert_of.contains_key(&category_id) {
        "کارشناس پاسخ‌گو"
    } else if actor.is_admin {
        "راهبر پرتال"
    } else {
        "کارکنان شرکت"
    }
}

/// A reply or note without attachments; see `reply_with`.
pub async fn reply(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    body: &str,
    internal: bool,
) -> AppResult<()> {
    reply_with(db, acting, id, body, internal, None).await
}

/// A staff reply (seen by the citizen; marks the ticket answered) or an internal note,
/// either with attachments.
pub async fn reply_with(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    body: &str,
    internal: bool,
    files: Option<Files<'_>>,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (actor, t) = for_staff(&txn, acting, id).await?;
    let files = checked(files)?;
    let body = text(
        if internal {
            "یادداشت"
        } else {
            "پاسخ"
        },
        body,
        2,
        MAX_BODY,
    )?;
    let status = status_of(&t);
    if status == TicketStatus::Closed && !internal {
        return Err(invalid(
            "پاسخ",
            "این تیکت بسته است؛ نخست آن را دوباره باز کنید.",
        ));
    }
    let kind = if internal {
        PostKind::Internal
    } else {
        PostKind::Staff
    };
    let label = if internal {
        actor.full_name.clone()
    } else {
        role_label(actor, t.category_id).to_string()
    };
    let post_id = post(&txn, t.id, kind, Some(actor.user_id), &label, &body).await?;
    attach(&txn, post_id, &files).await?;
    if !internal {
        if let Some(to) = &t.email {
            let display = tracking_code::display(&t.tracking_code);
            outbox::enqueue(
                &txn,
                to,
                &format!("پاسخ به تیکت شما: {}", t.subject),
                &format!(
                    "{} گرامی،\n\nبه تیکت شما با موضوع «{}» پاسخ داده شد. پاسخ را در این نشانی ببینید:\n\
                     {}/tickets/track?code={}\n\nکد رهگیری: {display}",
                    t.name,
                    t.subject,
                    outbox::public_url(),
                    t.tracking_code
                ),
            )
            .await?;
        }
    }
    let now = Utc::now();
    let mut am: ticket::ActiveModel = t.into();
    if !internal {
        am.status = Set(TicketStatus::Answered.as_str().to_string());
        am.answered_at = Set(Some(now));
    } else if status == TicketStatus::New {
        am.status = Set(TicketStatus::InProgress.as_str().to_string());
    }
    am.updated_at = Set(now);
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            if internal {
                "ticket.note"
            } else {
                "ticket.replied"
            },
            if internal {
                "یادداشت داخلی"
            } else {
                "پاسخ به شهروند"
            },
        )
        .section(SECTION)
        .target("ticket", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Assigns a ticket to someone who may answer it (or to nobody, with `None`).
pub async fn assign(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    assignee: Option<i32>,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (_, t) = for_staff(&txn, acting, id).await?;
    let name = match assignee {
        Some(a) => {
            let staff = staff_for(&txn, SECTION, Some(t.category_id)).await?;
            Some(
                staff
                    .into_iter()
                    .find(|s| s.id == a)
                    .ok_or_else(|| invalid("ارجاع", "این شخص پاسخ‌گوی این دسته نیست."))?
                    .full_name,
            )
        }
        None => None,
    };
    let status = status_of(&t);
    let mut am: ticket::ActiveModel = t.into();
    am.assignee_id = Set(assignee);
    if status == TicketStatus::New && assignee.is_some() {
        am.status = Set(TicketStatus::InProgress.as_str().to_string());
    }
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "ticket.assigned",
            match name {
                Some(n) => format!("ارجاع به {n}"),
                None => "برداشتن ارجاع".to_string(),
            },
        )
        .section(SECTION)
        .target("ticket", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Moves a ticket along the status machine.
pub async fn set_status(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    to: TicketStatus,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (_, t) = for_staff(&txn, acting, id).await?;
    let from = status_of(&t);
    if from == to {
        return Ok(());
    }
    if !from.staff_may_move_to(to) {
        return Err(invalid(
            "وضعیت",
            format!(
                "تیکت «{}» را نمی‌توان به «{}» برد.",
                from.label(),
                to.label()
            ),
        ));
    }
    let now = Utc::now();
    let mut am: ticket::ActiveModel = t.into();
    am.status = Set(to.as_str().to_string());
    am.updated_at = Set(now);
    match to {
        TicketStatus::Closed => am.closed_at = Set(Some(now)),
        TicketStatus::Answered => am.answered_at = Set(Some(now)),
        _ => am.closed_at = Set(None),
    }
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "ticket.status",
            format!("{} ← {}", to.label(), from.label()),
        )
        .section(SECTION)
        .target("ticket", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// The saved replies of the tickets section (for anyone who answers there).
pub async fn saved_replies<C: ConnectionTrait>(
    db: &C,
    acting: &Acting,
) -> AppResult<Vec<SavedReply>> {
    permission::authorize(db, acting, Action::AnswerCases, SECTION, None).await?;
    Ok(saved_reply::Entity::find()
        .filter(saved_reply::Column::SectionKey.eq(SECTION))
        .order_by_asc(saved_reply::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|r| SavedReply {
            id: r.id,
            title: r.title,
            body: r.body,
        })
        .collect())
}

/// The section's custodian keeps the saved replies.
pub async fn add_saved_reply(
    db: &DatabaseConnection,
    acting: &Acting,
    title: &str,
    body: &str,
) -> AppResult<i32> {
    let actor = permission::authorize(db, acting, Action::EditContent, SECTION, None).await?;
    let title = text(
        "عنوان",
        &crate::persian::text::collapse_spaces(title),
        2,
        100,
    )?;
    let body = text("متن", body, 2, MAX_BODY)?;
    let txn = crate::server::db::write_txn(db).await?;
    let row = saved_reply::ActiveModel {
        section_key: Set(SECTION.to_string()),
        title: Set(title.clone()),
        body: Set(body),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("saved_reply.added", title)
            .section(SECTION)
            .target("saved_reply", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

pub async fn delete_saved_reply(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<()> {
    permission::authorize(db, acting, Action::EditContent, SECTION, None).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let row = saved_reply::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|r| r.section_key == SECTION)
        .ok_or(AppError::NotFound)?;
    saved_reply::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("saved_reply.deleted", row.title)
            .section(SECTION)
            .target("saved_reply", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}
