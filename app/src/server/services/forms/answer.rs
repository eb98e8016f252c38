//! The experts' side of forms: the inbox of submissions routed to what a person answers
//! (the administrator and the forms custodians see all), one submission with its answers
//! under its own version's labels, replies (an answer, a question to the submitter, or an
//! internal note; with files), assignment, closing, and publishing an answered question to
//! the public Q&A — only with the submitter's consent, and never with personal data.

use super::submit::{add_post, qa_item, shown_answers, status_of, thread, to_rows};
use super::{fields_of, FILES, SECTION};
use crate::error::{AppError, AppResult};
use crate::model::{FieldKind, PostKind, StaffSubmission, SubmissionInbox, SubmissionStatus};
use crate::server::entities::{form, form_qa, form_submission, form_version};
use crate::server::services::attachment;
use crate::server::services::audit::{self, Event};
use crate::server::services::outbox;
use crate::server::services::permission::{self, Acting, Action, Actor};
use crate::server::services::ticket::{staff_for, text, Files};
use crate::tracking_code;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

/// Loads a submission the actor may answer.
pub(crate) async fn for_staff<'a, C: ConnectionTrait>(
    db: &C,
    acting: &'a Acting,
    id: i32,
) -> AppResult<(&'a Actor, form_submission::Model)> {
    acting.signed_in()?;
    let s = form_submission::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = permission::authorize(
        db,
        acting,
        Action::AnswerCases,
        SECTION,
        Some(s.category_id),
    )
    .await?;
    Ok((actor, s))
}

