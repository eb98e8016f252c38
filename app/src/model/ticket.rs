//! Tickets as the citizen and the staff see them. Internal notes and the citizen's contact
//! details appear only in the staff types.

use serde::{Deserialize, Serialize};

/// new → in progress → answered → closed; a citizen's follow-up moves answered back to in
/// progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketStatus {
    New,
    InProgress,
    Answered,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 4] = [
        TicketStatus::New,
        TicketStatus::InProgress,
        TicketStatus::Answered,
        TicketStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::InProgress => "in_progress",
            TicketStatus::Answered => "answered",
            TicketStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            TicketStatus::New => "جدید",
            TicketStatus::InProgress => "در حال رسیدگی",
            TicketStatus::Answered => "پاسخ داده شده",
            TicketStatus::Closed => "بسته",
        }
    }

    /// Whether staff may move a ticket from `self` to `to`.
    pub fn staff_may_move_to(self, to: TicketStatus) -> bool {
        use TicketStatus::*;
        matches!(
            (self, to),
            (New, InProgress)
                | (New, Answered)
                | (New, Closed)
                | (InProgress, Answered)
                | (InProgress, Closed)
                | (Answered, InProgress)
                | (Answered, Closed)
                | (Closed, InProgress)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketCategory {
    pub id: i32,
    pub title: String,
    /// The response target, in working days.
    pub response_days: i32,
}

/// What the citizen gets after filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketReceipt {
    pub tracking_code: String,
    pub subject: String,
    pub category: String,
    pub created_at: i64,
    pub due_at: i64,
    /// Whether a copy of the code was queued for the e-mail address given.
    pub emailed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostKind {
    /// Written by the citizen (the ticket itself or a follow-up).
    Citizen,
    /// A reply from staff, visible to the citizen.
    Staff,
    /// A note among staff, never shown to the citizen.
    Internal,
}

impl PostKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Citizen => "citizen",
            PostKind::Staff => "staff",
            PostKind::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [PostKind::Citizen, PostKind::Staff, PostKind::Internal]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPost {
    pub kind: PostKind,
    /// The staff member's role ("متولی بخش", "کارشناس پاسخ‌گو"), or the citizen's name.
    pub author: String,
    pub body: String,
    pub at: i64,
    pub attachments: Vec<super::Attachment>,
}

/// A ticket as its submitter sees it by tracking code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicTicket {
    pub tracking_code: String,
    pub subject: String,
    pub category: String,
    pub status: TicketStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub posts: Vec<TicketPost>,
}

/// One row of the staff queue or of "my tickets".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRow {
    pub id: i32,
    pub tracking_code: String,
    pub subject: String,
    pub category: String,
    pub status: TicketStatus,
    pub name: String,
    pub created_at: i64,
    pub due_at: i64,
    pub overdue: bool,
    pub assignee: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i32,
    pub full_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedReply {
    pub id: i32,
    pub title: String,
    pub body: String,
}

/// A ticket as staff see it: contact details, the whole thread with internal notes, who
/// may be assigned, and the saved replies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTicket {
    pub row: TicketRow,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub registered_user: bool,
    pub posts: Vec<TicketPost>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub assignable: Vec<StaffMember>,
    pub saved_replies: Vec<SavedReply>,
}

/// The staff queue with what its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketQueue {
    pub rows: Vec<TicketRow>,
    pub categories: Vec<TicketCategory>,
    pub staff: Vec<StaffMember>,
}

/// A ticket category as its settings page edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySetting {
    pub id: i32,
    pub title: String,
    pub response_days: i32,
    pub active: bool,
    /// Tickets of the category not yet closed.
    pub open_tickets: i64,
}

/// A public holiday: no working time passes on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// `1404/01/01`, Latin digits (the stored form).
    pub day: String,
    pub title: String,
}

/// The ticket settings page: categories with their response targets, and the holidays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSettings {
    pub categories: Vec<CategorySetting>,
    pub holidays: Vec<Holiday>,
}
