//! The administrator's export of a form's submissions: one row a submission, one column a
//! field of any version (keys are never reused, so a column means one question; its label
//! is the latest version's), values in their canonical form (Latin digits, Jalali dates)
//! so a spreadsheet can compute with them. Every export is audited: it carries personal data.

use super::submit::{status_of, stored_of};
use super::{fields_of, SECTION};
use crate::error::{AppError, AppResult};
use crate::model::{FieldDef, FieldKind};
use crate::server::entities::{category, form, form_submission, form_version, user};
use crate::server::services::attachment;
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::Acting;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// A form's submissions as a table.
pub struct Export {
    /// A file name without extension (Latin, safe in a header).
    pub file_stem: String,
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn cell(d: &FieldDef, values: &[String], files: &HashMap<String, String>) -> String {
    match d.kind {
        FieldKind::YesNo | FieldKind::MultiChoice => d.display(values),
        FieldKind::File => values
            .iter()
            .filter_map(|k| files.get(k).cloned())
            .collect::<Vec<_>>()
            .join("، "),
        _ => values.join("، "),
    }
}

/// The table of form `id`'s submissions, oldest first; the administrator's only.
pub async fn submissions(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<Export> {
    acting.admin()?;
    let f = form::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let versions = form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(id))
        .order_by_asc(form_version::Column::Number)
        .all(db)
        .await?;
    // Columns: every key in order of first appearance, labelled by its latest version.
    let mut columns: Vec<FieldDef> = Vec::new();
    for v in &versions {
        for d in fields_of(v) {
            match columns.iter_mut().find(|c| c.key == d.key) {
                Some(c) => *c = d,
                None => columns.push(d),
            }
        }
    }
    let numbers: HashMap<i32, i32> = versions.iter().map(|v| (v.id, v.number)).collect();
    let subs = form_submission::Entity::find()
        .filter(form_submission::Column::FormId.eq(id))
        .order_by_asc(form_submission::Column::Id)
        .all(db)
        .await?;
    let files: HashMap<String, String> = attachment::for_owners(
        db,
        super::ANSWER_FILES,
        &subs.iter().map(|s| s.id).collect::<Vec<_>>(),
    )
    .await?
    .into_values()
    .flatten()
    .map(|a| (a.key, a.name))
    .collect();
    let cats: HashMap<i32, String> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(subs.iter().filter_map(|s| s.assignee_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let mut header: Vec<String> = [
        "کد رهگیری",
        "زمان ثبت",
        "نسخه‌ی فرم",
        "وضعیت",
        "دسته",
        "ارجاع به",
        "کاربر ثبت‌نام‌کرده",
        "اجازه‌ی انتشار",
    ]
    .map(String::from)
    .to_vec();
    header.extend(columns.iter().map(|c| c.label.clone()));
    let rows = subs
        .iter()
        .map(|s| {
            let stored = stored_of(s);
            let mut row = vec![
                s.tracking_code.clone(),
                crate::persian::normalize_digits(&crate::persian::jalali::format_date_time(
                    s.created_at.timestamp(),
                )),
                numbers.get(&s.version_id).copied().unwrap_or(0).to_string(),
                status_of(s).label().to_string(),
                cats.get(&s.category_id).cloned().unwrap_or_default(),
                s.assignee_id
                    .and_then(|a| names.get(&a).cloned())
                    .unwrap_or_default(),
                if s.user_id.is_some() {
                    "بله"
                } else {
                    "خیر"
                }
                .to_string(),
                if s.consent_publish {
                    "بله"
                } else {
                    "خیر"
                }
                .to_string(),
            ];
            row.extend(columns.iter().map(|d| {
                stored
                    .iter()
                    .find(|a| a.key == d.key)
                    .map(|a| cell(d, &a.values, &files))
                    .unwrap_or_default()
            }));
            row
        })
        .collect::<Vec<_>>();
    audit::record(
        db,
        acting,
        Event::new(
            "form.exported",
            format!(
                "برون‌بری {} درخواست فرم «{}»",
                crate::persian::to_persian_digits(&rows.len().to_string()),
                f.title
            ),
        )
        .section(SECTION)
        .target("form", id),
    )
    .await?;
    Ok(Export {
        file_stem: format!("form-{id}-submissions"),
        sheet: f.title,
        header,
        rows,
    })
}
