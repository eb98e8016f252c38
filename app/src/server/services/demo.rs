//! Demo content: realistic Persian sample data, every row marked `is_sample` and shown with a
//! visible «نمونه» mark. Loaded by `server seed-demo` or on first start with `PORTAL_DEMO=1`.
//! Idempotent: a table that already holds sample rows is left alone. Each later section
//! adds its own sample content here as its tables land.

use crate::error::AppResult;
use crate::server::entities::{counter_office, office_contact, related_site};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// How many sample rows each table received (zero where it already had them).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub county_offices: usize,
    pub counter_offices: usize,
    pub related_sites: usize,
}

const COUNTY_OFFICES: &[(&str, &str, &str)] = &[
    ("قم", "قم، بلوار امین، نبش کوچه‌ی ۲۴ (نمونه)", "025-32900000"),
    (
        "کهک",
        "کهک، خیابان امام خمینی، جنب بخشداری (نمونه)",
        "025-36420000",
    ),
    ("جعفریه", "جعفریه، بلوار شهید بهشتی (نمونه)", "025-36320000"),
    (
        "سلفچگان",
        "سلفچگان، خیابان اصلی، روبه‌روی شهرداری (نمونه)",
        "025-36330000",
    ),
    ("خلجستان", "دستجرد، خیابان ولی‌عصر (نمونه)", "025-36360000"),
];

const COUNTER_OFFICES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "قم",
        "۲۵۱۰۰۱",
        "زهرا محمدی",
        "قم، خیابان صفاییه، کوچه‌ی ۱۸",
        "025-37700001",
    ),
    (
        "قم",
        "۲۵۱۰۰۲",
        "علی رضایی",
        "قم، بلوار جمهوری اسلامی، نبش کوچه‌ی ۳",
        "025-36600002",
    ),
    (
        "قم",
        "۲۵۱۰۰۳",
        "مریم حسینی",
        "قم، خیابان سمیه، جنب بانک ملی",
        "025-37800003",
    ),
    (
        "قم",
        "۲۵۱۰۰۴",
        "حسن کریمی",
        "قم، پردیسان، بلوار دانشگاه",
        "025-32800004",
    ),
    (
        "کهک",
        "۲۵۲۰۰۱",
        "فاطمه نوری",
        "کهک، میدان امام",
        "025-36420005",
    ),
    (
        "جعفریه",
        "۲۵۳۰۰۱",
        "محمد احمدی",
        "جعفریه، خیابان اصلی",
        "025-36320006",
    ),
    (
        "سلفچگان",
        "۲۵۴۰۰۱",
        "رضا موسوی",
        "سلفچگان، بلوار انقلاب",
        "025-36330007",
    ),
    (
        "خلجستان",
        "۲۵۵۰۰۱",
        "سارا جعفری",
        "دستجرد، خیابان ولی‌عصر",
        "025-36360008",
    ),
];

const RELATED_SITES: &[(&str, &str)] = &[
    ("وزارت نیرو", "https://moe.gov.ir"),
    ("شرکت مدیریت منابع آب ایران", "https://wrm.ir"),
    ("پنجره ملی خدمات دولت هوشمند", "https://my.gov.ir"),
];

pub async fn seed(db: &DatabaseConnection) -> AppResult<Seeded> {
    let txn = crate::server::db::write_txn(db).await?;
    let now = chrono::Utc::now();
    let mut seeded = Seeded::default();

    let has_county_samples = office_contact::Entity::find()
        .filter(office_contact::Column::IsSample.eq(true))
        .count(&txn)
        .await?
        > 0;
    if !has_county_samples {
        let rows = COUNTY_OFFICES
            .iter()
            .enumerate()
            .map(
                |(i, (county, address, phone))| office_contact::ActiveModel {
                    kind: Set("county".into()),
                    name: Set(format!("امور منابع آب شهرستان {county}")),
                    county: Set(Some((*county).into())),
                    address: Set((*address).into()),
                    phone: Set(Some((*phone).into())),
                    sort_order: Set(i as i32 + 1),
                    is_sample: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                },
            );
        office_contact::Entity::insert_many(rows).exec(&txn).await?;
        seeded.county_offices = COUNTY_OFFICES.len();
    }

    if counter_office::Entity::find()
        .filter(counter_office::Column::IsSample.eq(true))
        .count(&txn)
        .await?
        == 0
    {
        let rows = COUNTER_OFFICES
            .iter()
            .map(
                |(county, code, manager, address, phone)| counter_office::ActiveModel {
                    county: Set((*county).into()),
                    code: Set(crate::persian::normalize_digits(code)),
                    manager: Set((*manager).into()),
                    address: Set((*address).into()),
                    phone: Set((*phone).into()),
                    is_sample: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                },
            );
        counter_office::Entity::insert_many(rows).exec(&txn).await?;
        seeded.counter_offices = COUNTER_OFFICES.len();
    }

    if related_site::Entity::find()
        .filter(related_site::Column::IsSample.eq(true))
        .count(&txn)
        .await?
        == 0
    {
        let rows =
            RELATED_SITES
                .iter()
                .enumerate()
                .map(|(i, (title, url))| related_site::ActiveModel {
                    title: Set((*title).into()),
                    url: Set((*url).into()),
                    sort_order: Set(i as i32),
                    is_sample: Set(true),
                    created_at: Set(now),
                    ..Default::default()
                });
        related_site::Entity::insert_many(rows).exec(&txn).await?;
        seeded.related_sites = RELATED_SITES.len();
    }

    txn.commit().await?;
    Ok(seeded)
}
