//! Keeping the contact directory and the service counter offices current: the custodians of
//! the `contact` and `counter_offices` sections (and the administrator) add, edit and remove
//! offices; every change is audited.

use crate::error::{AppError, AppResult};
use crate::persian::identity;
use crate::server::entities::{counter_office, office_contact};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

pub const CONTACT: &str = "contact";
pub const COUNTER_OFFICES: &str = "counter_offices";

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

fn required(field: &str, value: &str, max: usize) -> AppResult<String> {
    let v = crate::persian::text::collapse_spaces(value);
    if v.chars().count() < 2 {
        return Err(invalid(field, format!("{field} را بنویسید.")));
    }
    if v.chars().count() > max {
        return Err(invalid(field, format!("{field} بیش از اندازه بلند است.")));
    }
    Ok(v)
}

fn optional(field: &str, value: &str, max: usize) -> AppResult<Option<String>> {
    let v = crate::persian::text::collapse_spaces(value);
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > max {
        return Err(invalid(field, format!("{field} بیش از اندازه بلند است.")));
    }
    Ok(Some(v))
}

/// Telephone-like fields: digits in any script, spaces, `-`, `+`, `(`, `)`, `،`; stored with
/// Latin digits.
fn phone(field: &str, value: &str) -> AppResult<Option<String>> {
    let v = crate::persian::normalize_digits(value.trim());
    if v.is_empty() {
        return Ok(None);
    }
    let ok = v
        .chars()
        .all(|c| c.is_ascii_digit() || " -+()،,/".contains(c))
        && v.chars().filter(|c| c.is_ascii_digit()).count() >= 3
        && v.chars().count() <= 60;
    if !ok {
        return Err(invalid(
            field,
            "شماره را تنها با رقم بنویسید (جداکننده‌ی - یا فاصله مجاز است).",
        ));
    }
    Ok(Some(v))
}

