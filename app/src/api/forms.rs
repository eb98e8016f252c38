//! Advanced forms: the public list, filling a form and following it by code, the public
//! Q&A; the builder's screens; and the experts' inbox and answers. Forms with files are
//! multipart; every other call takes plain fields, so the pages post before hydration.
// One argument per form field: the plain forms post them as they are.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{
    FormEditor, FormList, FormSummary, PublicForm, PublicSubmission, QaItem, StaffSubmission,
    SubmissionInbox, SubmissionRow,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos::server_fn::ServerFn;

#[cfg(feature = "ssr")]
fn number(s: &str) -> Option<i32> {
    crate::persian::normalize_digits(s).trim().parse().ok()
}

#[server(endpoint = "forms/list")]
pub async fn list_forms() -> Result<Vec<FormSummary>, AppError> {
    let db = crate::server::db::from_context()?;
    crate::server::services::forms::submit::list_public(&db).await
}

#[server(endpoint = "forms/get")]
pub async fn get_public_form(id: i32) -> Result<PublicForm, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::submit::public_form(&db, &acting, id).await
}

/// A filled-in form (multipart: `form`, one field per question named by its key — several
/// for a multiple choice —, files in the file fields' keys, `consent`, and the honeypot
/// `website`); goes to the receipt.
#[server(endpoint = "forms/submit", input = MultipartFormData)]
pub async fn submit_form(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::forms::{self, submit};
    use crate::server::services::ticket::Files;
    let (db, acting) = super::ctx().await?;
    let store = super::store()?;
    let mut form = super::multipart::read_files(data, &forms::FILES, |name| {
        name.strip_prefix('f')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
    .await?;
    if !form.take("website").is_empty() {
        return Err(AppError::validation(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let form_id = number(&form.take("form")).ok_or(AppError::NotFound)?;
    let consent = !form.take("consent").is_empty();
    let version = number(&form.take("version"));
    let input = submit::NewSubmission {
        form_id,
        version,
        values: std::mem::take(&mut form.fields),
        consent,
    };
    let files = Files {
        store: &store,
        uploads: form.files,
    };
    let code = submit::submit(&db, &acting, &input, Some(files)).await?;
    leptos_axum::redirect(&format!("/forms/track?code={code}&new=1"));
    Ok(())
}

#[server(endpoint = "forms/lookup")]
pub async fn lookup_submission(code: String) -> Result<PublicSubmission, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::submit::lookup(&db, acting.ip.as_deref(), &code).await
}

/// The submitter's answer to the expert's question (multipart: `code`, `body`, files in
/// `attachments`).
#[server(endpoint = "forms/reply", input = MultipartFormData)]
pub async fn reply_submission(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::forms::{self, submit};
    use crate::server::services::ticket::Files;
    let (db, acting) = super::ctx().await?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &forms::FILES).await?;
    let (code, body) = (form.take("code"), form.take("body"));
    let files = Files {
        store: &store,
        uploads: form.files,
    };
    submit::reply(&db, &acting, &code, &body, Some(files)).await
}

#[server(endpoint = "forms/mine")]
pub async fn my_submissions() -> Result<Vec<SubmissionRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::submit::mine(&db, &acting).await
}

#[server(endpoint = "forms/qa")]
pub async fn form_qa_list(#[server(default)] form: String) -> Result<Vec<QaItem>, AppError> {
    let db = crate::server::db::from_context()?;
    crate::server::services::forms::submit::qa(&db, number(&form)).await
}

#[server(endpoint = "staff/forms")]
pub async fn staff_forms() -> Result<FormList, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::list(&db, &acting).await
}

/// Starts a form and opens its builder.
#[server(endpoint = "staff/forms/create")]
pub async fn create_form(title: String, category: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let id = crate::server::services::forms::create(
        &db,
        &acting,
        &title,
        number(&category).unwrap_or_default(),
    )
    .await?;
    leptos_axum::redirect(&format!("/staff/forms/{id}"));
    Ok(())
}

#[server(endpoint = "staff/forms/category")]
pub async fn add_form_category(title: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::add_category(&db, &acting, &title).await?;
    Ok(())
}

#[server(endpoint = "staff/form")]
pub async fn staff_form(id: i32) -> Result<FormEditor, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::editor(&db, &acting, id).await
}

#[server(endpoint = "staff/form/settings")]
pub async fn save_form_settings(
    id: i32,
    title: String,
    #[server(default)] description: String,
    category: String,
    #[server(default)] assignee: String,
    #[server(default)] signed_in_only: String,
    #[server(default)] opens_on: String,
    #[server(default)] closes_on: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::server::services::forms::{self, SettingsInput};
    let (db, acting) = super::ctx().await?;
    let input = SettingsInput {
        title,
        description,
        category_id: number(&category).unwrap_or_default(),
        assignee_id: number(&assignee),
        signed_in_only: !signed_in_only.is_empty(),
        opens_on,
        closes_on,
        active: !active.is_empty(),
    };
    forms::save_settings(&db, &acting, id, &input).await
}

