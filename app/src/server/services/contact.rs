//! The contact directory (the company and the county water-resources offices) and the
//! footer that every page shows.

use crate::error::AppResult;
use crate::model::{OfficeContact, OfficeKind, SiteFooter};
use crate::server::entities::office_contact;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

fn to_dto(m: office_contact::Model) -> OfficeContact {
    OfficeContact {
        id: m.id,
        kind: OfficeKind::parse(&m.kind).unwrap_or(OfficeKind::County),
        name: m.name,
        county: m.county,
        address: m.address,
        postal_code: m.postal_code,
        phone: m.phone,
        fax: m.fax,
        email: m.email,
        sms: m.sms,
        voice_line: m.voice_line,
        working_hours: m.working_hours,
        latitude: m.latitude,
        longitude: m.longitude,
        is_sample: m.is_sample,
        updated_at: m.updated_at.timestamp(),
    }
}

/// Every office: the company first, then the county offices in their set order.
pub async fn list_offices(db: &DatabaseConnection) -> AppResult<Vec<OfficeContact>> {
    let rows = office_contact::Entity::find()
        .order_by_asc(office_contact::Column::SortOrder)
        .order_by_asc(office_contact::Column::Id)
        .all(db)
        .await?;
    let mut offices: Vec<OfficeContact> = rows.into_iter().map(to_dto).collect();
    offices.sort_by_key(|o| o.kind != OfficeKind::Company);
    Ok(offices)
}

pub async fn site_footer(db: &DatabaseConnection) -> AppResult<SiteFooter> {
    let company = office_contact::Entity::find()
        .filter(office_contact::Column::Kind.eq(OfficeKind::Company.as_str()))
        .order_by_asc(office_contact::Column::Id)
        .one(db)
        .await?
        .map(to_dto);
    let related_sites = super::content::related_links(db, chrono::Utc::now()).await?;
    Ok(SiteFooter {
        company,
        related_sites,
        visitors: Default::default(),
    })
}
