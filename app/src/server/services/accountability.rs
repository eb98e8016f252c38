//! Custodian accountability: for every section its custodians, its last public update and
//! whether that is older than the section's expected interval (`sections.update_days`,
//! data); and for tickets and messages, per section and per person, how many were answered
//! on time, late, how many are overdue or still waiting, and the mean time to the first
//! answer.
//!
//! Targets: a ticket's `due_at` (its category's working days); a message's section's
//! `response_days` working days from receipt. A ticket's first answer is its first staff
//! post; a message's is its reply (or, without one, when it was marked handled). Who
//! answers for an item: whoever answered it; until then its assignee, or else the
//! custodians of its section (and, for a ticket, the experts of its category). A ticket
//! the citizen closed before any answer counts for no one; one staff closed without an
//! answer counts as answered when it was closed.

use crate::error::{AppError, AppResult};
use crate::model::{
    AccountabilityReport, Answering, MessageStatus, MyAccountability, OverdueItem, PersonAccount,
    SectionAccount, TicketStatus,
};
use crate::persian::jalali::{format_date, format_date_time, JalaliDateTime};
use crate::server::entities::{
    accountability_reminder, audit_entry, content_item, custodian_appointment as appointment,
    expert_assignment, message, section, ticket, ticket_post, user,
};
use crate::server::services::permission::Acting;
use crate::server::services::{outbox, ticket as tickets, working_time};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Audit actions that change what the public sees (besides the publication times of the
/// published items themselves, read too).
const PUBLIC_UPDATES: &[&str] = &[
    "content.published",
    "content.edited_live",
    "content.restored",
    "water.register",
    "water.observation",
    "water.import",
    "water.bulletin",
    "office.saved",
    "counter_office.saved",
    "form.published",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseKind {
    Ticket,
    Message,
}

/// One ticket or message, reduced to what accountability needs.
struct Case {
    kind: CaseKind,
    id: i32,
    section_key: String,
    subject: String,
    received: i64,
    due: i64,
    answered: Option<i64>,
    /// Who it counts for.
    people: BTreeSet<i32>,
}

impl Case {
    fn overdue(&self, now: i64) -> bool {
        self.answered.is_none() && now > self.due
    }
}

fn tally<'a>(cases: impl Iterator<Item = &'a Case>, now: i64) -> Answering {
    let mut a = Answering::default();
    let mut spent: i64 = 0;
    for c in cases {
        match c.answered {
            Some(t) => {
                spent += t - c.received;
                if t <= c.due {
                    a.on_time += 1;
                } else {
                    a.late += 1;
                }
            }
            None if now > c.due => a.overdue += 1,
            None => a.waiting += 1,
        }
    }
    let n = a.answered() as i64;
    a.mean_response_secs = (n > 0).then(|| spent / n);
    a
}

/// Everything the report and the dashboards are made from.
struct Facts {
    sections: Vec<section::Model>,
    custodians: BTreeMap<String, Vec<i32>>,
    names: HashMap<i32, String>,
    experts: BTreeSet<i32>,
    last_update: HashMap<String, DateTime<Utc>>,
    cases: Vec<Case>,
}

/// The facts, counting tickets and messages received since `since` (all when `None`).
async fn facts(db: &DatabaseConnection, since: Option<DateTime<Utc>>) -> AppResult<Facts> {
    let sections = section::Entity::find()
        .order_by_asc(section::Column::SortOrder)
        .all(db)
        .await?;
    let mut custodians: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for a in appointment::Entity::find()
        .filter(appointment::Column::Status.eq("appointed"))
        .order_by_asc(appointment::Column::AppointedAt)
        .all(db)
        .await?
    {
        custodians.entry(a.section_key).or_default().push(a.user_id);
    }
    let mut category_experts: HashMap<i32, Vec<i32>> = HashMap::new();
    for e in expert_assignment::Entity::find().all(db).await? {
        category_experts
            .entry(e.category_id)
            .or_default()
            .push(e.user_id);
    }
    let experts = category_experts.values().flatten().copied().collect();

    // The last public update: when published items were published, and the audit log.
    let mut last_update: HashMap<String, DateTime<Utc>> = HashMap::new();
    let mut later = |key: String, at: DateTime<Utc>| {
        let e = last_update.entry(key).or_insert(at);
        if at > *e {
            *e = at;
        }
    };
    let by_kind: Vec<(String, Option<DateTime<Utc>>)> = content_item::Entity::find()
        .select_only()
        .column(content_item::Column::Kind)
        .column_as(content_item::Column::PublishedAt.max(), "at")
        .filter(content_item::Column::State.eq("published"))
        .group_by(content_item::Column::Kind)
        .into_tuple()
        .all(db)
        .await?;
    for (kind, at) in by_kind {
        if let (Some(k), Some(at)) = (crate::model::ContentKind::parse(&kind), at) {
            later(k.section_key().to_string(), at);
        }
    }
    let by_section: Vec<(Option<String>, Option<DateTime<Utc>>)> = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::SectionKey)
        .column_as(audit_entry::Column::At.max(), "at")
        .filter(audit_entry::Column::Action.is_in(PUBLIC_UPDATES.iter().copied()))
        .group_by(audit_entry::Column::SectionKey)
        .into_tuple()
        .all(db)
        .await?;
    for (key, at) in by_section {
        if let (Some(k), Some(at)) = (key, at) {
            later(k, at);
        }
    }

    let holidays = tickets::holidays(db).await?;
    let response_days: HashMap<&str, i32> = sections
        .iter()
        .map(|s| (s.key.as_str(), s.response_days))
        .collect();
    let mut cases = Vec::new();

    let mut q = ticket::Entity::find();
    if let Some(t) = since {
        q = q.filter(ticket::Column::CreatedAt.gte(t));
    }
    let ticket_rows = q.all(db).await?;
    // Each ticket's first staff post: when and by whom it was first answered.
    let mut first_answer: HashMap<i32, (DateTime<Utc>, Option<i32>)> = HashMap::new();
    let mut posts = ticket_post::Entity::find()
        .filter(ticket_post::Column::Kind.eq("staff"))
        .order_by_asc(ticket_post::Column::CreatedAt)
        .order_by_asc(ticket_post::Column::Id);
    if let Some(t) = since {
        posts = posts.filter(ticket_post::Column::CreatedAt.gte(t));
    }
    for p in posts.all(db).await? {
        first_answer
            .entry(p.ticket_id)
            .or_insert((p.created_at, p.author_id));
    }
    // Tickets their citizens closed themselves.
    let by_citizen: BTreeSet<i32> = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::TargetId)
        .filter(audit_entry::Column::Action.eq("ticket.closed"))
        .filter(audit_entry::Column::TargetKind.eq("ticket"))
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|id| id?.parse().ok())
        .collect();
    for t in ticket_rows {
        let answer = first_answer
            .get(&t.id)
            .copied()
            .or(t.answered_at.map(|a| (a, None)));
        // Closed unanswered: by the citizen, it counts for no one; by staff, the closing is
        // the answer.
        let answer = match (answer, t.closed_at) {
            (None, Some(_)) if by_citizen.contains(&t.id) => continue,
            (None, Some(closed)) if t.status == TicketStatus::Closed.as_str() => {
                Some((closed, None))
            }
            (a, _) => a,
        };
        let people: BTreeSet<i32> = match (answer.and_then(|a| a.1), t.assignee_id) {
            (Some(by), _) => [by].into(),
            (None, Some(a)) => [a].into(),
            (None, None) => custodians
                .get(&t.section_key)
                .into_iter()
                .flatten()
                .chain(category_experts.get(&t.category_id).into_iter().flatten())
                .copied()
                .collect(),
        };
        cases.push(Case {
            kind: CaseKind::Ticket,
            id: t.id,
            section_key: t.section_key,
            subject: t.subject,
            received: t.created_at.timestamp(),
            due: t.due_at.timestamp(),
            answered: answer.map(|a| a.0.timestamp()),
            people,
        });
    }

    let mut q = message::Entity::find();
    if let Some(t) = since {
        q = q.filter(message::Column::CreatedAt.gte(t));
    }
    for m in q.all(db).await? {
        let received = m.created_at.timestamp();
        let days = response_days
            .get(m.section_key.as_str())
            .copied()
            .unwrap_or(5)
            .max(0) as u32;
        let answered = m.replied_at.map(|t| t.timestamp()).or_else(|| {
            (m.status == MessageStatus::Handled.as_str()).then(|| m.updated_at.timestamp())
        });
        let people: BTreeSet<i32> = match m.replied_by {
            Some(by) => [by].into(),
            None => custodians
                .get(&m.section_key)
                .into_iter()
                .flatten()
                .copied()
                .collect(),
        };
        cases.push(Case {
            kind: CaseKind::Message,
            id: m.id,
            section_key: m.section_key,
            subject: m.subject,
            received,
            due: working_time::deadline(received, days, &holidays),
            answered,
            people,
        });
    }

    let mut ids: BTreeSet<i32> = custodians.values().flatten().copied().collect();
    ids.extend(cases.iter().flat_map(|c| c.people.iter().copied()));
    let names = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(Facts {
        sections,
        custodians,
        names,
        experts,
        last_update,
        cases,
    })
}

