//! The audit log: who did what, when, from which address, on which item. Services append to
//! it inside the same transaction as the change they record; nothing updates or deletes it
//! (the database refuses both).

use crate::error::AppResult;
use crate::model::{AuditEntry, AuditPage};
use crate::server::entities::audit_entry;
use crate::server::services::permission::Acting;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Every action code the log knows, with its Persian label.
pub const ACTIONS: &[(&str, &str)] = &[
    ("auth.login", "ورود به حساب"),
    ("auth.login_failed", "ورود ناموفق"),
    ("auth.logout", "خروج از حساب"),
    ("account.registered", "ثبت‌نام"),
    ("account.approved", "تأیید حساب"),
    ("account.rejected", "رد درخواست عضویت"),
    ("account.suspended", "تعلیق حساب"),
    ("account.password_changed", "تغییر کلمه عبور"),
    ("account.sessions_ended", "پایان دادن به ورودهای دیگر"),
    ("account.password_reset", "بازنشانی کلمه عبور به دست راهبر"),
    ("account.admin_granted", "اعطای نقش راهبر"),
    ("account.admin_revoked", "سلب نقش راهبر"),
    ("account.expert_changed", "تغییر دسته‌های کارشناس"),
    ("custodian.nominated", "نامزدی متولی"),
    ("custodian.checked", "تأیید بند احراز صلاحیت"),
    ("custodian.unchecked", "برداشتن تأیید بند احراز صلاحیت"),
    ("custodian.appointed", "انتصاب متولی"),
    ("custodian.revoked", "عزل متولی"),
    ("custodian.withdrawn", "لغو نامزدی متولی"),
    ("checklist.added", "افزودن بند احراز صلاحیت"),
    ("checklist.changed", "تغییر بند احراز صلاحیت"),
    ("ticket.filed", "ثبت تیکت"),
    ("ticket.follow_up", "پیگیری شهروند"),
    ("ticket.closed", "بستن تیکت به دست شهروند"),
    ("ticket.replied", "پاسخ به تیکت"),
    ("ticket.note", "یادداشت داخلی تیکت"),
    ("ticket.assigned", "ارجاع تیکت"),
    ("ticket.status", "تغییر وضعیت تیکت"),
    ("saved_reply.added", "افزودن پاسخ آماده"),
    ("saved_reply.deleted", "حذف پاسخ آماده"),
    ("category.saved", "ثبت دسته‌ی تیکت و مهلت پاسخ"),
    ("section.review", "تغییر شیوه‌ی انتشار بخش"),
    ("section.targets", "تغییر انتظار به‌روزرسانی و مهلت پاسخ بخش"),
    ("office.saved", "ویرایش اطلاعات تماس"),
    ("office.deleted", "حذف اطلاعات تماس"),
    ("counter_office.saved", "ویرایش دفتر پیشخوان"),
    ("counter_office.deleted", "حذف دفتر پیشخوان"),
    ("content.created", "نوشتن مورد تازه"),
    ("content.edited", "ویرایش محتوا"),
    ("content.edited_live", "ویرایش محتوای منتشرشده"),
    ("content.submitted", "فرستادن محتوا برای بررسی"),
    ("content.published", "انتشار محتوا"),
    ("content.rejected", "بازگرداندن محتوا برای اصلاح"),
    ("content.archived", "بایگانی محتوا"),
    ("content.reopened", "بازگشت محتوا به پیش‌نویس"),
    ("content.restored", "بازگردانی نسخه‌ی محتوا"),
    ("topic.saved", "ثبت موضوع یا دسته‌ی محتوا"),
    ("topic.deleted", "حذف موضوع یا دسته‌ی محتوا"),
    ("water.register", "ثبت ایستگاه، سد یا آبخوان"),
    ("water.observation", "ثبت آمار منابع آب"),
    ("water.import", "درون‌ریزی آمار منابع آب"),
    ("water.import_undone", "برگرداندن درون‌ریزی آمار منابع آب"),
    ("water.bulletin", "انتشار آمارنامه‌ی هفتگی"),
    ("holiday.added", "افزودن روز تعطیل"),
    ("holiday.deleted", "حذف روز تعطیل"),
    ("message.sent", "پیشنهاد یا انتقاد تازه"),
    ("message.read", "خواندن پیام"),
    ("message.replied", "پاسخ به پیام"),
    ("message.handled", "رسیدگی به پیام"),
    ("message.forwarded", "ارسال پیام به بخش دیگر"),
    ("form.created", "ساختن فرم"),
    ("form.settings", "تنظیمات فرم"),
    ("form.edited", "ویرایش خانه‌های فرم"),
    ("form.published", "انتشار نسخه‌ی فرم"),
    ("form.category_added", "افزودن دسته‌ی فرم‌ها"),
    ("form.submitted", "درخواست تازه با فرم"),
    ("form.citizen_replied", "پاسخ فرستنده به پرسش کارشناس"),
    ("form.answered", "پاسخ به درخواست فرم"),
    ("form.info_requested", "درخواست اطلاعات بیشتر از فرستنده"),
    ("form.note", "یادداشت داخلی درخواست فرم"),
    ("form.assigned", "ارجاع درخواست فرم"),
    ("form.closed", "بستن درخواست فرم"),
    ("form.qa_published", "انتشار پرسش و پاسخ"),
    ("form.qa_withdrawn", "برداشتن پرسش و پاسخ"),
    ("form.exported", "برون‌بری درخواست‌های فرم"),
];