/// Records `event` on submission `id`, commits, and tells the live dashboards.
async fn done(
    db: &DatabaseConnection,
    txn: crate::server::db::WriteTxn,
    acting: &Acting,
    id: i32,
    event: Event<'_>,
) -> AppResult<()> {
    audit::record(
        &txn,
        acting,
        event.section(SECTION).target("form_submission", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Filters of the inbox; empty means "any".
#[derive(Clone, Debug, Default)]
pub struct InboxFilter {
    pub status: Option<SubmissionStatus>,
    /// New and in progress only: the default view.
    pub open_only: bool,
    pub form: Option<i32>,
    /// `me`, `none`, or empty.
    pub assignee: String,
    pub query: String,
}

pub const INBOX_LIMIT: u64 = 500;

/// The submissions the actor answers, oldest first.
pub async fn inbox(
    db: &DatabaseConnection,
    acting: &Acting,
    f: &InboxFilter,
) -> AppResult<SubmissionInbox> {
    let actor = permission::authorize(db, acting, Action::AnswerCases, SECTION, None).await?;
    let mut q = form_submission::Entity::find();
    if !(actor.is_admin || actor.custodian_of.contains(SECTION)) {
        let mine: Vec<i32> = actor
            .expert_of
            .iter()
            .filter(|(_, s)| s.as_str() == SECTION)
            .map(|(c, _)| *c)
            .collect();
        q = q.filter(form_submission::Column::CategoryId.is_in(mine));
    }
    if let Some(s) = f.status {
        q = q.filter(form_submission::Column::Status.eq(s.as_str()));
    } else if f.open_only {
        q = q.filter(form_submission::Column::Status.is_in([
            SubmissionStatus::New.as_str(),
            SubmissionStatus::InProgress.as_str(),
        ]));
    }
    if let Some(form_id) = f.form {
        q = q.filter(form_submission::Column::FormId.eq(form_id));
    }
    match f.assignee.as_str() {
        "me" => q = q.filter(form_submission::Column::AssigneeId.eq(actor.user_id)),
        "none" => q = q.filter(form_submission::Column::AssigneeId.is_null()),
        _ => {}
    }
    let query = crate::persian::text::normalize(&f.query);
    if !query.is_empty() {
        let mut cond = Condition::any().add(form_submission::Column::SearchText.contains(&query));
        if let Some(code) = tracking_code::parse(&f.query) {
            cond = cond.add(form_submission::Column::TrackingCode.eq(code));
        }
        q = q.filter(cond);
    }
    let rows = q
        .order_by_asc(form_submission::Column::Id)
        .limit(INBOX_LIMIT)
        .all(db)
        .await?;
    let forms = form::Entity::find()
        .order_by_asc(form::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.title))
        .collect();
    Ok(SubmissionInbox {
        rows: to_rows(db, rows).await?,
        forms,
    })
}

/// Phone numbers, national IDs and e-mail addresses in a text, replaced by «…». A number
/// typed in groups (`۰۹۱۲ ۳۴۵ ۶۷۸۹`) counts as one: a run of words made of digits and
/// separators with eight digits or more goes whole.
pub fn redact(text: &str) -> String {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let numeric = |w: &str| {
        let t = w.trim_end();
        let t = t.trim_end_matches(['.', '،', ',', '؛', ';', ':', ')', '(']);
        !t.is_empty()
            && t.chars().all(|c| {
                crate::persian::digits::digit_value(c).is_some()
                    || matches!(c, '-' | '.' | '/' | '+')
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < words.len() {
        if numeric(words[i]) {
            let mut j = i;
            while j < words.len() && numeric(words[j]) {
                j += 1;
            }
            let digits: usize = words[i..j]
                .iter()
                .map(|w| crate::persian::digits::digits_only(w).len())
                .sum();
            if digits >= 8 {
                let last = words[j - 1];
                out.push('…');
                out.push_str(&last[last.trim_end().len()..]);
            } else {
                words[i..j].iter().for_each(|w| out.push_str(w));
            }
            i = j;
            continue;
        }
        let word = words[i];
        let trimmed = word.trim_end();
        let personal = trimmed.contains('@') && trimmed.contains('.')
            || crate::persian::digits::digits_only(trimmed).len() >= 8;
        if personal {
            out.push('…');
            out.push_str(&word[trimmed.len()..]);
        } else {
            out.push_str(word);
        }
        i += 1;
    }
    out
}

/// The question offered for the public Q&A: the submission's long texts (short ones are
/// often names), with identifiers removed.
fn question_of(answers: &[crate::model::ShownAnswer]) -> String {
    answers
        .iter()
        .filter(|a| a.kind == FieldKind::LongText)
        .map(|a| redact(&a.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A submission with everything its expert needs.
pub async fn staff_view(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<StaffSubmission> {
    let (_, s) = for_staff(db, acting, id).await?;
    let v = form_version::Entity::find_by_id(s.version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let answers = shown_answers(db, &s, &fields_of(&v), false).await?;
    let posts = thread(db, s.id, true).await?;
    let qa = form_qa::Entity::find()
        .filter(form_qa::Column::SubmissionId.eq(s.id))
        .one(db)
        .await?
        .map(|r| qa_item(r, &HashMap::from([(s.form_id, v.title.clone())])));
    let last_answer = posts
        .iter()
        .rev()
        .find(|p| p.kind == PostKind::Staff)
        .map(|p| redact(&p.body))
        .unwrap_or_default();
    Ok(StaffSubmission {
        qa_question: qa
            .as_ref()
            .map(|q| q.question.clone())
            .unwrap_or_else(|| question_of(&answers)),
        qa_answer: qa.as_ref().map(|q| q.answer.clone()).unwrap_or(last_answer),
        qa,
        assignable: staff_for(db, SECTION, Some(s.category_id)).await?,
        registered_user: s.user_id.is_some(),
        consent_to_publish: s.consent_publish,
        answers,
        posts,
        row: to_rows(db, vec![s]).await?.remove(0),
    })
}

/// What a staff member writes on a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// The answer: the submitter reads it by code; the submission is answered.
    Answer,
    /// A question to the submitter, who answers by code.
    AskInfo,
    /// A note among staff.
    Note,
}

impl Reply {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "answer" => Some(Reply::Answer),
            "ask" => Some(Reply::AskInfo),
            "note" => Some(Reply::Note),
            _ => None,
        }
    }
}

/// How a staff member is named to the submitter: by role, never by account.
fn role_label(actor: &Actor, category_id: i32) -> &'static str {
    if actor.expert_of.contains_key(&category_id) {
        "کارشناس پاسخ‌گو"
    } else if actor.custodian_of.contains(SECTION) {
        "متولی بخش فرم‌ها"
    } else {
        "راهبر پرتال"
    }
}

/// A reply of `kind` (with files) on submission `id`.
pub async fn respond(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    kind: Reply,
    body: &str,
    files: Option<Files<'_>>,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (actor, s) = for_staff(&txn, acting, id).await?;
    let checked = match &files {
        Some(f) => attachment::check(&FILES, f.uploads.clone())?,
        None => Vec::new(),
    };
    let field = match kind {
        Reply::Answer => "پاسخ",
        Reply::AskInfo => "پرسش از فرستنده",
        Reply::Note => "یادداشت",
    };
    let body = text(field, body, 2, 10_000)?;
    let status = status_of(&s);
    if status == SubmissionStatus::Closed && kind != Reply::Note {
        return Err(invalid(field, "این درخواست بسته شده است."));
    }
    let (post_kind, label) = match kind {
        Reply::Note => (PostKind::Internal, actor.full_name.clone()),
        Reply::Answer => (
            PostKind::Staff,
            role_label(actor, s.category_id).to_string(),
        ),
        Reply::AskInfo => (
            PostKind::Staff,
            format!(
                "{} — درخواست اطلاعات بیشتر",
                role_label(actor, s.category_id)
            ),
        ),
    };
    add_post(
        &txn,
        s.id,
        post_kind,
        (Some(actor.user_id), &label),
        &body,
        files.as_ref().map(|f| (f.store, checked.as_slice())),
    )
    .await?;
    if kind != Reply::Note {
        if let Some(to) = &s.contact_email {
            let (subject, what) = if kind == Reply::Answer {
                ("پاسخ به درخواست شما", "به درخواست شما پاسخ داده شد")
            } else {
                (
                    "کارشناس از شما اطلاعات بیشتری خواسته است",
                    "کارشناس برای رسیدگی به درخواست شما اطلاعات بیشتری خواسته است",
                )
            };
            outbox::enqueue(
                &txn,
                to,
                subject,
                &format!(
                    "{what}. آن را در این نشانی ببینید:\n{}/forms/track?code={}\n\nکد رهگیری: {}",
                    outbox::public_url(),
                    s.tracking_code,
                    tracking_code::display(&s.tracking_code)
                ),
            )
            .await?;
        }
    }
    let now = Utc::now();
    let mut am: form_submission::ActiveModel = s.into();
    match kind {
        Reply::Answer => {
            am.status = Set(SubmissionStatus::Answered.as_str().to_string());
            am.answered_at = Set(Some(now));
        }
        Reply::AskInfo => am.status = Set(SubmissionStatus::AwaitingCitizen.as_str().to_string()),
        Reply::Note if status == SubmissionStatus::New => {
            am.status = Set(SubmissionStatus::InProgress.as_str().to_string())
        }
        Reply::Note => {}
    }
    am.updated_at = Set(now);
    am.update(&txn).await?;
    let (action, summary) = match kind {
        Reply::Answer => ("form.answered", "پاسخ به فرستنده"),
        Reply::AskInfo => ("form.info_requested", "درخواست اطلاعات بیشتر از فرستنده"),
        Reply::Note => ("form.note", "یادداشت داخلی"),
    };
    done(db, txn, acting, id, Event::new(action, summary)).await
}

/// Assigns a submission to someone who may answer it (or to nobody).
pub async fn assign(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    assignee: Option<i32>,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (_, s) = for_staff(&txn, acting, id).await?;
    let name = match assignee {
        Some(a) => Some(
            staff_for(&txn, SECTION, Some(s.category_id))
                .await?
                .into_iter()
                .find(|m| m.id == a)
                .ok_or_else(|| invalid("ارجاع", "این شخص پاسخ‌گوی این دسته نیست."))?
                .full_name,
        ),
        None => None,
    };
    let status = status_of(&s);
    let mut am: form_submission::ActiveModel = s.into();
    am.assignee_id = Set(assignee);
    if status == SubmissionStatus::New && assignee.is_some() {
        am.status = Set(SubmissionStatus::InProgress.as_str().to_string());
    }
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    let summary = match name {
        Some(n) => format!("ارجاع به {n}"),
        None => "برداشتن ارجاع".into(),
    };
    done(db, txn, acting, id, Event::new("form.assigned", summary)).await
}

/// Closes a submission.
pub async fn close(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (_, s) = for_staff(&txn, acting, id).await?;
    if status_of(&s) == SubmissionStatus::Closed {
        return Ok(());
    }
    let now = Utc::now();
    let mut am: form_submission::ActiveModel = s.into();
    am.status = Set(SubmissionStatus::Closed.as_str().to_string());
    am.closed_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    done(
        db,
        txn,
        acting,
        id,
        Event::new("form.closed", "بستن درخواست"),
    )
    .await
}

/// Publishes an answered submission to the public Q&A (or updates its published text).
/// Refused without the submitter's consent, before an answer, or while the text still
/// looks like it carries a phone number, national ID or e-mail address.
pub async fn publish_qa(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    question: &str,
    answer: &str,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (actor, s) = for_staff(&txn, acting, id).await?;
    if !s.consent_publish {
        return Err(invalid(
            "انتشار",
            "فرستنده اجازه‌ی انتشار این پرسش را نداده است.",
        ));
    }
    if !matches!(
        status_of(&s),
        SubmissionStatus::Answered | SubmissionStatus::Closed
    ) || s.answered_at.is_none()
    {
        return Err(invalid("انتشار", "نخست به این درخواست پاسخ دهید."));
    }
    let question = text("پرسش", question, 10, 5000)?;
    let answer = text("پاسخ", answer, 10, 10_000)?;
    for (field, t) in [("پرسش", &question), ("پاسخ", &answer)] {
        if redact(t) != *t {
            return Err(invalid(
                field,
                "متن هنوز شماره، کد ملی یا رایانامه دارد؛ داده‌ی شخصی را پیش از انتشار بردارید.",
            ));
        }
    }
    let existing = form_qa::Entity::find()
        .filter(form_qa::Column::SubmissionId.eq(s.id))
        .one(&txn)
        .await?;
    let now = Utc::now();
    match existing {
        Some(row) => {
            let mut am: form_qa::ActiveModel = row.into();
            am.question = Set(question);
            am.answer = Set(answer);
            am.published_by = Set(Some(actor.user_id));
            am.update(&txn).await?;
        }
        None => {
            form_qa::ActiveModel {
                submission_id: Set(s.id),
                form_id: Set(s.form_id),
                question: Set(question),
                answer: Set(answer),
                published_by: Set(Some(actor.user_id)),
                published_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    done(
        db,
        txn,
        acting,
        id,
        Event::new("form.qa_published", "انتشار در پرسش و پاسخ عمومی"),
    )
    .await
}

/// Takes a submission's question and answer off the public list.
pub async fn withdraw_qa(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let (_, s) = for_staff(&txn, acting, id).await?;
    form_qa::Entity::delete_many()
        .filter(form_qa::Column::SubmissionId.eq(s.id))
        .exec(&txn)
        .await?;
    done(
        db,
        txn,
        acting,
        id,
        Event::new("form.qa_withdrawn", "برداشتن از پرسش و پاسخ عمومی"),
    )
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn identifiers_are_redacted() {
        assert_eq!(
            super::redact("با شماره‌ی ۰۹۱۲۳۴۵۶۷۸۹ یا a@b.ir تماس بگیرید"),
            "با شماره‌ی … یا … تماس بگیرید"
        );
        assert_eq!(super::redact("چاه ۱۲۰ متری"), "چاه ۱۲۰ متری");
        assert_eq!(super::redact("کد ملی 0012345679."), "کد ملی …");
        assert_eq!(super::redact("همراه: ۰۹۱۲ ۳۴۵ ۶۷۸۹ است"), "همراه: … است");
        assert_eq!(super::redact("سال ۱۴۰۳ و ۱۲ متر"), "سال ۱۴۰۳ و ۱۲ متر");
    }
}
