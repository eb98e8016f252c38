//! Suggestions and criticism, as the sender and the staff see them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageKind {
    Suggestion,
    Criticism,
    Appreciation,
}

impl MessageKind {
    pub const ALL: [MessageKind; 3] = [
        MessageKind::Suggestion,
        MessageKind::Criticism,
        MessageKind::Appreciation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Suggestion => "suggestion",
            MessageKind::Criticism => "criticism",
            MessageKind::Appreciation => "appreciation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MessageKind::Suggestion => "پیشنهاد",
            MessageKind::Criticism => "انتقاد",
            MessageKind::Appreciation => "قدردانی",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageStatus {
    Unread,
    Read,
    Handled,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 3] = [
        MessageStatus::Unread,
        MessageStatus::Read,
        MessageStatus::Handled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Unread => "unread",
            MessageStatus::Read => "read",
            MessageStatus::Handled => "handled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// As staff read it.
    pub fn label(self) -> &'static str {
        match self {
            MessageStatus::Unread => "خوانده‌نشده",
            MessageStatus::Read => "خوانده‌شده",
            MessageStatus::Handled => "رسیدگی‌شده",
        }
    }

    /// As the sender reads it.
    pub fn public_label(self) -> &'static str {
        match self {
            MessageStatus::Unread => "رسیده، هنوز خوانده نشده",
            MessageStatus::Read => "خوانده شده، در دست بررسی",
            MessageStatus::Handled => "رسیدگی شده",
        }
    }
}

/// What the sender sees with the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMessage {
    pub tracking_code: String,
    pub kind: MessageKind,
    pub subject: String,
    pub body: String,
    pub status: MessageStatus,
    pub created_at: i64,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRow {
    pub id: i32,
    pub kind: MessageKind,
    pub subject: String,
    pub status: MessageStatus,
    pub section: String,
    pub created_at: i64,
    pub forwarded_from: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMessage {
    pub row: MessageRow,
    pub tracking_code: String,
    pub body: String,
    pub contact: Option<String>,
    pub registered_user: bool,
    pub reply: Option<String>,
    pub replied_at: Option<i64>,
    /// Sections it may be forwarded to.
    pub sections: Vec<crate::model::SectionRef>,
}

/// A staff member's inbox: the sections they may read, and the messages of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageInbox {
    pub sections: Vec<crate::model::SectionRef>,
    pub section: String,
    pub rows: Vec<MessageRow>,
}
