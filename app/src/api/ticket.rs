//! Tickets: the citizen's filing, lookup by tracking code, follow-up and closing; "my
//! tickets"; and the staff queue and ticket page.

use crate::error::AppError;
use crate::model::{PublicTicket, StaffTicket, TicketCategory, TicketQueue, TicketRow};
use leptos::prelude::*;
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

/// Files a ticket and goes to its receipt. `website` is the honeypot.
#[server(endpoint = "tickets/file")]
pub async fn file_ticket(
    name: String,
    #[server(default)] mobile: String,
    #[server(default)] email: String,
    category: i32,
    subject: String,
    body: String,
    #[server(default)] website: String,
) -> Result<(), AppError> {
    use crate::server::services::ticket::{self, NewTicket};
    let (db, acting) = super::ctx().await?;
    if !website.is_empty() {
        return Err(AppError::validation(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let receipt = ticket::file(
        &db,
        &acting,
        &NewTicket {
            name,
            mobile,
            email,
            category_id: category,
            subject,
            body,
        },
    )
    .await?;
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

#[server(endpoint = "tickets/follow-up")]
pub async fn follow_up_ticket(code: String, body: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::follow_up(&db, &acting, &code, &body).await
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

/// A reply to the citizen, or (with `internal`) a note only staff see.
#[server(endpoint = "staff/ticket/reply")]
pub async fn staff_reply_ticket(
    id: i32,
    body: String,
    #[server(default)] internal: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::ticket::reply(&db, &acting, id, &body, !internal.is_empty()).await
}

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
