//! Demo content: realistic Persian sample data, every row marked `is_sample` and shown with a
//! visible «نمونه» mark. Loaded by `server seed-demo` or on first start with `PORTAL_DEMO=1`.
//! Idempotent: a table that already holds sample rows is left alone. Each later section
//! adds its own sample content here as its tables land.

use crate::error::AppResult;
use crate::model::ContentKind;
use crate::server::entities::{counter_office, office_contact};
use crate::server::services::content::{self, Sample};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

/// How many sample rows each table received (zero where it already had them).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub content_items: usize,
    pub county_offices: usize,
    pub counter_offices: usize,
    /// Rainfall, dam and aquifer observations.
    pub water_rows: usize,
    /// Whether the sample form was added.
    pub form: bool,
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

    seeded.water_rows = super::water::samples::seed(&txn).await?;
    seeded.form = super::forms::samples::seed(&txn).await?;

    let done = content::kinds_with_samples(&txn).await?;
    // Knowledge samples are by the administrator (the first one), when there is one.
    let admin = crate::server::entities::user::Entity::find()
        .filter(crate::server::entities::user::Column::IsAdmin.eq(true))
        .order_by_asc(crate::server::entities::user::Column::Id)
        .one(&txn)
        .await?
        .map(|u| u.id);
    for mut sample in content_samples() {
        if done.contains(sample.kind.as_str()) {
            continue;
        }
        if sample.kind == ContentKind::Knowledge {
            sample.author = admin;
        }
        content::insert_sample(&txn, &sample).await?;
        seeded.content_items += 1;
    }

    txn.commit().await?;
    Ok(seeded)
}

fn jalali(y: i32, m: u8, d: u8) -> Option<chrono::DateTime<chrono::Utc>> {
    let date = crate::persian::jalali::JalaliDate::new(y, m, d).ok()?;
    let unix = crate::persian::jalali::JalaliDateTime {
        date,
        hour: 0,
        minute: 0,
        second: 0,
    }
    .to_unix();
    chrono::DateTime::from_timestamp(unix, 0)
}

