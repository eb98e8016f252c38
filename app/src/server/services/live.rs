//! The figures a staff dashboard keeps live: new, open and overdue tickets the person
//! answers, and unread messages in the sections they answer for.

use crate::error::AppResult;
use crate::model::{LiveCounts, MessageStatus, TicketStatus};
use crate::server::entities::{message, section, ticket};
use crate::server::services::permission::{self, Action, Actor};
use crate::server::services::ticket::SECTION as TICKETS;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub async fn counts<C: ConnectionTrait>(db: &C, actor: &Actor) -> AppResult<LiveCounts> {
    let sections: Vec<section::Model> = section::Entity::find().all(db).await?;
    let answerable: Vec<String> = sections
        .iter()
        .filter(|s| permission::may(Some(actor), Action::AnswerCases, Some(&(*s).into()), None))
        .map(|s| s.key.clone())
        .collect();
    let mut counts = LiveCounts::default();
    if answerable.iter().any(|k| k == TICKETS) {
        let mut q = ticket::Entity::find().filter(ticket::Column::SectionKey.eq(TICKETS));
        if !(actor.is_admin || actor.custodian_of.contains(TICKETS)) {
            let mine: Vec<i32> = actor
                .expert_of
                .iter()
                .filter(|(_, s)| s.as_str() == TICKETS)
                .map(|(c, _)| *c)
                .collect();
            q = q.filter(ticket::Column::CategoryId.is_in(mine));
        }
        let open = [
            TicketStatus::New.as_str(),
            TicketStatus::InProgress.as_str(),
        ];
        counts.new_tickets = q
            .clone()
            .filter(ticket::Column::Status.eq(TicketStatus::New.as_str()))
            .count(db)
            .await?;
        counts.open_tickets = q
            .clone()
            .filter(ticket::Column::Status.is_in(open))
            .count(db)
            .await?;
        counts.overdue_tickets = q
            .filter(ticket::Column::Status.is_in(open))
            .filter(ticket::Column::DueAt.lt(chrono::Utc::now()))
            .count(db)
            .await?;
    }
    if !answerable.is_empty() {
        counts.unread_messages = message::Entity::find()
            .filter(message::Column::SectionKey.is_in(answerable))
            .filter(message::Column::Status.eq(MessageStatus::Unread.as_str()))
            .count(db)
            .await?;
    }
    Ok(counts)
}
