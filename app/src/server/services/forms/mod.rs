//! Advanced forms, built without code by the administrator or the custodian of the `forms`
//! section: settings that apply at once (routing to a category and its experts, who may
//! submit, open dates) and a working copy of the definition (title, description, fields in
//! order) that is published as a new, immutable version. A submission points at the version
//! it was filled in, so editing a form never changes what past submissions meant.
//!
//! `submit` is the citizen's side (filling, the tracking code, answering a question from
//! the expert, the public Q&A); `answer` the experts' inbox; `export` the administrator's
//! CSV and XLSX.

pub mod answer;
pub mod export;
pub mod samples;
pub mod submit;

use crate::error::{AppError, AppResult};
use crate::model::{
    FieldDef, FieldKind, FormEditor, FormList, FormRow, SubmissionStatus, TicketCategory,
    VersionRow,
};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{category, form, form_submission, form_version, user};
use crate::server::services::attachment::{Kind, Policy};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action, Actor};
use crate::server::services::ticket::{staff_for, text};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The permission section of forms.
pub const SECTION: &str = "forms";
/// What the files of a file field belong to (the submission), and those of a thread post.
pub const ANSWER_FILES: &str = "form_answer";
pub const POST_FILES: &str = "form_post";

/// Files of a form: PDF, images and office documents, 5 MB each, 3 a field.
pub const FILES: Policy = Policy {
    kinds: &[
        Kind::Pdf,
        Kind::Png,
        Kind::Jpeg,
        Kind::Gif,
        Kind::Webp,
        Kind::Docx,
        Kind::Xlsx,
        Kind::Odt,
        Kind::Ods,
    ],
    max_bytes: 5 * 1024 * 1024,
    max_files: crate::model::MAX_FILES_PER_FIELD,
    kinds_label: "PDF، تصویر (PNG، JPEG، GIF، WebP) یا سند Word/Excel/OpenDocument",
};

/// Fields a form may have.
pub const MAX_FIELDS: usize = 40;
/// Options a choice field may have.
pub const MAX_OPTIONS: usize = 50;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

/// The working copy of a definition, as stored in `forms.draft_json`. `next` numbers new
/// fields, so a key is never reused for a different question, even after a deletion.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Draft {
    pub next: u32,
    pub fields: Vec<FieldDef>,
}

pub(crate) fn draft_of(f: &form::Model) -> Draft {
    serde_json::from_str(&f.draft_json).unwrap_or_default()
}

pub(crate) fn fields_of(v: &form_version::Model) -> Vec<FieldDef> {
    serde_json::from_str(&v.fields_json).unwrap_or_default()
}

fn json(value: &impl Serialize) -> AppResult<String> {
    serde_json::to_string(value).map_err(|e| {
        tracing::error!("cannot encode a form: {e}");
        AppError::Internal
    })
}

/// Today in Tehran.
pub(crate) fn today() -> JalaliDate {
    crate::server::services::water::year::today()
}

/// Why the form takes no submission today, if it does not.
pub(crate) fn closed_reason(f: &form::Model, today: JalaliDate) -> Option<String> {
    if !f.active {
        return Some("این فرم اکنون درخواست تازه نمی‌پذیرد.".into());
    }
    let day = |s: &Option<String>| s.as_deref().and_then(|d| JalaliDate::parse(d).ok());
    if let Some(from) = day(&f.opens_on).filter(|d| *d > today) {
        return Some(format!("این فرم از {} باز می‌شود.", from.format()));
    }
    if let Some(until) = day(&f.closes_on).filter(|d| *d < today) {
        return Some(format!("مهلت این فرم در {} به پایان رسید.", until.format()));
    }
    None
}

/// The builder: the administrator, or a custodian of the forms section.
async fn builder<'a>(db: &DatabaseConnection, acting: &'a Acting) -> AppResult<&'a Actor> {
    permission::authorize(db, acting, Action::EditContent, SECTION, None).await
}

/// The categories of the forms section that are open: where a form can be routed.
pub async fn categories<C: ConnectionTrait>(db: &C) -> AppResult<Vec<TicketCategory>> {
    crate::server::services::ticket::categories_of(db, SECTION).await
}

async fn form_category<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<category::Model> {
    category::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.active && c.section_key == SECTION)
        .ok_or_else(|| invalid("دسته‌ی ارجاع", "یکی از دسته‌های فرم‌ها را برگزینید."))
}

