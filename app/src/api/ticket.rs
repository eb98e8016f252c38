//! Tickets: the citizen's filing, lookup by tracking code, follow-up and closing; "my
//! tickets"; and the staff queue and ticket page.

use crate::error::AppError;
use crate::model::{PublicTicket, StaffTicket, TicketCategory, TicketQueue, TicketRow};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

/// What the filing form starts with: the categories, and a signed-in person's details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketForm {
    pub categories: Vec<TicketCategory>,
    pub name: String,
    pub mobile: String,
    pub email: String,
    pub signed_in: bool,
}

#[server(endpoint = "tickets/form")]
pub async fn get_ticket_form() -> Result<TicketForm, AppError> {
    let (db, acting) = super::ctx().await?;
    let categories = crate::server::services::ticket::categories(&db).await?;
    let mut form = TicketForm {
        categories,
        name: String::new(),
        mobile: String::new(),
        email: String::new(),
        signed_in: acting.actor.is_some(),
    };
    if acting.actor.is_some() {
        let p = crate::server::services::account::profile(&db, &acting).await?;
        form.name = p.full_name;
        form.mobile = p.mobile.unwrap_or_default();
        form.email = p.email.unwrap_or_default();
    }
    Ok(form)
}

/// Files a ticket (a multipart form: `name`, `mobile`, `email`, `category`, `subject`,
/// `body`, files in `attachments`; `website` is the honeypot) and goes to its receipt.
#[server(endpoint = "tickets/file", input = MultipartFormData)]
pub async fn file_ticket(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::{attachment, ticket};
    let (db, acting) = super::ctx().await?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &attachment::TICKET).await?;
    if !form.take("website").is_empty() {
        return Err(AppError::validation(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let input = ticket::NewTicket {
        name: form.take("name"),
        mobile: form.take("mobile"),
        email: form.take("email"),
        category_id: crate::persian::normalize_digits(&form.take("category"))
            .trim()
            .parse()
            .unwrap_or_default(),
        subject: form.take("subject"),
        body: form.take("body"),
    };
    let files = ticket::Files {
        store: &store,
        uploads: form.files,
    };
    let receipt = ticket::file_with(&db, &acting, &input, Some(files)).await?;
    leptos_axum::redirect(&format!(
        "/tickets/track?code={}&new=1",
        receipt.tracking_code
    ));
    Ok(())
}

#[server(endpoint = "tickets/lookup")]
pub async fn lookup_ticket(code: String) -> Result<PublicTicket, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::lookup(&db, acting.ip.as_deref(), &code).await
}

/// A follow-up by code (a multipart form: `code`, `body`, files in `attachments`).
#[server(endpoint = "tickets/follow-up", input = MultipartFormData)]
pub async fn follow_up_ticket(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::{attachment, ticket};
    let (db, acting) = super::ctx().await?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &attachment::TICKET).await?;
    let (code, body) = (form.take("code"), form.take("body"));
    let files = ticket::Files {
        store: &store,
        uploads: form.files,
    };
    ticket::follow_up_with(&db, &acting, &code, &body, Some(files)).await
}

#[server(endpoint = "tickets/close")]
pub async fn close_ticket(
    code: String,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let rating = match rating.trim() {
        "" => None,
        r => Some(
            crate::persian::normalize_digits(r)
                .parse::<i32>()
                .map_err(|_| AppError::validation("امتیاز", "امتیاز را از ۱ تا ۵ برگزینید."))?,
        ),
    };
    crate::server::services::ticket::close_by_citizen(&db, &acting, &code, rating, &comment).await
}

#[server(endpoint = "tickets/mine")]
pub async fn my_tickets() -> Result<Vec<TicketRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::mine(&db, &acting).await
}

