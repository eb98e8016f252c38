//! Accounts, roles, custodians and the audit log, as the browser sees them. No password hash
//! or session token is ever in these types.

use serde::{Deserialize, Serialize};

/// Where an account stands with the administrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    Pending,
    Approved,
    Rejected,
    Suspended,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Pending,
        AccountStatus::Approved,
        AccountStatus::Rejected,
        AccountStatus::Suspended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Approved => "approved",
            AccountStatus::Rejected => "rejected",
            AccountStatus::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Pending => "در انتظار تأیید",
            AccountStatus::Approved => "تأییدشده",
            AccountStatus::Rejected => "ردشده",
            AccountStatus::Suspended => "معلق",
        }
    }
}

/// Where a custodian appointment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppointmentStatus {
    Nominated,
    Appointed,
    Revoked,
    Withdrawn,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 4] = [
        AppointmentStatus::Nominated,
        AppointmentStatus::Appointed,
        AppointmentStatus::Revoked,
        AppointmentStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Nominated => "nominated",
            AppointmentStatus::Appointed => "appointed",
            AppointmentStatus::Revoked => "revoked",
            AppointmentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Nominated => "نامزد (در حال احراز صلاحیت)",
            AppointmentStatus::Appointed => "منصوب",
            AppointmentStatus::Revoked => "عزل‌شده",
            AppointmentStatus::Withdrawn => "انصراف از نامزدی",
        }
    }
}

/// The person signed in on this browser, for the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub is_admin: bool,
    /// Has at least one section dashboard (administrator, custodian or expert).
    pub is_staff: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    pub key: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub id: i32,
    pub title: String,
    pub section_key: String,
}

/// One of the signed-in person's open sessions (a browser signed in as them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    /// This browser's own.
    pub current: bool,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub ip: Option<String>,
    /// The browser and system, in words (from its user agent).
    pub device: String,
}

/// The signed-in person's own profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub username: String,
    pub full_name: String,
    pub national_id: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub created_at: i64,
    pub is_admin: bool,
    pub custodian_of: Vec<SectionRef>,
    pub expert_of: Vec<CategoryRef>,
}

/// One row of the administrator's user list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub username: String,
    pub full_name: String,
    pub status: AccountStatus,
    pub is_admin: bool,
    pub created_at: i64,
}

/// Everything the administrator sees and changes about one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub summary: UserSummary,
    pub national_id: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub rejection_reason: Option<String>,
    pub reviewed_at: Option<i64>,
    pub appointments: Vec<AppointmentSummary>,
    pub expert_of: Vec<i32>,
    pub categories: Vec<CategoryRef>,
    pub sections: Vec<SectionRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentSummary {
    pub id: i32,
    pub user_id: i32,
    pub username: String,
    pub full_name: String,
    pub section: SectionRef,
    pub status: AppointmentStatus,
    pub nominated_at: i64,
    pub appointed_at: Option<i64>,
    pub ended_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistState {
    pub item_id: i32,
    pub title: String,
    pub done_at: Option<i64>,
    pub done_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentStep {
    pub label: String,
    pub note: Option<String>,
    pub actor: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentDetail {
    pub summary: AppointmentSummary,
    pub checklist: Vec<ChecklistState>,
    pub steps: Vec<AppointmentStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionCustodians {
    pub section: SectionRef,
    /// Custodians' items wait for the administrator's review before they are published.
    pub review_required: bool,
    pub appointments: Vec<AppointmentSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: i32,
    pub title: String,
    pub active: bool,
}

/// The administrator's custodian screen: every section with its appointments, the
/// checklist, and the approved people who may be nominated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustodianOverview {
    pub sections: Vec<SectionCustodians>,
    pub checklist: Vec<ChecklistItem>,
    pub candidates: Vec<UserSummary>,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i32,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub action_label: String,
    pub section: Option<String>,
    pub target: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// (code, Persian label) of every action, for the filter.
    pub actions: Vec<(String, String)>,
    pub sections: Vec<SectionRef>,
}

/// A staff member's dashboard home: the sections they keep or answer for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardHome {
    pub full_name: String,
    pub is_admin: bool,
    pub sections: Vec<SectionRef>,
    pub pending_users: u64,
}

/// One section's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionDashboard {
    pub section: SectionRef,
    /// The public page of the section, when it has one.
    pub public_path: Option<String>,
    pub custodians: Vec<AppointmentSummary>,
    pub categories: Vec<CategoryRef>,
    pub can_publish_directly: bool,
    pub recent: Vec<AuditEntry>,
}

/// The live figures of a staff dashboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCounts {
    pub new_tickets: u64,
    pub open_tickets: u64,
    pub overdue_tickets: u64,
    pub unread_messages: u64,
}

/// An e-mail in the outbox, as the administrator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub attempts: i32,
    pub last_error: Option<String>,
}