impl Facts {
    fn section_account(&self, s: &section::Model, now: i64) -> SectionAccount {
        let last_update = self.last_update.get(&s.key).map(|t| t.timestamp());
        let stale = s.update_days.is_some_and(|days| {
            last_update.is_none_or(|t| now - t > i64::from(days.max(0)) * 86_400)
        });
        let of = |kind: CaseKind| {
            tally(
                self.cases
                    .iter()
                    .filter(|c| c.kind == kind && c.section_key == s.key),
                now,
            )
        };
        SectionAccount {
            key: s.key.clone(),
            title: s.title.clone(),
            custodians: self
                .custodians
                .get(&s.key)
                .into_iter()
                .flatten()
                .filter_map(|id| self.names.get(id).cloned())
                .collect(),
            last_update,
            update_days: s.update_days,
            response_days: s.response_days,
            stale,
            tickets: of(CaseKind::Ticket),
            messages: of(CaseKind::Message),
        }
    }

    /// The sections `user_id` is custodian of that are past their interval.
    fn stale_of(&self, user_id: i32, now: i64) -> Vec<SectionAccount> {
        self.sections
            .iter()
            .filter(|s| {
                self.custodians
                    .get(&s.key)
                    .is_some_and(|c| c.contains(&user_id))
            })
            .map(|s| self.section_account(s, now))
            .filter(|a| a.stale)
            .collect()
    }