async fn count_submissions(
    db: &DatabaseConnection,
    form_id: i32,
) -> AppResult<HashMap<i32, (u64, u64)>> {
    let mut out: HashMap<i32, (u64, u64)> = HashMap::new();
    let mut q = form_submission::Entity::find()
        .select_only()
        .column(form_submission::Column::VersionId)
        .column(form_submission::Column::Status);
    if form_id > 0 {
        q = q.filter(form_submission::Column::FormId.eq(form_id));
    }
    let rows: Vec<(i32, String)> = q.into_tuple().all(db).await?;
    for (version_id, status) in rows {
        let e = out.entry(version_id).or_default();
        e.0 += 1;
        if SubmissionStatus::parse(&status).is_some_and(|st| st.is_open()) {
            e.1 += 1;
        }
    }
    Ok(out)
}

/// Whether the working copy differs from the published version.
fn unpublished(f: &form::Model, current: Option<&form_version::Model>) -> bool {
    match current {
        None => true,
        Some(v) => {
            v.title != f.title
                || v.description != f.description
                || fields_of(v) != draft_of(f).fields
        }
    }
}

/// The builder's list of forms.
pub async fn list(db: &DatabaseConnection, acting: &Acting) -> AppResult<FormList> {
    let actor = builder(db, acting).await?;
    let forms = form::Entity::find()
        .order_by_desc(form::Column::Id)
        .all(db)
        .await?;
    let all_versions = form_version::Entity::find().all(db).await?;
    let versions: HashMap<i32, &form_version::Model> =
        all_versions.iter().map(|v| (v.id, v)).collect();
    let counts = count_submissions(db, 0).await?;
    let cats: HashMap<i32, String> = category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let rows = forms
        .iter()
        .map(|f| {
            let current = f.current_version_id.and_then(|v| versions.get(&v).copied());
            let (mut total, mut open) = (0, 0);
            for v in all_versions.iter().filter(|v| v.form_id == f.id) {
                let (t, o) = counts.get(&v.id).copied().unwrap_or_default();
                total += t;
                open += o;
            }
            FormRow {
                id: f.id,
                title: f.title.clone(),
                active: f.active,
                version: current.map(|v| v.number).unwrap_or(0),
                unpublished_changes: unpublished(f, current),
                category: cats.get(&f.category_id).cloned().unwrap_or_default(),
                submissions: total,
                open_submissions: open,
            }
        })
        .collect();
    Ok(FormList {
        forms: rows,
        categories: categories(db).await?,
        can_export: actor.is_admin,
    })
}

