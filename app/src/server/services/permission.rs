//! Who may do what, where. Sections are rows (`sections`), roles come from the account, the
//! custodian appointments and the expert assignments; every later feature asks [`may`] (or
//! [`authorize`], which also loads the section) before it reads anything non-public or
//! changes anything.

use crate::error::{AppError, AppResult};
use crate::server::entities::{category, custodian_appointment, expert_assignment, section, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet};

/// A signed-in person, with every role they hold right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i32,
    pub username: String,
    pub full_name: String,
    pub is_admin: bool,
    /// Sections whose appointed custodian this person is.
    pub custodian_of: BTreeSet<String>,
    /// Categories this person answers as an expert, with each one's section.
    pub expert_of: BTreeMap<i32, String>,
}

impl Actor {
    /// Administrator, custodian or expert: someone with a dashboard.
    pub fn is_staff(&self) -> bool {
        self.is_admin || !self.custodian_of.is_empty() || !self.expert_of.is_empty()
    }
}

/// Who is acting, and from where: what every state-changing service receives.
#[derive(Clone, Debug, Default)]
pub struct Acting {
    pub actor: Option<Actor>,
    pub ip: Option<String>,
}

impl Acting {
    pub fn anonymous(ip: Option<String>) -> Self {
        Acting { actor: None, ip }
    }

    pub fn user(actor: Actor, ip: Option<String>) -> Self {
        Acting {
            actor: Some(actor),
            ip,
        }
    }

    /// The signed-in actor, or `Unauthenticated`.
    pub fn signed_in(&self) -> AppResult<&Actor> {
        self.actor.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// The actor when they are the portal administrator.
    pub fn admin(&self) -> AppResult<&Actor> {
        let actor = self.signed_in()?;
        if may(Some(actor), Action::Administer, None, None) {
            Ok(actor)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Something a person may want to do in a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open the section's staff dashboard.
    ViewDashboard,
    /// Create and edit the section's items, as drafts.
    EditContent,
    /// Publish without the administrator's review.
    PublishContent,
    /// Review and publish what custodians submitted.
    ReviewContent,
    /// Answer the section's tickets, messages and form submissions (of a category, when
    /// given).
    AnswerCases,
    /// Users, roles, appointments, the audit log: the administrator's own work.
    Administer,
}

/// What [`may`] needs to know about a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionRules {
    pub key: String,
    pub review_required: bool,
}

impl From<&section::Model> for SectionRules {
    fn from(s: &section::Model) -> Self {
        SectionRules {
            key: s.key.clone(),
            review_required: s.review_required,
        }
    }
}

/// The one permission rule of the portal.
///
/// - The administrator may do everything.
/// - An appointed custodian of a section may open its dashboard, edit its content, answer
///   its cases, and publish directly unless the section requires review.
/// - An expert may open the dashboard of a section where they answer a category, and answer
///   the cases of their own categories.
/// - Anybody else may do none of these.
pub fn may(
    actor: Option<&Actor>,
    action: Action,
    section: Option<&SectionRules>,
    category: Option<i32>,
) -> bool {
    let Some(actor) = actor else {
        return false;
    };
    if actor.is_admin {
        return true;
    }
    let Some(section) = section else {
        return false;
    };
    let custodian = actor.custodian_of.contains(&section.key);
    let expert_here = |c: Option<i32>| match c {
        Some(c) => actor.expert_of.get(&c) == Some(&section.key),
        None => actor.expert_of.values().any(|s| *s == section.key),
    };
    match action {
        Action::ViewDashboard => custodian || expert_here(None),
        Action::EditContent => custodian,
        Action::PublishContent => custodian && !section.review_required,
        Action::AnswerCases => custodian || expert_here(category),
        Action::ReviewContent | Action::Administer => false,
    }
}

/// Loads the section and checks [`may`]: `Unauthenticated` for nobody signed in,
/// `NotFound` for an unknown section, `Forbidden` when the rule says no.
pub async fn authorize<'a, C: ConnectionTrait>(
    db: &C,
    acting: &'a Acting,
    action: Action,
    section_key: &str,
    category: Option<i32>,
) -> AppResult<&'a Actor> {
    let actor = acting.signed_in()?;
    let section = section::Entity::find_by_id(section_key.to_string())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if may(Some(actor), action, Some(&(&section).into()), category) {
        Ok(actor)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Every section's Persian title, by key.
pub async fn section_titles<C: ConnectionTrait>(
    db: &C,
) -> AppResult<std::collections::HashMap<String, String>> {
    Ok(section::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.key, s.title))
        .collect())
}