/// Demo content of every kind. Everything is marked «نمونه» on the pages; the texts say
/// they are samples, not the company's real notices.
fn content_samples() -> Vec<Sample<'static>> {
    let now = chrono::Utc::now();
    let days = |d: i64| Some(now + chrono::Duration::days(d));
    let sample = |kind, title, summary, body| Sample {
        kind,
        title,
        summary,
        body,
        fields: &[],
        subkind: None,
        ref_number: None,
        ref_date: None,
        topic: None,
        sort_order: 0,
        age_days: 1,
        author: None,
    };
    vec![
        Sample {
            subkind: Some("water_profile"),
            ref_date: jalali(1403, 10, 1),
            fields: &[("period", "سال آبی ۱۴۰۲–۱۴۰۳")],
            age_days: 60,
            ..sample(
                ContentKind::Report,
                "سیمای آب استان قم (نمونه)",
                "گزارش نمایشی سیمای آب: منابع، مصارف و بیلان آب استان.",
                "<p>این گزارش نمونه‌ی نمایشی است؛ نسخه‌ی رسمی سیمای آب را متولی آمار منابع آب با پیوست PDF منتشر می‌کند.</p><ul><li>منابع آب سطحی و زیرزمینی</li><li>مصارف کشاورزی، شرب و صنعت</li><li>بیلان آبخوان‌ها</li></ul>",
            )
        },
        Sample {
            subkind: Some("bulletin"),
            ref_date: jalali(1403, 9, 1),
            fields: &[("period", "هفته‌ی نخست آذر ۱۴۰۳")],
            age_days: 45,
            ..sample(
                ContentKind::Report,
                "آمارنامه‌ی هفتگی بارگذاری‌شده (نمونه)",
                "آمارنامه‌ای که پیش از پرتال به صورت پرونده منتشر می‌شد.",
                "<p>نمونه‌ی نمایشی یک آمارنامه‌ی بارگذاری‌شده؛ آمارنامه‌های تازه از داده‌ها ساخته می‌شوند.</p>",
            )
        },
        Sample {
            subkind: Some("law"),
            ref_number: Some("۱۳۶۱/۱۲/۱۶"),
            ref_date: jalali(1361, 12, 16),
            topic: Some("منابع آب"),
            fields: &[("authority", "مجلس شورای اسلامی")],
            age_days: 40,
            ..sample(
                ContentKind::Law,
                "قانون توزیع عادلانه آب",
                "متن نمونه برای نمایش: قانون مادر مالکیت عمومی آب و صدور پروانه‌ی بهره‌برداری.",
                "<h2>فصل اول — مالکیت عمومی آب</h2><p>این متن نمونه‌ی نمایشی است و جای متن رسمی قانون را نمی‌گیرد. متن رسمی را از مرجع تصویب بخوانید.</p><ul><li>آب‌های جاری و زیرزمینی ثروت ملی است.</li><li>بهره‌برداری با پروانه‌ی وزارت نیرو است.</li></ul>",
            )
        },
        Sample {
            subkind: Some("bylaw"),
            ref_number: Some("۴۳۲۴۹/ت۶۲۵"),
            ref_date: jalali(1379, 8, 11),
            topic: Some("رودخانه‌ها و حریم"),
            fields: &[("authority", "هیئت وزیران")],
            age_days: 30,
            ..sample(
                ContentKind::Law,
                "آیین‌نامه‌ی مربوط به بستر و حریم رودخانه‌ها، انهار، مسیل‌ها و مرداب‌ها",
                "نمونه‌ی نمایشی: تعیین بستر و حریم رودخانه‌ها و شیوه‌ی صدور مجوز در حریم.",
                "<p>این متن نمونه‌ی نمایشی است.</p><table><thead><tr><th scope=\"col\">ماده</th><th scope=\"col\">موضوع</th></tr></thead><tbody><tr><td>۱</td><td>تعریف‌ها</td></tr><tr><td>۲</td><td>تعیین حریم</td></tr></tbody></table>",
            )
        },
        Sample {
            subkind: Some("circular"),
            ref_number: Some("۱۰۰/۲۰/۵۵۵"),
            ref_date: jalali(1403, 4, 2),
            topic: Some("مالی و حسابداری"),
            fields: &[("authority", "وزارت نیرو")],
            age_days: 20,
            ..sample(
                ContentKind::Law,
                "بخشنامه‌ی نمونه درباره‌ی تعرفه‌ی حق‌النظاره",
                "بخشنامه‌ی نمایشی برای آزمودن فهرست و پالایش قوانین.",
                "<p>این بخشنامه نمونه‌ی نمایشی است و اعتبار اداری ندارد.</p>",
            )
        },
        Sample {
            ref_number: Some("۱۰۰۲۰۰۳۰۰۴۰۰۵۱"),
            subkind: Some("G2C"),
            fields: &[
                ("audience", "کشاورزان و بهره‌برداران آب زیرزمینی"),
                ("unit", "معاونت حفاظت و بهره‌برداری"),
                ("documents", "کارت ملی\nسند مالکیت یا اجاره‌نامه‌ی زمین\nنقشه‌ی محل چاه"),
                ("steps", "ثبت درخواست | متقاضی | درخواست را در پیشخوان یا سامانه ثبت کنید | /tickets/new\nبازدید کارشناس | کارشناس امور آب شهرستان | بازدید از محل و تهیه‌ی گزارش\nبررسی در کمیسیون | کمیسیون رسیدگی | تصمیم درباره‌ی صدور پروانه\nصدور پروانه | امور آب شهرستان | پروانه صادر و به متقاضی تحویل می‌شود"),
                ("legal_basis", "/laws/1\nآیین‌نامه‌ی اجرایی فصل دوم قانون توزیع عادلانه آب"),
                ("fee", "طبق تعرفه‌ی مصوب"),
                ("duration", "۳۰ روز کاری"),
                ("channel", "counter"),
                ("trackable", "1"),
            ],
            age_days: 15,
            ..sample(
                ContentKind::Service,
                "صدور پروانه‌ی حفر چاه کشاورزی",
                "شناسنامه‌ی نمونه: مراحل، مدارک و مدت صدور پروانه‌ی چاه.",
                "<p>این شناسنامه نمونه‌ی نمایشی است؛ مراحل واقعی را از امور آب شهرستان بپرسید.</p>",
            )
        },
        Sample {
            ref_number: Some("۱۰۰۲۰۰۳۰۰۴۰۰۵۲"),
            subkind: Some("G2B"),
            fields: &[
                ("audience", "شرکت‌ها و پیمانکاران"),
                ("unit", "دفتر حفاظت رودخانه‌ها"),
                ("documents", "درخواست کتبی\nمجوز معدن از سازمان صنعت، معدن و تجارت"),
                ("steps", "ثبت درخواست | متقاضی | از سامانه‌ی برخط\nبررسی فنی | دفتر حفاظت رودخانه‌ها | بررسی محدوده و حجم برداشت\nصدور مجوز | معاونت حفاظت و بهره‌برداری | مجوز با مدت معین صادر می‌شود"),
                ("channel", "online"),
                ("online_url", "https://my.gov.ir"),
                ("duration", "۲۰ روز کاری"),
                ("trackable", "1"),
            ],
            age_days: 14,
            ..sample(
                ContentKind::Service,
                "صدور مجوز برداشت مصالح رودخانه‌ای",
                "شناسنامه‌ی نمونه‌ی یک خدمت برخط.",
                "<p>این شناسنامه نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            topic: Some("اخبار شرکت"),
            age_days: 2,
            ..sample(
                ContentKind::News,
                "آغاز لایروبی رودخانه‌ی قمرود پیش از فصل بارش (خبر نمونه)",
                "خبر نمایشی برای دیدن صفحه‌ی خبر، بایگانی و خوراک RSS.",
                "<p>این خبر نمونه‌ی نمایشی است. عملیات لایروبی در بازه‌های پرخطر رودخانه انجام می‌شود.</p><p>شهروندان می‌توانند پرسش‌های خود را با <a href=\"/tickets/new\">ثبت تیکت</a> مطرح کنند.</p>",
            )
        },
        Sample {
            topic: Some("مدیریت مصرف"),
            age_days: 5,
            ..sample(
                ContentKind::News,
                "ده راه ساده برای صرفه‌جویی در مصرف آب خانگی (خبر نمونه)",
                "خبر نمایشی درباره‌ی مدیریت مصرف.",
                "<ol><li>شیرها را هنگام مسواک زدن ببندید.</li><li>نشتی‌ها را زود تعمیر کنید.</li></ol><p>این خبر نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            topic: Some("اطلاعیه‌ها"),
            age_days: 45,
            ..sample(
                ContentKind::News,
                "اطلاعیه‌ی نمونه درباره‌ی ساعت کار دفاتر امور آب",
                "اطلاعیه‌ی نمایشی از ماه گذشته، برای بایگانی.",
                "<p>این اطلاعیه نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            subkind: Some("tender"),
            ref_number: Some("۱۴۰۵/۰۱۲"),
            ref_date: days(20),
            age_days: 3,
            ..sample(
                ContentKind::Tender,
                "مناقصه‌ی نمونه: مرمت دیواره‌ی حفاظتی رودخانه",
                "آگهی نمایشی با مهلتی در آینده (باز).",
                "<p>این آگهی نمونه‌ی نمایشی است و مناقصه‌ای برگزار نمی‌شود.</p>",
            )
        },
        Sample {
            subkind: Some("auction"),
            ref_number: Some("۱۴۰۵/۰۰۳"),
            ref_date: days(-10),
            age_days: 30,
            ..sample(
                ContentKind::Tender,
                "مزایده‌ی نمونه: فروش خودروهای مازاد",
                "آگهی نمایشی با مهلت گذشته (بسته).",
                "<p>این آگهی نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            ref_date: days(12),
            fields: &[("place", "سالن همایش شرکت آب منطقه‌ای قم")],
            age_days: 2,
            ..sample(
                ContentKind::Event,
                "نشست نمونه: آشنایی کشاورزان با آبیاری نوین",
                "رویداد نمایشی پیش رو.",
                "<p>این رویداد نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            ref_date: days(-20),
            age_days: 25,
            ..sample(
                ContentKind::Event,
                "روز ملی نمونه: گرامیداشت هفته‌ی منابع طبیعی",
                "مناسبت نمایشی گذشته.",
                "<p>این مناسبت نمونه‌ی نمایشی است.</p>",
            )
        },
        Sample {
            topic: Some("پروانه چاه"),
            sort_order: 1,
            ..sample(
                ContentKind::Faq,
                "برای گرفتن پروانه‌ی چاه کشاورزی از کجا شروع کنم؟ (نمونه)",
                "",
                "<p>پاسخ نمونه: شناسنامه‌ی خدمت «صدور پروانه‌ی حفر چاه کشاورزی» را بخوانید و درخواست را در دفتر پیشخوان ثبت کنید.</p>",
            )
        },
        Sample {
            topic: Some("خدمات الکترونیکی"),
            sort_order: 2,
            ..sample(
                ContentKind::Faq,
                "کد رهگیری تیکت را گم کرده‌ام؛ چه کنم؟ (نمونه)",
                "",
                "<p>پاسخ نمونه: اگر رایانامه داده بودید، کد برایتان فرستاده شده است؛ وگرنه تیکت تازه‌ای ثبت کنید.</p>",
            )
        },
        Sample {
            topic: Some("رودخانه‌ها"),
            sort_order: 3,
            ..sample(
                ContentKind::Faq,
                "ساخت‌وساز در حریم رودخانه مجاز است؟ (نمونه)",
                "",
                "<p>پاسخ نمونه: هر کار در بستر و حریم رودخانه مجوز شرکت را می‌خواهد.</p>",
            )
        },
        Sample {
            fields: &[("url", "https://moe.gov.ir")],
            sort_order: 1,
            ..sample(ContentKind::Link, "وزارت نیرو", "پیوند نمونه.", "")
        },
        Sample {
            fields: &[("url", "https://www.wrm.ir")],
            sort_order: 2,
            ..sample(ContentKind::Link, "شرکت مدیریت منابع آب ایران", "پیوند نمونه.", "")
        },
        Sample {
            fields: &[("url", "https://my.gov.ir")],
            sort_order: 3,
            ..sample(ContentKind::Link, "پنجره‌ی ملی خدمات دولت هوشمند", "پیوند نمونه.", "")
        },
        Sample {
            subkind: Some("finished"),
            ref_number: Some("QRW-1401-03"),
            ref_date: jalali(1401, 7, 1),
            topic: Some("مدیریت منابع آب زیرزمینی"),
            fields: &[
                ("executor", "دانشگاه قم (نمونه)"),
                ("supervisor", "معاونت حفاظت و بهره‌برداری"),
                ("end_date", "1403/06/31"),
                ("budget", "4500000000"),
                ("keywords", "آبخوان، تغذیه‌ی مصنوعی، فرونشست، دشت قم"),
            ],
            age_days: 50,
            ..sample(
                ContentKind::Research,
                "امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم (نمونه)",
                "طرح پژوهشی نمایشی درباره‌ی تغذیه‌ی مصنوعی آبخوان برای کند کردن فرونشست.",
                "<p>این چکیده نمونه‌ی نمایشی است. طرح، پهنه‌های مناسب تغذیه‌ی مصنوعی آبخوان دشت قم را با داده‌های چاه‌های مشاهده‌ای و نقشه‌های زمین‌شناسی بررسی می‌کند و گزینه‌های اجرایی را با هزینه و اثر بر تراز آب زیرزمینی می‌سنجد.</p>",
            )
        },
        Sample {
            subkind: Some("in_progress"),
            ref_number: Some("QRW-1403-07"),
            ref_date: jalali(1403, 2, 15),
            topic: Some("سازگاری با کم‌آبی و تغییر اقلیم"),
            fields: &[
                ("executor", "پژوهشکده‌ی آب و محیط زیست (نمونه)"),
                ("keywords", "بارش، خشکسالی، پیش‌بینی، سد ۱۵ خرداد"),
            ],
            age_days: 20,
            ..sample(
                ContentKind::Research,
                "پیش‌بینی فصلی بارش و ورودی سد ۱۵ خرداد (نمونه)",
                "طرح پژوهشی نمایشی در حال اجرا.",
                "<p>چکیده‌ی نمونه: مدل پیش‌بینی فصلی بارش و جریان ورودی به سد برای برنامه‌ریزی رهاسازی در سال‌های کم‌آب.</p>",
            )
        },
        Sample {
            ref_number: Some("۱۴۰۵/پ/۲"),
            ref_date: days(30),
            fields: &[(
                "priorities",
                "کاهش برداشت اضافه از آبخوان دشت قم\nپایش هوشمند کنتورهای حجمی چاه‌ها\nبازچرخانی پساب در صنعت",
            )],
            age_days: 3,
            ..sample(
                ContentKind::ResearchCall,
                "فراخوان دریافت پیشنهاد طرح‌های پژوهشی ۱۴۰۵ (نمونه)",
                "فراخوان نمایشی: اولویت‌های پژوهشی سال و مهلت ارسال پیشنهاد.",
                "<p>این فراخوان نمونه‌ی نمایشی است. دانشگاه‌ها و شرکت‌های دانش‌بنیان پیشنهاد خود را در قالب فرم پیشنهاد طرح تا پایان مهلت بفرستند.</p>",
            )
        },
        Sample {
            subkind: Some("lesson"),
            topic: Some("پروانه و کنترل چاه‌ها"),
            fields: &[("visibility", "public")],
            age_days: 15,
            ..sample(
                ContentKind::Knowledge,
                "درس آموخته: نصب کنتور حجمی پیش از تمدید پروانه (نمونه)",
                "تجربه‌ی نمایشی از بازدیدهای میدانی.",
                "<p>نمونه‌ی نمایشی: نصب کنتور حجمی پیش از تمدید پروانه، اختلاف برداشت اعلامی و واقعی را در بازدیدهای بعدی آشکار کرد.</p>",
            )
        },
        Sample {
            subkind: Some("note"),
            topic: Some("پایش و اندازه‌گیری"),
            fields: &[("visibility", "registered")],
            age_days: 10,
            ..sample(
                ContentKind::Knowledge,
                "یادداشت فنی: واسنجی باران‌سنج‌های ثبات (نمونه)",
                "یادداشت نمایشی ویژه‌ی کاربران ثبت‌نام‌کرده.",
                "<p>نمونه‌ی نمایشی: روش واسنجی فصلی باران‌سنج‌های ثبات و خطاهای رایج در ثبت بارش برف.</p>",
            )
        },
        Sample {
            subkind: Some("experience"),
            topic: Some("بهره‌برداری و نگهداری"),
            fields: &[("visibility", "staff")],
            age_days: 5,
            ..sample(
                ContentKind::Knowledge,
                "تجربه‌ی کارشناسان: تخلیه‌ی رسوب آبگیر سد (نمونه)",
                "تجربه‌ی نمایشی فقط برای کارکنان.",
                "<p>نمونه‌ی نمایشی: ترتیب باز کردن دریچه‌ها و پایش کدورت پایین‌دست در تخلیه‌ی رسوب.</p>",
            )
        },
    ]
}
