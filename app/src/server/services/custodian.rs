//! Section custodians (متولیان): the appointment process, recorded step by step —
//! nominated (by whom, for which section) → the qualification checklist, item by item →
//! appointed → possibly revoked. Only an appointed custodian holds the section's
//! permissions; revocation ends the person's sessions at once.

use crate::error::{AppError, AppResult};
use crate::model::{
    AccountStatus, AppointmentDetail, AppointmentStatus, AppointmentStep, AppointmentSummary,
    ChecklistItem, ChecklistState, CustodianOverview, SectionCustodians, SectionRef,
};
use crate::server::entities::{
    appointment_check, appointment_step, custodian_appointment as appointment, qualification_item,
    section, user,
};
use crate::server::services::account;
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::Acting;
use crate::server::services::session;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

fn invalid(field: &str, message: &str) -> AppError {
    AppError::validation(field, message)
}

async fn summaries<C: ConnectionTrait>(
    db: &C,
    rows: Vec<appointment::Model>,
) -> AppResult<Vec<AppointmentSummary>> {
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let sections = crate::server::services::permission::section_titles(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let u = users.get(&r.user_id);
            AppointmentSummary {
                id: r.id,
                user_id: r.user_id,
                username: u.map(|u| u.username.clone()).unwrap_or_default(),
                full_name: u.map(|u| u.full_name.clone()).unwrap_or_default(),
                section: SectionRef {
                    title: sections.get(&r.section_key).cloned().unwrap_or_default(),
                    key: r.section_key,
                },
                status: AppointmentStatus::parse(&r.status).unwrap_or(AppointmentStatus::Nominated),
                nominated_at: r.nominated_at.timestamp(),
                appointed_at: r.appointed_at.map(|t| t.timestamp()),
                ended_at: r.ended_at.map(|t| t.timestamp()),
            }
        })
        .collect())
}

/// A person's appointments, newest first.
pub async fn appointments_of_user<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> AppResult<Vec<AppointmentSummary>> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::UserId.eq(user_id))
        .order_by_desc(appointment::Column::Id)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// A section's current custodians (appointed), longest-serving first.
pub async fn custodians_of_section<C: ConnectionTrait>(
    db: &C,
    section_key: &str,
) -> AppResult<Vec<AppointmentSummary>> {
    let rows = appointment::Entity::find()
        .filter(appointment::Column::SectionKey.eq(section_key))
        .filter(appointment::Column::Status.eq(AppointmentStatus::Appointed.as_str()))
        .order_by_asc(appointment::Column::AppointedAt)
        .all(db)
        .await?;
    summaries(db, rows).await
}

async fn checklist_items<C: ConnectionTrait>(db: &C) -> AppResult<Vec<qualification_item::Model>> {
    Ok(qualification_item::Entity::find()
        .order_by_asc(qualification_item::Column::SortOrder)
        .order_by_asc(qualification_item::Column::Id)
        .all(db)
        .await?)
}

/// The administrator's screen: each section with its nominations and appointments (ended
/// ones too, for the record), the checklist, and who may be nominated.
pub async fn overview(db: &DatabaseConnection, acting: &Acting) -> AppResult<CustodianOverview> {
    acting.admin()?;
    let all = summaries(
        db,
        appointment::Entity::find()
            .order_by_desc(appointment::Column::Id)
            .all(db)
            .await?,
    )
    .await?;
    let sections = section::Entity::find()
        .order_by_asc(section::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SectionCustodians {
            review_required: s.review_required,
            appointments: all
                .iter()
                .filter(|a| a.section.key == s.key)
                .cloned()
                .collect(),
            section: SectionRef {
                key: s.key,
                title: s.title,
            },
        })
        .collect();
    let checklist = checklist_items(db)
        .await?
        .into_iter()
        .map(|i| ChecklistItem {
            id: i.id,
            title: i.title,
            active: i.active,
        })
        .collect();
    let candidates = user::Entity::find()
        .filter(user::Column::Status.eq(AccountStatus::Approved.as_str()))
        .order_by_asc(user::Column::FullName)
        .all(db)
        .await?
        .iter()
        .map(account::summary)
        .collect();
    Ok(CustodianOverview {
        sections,
        checklist,
        candidates,
    })
}