/// Latitude and longitude, both or neither, in decimal degrees (any digit script).
pub fn coordinates(lat: &str, lng: &str) -> AppResult<(Option<f64>, Option<f64>)> {
    let parse = |s: &str| {
        crate::persian::normalize_digits(s.trim())
            .replace('٫', ".")
            .parse::<f64>()
            .ok()
    };
    match (lat.trim().is_empty(), lng.trim().is_empty()) {
        (true, true) => Ok((None, None)),
        (false, false) => match (parse(lat), parse(lng)) {
            (Some(a), Some(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                Ok((Some(a), Some(b)))
            }
            _ => Err(invalid(
                "موقعیت",
                "عرض و طول جغرافیایی را به درجه‌ی اعشاری بنویسید، مانند ۳۴٫۶۴ و ۵۰٫۸۷.",
            )),
        },
        _ => Err(invalid("موقعیت", "عرض و طول جغرافیایی را با هم بنویسید.")),
    }
}

/// What the contact form sends.
#[derive(Clone, Debug, Default)]
pub struct OfficeInput {
    pub id: Option<i32>,
    pub name: String,
    pub county: String,
    pub address: String,
    pub postal_code: String,
    pub phone: String,
    pub fax: String,
    pub email: String,
    pub sms: String,
    pub voice_line: String,
    pub working_hours: String,
    pub latitude: String,
    pub longitude: String,
}

/// Adds a county office (no `id`) or updates any office; returns its id.
pub async fn save_contact(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &OfficeInput,
) -> AppResult<i32> {
    permission::authorize(db, acting, Action::EditContent, CONTACT, None).await?;
    let name = required("نام", &input.name, 150)?;
    let address = required("نشانی", &input.address, 500)?;
    let postal_code =
        match crate::persian::normalize_digits(input.postal_code.trim()).replace(['-', ' '], "") {
            p if p.is_empty() => None,
            p if p.len() == 10 && p.chars().all(|c| c.is_ascii_digit()) => Some(p),
            _ => return Err(invalid("کد پستی", "کد پستی ۱۰ رقم است.")),
        };
    let email = match input.email.trim() {
        "" => None,
        e => Some(identity::email(e).map_err(|m| invalid("رایانامه", m))?),
    };
    let (latitude, longitude) = coordinates(&input.latitude, &input.longitude)?;
    let county = optional("شهرستان", &input.county, 60)?;
    let phone_v = phone("تلفن", &input.phone)?;
    let fax = phone("دورنگار", &input.fax)?;
    let sms = phone("سامانه‌ی پیامک", &input.sms)?;
    let voice = phone("سامانه‌ی صوتی", &input.voice_line)?;
    let hours = optional("ساعت کار", &input.working_hours, 200)?;
    let txn = crate::server::db::write_txn(db).await?;
    let now = Utc::now();
    let mut am = match input.id {
        Some(id) => office_contact::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => office_contact::ActiveModel {
            kind: Set("county".into()),
            sort_order: Set(100),
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.name = Set(name.clone());
    am.county = Set(county);
    am.address = Set(address);
    am.postal_code = Set(postal_code);
    am.phone = Set(phone_v);
    am.fax = Set(fax);
    am.email = Set(email);
    am.sms = Set(sms);
    am.voice_line = Set(voice);
    am.working_hours = Set(hours);
    am.latitude = Set(latitude);
    am.longitude = Set(longitude);
    am.is_sample = Set(false);
    am.updated_at = Set(now);
    let id = match input.id {
        Some(_) => am.update(&txn).await?.id,
        None => am.insert(&txn).await?.id,
    };
    audit::record(
        &txn,
        acting,
        Event::new("office.saved", format!("اطلاعات تماس: {name}"))
            .section(CONTACT)
            .target("office", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Removes a county office (the company's own entry stays).
pub async fn delete_contact(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    permission::authorize(db, acting, Action::EditContent, CONTACT, None).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let m = office_contact::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.kind == "company" {
        return Err(invalid(
            "حذف",
            "نشانی ستاد شرکت را ویرایش کنید؛ حذف‌شدنی نیست.",
        ));
    }
    office_contact::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("office.deleted", format!("حذف اطلاعات تماس: {}", m.name))
            .section(CONTACT)
            .target("office", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the counter office form sends.
#[derive(Clone, Debug, Default)]
pub struct CounterInput {
    pub id: Option<i32>,
    pub name: String,
    pub county: String,
    pub code: String,
    pub manager: String,
    pub address: String,
    pub phone: String,
    pub working_hours: String,
    pub latitude: String,
    pub longitude: String,
}

pub async fn save_counter(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &CounterInput,
) -> AppResult<i32> {
    permission::authorize(db, acting, Action::EditContent, COUNTER_OFFICES, None).await?;
    let name = optional("نام دفتر", &input.name, 150)?;
    let county = required("شهرستان", &input.county, 60)?;
    let code = crate::persian::normalize_digits(input.code.trim());
    if code.is_empty() || code.chars().count() > 20 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid("کد دفتر", "کد دفتر را با رقم بنویسید."));
    }
    let manager = required("مدیر دفتر", &input.manager, 100)?;
    let address = required("نشانی", &input.address, 500)?;
    let phone_v =
        phone("تلفن", &input.phone)?.ok_or_else(|| invalid("تلفن", "تلفن دفتر را بنویسید."))?;
    let hours = optional("ساعت کار", &input.working_hours, 200)?;
    let (latitude, longitude) = coordinates(&input.latitude, &input.longitude)?;
    let txn = crate::server::db::write_txn(db).await?;
    let now = Utc::now();
    let mut am = match input.id {
        Some(id) => counter_office::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => counter_office::ActiveModel {
            created_at: Set(now),
            ..Default::default()
        },
    };
    am.name = Set(name);
    am.county = Set(county);
    am.code = Set(code.clone());
    am.manager = Set(manager);
    am.address = Set(address);
    am.phone = Set(phone_v);
    am.working_hours = Set(hours);
    am.latitude = Set(latitude);
    am.longitude = Set(longitude);
    am.is_sample = Set(false);
    am.updated_at = Set(now);
    let id = match input.id {
        Some(_) => am.update(&txn).await?.id,
        None => am.insert(&txn).await?.id,
    };
    audit::record(
        &txn,
        acting,
        Event::new("counter_office.saved", format!("دفتر پیشخوان کد {code}"))
            .section(COUNTER_OFFICES)
            .target("counter_office", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn delete_counter(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    permission::authorize(db, acting, Action::EditContent, COUNTER_OFFICES, None).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let m = counter_office::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    counter_office::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "counter_office.deleted",
            format!("حذف دفتر پیشخوان کد {}", m.code),
        )
        .section(COUNTER_OFFICES)
        .target("counter_office", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