#[server(endpoint = "staff/tickets")]
pub async fn staff_ticket_queue(
    #[server(default)] status: String,
    #[server(default)] category: String,
    #[server(default)] assignee: String,
    #[server(default)] older: String,
    #[server(default)] overdue: String,
    #[server(default)] q: String,
) -> Result<TicketQueue, AppError> {
    use crate::server::services::ticket::{self, QueueFilter};
    let (db, acting) = super::ctx().await?;
    let filter = QueueFilter {
        open_only: status.is_empty(),
        status: crate::model::TicketStatus::parse(&status),
        category: category.parse().ok(),
        assignee,
        older_than_days: older.parse().ok(),
        overdue_only: !overdue.is_empty(),
        query: q,
    };
    ticket::queue(&db, &acting, &filter).await
}

#[server(endpoint = "staff/ticket")]
pub async fn staff_get_ticket(id: i32) -> Result<StaffTicket, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::staff_view(&db, &acting, id).await
}

/// A reply to the citizen, or (with `internal`) a note only staff see (a multipart form:
/// `id`, `body`, `internal`, files in `attachments`).
#[server(endpoint = "staff/ticket/reply", input = MultipartFormData)]
pub async fn staff_reply_ticket(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::{attachment, ticket};
    let (db, acting) = super::ctx().await?;
    // Who may reply is decided before the form is read: no upload is taken from a stranger.
    acting.signed_in()?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &attachment::TICKET).await?;
    let id = form.take("id").trim().parse().unwrap_or_default();
    let (body, internal) = (form.take("body"), !form.take("internal").is_empty());
    let files = ticket::Files {
        store: &store,
        uploads: form.files,
    };
    ticket::reply_with(&db, &acting, id, &body, internal, Some(files)).await
}

/// The server functions whose body is a multipart form (with files). The server refuses any
/// other body for them before they run.
pub const MULTIPART_PATHS: [&str; 3] = [
    FileTicket::PATH,
    FollowUpTicket::PATH,
    StaffReplyTicket::PATH,
];

#[server(endpoint = "staff/ticket/assign")]
pub async fn staff_assign_ticket(
    id: i32,
    #[server(default)] assignee: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::assign(&db, &acting, id, assignee.parse().ok()).await
}

#[server(endpoint = "staff/ticket/status")]
pub async fn staff_ticket_status(id: i32, status: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let to = crate::model::TicketStatus::parse(&status)
        .ok_or_else(|| AppError::validation("وضعیت", "وضعیت برگزیده شناخته نیست."))?;
    crate::server::services::ticket::set_status(&db, &acting, id, to).await
}

#[server(endpoint = "staff/saved-replies/add")]
pub async fn staff_add_saved_reply(title: String, body: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::add_saved_reply(&db, &acting, &title, &body).await?;
    Ok(())
}

#[server(endpoint = "staff/saved-replies/delete")]
pub async fn staff_delete_saved_reply(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::delete_saved_reply(&db, &acting, id).await
}

#[server(endpoint = "staff/ticket-settings")]
pub async fn ticket_settings() -> Result<crate::model::TicketSettings, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket_settings::settings(&db, &acting).await
}

/// Adds (no `id`) or updates a ticket category: title, response target, open or not.
#[server(endpoint = "staff/ticket-settings/category")]
pub async fn save_ticket_category(
    #[server(default)] id: String,
    title: String,
    response_days: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::server::services::ticket_settings::{self, CategoryInput};
    let (db, acting) = super::ctx().await?;
    let input = CategoryInput {
        id: id.trim().parse().ok(),
        title,
        response_days,
        active: !active.is_empty(),
    };
    ticket_settings::save_category(&db, &acting, &input).await?;
    Ok(())
}

#[server(endpoint = "staff/ticket-settings/holiday/add")]
pub async fn add_holiday(day: String, title: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket_settings::add_holiday(&db, &acting, &day, &title).await
}

#[server(endpoint = "staff/ticket-settings/holiday/delete")]
pub async fn delete_holiday(day: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket_settings::delete_holiday(&db, &acting, &day).await
}
