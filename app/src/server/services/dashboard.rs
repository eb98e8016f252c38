//! The staff dashboards: a home listing the sections a person keeps or answers for, and one
//! page per section, reachable only by those the permission rule lets in.

use crate::error::AppResult;
use crate::model::{AccountStatus, CategoryRef, DashboardHome, SectionDashboard, SectionRef};
use crate::server::entities::{category, section, user};
use crate::server::services::permission::{self, Acting, Action};
use crate::server::services::{audit, custodian};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

/// The public page of a permission section, when it has one.
pub fn public_path(section_key: &str) -> Option<&'static str> {
    Some(match section_key {
        "laws" => "/laws",
        "services" => "/services",
        "news" => "/news",
        "tenders" => "/tenders",
        "events" => "/events",
        "faq" => "/faq",
        "links" => "/links",
        "water" => "/water/profile",
        "contact" => "/contact",
        "counter_offices" => "/counter-offices",
        "research" => "/research",
        "tickets" => "/tickets/new",
        "messages" => "/messages/new",
        "forms" => "/forms",
        _ => return None,
    })
}

/// The sections whose dashboard the signed-in person may open.
pub async fn home(db: &DatabaseConnection, acting: &Acting) -> AppResult<DashboardHome> {
    let actor = acting.signed_in()?;
    let sections = section::Entity::find()
        .order_by_asc(section::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| permission::may(Some(actor), Action::ViewDashboard, Some(&s.into()), None))
        .map(|s| SectionRef {
            key: s.key,
            title: s.title,
        })
        .collect();
    let pending_users = if actor.is_admin {
        user::Entity::find()
            .filter(user::Column::Status.eq(AccountStatus::Pending.as_str()))
            .count(db)
            .await?
    } else {
        0
    };
    Ok(DashboardHome {
        full_name: actor.full_name.clone(),
        is_admin: actor.is_admin,
        sections,
        pending_users,
    })
}

/// One section's dashboard: its custodians, categories, whether its custodians publish
/// directly, and the latest recorded work in it.
pub async fn section(
    db: &DatabaseConnection,
    acting: &Acting,
    key: &str,
) -> AppResult<SectionDashboard> {
    let actor = permission::authorize(db, acting, Action::ViewDashboard, key, None).await?;
    let s = section::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .ok_or(crate::error::AppError::NotFound)?;
    let rules = (&s).into();
    let categories = category::Entity::find()
        .filter(category::Column::SectionKey.eq(key))
        .filter(category::Column::Active.eq(true))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CategoryRef {
            id: c.id,
            title: c.title,
            section_key: c.section_key,
        })
        .collect();
    Ok(SectionDashboard {
        public_path: public_path(&s.key).map(str::to_string),
        custodians: custodian::custodians_of_section(db, key).await?,
        categories,
        can_publish_directly: permission::may(
            Some(actor),
            Action::PublishContent,
            Some(&rules),
            None,
        ),
        recent: audit::recent_in_section(db, key, 20).await?,
        section: SectionRef {
            key: s.key,
            title: s.title,
        },
    })
}