pub fn action_label(code: &str) -> String {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The Persian name of a kind of item the log refers to.
pub fn target_label(kind: &str) -> &str {
    match kind {
        "user" => "کاربر",
        "appointment" => "انتصاب",
        "checklist_item" => "بند احراز صلاحیت",
        "ticket" => "تیکت",
        "saved_reply" => "پاسخ آماده",
        "message" => "پیام",
        "category" => "دسته",
        "holiday" => "روز تعطیل",
        "content" => "محتوا",
        "topic" => "موضوع",
        "rain_gauge" => "ایستگاه باران‌سنجی",
        "dam" => "سد",
        "aquifer" => "آبخوان",
        "water_import" => "درون‌ریزی",
        "water_bulletin" => "آمارنامه‌ی هفتگی",
        "office" => "دفتر",
        "counter_office" => "دفتر پیشخوان",
        "form" => "فرم",
        "form_submission" => "درخواست فرم",
        other => other,
    }
}

/// What happened, to be written by [`record`].
pub struct Event<'a> {
    pub action: &'a str,
    pub section: Option<&'a str>,
    pub target_kind: Option<&'a str>,
    pub target_id: Option<String>,
    pub summary: String,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str, summary: impl Into<String>) -> Self {
        Event {
            action,
            section: None,
            target_kind: None,
            target_id: None,
            summary: summary.into(),
        }
    }

    pub fn section(mut self, key: &'a str) -> Self {
        self.section = Some(key);
        self
    }

    pub fn target(mut self, kind: &'a str, id: impl ToString) -> Self {
        self.target_kind = Some(kind);
        self.target_id = Some(id.to_string());
        self
    }
}

/// Appends one line; `actor_name` overrides the actor's user name (for the anonymous).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    acting: &Acting,
    event: Event<'_>,
) -> AppResult<()> {
    let (actor_id, actor_name) = match &acting.actor {
        Some(a) => (Some(a.user_id), a.username.clone()),
        None => (None, "ناشناس".to_string()),
    };
    record_as(db, actor_id, actor_name, acting.ip.clone(), event).await
}

pub async fn record_as<C: ConnectionTrait>(
    db: &C,
    actor_id: Option<i32>,
    actor_name: String,
    ip: Option<String>,
    event: Event<'_>,
) -> AppResult<()> {
    entry_as(actor_id, actor_name, ip, event).insert(db).await?;
    Ok(())
}

/// The log entry [`record_as`] writes, not yet written.
pub fn entry_as(
    actor_id: Option<i32>,
    actor_name: String,
    ip: Option<String>,
    event: Event<'_>,
) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor_id),
        actor_name: Set(actor_name),
        action: Set(event.action.to_string()),
        section_key: Set(event.section.map(str::to_string)),
        target_kind: Set(event.target_kind.map(str::to_string)),
        target_id: Set(event.target_id),
        summary: Set(event.summary),
        ip: Set(ip),
        ..Default::default()
    }
}

/// Filters of the audit screen; empty means "any".
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub section: Option<String>,
    pub target: Option<String>,
}

pub const PAGE_SIZE: u64 = 50;

/// A page of the log, newest first. The caller has checked who may read it.
pub async fn list<C: ConnectionTrait>(db: &C, filter: &Filter, page: u64) -> AppResult<AuditPage> {
    let mut q = audit_entry::Entity::find();
    if let Some(a) = filter.action.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::Action.eq(a));
    }
    if let Some(a) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(audit_entry::Column::ActorName.contains(a.to_lowercase()));
    }
    if let Some(s) = filter.section.as_deref().filter(|s| !s.is_empty()) {
        q = q.filter(audit_entry::Column::SectionKey.eq(s));
    }
    if let Some(t) = filter
        .target
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        q = q.filter(audit_entry::Column::TargetId.eq(t));
    }
    let paginator = q
        .order_by_desc(audit_entry::Column::Id)
        .paginate(db, PAGE_SIZE);
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;
    Ok(AuditPage {
        entries: to_entries(db, rows).await?,
        total,
        page,
        pages,
        actions: ACTIONS
            .iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect(),
        sections: crate::server::services::permission::section_list(db).await?,
    })
}

/// The latest lines about one section.
pub async fn recent_in_section<C: ConnectionTrait>(
    db: &C,
    section_key: &str,
    limit: u64,
) -> AppResult<Vec<AuditEntry>> {
    use sea_orm::QuerySelect;
    let rows = audit_entry::Entity::find()
        .filter(audit_entry::Column::SectionKey.eq(section_key))
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    to_entries(db, rows).await
}

async fn to_entries<C: ConnectionTrait>(
    db: &C,
    rows: Vec<audit_entry::Model>,
) -> AppResult<Vec<AuditEntry>> {
    let titles = crate::server::services::permission::section_titles(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at.timestamp(),
            actor: r.actor_name,
            action_label: action_label(&r.action),
            action: r.action,
            section: r.section_key.map(|k| titles.get(&k).cloned().unwrap_or(k)),
            target: match (r.target_kind, r.target_id) {
                (Some(k), Some(i)) => Some(format!("{} {i}", target_label(&k))),
                _ => None,
            },
            summary: r.summary,
            ip: r.ip,
        })
        .collect())
}
