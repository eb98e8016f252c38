//! The citizen's side of forms: the list of open forms, a form to fill (its current
//! version), submitting it (every field checked on the server, files checked by content)
//! for a tracking code, reading the submission and its answer by code, answering the
//! expert's question, "my submissions", and the public Q&A.

use super::{closed_reason, fields_of, today, ANSWER_FILES, FILES, POST_FILES, SECTION};
use crate::error::{AppError, AppResult};
use crate::model::{
    FieldDef, FieldKind, FormSummary, PostKind, PublicForm, PublicSubmission, QaItem, ShownAnswer,
    SubmissionRow, SubmissionStatus, TicketPost,
};
use crate::server::entities::{
    attachment as attachment_row, category, form, form_post, form_qa, form_submission,
    form_version, user,
};
use crate::server::services::attachment::{self, Upload};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::Acting;
use crate::server::services::ticket::{text, Files};
use crate::server::services::{outbox, rate_limit};
use crate::tracking_code;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Submissions per client address per hour.
pub const SUBMIT_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 20,
    window_secs: 3600,
};

/// An answer as stored: the field's key and its canonical values (attachment keys for a
/// file field).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Stored {
    pub key: String,
    pub values: Vec<String>,
}

pub(crate) fn stored_of(s: &form_submission::Model) -> Vec<Stored> {
    serde_json::from_str(&s.answers_json).unwrap_or_default()
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

/// The answer to a code that matches nothing: it reveals nothing.
pub fn not_found() -> AppError {
    invalid(
        "کد رهگیری",
        "درخواستی با این کد رهگیری پیدا نشد. کد را از روی رسید دوباره بخوانید؛ کد ۱۶ رقم دارد.",
    )
}

fn summary(f: &form::Model, v: &form_version::Model) -> FormSummary {
    FormSummary {
        id: f.id,
        title: v.title.clone(),
        description: v.description.clone(),
        signed_in_only: f.signed_in_only,
        closed_reason: closed_reason(f, today()),
        is_sample: f.is_sample,
    }
}

/// A form with its current version, if it is shown to the public (active and published).
async fn published<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> AppResult<(form::Model, form_version::Model)> {
    let f = form::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|f| f.active)
        .ok_or(AppError::NotFound)?;
    let v = form_version::Entity::find_by_id(f.current_version_id.unwrap_or_default())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((f, v))
}