/// Every section, in the portal's order.
pub async fn section_list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<crate::model::SectionRef>> {
    use sea_orm::QueryOrder;
    Ok(section::Entity::find()
        .order_by_asc(section::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|s| crate::model::SectionRef {
            key: s.key,
            title: s.title,
        })
        .collect())
}

/// The actor behind an approved account, with their current roles; `None` for an account
/// that is missing or not approved.
pub async fn load_actor<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<Option<Actor>> {
    let Some(u) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if u.status != "approved" {
        return Ok(None);
    }
    let custodian_of = custodian_appointment::Entity::find()
        .filter(custodian_appointment::Column::UserId.eq(user_id))
        .filter(custodian_appointment::Column::Status.eq("appointed"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.section_key)
        .collect();
    let category_ids: Vec<i32> = expert_assignment::Entity::find()
        .filter(expert_assignment::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.category_id)
        .collect();
    let expert_of = if category_ids.is_empty() {
        BTreeMap::new()
    } else {
        category::Entity::find()
            .filter(category::Column::Id.is_in(category_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.section_key))
            .collect()
    };
    Ok(Some(Actor {
        user_id: u.id,
        username: u.username,
        full_name: u.full_name,
        is_admin: u.is_admin,
        custodian_of,
        expert_of,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(admin: bool, custodian: &[&str], expert: &[(i32, &str)]) -> Actor {
        Actor {
            user_id: 1,
            username: "u".into(),
            full_name: "u".into(),
            is_admin: admin,
            custodian_of: custodian.iter().map(|s| s.to_string()).collect(),
            expert_of: expert.iter().map(|(c, s)| (*c, s.to_string())).collect(),
        }
    }

    fn rules(key: &str, review_required: bool) -> SectionRules {
        SectionRules {
            key: key.into(),
            review_required,
        }
    }

    /// Every role against every action, in a section with and without review.
    #[test]
    fn the_rule_table() {
        use Action::*;
        let news = rules("news", false);
        let laws = rules("laws", true);
        let tickets = rules("tickets", false);
        let admin = actor(true, &[], &[]);
        let custodian_news = actor(false, &["news", "laws"], &[]);
        let custodian_water = actor(false, &["water"], &[]);
        let expert = actor(false, &[], &[(7, "tickets")]);
        let user = actor(false, &[], &[]);
        // (who, action, section, category, allowed)
        type Row<'a> = (
            Option<&'a Actor>,
            Action,
            &'a SectionRules,
            Option<i32>,
            bool,
        );
        let table: &[Row] = &[
            (None, ViewDashboard, &news, None, false),
            (Some(&user), ViewDashboard, &news, None, false),
            (Some(&admin), Administer, &news, None, true),
            (Some(&admin), ReviewContent, &laws, None, true),
            (Some(&custodian_news), ViewDashboard, &news, None, true),
            (Some(&custodian_news), EditContent, &news, None, true),
            (Some(&custodian_news), PublishContent, &news, None, true),
            (Some(&custodian_news), PublishContent, &laws, None, false),
            (Some(&custodian_news), EditContent, &laws, None, true),
            (Some(&custodian_news), ReviewContent, &news, None, false),
            (Some(&custodian_news), Administer, &news, None, false),
            (Some(&custodian_water), ViewDashboard, &news, None, false),
            (Some(&custodian_water), EditContent, &news, None, false),
            (Some(&expert), ViewDashboard, &tickets, None, true),
            (Some(&expert), AnswerCases, &tickets, Some(7), true),
            (Some(&expert), AnswerCases, &tickets, Some(8), false),
            (Some(&expert), EditContent, &tickets, None, false),
            (Some(&expert), ViewDashboard, &news, None, false),
            (Some(&user), AnswerCases, &tickets, Some(7), false),
        ];
        for (who, action, section, category, allowed) in table {
            assert_eq!(
                may(*who, *action, Some(section), *category),
                *allowed,
                "{:?} {action:?} in {} ({category:?})",
                who.map(|a| (&a.is_admin, &a.custodian_of, &a.expert_of)),
                section.key
            );
        }
        assert!(!may(Some(&custodian_news), Administer, None, None));
        assert!(may(Some(&admin), Administer, None, None));
    }
}