    /// Everyone accountability speaks of: custodians, experts, and whoever an item counts
    /// for.
    fn people(&self) -> BTreeSet<i32> {
        let mut ids: BTreeSet<i32> = self.custodians.values().flatten().copied().collect();
        ids.extend(self.experts.iter().copied());
        ids.extend(self.cases.iter().flat_map(|c| c.people.iter().copied()));
        ids
    }

    fn title_of(&self, key: &str) -> String {
        self.sections
            .iter()
            .find(|s| s.key == key)
            .map_or_else(|| key.to_string(), |s| s.title.clone())
    }

    fn overdue_of(&self, user_id: i32, now: i64) -> Vec<OverdueItem> {
        let mut items: Vec<OverdueItem> = self
            .cases
            .iter()
            .filter(|c| c.overdue(now) && c.people.contains(&user_id))
            .map(|c| OverdueItem {
                kind_label: match c.kind {
                    CaseKind::Ticket => "تیکت".into(),
                    CaseKind::Message => "پیام".into(),
                },
                subject: c.subject.clone(),
                section_title: self.title_of(&c.section_key),
                received_at: c.received,
                due_at: c.due,
                href: match c.kind {
                    CaseKind::Ticket => format!("/staff/tickets/{}", c.id),
                    CaseKind::Message => format!("/staff/messages/{}", c.id),
                },
            })
            .collect();
        items.sort_by_key(|i| i.due_at);
        items
    }
}

fn since(days: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (days > 0).then(|| now - chrono::Duration::days(i64::from(days)))
}

