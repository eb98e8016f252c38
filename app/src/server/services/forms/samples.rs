//! The sample form of the demo: a question to the well-licensing expert, marked «نمونه»,
//! routed to the forms section's first category, published as version 1.

use super::Draft;
use crate::error::AppResult;
use crate::model::{FieldDef, FieldKind};
use crate::server::entities::{category, form, form_version};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

fn field(key: &str, kind: FieldKind, label: &str, help: &str, required: bool) -> FieldDef {
    FieldDef {
        key: key.into(),
        kind,
        label: label.into(),
        help: help.into(),
        required,
        min: String::new(),
        max: String::new(),
        options: Vec::new(),
    }
}

/// Adds the sample form unless one is there; whether it added it.
pub async fn seed<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    if form::Entity::find()
        .filter(form::Column::IsSample.eq(true))
        .count(db)
        .await?
        > 0
    {
        return Ok(false);
    }
    let Some(cat) = category::Entity::find()
        .filter(category::Column::SectionKey.eq(super::SECTION))
        .order_by_asc(category::Column::SortOrder)
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let mut use_kind = field("f4", FieldKind::Choice, "کاربری چاه", "", true);
    use_kind.options = ["کشاورزی", "شرب و بهداشت", "صنعتی", "سایر"]
        .map(String::from)
        .to_vec();
    let mut question = field(
        "f5",
        FieldKind::LongText,
        "پرسش شما",
        "پرسش را روشن و کامل بنویسید؛ کارشناس پاسخ را در همین‌جا می‌نویسد.",
        true,
    );
    question.min = "10".into();
    let fields = vec![
        field("f1", FieldKind::ShortText, "نام و نام خانوادگی", "", true),
        field(
            "f2",
            FieldKind::NationalId,
            "کد ملی",
            "ده رقم، از روی کارت ملی.",
            true,
        ),
        field(
            "f3",
            FieldKind::Mobile,
            "شماره همراه",
            "برای تماس کارشناس در صورت نیاز.",
            true,
        ),
        use_kind,
        question,
        field(
            "f6",
            FieldKind::File,
            "پروانه یا مدارک چاه",
            "اختیاری؛ PDF یا تصویر.",
            false,
        ),
    ];
    let title = "پرسش از کارشناس پروانه‌ی چاه (نمونه)";
    let description = "فرم نمونه‌ی نسخه‌ی آزمایشی پرتال: پرسش خود را درباره‌ی پروانه‌ی چاه بفرستید تا کارشناس مربوط پاسخ دهد.";
    let json = serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into());
    let now = Utc::now();
    let f = form::ActiveModel {
        title: Set(title.into()),
        description: Set(description.into()),
        draft_json: Set(serde_json::to_string(&Draft {
            next: 7,
            fields: fields.clone(),
        })
        .unwrap_or_default()),
        category_id: Set(cat.id),
        assignee_id: Set(None),
        signed_in_only: Set(false),
        opens_on: Set(None),
        closes_on: Set(None),
        active: Set(true),
        current_version_id: Set(None),
        is_sample: Set(true),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let v = form_version::ActiveModel {
        form_id: Set(f.id),
        number: Set(1),
        title: Set(title.into()),
        description: Set(description.into()),
        fields_json: Set(json),
        created_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut am: form::ActiveModel = f.into();
    am.current_version_id = Set(Some(v.id));
    am.update(db).await?;
    Ok(true)
}
