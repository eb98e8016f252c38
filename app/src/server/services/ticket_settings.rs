//! The data behind ticket deadlines, kept by the administrator or the tickets section's
//! custodian: the categories (title, response target in working days, open or closed to new
//! tickets) and the public holidays (Jalali dates) that working time skips. Every change is
//! audited; new deadlines use it at once, deadlines already set stay as promised.

use crate::error::{AppError, AppResult};
use crate::model::{CategorySetting, Holiday, TicketSettings, TicketStatus};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{category, holiday, ticket};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use crate::server::services::ticket::SECTION;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// The longest response target a category may promise, in working days.
pub const MAX_RESPONSE_DAYS: i32 = 60;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

async fn allowed<C: ConnectionTrait>(db: &C, acting: &Acting) -> AppResult<()> {
    permission::authorize(db, acting, Action::EditContent, SECTION, None).await?;
    Ok(())
}

pub async fn settings(db: &DatabaseConnection, acting: &Acting) -> AppResult<TicketSettings> {
    allowed(db, acting).await?;
    let mut categories = Vec::new();
    for c in category::Entity::find()
        .filter(category::Column::SectionKey.eq(SECTION))
        .order_by_asc(category::Column::SortOrder)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?
    {
        let open_tickets = ticket::Entity::find()
            .filter(ticket::Column::CategoryId.eq(c.id))
            .filter(ticket::Column::Status.ne(TicketStatus::Closed.as_str()))
            .count(db)
            .await? as i64;
        categories.push(CategorySetting {
            id: c.id,
            title: c.title,
            response_days: c.response_days,
            active: c.active,
            open_tickets,
        });
    }
    let holidays = holiday::Entity::find()
        .order_by_asc(holiday::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|h| Holiday {
            day: h.day,
            title: h.title,
        })
        .collect();
    Ok(TicketSettings {
        categories,
        holidays,
    })
}

/// What the category form sends.
#[derive(Clone, Debug, Default)]
pub struct CategoryInput {
    /// `None` adds a new category.
    pub id: Option<i32>,
    pub title: String,
    pub response_days: String,
    pub active: bool,
}

/// Adds or updates a category; returns its id.
pub async fn save_category(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &CategoryInput,
) -> AppResult<i32> {
    allowed(db, acting).await?;
    let title = crate::persian::text::collapse_spaces(&input.title);
    if !(2..=100).contains(&title.chars().count()) {
        return Err(invalid("عنوان دسته", "عنوان باید ۲ تا ۱۰۰ نویسه باشد."));
    }
    let days: i32 = crate::persian::normalize_digits(&input.response_days)
        .trim()
        .parse()
        .map_err(|_| invalid("مهلت پاسخ", "مهلت پاسخ را به روز کاری، با عدد بنویسید."))?;
    if !(1..=MAX_RESPONSE_DAYS).contains(&days) {
        return Err(invalid(
            "مهلت پاسخ",
            "مهلت پاسخ باید از ۱ تا ۶۰ روز کاری باشد.",
        ));
    }
    let txn = crate::server::db::write_txn(db).await?;
    let clash = category::Entity::find()
        .filter(category::Column::SectionKey.eq(SECTION))
        .filter(category::Column::Title.eq(&title))
        .one(&txn)
        .await?
        .is_some_and(|c| Some(c.id) != input.id);
    if clash {
        return Err(invalid("عنوان دسته", "دسته‌ای با همین عنوان هست."));
    }
    let (id, summary) = match input.id {
        Some(id) => {
            let c = category::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|c| c.section_key == SECTION)
                .ok_or(AppError::NotFound)?;
            let summary = format!(
                "{}: مهلت {} → {} روز کاری{}",
                title,
                c.response_days,
                days,
                if c.active == input.active {
                    ""
                } else if input.active {
                    "، باز شد"
                } else {
                    "، بسته شد"
                }
            );
            let mut am: category::ActiveModel = c.into();
            am.title = Set(title.clone());
            am.response_days = Set(days);
            am.active = Set(input.active);
            am.update(&txn).await?;
            (id, summary)
        }
        None => {
            let last = category::Entity::find()
                .order_by_desc(category::Column::SortOrder)
                .one(&txn)
                .await?
                .map(|c| c.sort_order)
                .unwrap_or(0);
            let row = category::ActiveModel {
                title: Set(title.clone()),
                section_key: Set(SECTION.to_string()),
                active: Set(input.active),
                sort_order: Set(last + 1),
                response_days: Set(days),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (row.id, format!("دسته‌ی تازه: {title}، مهلت {days} روز کاری"))
        }
    };
    audit::record(
        &txn,
        acting,
        Event::new("category.saved", summary)
            .section(SECTION)
            .target("category", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Adds a holiday; the date may be typed in any digit script and separator.
pub async fn add_holiday(
    db: &DatabaseConnection,
    acting: &Acting,
    day: &str,
    title: &str,
) -> AppResult<()> {
    allowed(db, acting).await?;
    let date = JalaliDate::parse(day).map_err(|e| invalid("تاریخ", e.message()))?;
    let title = crate::persian::text::collapse_spaces(title);
    if !(2..=100).contains(&title.chars().count()) {
        return Err(invalid("مناسبت", "مناسبت را در ۲ تا ۱۰۰ نویسه بنویسید."));
    }
    let key = date.to_latin_string();
    let txn = crate::server::db::write_txn(db).await?;
    if holiday::Entity::find_by_id(key.clone())
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(invalid("تاریخ", "این روز پیش‌تر در فهرست تعطیلی‌ها هست."));
    }
    holiday::ActiveModel {
        day: Set(key.clone()),
        title: Set(title.clone()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("holiday.added", format!("{} — {title}", date.format()))
            .section(SECTION)
            .target("holiday", &key),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete_holiday(db: &DatabaseConnection, acting: &Acting, day: &str) -> AppResult<()> {
    allowed(db, acting).await?;
    let date = JalaliDate::parse(day).map_err(|e| invalid("تاریخ", e.message()))?;
    let key = date.to_latin_string();
    let txn = crate::server::db::write_txn(db).await?;
    let h = holiday::Entity::find_by_id(key.clone())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = h.title.clone();
    holiday::Entity::delete_by_id(key.clone())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        acting,
        Event::new("holiday.deleted", format!("{} — {title}", date.format()))
            .section(SECTION)
            .target("holiday", &key),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