#[server(endpoint = "staff/form/field")]
pub async fn save_form_field(
    id: i32,
    #[server(default)] key: String,
    kind: String,
    label: String,
    #[server(default)] help: String,
    #[server(default)] required: String,
    #[server(default)] min: String,
    #[server(default)] max: String,
    #[server(default)] options: String,
) -> Result<(), AppError> {
    use crate::server::services::forms::{self, FieldInput};
    let (db, acting) = super::ctx().await?;
    let input = FieldInput {
        key,
        kind,
        label,
        help,
        required: !required.is_empty(),
        min,
        max,
        options,
    };
    forms::save_field(&db, &acting, id, &input).await?;
    Ok(())
}

/// Moves a field (`dir` is `up` or `down`) or, with `dir` = `delete`, removes it.
#[server(endpoint = "staff/form/field/arrange")]
pub async fn arrange_form_field(id: i32, key: String, dir: String) -> Result<(), AppError> {
    use crate::server::services::forms;
    let (db, acting) = super::ctx().await?;
    match dir.as_str() {
        "up" | "down" => forms::move_field(&db, &acting, id, &key, dir == "up").await,
        "delete" => forms::delete_field(&db, &acting, id, &key).await,
        _ => Err(AppError::validation(
            "جابه‌جایی",
            "کار خواسته‌شده شناخته نیست.",
        )),
    }
}

#[server(endpoint = "staff/form/publish")]
pub async fn publish_form(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::publish(&db, &acting, id).await?;
    Ok(())
}

#[server(endpoint = "staff/form-submissions")]
pub async fn staff_submission_inbox(
    #[server(default)] status: String,
    #[server(default)] form: String,
    #[server(default)] assignee: String,
    #[server(default)] q: String,
) -> Result<SubmissionInbox, AppError> {
    use crate::server::services::forms::answer::{self, InboxFilter};
    let (db, acting) = super::ctx().await?;
    let filter = InboxFilter {
        open_only: status.is_empty(),
        status: crate::model::SubmissionStatus::parse(&status),
        form: number(&form),
        assignee,
        query: q,
    };
    answer::inbox(&db, &acting, &filter).await
}

#[server(endpoint = "staff/form-submission")]
pub async fn staff_get_submission(id: i32) -> Result<StaffSubmission, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::answer::staff_view(&db, &acting, id).await
}

/// An answer, a question to the submitter, or an internal note (multipart: `id`, `mode`
/// = `answer` / `ask` / `note`, `body`, files in `attachments`).
#[server(endpoint = "staff/form-submission/respond", input = MultipartFormData)]
pub async fn staff_respond_submission(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::forms::{self, answer};
    use crate::server::services::ticket::Files;
    let (db, acting) = super::ctx().await?;
    // Who may answer is decided before the form is read: no upload from a stranger.
    acting.signed_in()?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &forms::FILES).await?;
    let id = number(&form.take("id")).unwrap_or_default();
    let kind = answer::Reply::parse(&form.take("mode"))
        .ok_or_else(|| AppError::validation("نوع پاسخ", "نوع پاسخ را برگزینید."))?;
    let body = form.take("body");
    let files = Files {
        store: &store,
        uploads: form.files,
    };
    answer::respond(&db, &acting, id, kind, &body, Some(files)).await
}

/// The server functions whose body is a multipart form.
pub const MULTIPART_PATHS: [&str; 3] = [
    SubmitForm::PATH,
    ReplySubmission::PATH,
    StaffRespondSubmission::PATH,
];

#[server(endpoint = "staff/form-submission/assign")]
pub async fn staff_assign_submission(
    id: i32,
    #[server(default)] assignee: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::answer::assign(&db, &acting, id, number(&assignee)).await
}

#[server(endpoint = "staff/form-submission/close")]
pub async fn staff_close_submission(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::forms::answer::close(&db, &acting, id).await
}

/// Publishes (or, with `withdraw`, takes off) the submission's public question and answer.
#[server(endpoint = "staff/form-submission/qa")]
pub async fn staff_submission_qa(
    id: i32,
    #[server(default)] question: String,
    #[server(default)] answer: String,
    #[server(default)] withdraw: String,
) -> Result<(), AppError> {
    use crate::server::services::forms::answer as a;
    let (db, acting) = super::ctx().await?;
    if withdraw.is_empty() {
        a::publish_qa(&db, &acting, id, &question, &answer).await
    } else {
        a::withdraw_qa(&db, &acting, id).await
    }
}
