//! Custodian accountability: how current each section is and how its tickets and messages
//! are answered, per section and per person.

use serde::{Deserialize, Serialize};

/// How a set of tickets or messages was answered against its targets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answering {
    /// Answered within the target.
    pub on_time: u64,
    /// Answered, after the target.
    pub late: u64,
    /// Not answered, and the target has passed.
    pub overdue: u64,
    /// Not answered, still within the target.
    pub waiting: u64,
    /// Mean time from receipt to the first answer, in seconds, over the answered ones.
    pub mean_response_secs: Option<i64>,
}

impl Answering {
    pub fn answered(&self) -> u64 {
        self.on_time + self.late
    }

    pub fn total(&self) -> u64 {
        self.on_time + self.late + self.overdue + self.waiting
    }
}

/// One section's line of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionAccount {
    pub key: String,
    pub title: String,
    /// Its current custodians' names.
    pub custodians: Vec<String>,
    /// The last public update (content published or edited live, water data, offices,
    /// forms), Unix seconds.
    pub last_update: Option<i64>,
    /// Days allowed between updates; `None`: not updated on a schedule.
    pub update_days: Option<i32>,
    /// Working days for answering its messages.
    pub response_days: i32,
    /// Past its update interval (never updated counts as stale).
    pub stale: bool,
    pub tickets: Answering,
    pub messages: Answering,
}

/// One staff member's line: what they answered, and what waits on them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAccount {
    pub user_id: i32,
    pub full_name: String,
    /// Titles of the sections they are custodian of.
    pub sections: Vec<String>,
    pub tickets: Answering,
    pub messages: Answering,
}

/// The administrator's accountability page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountabilityReport {
    pub now: i64,
    /// Tickets and messages received in the last `days` days count (0: all).
    pub days: u32,
    pub sections: Vec<SectionAccount>,
    pub people: Vec<PersonAccount>,
}

/// A ticket or message past its target and not answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueItem {
    /// «تیکت» or «پیام».
    pub kind_label: String,
    pub subject: String,
    pub section_title: String,
    pub received_at: i64,
    pub due_at: i64,
    /// The staff page that answers it.
    pub href: String,
}

/// What a custodian's dashboard shows of their own accountability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccountability {
    pub now: i64,
    /// Their sections past the update interval.
    pub stale: Vec<SectionAccount>,
    pub overdue: Vec<OverdueItem>,
}

/// A mean response time as a Persian phrase: minutes, hours or days.
pub fn format_duration(secs: Option<i64>) -> String {
    let text = match secs {
        None => return "—".into(),
        Some(s) if s < 3600 => format!("{} دقیقه", (s / 60).max(1)),
        Some(s) if s < 86_400 => format!("{:.1} ساعت", s as f64 / 3600.0),
        Some(s) => format!("{:.1} روز", s as f64 / 86_400.0),
    };
    crate::persian::to_persian_digits(&text.replace('.', "٫"))
}