/// The administrator's report over tickets and messages received in the last `days` days
/// (0: all time).
pub async fn report(
    db: &DatabaseConnection,
    acting: &Acting,
    days: u32,
    now: DateTime<Utc>,
) -> AppResult<AccountabilityReport> {
    acting.admin()?;
    let f = facts(db, since(days, now)).await?;
    let t = now.timestamp();
    let sections = f.sections.iter().map(|s| f.section_account(s, t)).collect();
    let mut people: Vec<PersonAccount> = f
        .people()
        .into_iter()
        .filter_map(|id| {
            let of = |kind: CaseKind| {
                tally(
                    f.cases
                        .iter()
                        .filter(|c| c.kind == kind && c.people.contains(&id)),
                    t,
                )
            };
            Some(PersonAccount {
                user_id: id,
                full_name: f.names.get(&id)?.clone(),
                sections: f
                    .custodians
                    .iter()
                    .filter(|(_, ids)| ids.contains(&id))
                    .map(|(k, _)| f.title_of(k))
                    .collect(),
                tickets: of(CaseKind::Ticket),
                messages: of(CaseKind::Message),
            })
        })
        .collect();
    people.sort_by(|a, b| {
        (b.tickets.overdue + b.messages.overdue)
            .cmp(&(a.tickets.overdue + a.messages.overdue))
            .then_with(|| a.full_name.cmp(&b.full_name))
    });
    Ok(AccountabilityReport {
        now: t,
        days,
        sections,
        people,
    })
}

/// The signed-in staff member's stale sections and overdue items (their dashboard).
pub async fn mine(
    db: &DatabaseConnection,
    acting: &Acting,
    now: DateTime<Utc>,
) -> AppResult<MyAccountability> {
    let actor = acting.signed_in()?;
    let f = facts(db, None).await?;
    let t = now.timestamp();
    Ok(MyAccountability {
        now: t,
        stale: f.stale_of(actor.user_id, t),
        overdue: f.overdue_of(actor.user_id, t),
    })
}