/// The active, published forms, newest first.
pub async fn list_public(db: &DatabaseConnection) -> AppResult<Vec<FormSummary>> {
    let forms = form::Entity::find()
        .filter(form::Column::Active.eq(true))
        .filter(form::Column::CurrentVersionId.is_not_null())
        .order_by_desc(form::Column::Id)
        .all(db)
        .await?;
    let versions: HashMap<i32, form_version::Model> = form_version::Entity::find()
        .filter(form_version::Column::Id.is_in(forms.iter().filter_map(|f| f.current_version_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    Ok(forms
        .iter()
        .filter_map(|f| Some(summary(f, versions.get(&f.current_version_id?)?)))
        .collect())
}

/// A form to fill.
pub async fn public_form(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<PublicForm> {
    let (f, v) = published(db, id).await?;
    let qa_count = form_qa::Entity::find()
        .filter(form_qa::Column::FormId.eq(id))
        .count(db)
        .await?;
    Ok(PublicForm {
        summary: summary(&f, &v),
        version: v.number,
        fields: fields_of(&v),
        signed_in: acting.actor.is_some(),
        qa_count,
    })
}

/// A filled-in form as it arrived: values by field key (several for a multiple choice),
/// and whether the submitter lets the answer be published without their details.
#[derive(Clone, Debug, Default)]
pub struct NewSubmission {
    pub form_id: i32,
    /// The version the person filled in, when known: refused if another has been published.
    pub version: Option<i32>,
    pub values: HashMap<String, Vec<String>>,
    pub consent: bool,
}

/// Submits a form (files in `files`, each upload's `field` the key of its file field) and
/// returns the tracking code. Every field is checked against the version being filled;
/// the first wrong field is named in the error.
pub async fn submit(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &NewSubmission,
    files: Option<Files<'_>>,
) -> AppResult<String> {
    let (f, v) = published(db, input.form_id).await?;
    if let Some(reason) = closed_reason(&f, today()) {
        return Err(invalid("فرم", reason));
    }
    if input.version.is_some_and(|n| n != v.number) {
        return Err(invalid(
            "فرم",
            "این فرم در این میان تازه شده است؛ صفحه را دوباره بارگذاری کنید و پاسخ‌ها را دوباره بفرستید.",
        ));
    }
    if f.signed_in_only {
        acting.signed_in()?;
    }
    let fields = fields_of(&v);
    let (store, mut uploads) = match files {
        Some(Files { store, uploads }) => (Some(store), uploads),
        None => (None, Vec::new()),
    };
    uploads.retain(|u| !(u.file_name.trim().is_empty() && u.bytes.is_empty()));
    if uploads.iter().any(|u| {
        !fields
            .iter()
            .any(|d| d.kind == FieldKind::File && d.key == u.field)
    }) {
        return Err(invalid(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let mut answers: Vec<Stored> = Vec::new();
    let mut field_files: Vec<(String, Vec<attachment::Checked>)> = Vec::new();
    for d in &fields {
        if d.kind == FieldKind::File {
            let mine: Vec<Upload> = uploads
                .iter()
                .filter(|u| u.field == d.key)
                .cloned()
                .collect();
            d.check_file_count(mine.len())
                .map_err(|m| invalid(&d.label, m))?;
            let checked = attachment::check(&FILES, mine).map_err(|e| match e {
                AppError::Validation { message, .. } => invalid(&d.label, message),
                other => other,
            })?;
            if !checked.is_empty() {
                field_files.push((d.key.clone(), checked));
            }
            continue;
        }
        let raw = input.values.get(&d.key).cloned().unwrap_or_default();
        let values = d.check(&raw).map_err(|m| invalid(&d.label, m))?;
        if !values.is_empty() {
            answers.push(Stored {
                key: d.key.clone(),
                values,
            });
        }
    }
    rate_limit::charge_address(db, "form-submit", acting.ip.as_deref(), SUBMIT_LIMIT).await?;
    let email = fields
        .iter()
        .filter(|d| d.kind == FieldKind::Email)
        .find_map(|d| answers.iter().find(|a| a.key == d.key))
        .and_then(|a| a.values.first().cloned());
    let now = Utc::now();
    let txn = crate::server::db::write_txn(db).await?;
    let mut code = tracking_code::generate();
    while form_submission::Entity::find()
        .filter(form_submission::Column::TrackingCode.eq(&code))
        .one(&txn)
        .await?
        .is_some()
    {
        code = tracking_code::generate();
    }
    let words: Vec<&str> = answers
        .iter()
        .flat_map(|a| a.values.iter().map(String::as_str))
        .collect();
    let row = form_submission::ActiveModel {
        tracking_code: Set(code.clone()),
        form_id: Set(f.id),
        version_id: Set(v.id),
        category_id: Set(f.category_id),
        user_id: Set(acting.actor.as_ref().map(|a| a.user_id)),
        answers_json: Set(String::from("[]")),
        contact_email: Set(email.clone()),
        status: Set(SubmissionStatus::New.as_str().to_string()),
        assignee_id: Set(f.assignee_id),
        consent_publish: Set(input.consent),
        created_at: Set(now),
        updated_at: Set(now),
        answered_at: Set(None),
        closed_at: Set(None),
        search_text: Set(crate::persian::text::normalize(&format!(
            "{code} {} {}",
            v.title,
            words.join(" ")
        ))),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(store) = store {
        for (key, checked) in &field_files {
            let stored = attachment::attach(&txn, store, ANSWER_FILES, row.id, checked).await?;
            answers.push(Stored {
                key: key.clone(),
                values: stored.into_iter().map(|a| a.key).collect(),
            });
        }
    }
    let answers_json = serde_json::to_string(&answers).map_err(|_| AppError::Internal)?;
    let id = row.id;
    let mut am: form_submission::ActiveModel = row.into();
    am.answers_json = Set(answers_json);
    am.update(&txn).await?;
    if let Some(to) = &email {
        let display = tracking_code::display(&code);
        outbox::enqueue(
            &txn,
            to,
            &format!("کد رهگیری درخواست شما: {display}"),
            &format!(
                "درخواست شما با فرم «{}» در پرتال شرکت آب منطقه‌ای قم ثبت شد.\n\n\
                 کد رهگیری: {display}\n\nپاسخ کارشناس را در این نشانی ببینید:\n{}/forms/track?code={code}\n\n\
                 این کد را نزد خود نگه دارید؛ هر کس آن را داشته باشد می‌تواند درخواست را ببیند.",
                v.title,
                outbox::public_url()
            ),
        )
        .await?;
    }
    audit::record_as(
        &txn,
        acting.actor.as_ref().map(|a| a.user_id),
        acting
            .actor
            .as_ref()
            .map(|a| a.full_name.clone())
            .unwrap_or_else(|| "شهروند".into()),
        acting.ip.clone(),
        Event::new(
            "form.submitted",
            format!("درخواست تازه با فرم «{}»", v.title),
        )
        .section(SECTION)
        .target("form_submission", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(code)
}

/// The answers of a submission under the labels of its own version; identifiers masked
/// when `masked`.
pub(crate) async fn shown_answers<C: ConnectionTrait>(
    db: &C,
    s: &form_submission::Model,
    fields: &[FieldDef],
    masked: bool,
) -> AppResult<Vec<ShownAnswer>> {
    let stored = stored_of(s);
    let mut files = attachment::for_owners(db, ANSWER_FILES, &[s.id])
        .await?
        .remove(&s.id)
        .unwrap_or_default();
    Ok(fields
        .iter()
        .filter_map(|d| {
            let a = stored.iter().find(|a| a.key == d.key)?;
            let mut shown = ShownAnswer {
                key: d.key.clone(),
                label: d.label.clone(),
                kind: d.kind,
                text: d.display(&a.values),
                files: Vec::new(),
            };
            if d.kind == FieldKind::File {
                let (mine, rest) = files.drain(..).partition(|f| a.values.contains(&f.key));
                files = rest;
                shown.files = mine;
                shown.text = shown
                    .files
                    .iter()
                    .map(|f| f.name.clone())
                    .collect::<Vec<_>>()
                    .join("، ");
            } else if masked && d.kind.is_personal() {
                shown.text = crate::model::mask(&shown.text);
            }
            Some(shown)
        })
        .collect())
}

/// The thread of a submission, with internal notes only for staff.
pub(crate) async fn thread<C: ConnectionTrait>(
    db: &C,
    submission_id: i32,
    internal: bool,
) -> AppResult<Vec<TicketPost>> {
    let mut q = form_post::Entity::find().filter(form_post::Column::SubmissionId.eq(submission_id));
    if !internal {
        q = q.filter(form_post::Column::Kind.ne(PostKind::Internal.as_str()));
    }
    let rows = q.order_by_asc(form_post::Column::Id).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut files = attachment::for_owners(db, POST_FILES, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|p| TicketPost {
            kind: PostKind::parse(&p.kind).unwrap_or(PostKind::Internal),
            attachments: files.remove(&p.id).unwrap_or_default(),
            author: p.author_label,
            body: p.body,
            at: p.created_at.timestamp(),
        })
        .collect())
}

/// Adds a post to a submission's thread, with its files.
pub(crate) async fn add_post<C: ConnectionTrait>(
    db: &C,
    submission_id: i32,
    kind: PostKind,
    author: (Option<i32>, &str),
    body: &str,
    files: Option<(&attachment::Store, &[attachment::Checked])>,
) -> AppResult<()> {
    let row = form_post::ActiveModel {
        submission_id: Set(submission_id),
        kind: Set(kind.as_str().to_string()),
        author_id: Set(author.0),
        author_label: Set(author.1.to_string()),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some((store, checked)) = files {
        attachment::attach(db, store, POST_FILES, row.id, checked).await?;
    }
    Ok(())
}

pub(crate) fn status_of(s: &form_submission::Model) -> SubmissionStatus {
    SubmissionStatus::parse(&s.status).unwrap_or(SubmissionStatus::New)
}

async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> AppResult<form_submission::Model> {
    let code = tracking_code::parse(code).ok_or_else(not_found)?;
    form_submission::Entity::find()
        .filter(form_submission::Column::TrackingCode.eq(code))
        .one(db)
        .await?
        .ok_or_else(not_found)
}

async fn count_lookup(db: &DatabaseConnection, ip: Option<&str>) -> AppResult<()> {
    rate_limit::charge_address(
        db,
        "form-lookup",
        ip,
        crate::server::services::ticket::LOOKUP_LIMIT,
    )
    .await
}

/// A submission and its answers, for whoever holds the code.
pub async fn lookup(
    db: &DatabaseConnection,
    ip: Option<&str>,
    code: &str,
) -> AppResult<PublicSubmission> {
    count_lookup(db, ip).await?;
    let s = by_code(db, code).await?;
    let v = form_version::Entity::find_by_id(s.version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PublicSubmission {
        answers: shown_answers(db, &s, &fields_of(&v), true).await?,
        posts: thread(db, s.id, false).await?,
        status: status_of(&s),
        tracking_code: s.tracking_code,
        form_id: s.form_id,
        form_title: v.title,
        version: v.number,
        created_at: s.created_at.timestamp(),
        updated_at: s.updated_at.timestamp(),
    })
}

/// The submitter answers the expert's question (text, files or both); the submission goes
/// back to the expert.
pub async fn reply(
    db: &DatabaseConnection,
    acting: &Acting,
    code: &str,
    body: &str,
    files: Option<Files<'_>>,
) -> AppResult<()> {
    count_lookup(db, acting.ip.as_deref()).await?;
    let checked = match &files {
        Some(f) => attachment::check(&FILES, f.uploads.clone())?,
        None => Vec::new(),
    };
    let body = if !checked.is_empty() && body.trim().is_empty() {
        "(پیوست)".to_string()
    } else {
        text("پاسخ شما", body, 2, 10_000)?
    };
    let txn = crate::server::db::write_txn(db).await?;
    let s = by_code(&txn, code).await?;
    if status_of(&s) != SubmissionStatus::AwaitingCitizen {
        return Err(invalid(
            "پاسخ شما",
            "کارشناس پرسشی از شما ندارد؛ پاسخ درخواست را همین‌جا خواهید دید.",
        ));
    }
    add_post(
        &txn,
        s.id,
        PostKind::Citizen,
        (None, "فرستنده"),
        &body,
        files.as_ref().map(|f| (f.store, checked.as_slice())),
    )
    .await?;
    let id = s.id;
    let mut am: form_submission::ActiveModel = s.into();
    am.status = Set(SubmissionStatus::InProgress.as_str().to_string());
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record_as(
        &txn,
        None,
        "فرستنده".into(),
        acting.ip.clone(),
        Event::new("form.citizen_replied", "پاسخ فرستنده به پرسش کارشناس")
            .section(SECTION)
            .target("form_submission", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Rows for lists of submissions.
pub(crate) async fn to_rows<C: ConnectionTrait>(
    db: &C,
    rows: Vec<form_submission::Model>,
) -> AppResult<Vec<SubmissionRow>> {
    let versions: HashMap<i32, form_version::Model> = form_version::Entity::find()
        .filter(form_version::Column::Id.is_in(rows.iter().map(|r| r.version_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let cats: HashMap<i32, String> = category::Entity::find()
        .filter(category::Column::SectionKey.eq(SECTION))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.assignee_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|s| {
            let v = versions.get(&s.version_id);
            SubmissionRow {
                id: s.id,
                status: status_of(&s),
                form_title: v.map(|v| v.title.clone()).unwrap_or_default(),
                version: v.map(|v| v.number).unwrap_or_default(),
                category: cats.get(&s.category_id).cloned().unwrap_or_default(),
                assignee: s.assignee_id.and_then(|a| names.get(&a).cloned()),
                tracking_code: s.tracking_code,
                created_at: s.created_at.timestamp(),
            }
        })
        .collect())
}

/// The signed-in person's own submissions, newest first.
pub async fn mine(db: &DatabaseConnection, acting: &Acting) -> AppResult<Vec<SubmissionRow>> {
    let actor = acting.signed_in()?;
    let rows = form_submission::Entity::find()
        .filter(form_submission::Column::UserId.eq(actor.user_id))
        .order_by_desc(form_submission::Column::Id)
        .all(db)
        .await?;
    to_rows(db, rows).await
}

/// The published questions and answers (of one form, or of all), newest first.
pub async fn qa(db: &DatabaseConnection, form_id: Option<i32>) -> AppResult<Vec<QaItem>> {
    let mut q = form_qa::Entity::find();
    if let Some(f) = form_id {
        q = q.filter(form_qa::Column::FormId.eq(f));
    }
    let rows = q
        .order_by_desc(form_qa::Column::PublishedAt)
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = form::Entity::find()
        .filter(form::Column::Id.is_in(rows.iter().map(|r| r.form_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f.title))
        .collect();
    Ok(rows.into_iter().map(|r| qa_item(r, &titles)).collect())
}

pub(crate) fn qa_item(r: form_qa::Model, titles: &HashMap<i32, String>) -> QaItem {
    QaItem {
        id: r.id,
        form_id: r.form_id,
        form_title: titles.get(&r.form_id).cloned().unwrap_or_default(),
        question: r.question,
        answer: r.answer,
        published_at: r.published_at.timestamp(),
    }
}

/// Whether this request may download a file of a submission (a file field's, or a
/// post's): with the submission's code (never an internal note's files), or as staff who
/// may answer it. Any refusal is «not found».
pub async fn may_download(
    db: &DatabaseConnection,
    acting: &Acting,
    row: &attachment_row::Model,
    code: Option<&str>,
) -> AppResult<()> {
    let (submission_id, internal) = if row.owner_kind == ANSWER_FILES {
        (row.owner_id, false)
    } else {
        let p = form_post::Entity::find_by_id(row.owner_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        (p.submission_id, p.kind == PostKind::Internal.as_str())
    };
    if let Some(code) = code.filter(|c| !c.trim().is_empty()) {
        count_lookup(db, acting.ip.as_deref()).await?;
        let s = by_code(db, code).await.map_err(|_| AppError::NotFound)?;
        return if s.id == submission_id && !internal {
            Ok(())
        } else {
            Err(AppError::NotFound)
        };
    }
    match super::answer::for_staff(db, acting, submission_id).await {
        Ok(_) => Ok(()),
        Err(AppError::Unavailable) => Err(AppError::Unavailable),
        Err(_) => Err(AppError::NotFound),
    }
}