/// Starts a form with a title and the category its submissions go to.
pub async fn create(
    db: &DatabaseConnection,
    acting: &Acting,
    title: &str,
    category_id: i32,
) -> AppResult<i32> {
    let actor = builder(db, acting).await?;
    let title = text(
        "عنوان فرم",
        &crate::persian::text::collapse_spaces(title),
        3,
        200,
    )?;
    let cat = form_category(db, category_id).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let now = Utc::now();
    let row = form::ActiveModel {
        title: Set(title.clone()),
        description: Set(String::new()),
        draft_json: Set(json(&Draft {
            next: 1,
            fields: Vec::new(),
        })?),
        category_id: Set(cat.id),
        assignee_id: Set(None),
        signed_in_only: Set(false),
        opens_on: Set(None),
        closes_on: Set(None),
        active: Set(true),
        current_version_id: Set(None),
        is_sample: Set(false),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("form.created", title)
            .section(SECTION)
            .target("form", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

async fn load(db: &impl ConnectionTrait, id: i32) -> AppResult<form::Model> {
    form::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A form as its builder edits it.
pub async fn editor(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<FormEditor> {
    let actor = builder(db, acting).await?;
    let f = load(db, id).await?;
    let versions = form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(id))
        .order_by_desc(form_version::Column::Number)
        .all(db)
        .await?;
    let counts = count_submissions(db, id).await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(versions.iter().filter_map(|v| v.created_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let current = versions.iter().find(|v| Some(v.id) == f.current_version_id);
    Ok(FormEditor {
        id: f.id,
        version: current.map(|v| v.number).unwrap_or(0),
        unpublished_changes: unpublished(&f, current),
        versions: versions
            .iter()
            .map(|v| VersionRow {
                number: v.number,
                title: v.title.clone(),
                fields: fields_of(v).len(),
                published_at: v.created_at.timestamp(),
                published_by: v
                    .created_by
                    .and_then(|u| names.get(&u).cloned())
                    .unwrap_or_default(),
                submissions: counts.get(&v.id).map(|c| c.0).unwrap_or(0),
            })
            .collect(),
        fields: draft_of(&f).fields,
        categories: categories(db).await?,
        experts: staff_for(db, SECTION, Some(f.category_id)).await?,
        can_export: actor.is_admin,
        title: f.title,
        description: f.description,
        category_id: f.category_id,
        assignee_id: f.assignee_id,
        signed_in_only: f.signed_in_only,
        opens_on: f.opens_on.unwrap_or_default(),
        closes_on: f.closes_on.unwrap_or_default(),
        active: f.active,
    })
}

/// The settings of a form as typed.
#[derive(Clone, Debug, Default)]
pub struct SettingsInput {
    pub title: String,
    pub description: String,
    pub category_id: i32,
    pub assignee_id: Option<i32>,
    pub signed_in_only: bool,
    pub opens_on: String,
    pub closes_on: String,
    pub active: bool,
}

fn optional_day(field: &str, s: &str) -> AppResult<Option<JalaliDate>> {
    match s.trim() {
        "" => Ok(None),
        d => JalaliDate::parse(&crate::persian::normalize_digits(d))
            .map(Some)
            .map_err(|e| invalid(field, e.message())),
    }
}

/// Saves a form's settings. Routing, audience and dates apply at once; the title and
/// description go to the working copy, published with the next version.
pub async fn save_settings(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    input: &SettingsInput,
) -> AppResult<()> {
    builder(db, acting).await?;
    let title = text(
        "عنوان فرم",
        &crate::persian::text::collapse_spaces(&input.title),
        3,
        200,
    )?;
    let description = text("توضیح فرم", &input.description, 0, 5000)?;
    let cat = form_category(db, input.category_id).await?;
    if let Some(a) = input.assignee_id {
        if !staff_for(db, SECTION, Some(cat.id))
            .await?
            .iter()
            .any(|s| s.id == a)
        {
            return Err(invalid(
                "کارشناس گیرنده",
                "این شخص پاسخ‌گوی دسته‌ی برگزیده نیست؛ نخست او را کارشناس این دسته کنید.",
            ));
        }
    }
    let opens = optional_day("آغاز پذیرش", &input.opens_on)?;
    let closes = optional_day("پایان پذیرش", &input.closes_on)?;
    if let (Some(a), Some(b)) = (opens, closes) {
        if b < a {
            return Err(invalid("پایان پذیرش", "پایان پذیرش پیش از آغاز آن است."));
        }
    }
    let txn = crate::server::db::write_txn(db).await?;
    let f = load(&txn, id).await?;
    let mut am: form::ActiveModel = f.into();
    am.title = Set(title.clone());
    am.description = Set(description);
    am.category_id = Set(cat.id);
    am.assignee_id = Set(input.assignee_id);
    am.signed_in_only = Set(input.signed_in_only);
    am.opens_on = Set(opens.map(|d| d.to_latin_string()));
    am.closes_on = Set(closes.map(|d| d.to_latin_string()));
    am.active = Set(input.active);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("form.settings", format!("تنظیمات فرم «{title}»"))
            .section(SECTION)
            .target("form", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A field as the builder typed it; an empty `key` adds a field.
#[derive(Clone, Debug, Default)]
pub struct FieldInput {
    pub key: String,
    pub kind: String,
    pub label: String,
    pub help: String,
    pub required: bool,
    pub min: String,
    pub max: String,
    /// One option a line.
    pub options: String,
}

/// Checks a field's definition: its label, help, options and limits in the measure of its
/// kind. Limits are kept in Latin digits.
pub fn checked_field(input: &FieldInput, key: String) -> AppResult<FieldDef> {
    let kind = FieldKind::parse(&input.kind)
        .ok_or_else(|| invalid("نوع خانه", "یکی از نوع‌های فهرست را برگزینید."))?;
    let label = text(
        "برچسب",
        &crate::persian::text::collapse_spaces(&input.label),
        2,
        200,
    )?;
    let help = text("راهنما", &input.help, 0, 500)?;
    let mut options: Vec<String> = Vec::new();
    if kind.has_options() {
        for o in input.options.lines() {
            let o = crate::persian::text::collapse_spaces(o);
            if o.is_empty() {
                continue;
            }
            if o.chars().count() > 200 {
                return Err(invalid("گزینه‌ها", "هر گزینه دست‌بالا ۲۰۰ نویسه باشد."));
            }
            if options.contains(&o) {
                return Err(invalid("گزینه‌ها", format!("گزینه‌ی «{o}» دو بار آمده است.")));
            }
            options.push(o);
        }
        if options.len() < 2 || options.len() > MAX_OPTIONS {
            return Err(invalid(
                "گزینه‌ها",
                "دست‌کم دو و دست‌بالا پنجاه گزینه بنویسید، هر کدام در یک سطر.",
            ));
        }
    }
    let limit = |name: &str, s: &str| -> AppResult<String> {
        let s = crate::persian::normalize_digits(s.trim());
        if s.is_empty() || kind.limits_label().is_none() {
            return Ok(String::new());
        }
        let ok = match kind {
            FieldKind::Number => crate::persian::digits::parse_decimal(&s).map(|x| format!("{x}")),
            FieldKind::Date => JalaliDate::parse(&s).ok().map(|d| d.to_latin_string()),
            _ => s.parse::<usize>().ok().map(|n| n.to_string()),
        };
        ok.ok_or_else(|| {
            invalid(
                name,
                format!(
                    "{name} را به شکل {} بنویسید.",
                    kind.limits_label().unwrap_or_default()
                ),
            )
        })
    };
    let min = limit("کمینه", &input.min)?;
    let max = limit("بیشینه", &input.max)?;
    let as_num = |s: &str| crate::persian::digits::parse_decimal(s);
    let wrong_order = match kind {
        FieldKind::Date => match (JalaliDate::parse(&min), JalaliDate::parse(&max)) {
            (Ok(a), Ok(b)) => b < a,
            _ => false,
        },
        _ => matches!((as_num(&min), as_num(&max)), (Some(a), Some(b)) if b < a),
    };
    if wrong_order {
        return Err(invalid("بیشینه", "بیشینه از کمینه کمتر است."));
    }
    let too_big = match kind {
        FieldKind::ShortText => as_num(&max).is_some_and(|m| m > 1000.0),
        FieldKind::LongText => as_num(&max).is_some_and(|m| m > 10_000.0),
        FieldKind::File => {
            as_num(&max).is_some_and(|m| m > crate::model::MAX_FILES_PER_FIELD as f64 || m < 1.0)
        }
        FieldKind::MultiChoice => as_num(&max).is_some_and(|m| m > options.len() as f64),
        _ => false,
    };
    if too_big {
        return Err(invalid(
            "بیشینه",
            "بیشینه از اندازه‌ی پذیرفتنی این نوع بیشتر است.",
        ));
    }
    Ok(FieldDef {
        key,
        kind,
        label,
        help,
        required: input.required,
        min,
        max,
        options,
    })
}

/// Changes the working copy of a form's definition with `change`, and records `what`.
async fn edit_draft(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    what: &str,
    change: impl FnOnce(&mut Draft) -> AppResult<()>,
) -> AppResult<()> {
    builder(db, acting).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let f = load(&txn, id).await?;
    let mut draft = draft_of(&f);
    change(&mut draft)?;
    let title = f.title.clone();
    let mut am: form::ActiveModel = f.into();
    am.draft_json = Set(json(&draft)?);
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("form.edited", format!("{what} در فرم «{title}»"))
            .section(SECTION)
            .target("form", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn position(draft: &Draft, key: &str) -> AppResult<usize> {
    draft
        .fields
        .iter()
        .position(|f| f.key == key)
        .ok_or(AppError::NotFound)
}

/// Adds a field at the end, or changes one in place. Returns its key.
pub async fn save_field(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    input: &FieldInput,
) -> AppResult<String> {
    builder(db, acting).await?;
    let mut key = input.key.trim().to_string();
    if !key.is_empty() {
        // A published question keeps its kind: its past answers are read by it.
        let published = form_version::Entity::find()
            .filter(form_version::Column::FormId.eq(id))
            .all(db)
            .await?
            .iter()
            .flat_map(fields_of)
            .any(|d| d.key == key && d.kind.as_str() != input.kind);
        if published {
            return Err(invalid(
                "نوع خانه",
                "نوع خانه‌ای را که منتشر شده است نمی‌توان عوض کرد؛ خانه‌ی تازه‌ای بیفزایید و این را حذف کنید.",
            ));
        }
    }
    let what = if key.is_empty() {
        "خانه‌ی تازه"
    } else {
        "ویرایش خانه"
    };
    let mut saved = String::new();
    edit_draft(db, acting, id, what, |draft| {
        if key.is_empty() {
            if draft.fields.len() >= MAX_FIELDS {
                return Err(invalid("خانه‌ها", "یک فرم دست‌بالا چهل خانه دارد."));
            }
            draft.next = draft.next.max(1);
            key = format!("f{}", draft.next);
            draft.next += 1;
            draft.fields.push(checked_field(input, key.clone())?);
        } else {
            let i = position(draft, &key)?;
            draft.fields[i] = checked_field(input, key.clone())?;
        }
        saved = key.clone();
        Ok(())
    })
    .await?;
    Ok(saved)
}

/// Moves a field one place up (towards the start) or down.
pub async fn move_field(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    key: &str,
    up: bool,
) -> AppResult<()> {
    edit_draft(db, acting, id, "جابه‌جایی خانه", |draft| {
        let i = position(draft, key)?;
        let j = if up {
            i.checked_sub(1)
        } else {
            Some(i + 1).filter(|j| *j < draft.fields.len())
        };
        if let Some(j) = j {
            draft.fields.swap(i, j);
        }
        Ok(())
    })
    .await
}

/// Removes a field from the working copy (past versions and their answers keep it).
pub async fn delete_field(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    key: &str,
) -> AppResult<()> {
    edit_draft(db, acting, id, "حذف خانه", |draft| {
        let i = position(draft, key)?;
        draft.fields.remove(i);
        Ok(())
    })
    .await
}

/// Publishes the working copy as the form's next version; new submissions use it, past
/// ones keep theirs. Returns the version's number.
pub async fn publish(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<i32> {
    let actor = builder(db, acting).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let f = load(&txn, id).await?;
    let draft = draft_of(&f);
    if draft.fields.is_empty() {
        return Err(invalid(
            "خانه‌ها",
            "فرم بی‌خانه را نمی‌توان منتشر کرد؛ نخست خانه‌ای بیفزایید.",
        ));
    }
    let current = match f.current_version_id {
        Some(v) => form_version::Entity::find_by_id(v).one(&txn).await?,
        None => None,
    };
    let files: usize = draft
        .fields
        .iter()
        .filter(|d| d.kind == FieldKind::File)
        .map(FieldDef::max_files)
        .sum();
    if files > crate::model::MAX_FILES_PER_FIELD {
        return Err(invalid(
            "خانه‌ها",
            "یک فرم روی هم دست‌بالا ۳ پرونده می‌پذیرد؛ بیشینه‌ی خانه‌های پرونده را کم کنید.",
        ));
    }
    if !unpublished(&f, current.as_ref()) {
        return Err(invalid("انتشار", "از نسخه‌ی منتشرشده تغییری نکرده است."));
    }
    let number = form_version::Entity::find()
        .filter(form_version::Column::FormId.eq(id))
        .count(&txn)
        .await? as i32
        + 1;
    let v = form_version::ActiveModel {
        form_id: Set(id),
        number: Set(number),
        title: Set(f.title.clone()),
        description: Set(f.description.clone()),
        fields_json: Set(json(&draft.fields)?),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let title = f.title.clone();
    let mut am: form::ActiveModel = f.into();
    am.current_version_id = Set(Some(v.id));
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "form.published",
            format!(
                "انتشار نسخه‌ی {} فرم «{title}»",
                crate::persian::to_persian_digits(&number.to_string())
            ),
        )
        .section(SECTION)
        .target("form", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(number)
}

/// Adds a category to the forms section (its experts are then appointed on the user's page).
pub async fn add_category(db: &DatabaseConnection, acting: &Acting, title: &str) -> AppResult<i32> {
    builder(db, acting).await?;
    let title = text(
        "عنوان دسته",
        &crate::persian::text::collapse_spaces(title),
        2,
        100,
    )?;
    let txn = crate::server::db::write_txn(db).await?;
    let existing = category::Entity::find()
        .filter(category::Column::SectionKey.eq(SECTION))
        .all(&txn)
        .await?;
    if existing.iter().any(|c| c.title == title) {
        return Err(invalid("عنوان دسته", "دسته‌ای با این عنوان هست."));
    }
    let row = category::ActiveModel {
        title: Set(title.clone()),
        section_key: Set(SECTION.to_string()),
        active: Set(true),
        sort_order: Set(existing.iter().map(|c| c.sort_order).max().unwrap_or(0) + 1),
        response_days: Set(5),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("form.category_added", title)
            .section(SECTION)
            .target("category", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}