/// Sets a section's expected update interval (days; `None`: not on a schedule) and its
/// messages' response target (working days).
pub async fn set_targets(
    db: &DatabaseConnection,
    acting: &Acting,
    key: &str,
    update_days: Option<i32>,
    response_days: i32,
) -> AppResult<()> {
    acting.admin()?;
    if update_days.is_some_and(|d| !(1..=3650).contains(&d)) {
        return Err(AppError::validation(
            "فاصله‌ی به‌روزرسانی",
            "عددی از ۱ تا ۳۶۵۰ روز بنویسید، یا خالی بگذارید.",
        ));
    }
    if !(1..=90).contains(&response_days) {
        return Err(AppError::validation(
            "مهلت پاسخ به پیام‌ها",
            "عددی از ۱ تا ۹۰ روز کاری بنویسید.",
        ));
    }
    let s = section::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = s.title.clone();
    let mut am: section::ActiveModel = s.into();
    am.update_days = Set(update_days);
    am.response_days = Set(response_days);
    let txn = crate::server::db::write_txn(db).await?;
    sea_orm::ActiveModelTrait::update(am, &txn).await?;
    crate::server::services::audit::record(
        &txn,
        acting,
        crate::server::services::audit::Event::new(
            "section.targets",
            format!(
                "انتظار به‌روزرسانی «{title}»: {}؛ مهلت پاسخ به پیام‌ها: {response_days} روز کاری",
                update_days.map_or("بی‌زمان‌بندی".to_string(), |d| format!(
                    "هر {d} روز"
                ))
            ),
        )
        .section(key),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The report as spreadsheet rows: one per section, then one per person.
pub fn csv(r: &AccountabilityReport) -> String {
    let header = [
        "نوع",
        "بخش یا کارمند",
        "متولیان یا بخش‌ها",
        "آخرین به‌روزرسانی",
        "انتظار به‌روزرسانی (روز)",
        "عقب از برنامه",
        "تیکت به‌موقع",
        "تیکت با تأخیر",
        "تیکت معوق",
        "تیکت در مهلت",
        "میانگین پاسخ تیکت (ثانیه)",
        "پیام به‌موقع",
        "پیام با تأخیر",
        "پیام معوق",
        "پیام در مهلت",
        "میانگین پاسخ پیام (ثانیه)",
    ];
    let counts = |a: &Answering| {
        vec![
            a.on_time.to_string(),
            a.late.to_string(),
            a.overdue.to_string(),
            a.waiting.to_string(),
            a.mean_response_secs
                .map(|s| s.to_string())
                .unwrap_or_default(),
        ]
    };
    let mut rows = Vec::new();
    for s in &r.sections {
        let mut row = vec![
            "بخش".to_string(),
            s.title.clone(),
            s.custodians.join("، "),
            s.last_update.map(format_date_time).unwrap_or_default(),
            s.update_days.map(|d| d.to_string()).unwrap_or_default(),
            if s.stale { "بله" } else { "خیر" }.to_string(),
        ];
        row.extend(counts(&s.tickets));
        row.extend(counts(&s.messages));
        rows.push(row);
    }
    for p in &r.people {
        let mut row = vec![
            "کارمند".to_string(),
            p.full_name.clone(),
            p.sections.join("، "),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(counts(&p.tickets));
        row.extend(counts(&p.messages));
        rows.push(row);
    }
    crate::server::services::spreadsheet::csv(&header, &rows)
}

/// Queues today's reminder for every staff member with a stale section or an overdue item
/// who has an e-mail address and was not reminded yet today (Tehran's date). Returns how
/// many were queued. Safe to run from several instances: the day's row is claimed first.
pub async fn send_reminders(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<usize> {
    let f = facts(db, None).await?;
    let t = now.timestamp();
    let Some(today) = JalaliDateTime::from_unix(t).map(|d| d.date.to_latin_string()) else {
        return Ok(0);
    };
    let people = f.people();
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(people.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut sent = 0;
    for id in people {
        let Some(u) = users.get(&id) else { continue };
        let Some(to) = u.email.clone().filter(|e| !e.trim().is_empty()) else {
            continue;
        };
        if u.status != crate::model::AccountStatus::Approved.as_str() {
            continue;
        }
        let stale = f.stale_of(id, t);
        let overdue = f.overdue_of(id, t);
        if stale.is_empty() && overdue.is_empty() {
            continue;
        }
        let txn = crate::server::db::write_txn(db).await?;
        let claimed =
            accountability_reminder::Entity::insert(accountability_reminder::ActiveModel {
                user_id: Set(id),
                day: Set(today.clone()),
                sent_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([
                    accountability_reminder::Column::UserId,
                    accountability_reminder::Column::Day,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        if claimed == 0 {
            continue;
        }
        let mut body = format!("{} گرامی،\n\n", u.full_name);
        if !stale.is_empty() {
            body.push_str("این بخش‌ها از برنامه‌ی به‌روزرسانی عقب مانده‌اند:\n");
            for s in &stale {
                body.push_str(&format!(
                    "- {} (انتظار: هر {} روز؛ آخرین به‌روزرسانی: {})\n",
                    s.title,
                    s.update_days.unwrap_or_default(),
                    s.last_update.map_or("هرگز".to_string(), format_date)
                ));
            }
            body.push('\n');
        }
        if !overdue.is_empty() {
            body.push_str("این موارد از مهلت پاسخ گذشته‌اند:\n");
            for o in &overdue {
                body.push_str(&format!(
                    "- {} «{}» در بخش {} (مهلت: {})\n  {}{}\n",
                    o.kind_label,
                    o.subject,
                    o.section_title,
                    format_date_time(o.due_at),
                    outbox::public_url(),
                    o.href
                ));
            }
            body.push('\n');
        }
        body.push_str(&format!(
            "پیشخوان شما: {}/dashboard\n\nپرتال {}",
            outbox::public_url(),
            crate::PORTAL_NAME
        ));
        outbox::enqueue(&txn, &to, "یادآوری پاسخ‌گویی و به‌روزرسانی بخش‌ها", &body).await?;
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Checks for reminders every `every` (the first check a minute after start); each person
/// gets at most one a day.
pub async fn run_reminders(db: DatabaseConnection, every: std::time::Duration) {
    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    loop {
        if let Err(e) = send_reminders(&db, Utc::now()).await {
            tracing::warn!("accountability reminders: {e}");
        }
        tokio::time::sleep(every).await;
    }
}
