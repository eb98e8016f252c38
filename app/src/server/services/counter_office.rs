//! Service counter offices (دفاتر پیشخوان) of the province's counties.

use crate::error::AppResult;
use crate::model::CounterOffice;
use crate::server::entities::counter_office;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

/// Every office, grouped by county (alphabetical in Persian collation order of the stored
/// text) and then by code.
pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<CounterOffice>> {
    let rows = counter_office::Entity::find()
        .order_by_asc(counter_office::Column::County)
        .order_by_asc(counter_office::Column::Code)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| CounterOffice {
            id: m.id,
            county: m.county,
            code: m.code,
            manager: m.manager,
            address: m.address,
            phone: m.phone,
            name: m.name,
            working_hours: m.working_hours,
            latitude: m.latitude,
            longitude: m.longitude,
            is_sample: m.is_sample,
        })
        .collect())
}