async fn step<C: ConnectionTrait>(
    db: &C,
    appointment_id: i32,
    actor_id: i32,
    kind: &str,
    item_id: Option<i32>,
    note: Option<String>,
) -> AppResult<()> {
    appointment_step::ActiveModel {
        appointment_id: Set(appointment_id),
        step: Set(kind.to_string()),
        item_id: Set(item_id),
        note: Set(note),
        actor_id: Set(actor_id),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn note_of(note: &str) -> Option<String> {
    let n = crate::persian::text::collapse_spaces(note);
    (!n.is_empty()).then(|| n.chars().take(500).collect())
}

/// Whether a section's custodians publish directly or through the administrator's review.
pub async fn set_review_required(
    db: &DatabaseConnection,
    acting: &Acting,
    section_key: &str,
    required: bool,
) -> AppResult<()> {
    acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let s = section::Entity::find_by_id(section_key.to_string())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = s.title.clone();
    let mut am: section::ActiveModel = s.into();
    am.review_required = Set(required);
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "section.review",
            format!(
                "{title}: {}",
                if required {
                    "انتشار پس از بررسی راهبر"
                } else {
                    "انتشار مستقیم به دست متولی"
                }
            ),
        )
        .section(section_key),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Nominates an approved person as custodian of a section.
pub async fn nominate(
    db: &DatabaseConnection,
    acting: &Acting,
    user_id: i32,
    section_key: &str,
    note: &str,
) -> AppResult<i32> {
    let admin = acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let person = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| invalid("شخص", "این شخص پیدا نشد."))?;
    if person.status != AccountStatus::Approved.as_str() {
        return Err(invalid(
            "شخص",
            "تنها حساب‌های تأییدشده را می‌توان نامزد متولی‌گری کرد.",
        ));
    }
    let sec = section::Entity::find_by_id(section_key.to_string())
        .one(&txn)
        .await?
        .ok_or_else(|| invalid("بخش", "این بخش وجود ندارد."))?;
    let open = appointment::Entity::find()
        .filter(appointment::Column::UserId.eq(user_id))
        .filter(appointment::Column::SectionKey.eq(section_key))
        .filter(appointment::Column::Status.is_in([
            AppointmentStatus::Nominated.as_str(),
            AppointmentStatus::Appointed.as_str(),
        ]))
        .one(&txn)
        .await?;
    if open.is_some() {
        return Err(invalid(
            "شخص",
            "این شخص هم‌اکنون نامزد یا متولی همین بخش است.",
        ));
    }
    let now = chrono::Utc::now();
    let row = appointment::ActiveModel {
        user_id: Set(user_id),
        section_key: Set(sec.key.clone()),
        status: Set(AppointmentStatus::Nominated.as_str().to_string()),
        nominated_by: Set(admin.user_id),
        nominated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    step(
        &txn,
        row.id,
        admin.user_id,
        "nominated",
        None,
        note_of(note),
    )
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "custodian.nominated",
            format!("نامزدی {} برای متولی‌گری «{}»", person.full_name, sec.title),
        )
        .section(&sec.key)
        .target("appointment", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn load<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<appointment::Model> {
    appointment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// One appointment with its checklist and every recorded step.
pub async fn detail(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<AppointmentDetail> {
    acting.admin()?;
    let row = load(db, id).await?;
    let checks: HashMap<i32, appointment_check::Model> = appointment_check::Entity::find()
        .filter(appointment_check::Column::AppointmentId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.item_id, c))
        .collect();
    let steps = appointment_step::Entity::find()
        .filter(appointment_step::Column::AppointmentId.eq(id))
        .order_by_asc(appointment_step::Column::Id)
        .all(db)
        .await?;
    let items = checklist_items(db).await?;
    let mut people: Vec<i32> = steps.iter().map(|s| s.actor_id).collect();
    people.extend(checks.values().map(|c| c.done_by));
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let titles: HashMap<i32, String> = items.iter().map(|i| (i.id, i.title.clone())).collect();
    let checklist = items
        .iter()
        .filter(|i| i.active || checks.contains_key(&i.id))
        .map(|i| {
            let c = checks.get(&i.id);
            ChecklistState {
                item_id: i.id,
                title: i.title.clone(),
                done_at: c.map(|c| c.done_at.timestamp()),
                done_by: c.and_then(|c| names.get(&c.done_by).cloned()),
            }
        })
        .collect();
    let steps = steps
        .into_iter()
        .map(|s| {
            let item = s
                .item_id
                .and_then(|i| titles.get(&i).cloned())
                .unwrap_or_default();
            AppointmentStep {
                label: match s.step.as_str() {
                    "nominated" => "نامزد شد".to_string(),
                    "checked" => format!("تأیید بند: {item}"),
                    "unchecked" => format!("برداشتن تأیید بند: {item}"),
                    "appointed" => "منصوب شد".to_string(),
                    "revoked" => "عزل شد".to_string(),
                    "withdrawn" => "نامزدی لغو شد".to_string(),
                    other => other.to_string(),
                },
                note: s.note,
                actor: names.get(&s.actor_id).cloned().unwrap_or_default(),
                at: s.at.timestamp(),
            }
        })
        .collect();
    Ok(AppointmentDetail {
        summary: summaries(db, vec![row]).await?.remove(0),
        checklist,
        steps,
    })
}

/// Marks a checklist item done (or not) for a nomination.
pub async fn set_check(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    item_id: i32,
    done: bool,
) -> AppResult<()> {
    let admin = acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let row = load(&txn, id).await?;
    if row.status != AppointmentStatus::Nominated.as_str() {
        return Err(invalid(
            "احراز صلاحیت",
            "بندها را تنها پیش از انتصاب می‌توان تغییر داد.",
        ));
    }
    let item = qualification_item::Entity::find_by_id(item_id)
        .one(&txn)
        .await?
        .filter(|i| i.active)
        .ok_or_else(|| invalid("احراز صلاحیت", "این بند در فهرست احراز صلاحیت نیست."))?;
    let existing = appointment_check::Entity::find_by_id((id, item_id))
        .one(&txn)
        .await?;
    match (done, existing) {
        (true, None) => {
            appointment_check::ActiveModel {
                appointment_id: Set(id),
                item_id: Set(item_id),
                done_by: Set(admin.user_id),
                done_at: Set(chrono::Utc::now()),
            }
            .insert(&txn)
            .await?;
        }
        (false, Some(c)) => {
            appointment_check::Entity::delete_by_id((c.appointment_id, c.item_id))
                .exec(&txn)
                .await?;
        }
        _ => return Ok(()),
    }
    let kind = if done { "checked" } else { "unchecked" };
    step(&txn, id, admin.user_id, kind, Some(item_id), None).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            if done {
                "custodian.checked"
            } else {
                "custodian.unchecked"
            },
            item.title,
        )
        .section(&row.section_key)
        .target("appointment", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Appoints a nominee whose every active checklist item is done.
pub async fn appoint(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    note: &str,
) -> AppResult<()> {
    let admin = acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let row = load(&txn, id).await?;
    if row.status != AppointmentStatus::Nominated.as_str() {
        return Err(invalid("انتصاب", "تنها نامزدها را می‌توان منصوب کرد."));
    }
    let done: Vec<i32> = appointment_check::Entity::find()
        .filter(appointment_check::Column::AppointmentId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.item_id)
        .collect();
    let missing: Vec<String> = checklist_items(&txn)
        .await?
        .into_iter()
        .filter(|i| i.active && !done.contains(&i.id))
        .map(|i| i.title)
        .collect();
    if !missing.is_empty() {
        return Err(AppError::validation(
            "احراز صلاحیت",
            format!(
                "پیش از انتصاب این بندها باید تأیید شوند: {}",
                missing.join("، ")
            ),
        ));
    }
    let section_key = row.section_key.clone();
    let user_id = row.user_id;
    let mut active: appointment::ActiveModel = row.into();
    active.status = Set(AppointmentStatus::Appointed.as_str().to_string());
    active.appointed_at = Set(Some(chrono::Utc::now()));
    active.update(&txn).await?;
    step(&txn, id, admin.user_id, "appointed", None, note_of(note)).await?;
    let name = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .map(|u| u.full_name)
        .unwrap_or_default();
    audit::record(
        &txn,
        acting,
        Event::new("custodian.appointed", format!("انتصاب {name} به متولی‌گری"))
            .section(&section_key)
            .target("appointment", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends an appointment (revoked) or a nomination (withdrawn). A revoked custodian loses the
/// section at once: their open sessions end too.
pub async fn revoke(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    reason: &str,
) -> AppResult<()> {
    let admin = acting.admin()?;
    let reason = note_of(reason)
        .filter(|r| r.chars().count() >= 5)
        .ok_or_else(|| {
            invalid(
                "دلیل",
                "دلیل عزل یا لغو نامزدی را دست‌کم در ۵ نویسه بنویسید.",
            )
        })?;
    let txn = crate::server::db::write_txn(db).await?;
    let row = load(&txn, id).await?;
    let (status, kind, action) = match AppointmentStatus::parse(&row.status) {
        Some(AppointmentStatus::Appointed) => {
            (AppointmentStatus::Revoked, "revoked", "custodian.revoked")
        }
        Some(AppointmentStatus::Nominated) => (
            AppointmentStatus::Withdrawn,
            "withdrawn",
            "custodian.withdrawn",
        ),
        _ => return Err(invalid("عزل", "این انتصاب پیش‌تر پایان یافته است.")),
    };
    let section_key = row.section_key.clone();
    let user_id = row.user_id;
    let mut active: appointment::ActiveModel = row.into();
    active.status = Set(status.as_str().to_string());
    active.ended_at = Set(Some(chrono::Utc::now()));
    active.update(&txn).await?;
    step(&txn, id, admin.user_id, kind, None, Some(reason.clone())).await?;
    if status == AppointmentStatus::Revoked {
        session::end_all_for_user(&txn, user_id).await?;
    }
    audit::record(
        &txn,
        acting,
        Event::new(action, reason)
            .section(&section_key)
            .target("appointment", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn item_title(title: &str) -> AppResult<String> {
    let t = crate::persian::text::collapse_spaces(title);
    if t.chars().count() < 3 || t.chars().count() > 200 {
        return Err(invalid(
            "عنوان بند",
            "عنوان بند را در ۳ تا ۲۰۰ نویسه بنویسید.",
        ));
    }
    Ok(t)
}

/// Adds an item to the qualification checklist.
pub async fn add_checklist_item(
    db: &DatabaseConnection,
    acting: &Acting,
    title: &str,
) -> AppResult<i32> {
    acting.admin()?;
    let title = item_title(title)?;
    let txn = crate::server::db::write_txn(db).await?;
    let next = checklist_items(&txn)
        .await?
        .iter()
        .map(|i| i.sort_order)
        .max()
        .unwrap_or(0)
        + 1;
    let row = qualification_item::ActiveModel {
        title: Set(title.clone()),
        sort_order: Set(next),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("checklist.added", title).target("checklist_item", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Turns a checklist item on or off for future appointments (past records keep it).
pub async fn set_checklist_item_active(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    active: bool,
) -> AppResult<()> {
    acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let item = qualification_item::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = item.title.clone();
    let mut am: qualification_item::ActiveModel = item.into();
    am.active = Set(active);
    am.update(&txn).await?;
    let summary = if active {
        format!("فعال شد: {title}")
    } else {
        format!("غیرفعال شد: {title}")
    };
    audit::record(
        &txn,
        acting,
        Event::new("checklist.changed", summary).target("checklist_item", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
