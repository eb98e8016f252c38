//! Accounts: registration with the administrator's approval, login with throttling,
//! passwords, and the administrator's work on users. Passwords are hashed with argon2id and
//! never logged.

use crate::error::{AppError, AppResult};
use crate::model::{AccountStatus, CategoryRef, Profile, SectionRef, UserDetail, UserSummary};
use crate::persian::identity;
use crate::server::entities::{category, expert_assignment, user};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Actor};
use crate::server::services::{custodian, rate_limit, session};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

pub const FIRST_ADMIN_USERNAME: &str = "admin";

/// Failed logins allowed per account, and per client address, in a window.
pub const LOGIN_LIMIT_PER_ACCOUNT: rate_limit::Limit = rate_limit::Limit {
    max: 8,
    window_secs: 15 * 60,
};
pub const LOGIN_LIMIT_PER_ADDRESS: rate_limit::Limit = rate_limit::Limit {
    max: 30,
    window_secs: 15 * 60,
};
/// Registrations allowed per client address in a window.
pub const REGISTER_LIMIT_PER_ADDRESS: rate_limit::Limit = rate_limit::Limit {
    max: 10,
    window_secs: 60 * 60,
};

pub fn hash_password(password: &str) -> AppResult<String> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AppError::Internal)
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A password of 20 characters from the OS generator, without look-alike characters, that
/// meets the password rule.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    loop {
        let p: String = (0..20)
            .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
            .collect();
        if identity::password(&p, "").is_ok() {
            return p;
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

pub fn validate_password(password: &str, username: &str) -> AppResult<()> {
    identity::password(password, username).map_err(|m| invalid("کلمه عبور", m))
}

pub async fn admin_count(db: &DatabaseConnection) -> AppResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Status.eq(AccountStatus::Approved.as_str()))
        .count(db)
        .await?)
}

/// Creates an approved administrator account.
pub async fn create_admin(
    db: &DatabaseConnection,
    username: &str,
    full_name: &str,
    password: &str,
) -> AppResult<i32> {
    let username = identity::username(username).map_err(|m| invalid("نام کاربری", m))?;
    validate_password(password, &username)?;
    let taken = user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(invalid("نام کاربری", "این نام کاربری پیش‌تر ثبت شده است."));
    }
    let now = chrono::Utc::now();
    let row = user::ActiveModel {
        username: Set(username.clone()),
        full_name: Set(full_name.to_string()),
        password_hash: Set(hash_password(password)?),
        is_admin: Set(true),
        status: Set(AccountStatus::Approved.as_str().to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(username, "administrator account created");
    Ok(row.id)
}

/// What the first start did about the administrator.
#[derive(Debug, PartialEq, Eq)]
pub enum FirstAdmin {
    /// An administrator already existed; nothing was done.
    Exists,
    /// `admin` was created with the configured password.
    Created,
    /// `admin` was created with this generated password, to be shown once.
    CreatedWithGeneratedPassword(String),
}

/// On a database with no administrator, creates `admin` with the given password, or with
/// a generated one when none is configured.
pub async fn ensure_first_admin(
    db: &DatabaseConnection,
    configured_password: Option<&str>,
) -> AppResult<FirstAdmin> {
    if admin_count(db).await? > 0 {
        return Ok(FirstAdmin::Exists);
    }
    match configured_password {
        Some(p) => {
            create_admin(db, FIRST_ADMIN_USERNAME, "راهبر پرتال", p).await?;
            Ok(FirstAdmin::Created)
        }
        None => {
            let p = generate_password();
            create_admin(db, FIRST_ADMIN_USERNAME, "راهبر پرتال", &p).await?;
            Ok(FirstAdmin::CreatedWithGeneratedPassword(p))
        }
    }
}

/// Checks a user name and password, whatever the account's status (tests, tools).
pub async fn check_credentials(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
) -> AppResult<bool> {
    let Some(u) = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    Ok(verify_password(password, &u.password_hash))
}

/// The registration form, as typed.
#[derive(Clone, Debug, Default)]
pub struct Registration {
    pub full_name: String,
    pub national_id: String,
    pub mobile: String,
    pub email: String,
    pub username: String,
    pub password: String,
    pub password_repeat: String,
    pub accept_terms: bool,
}

/// The registration, checked and in canonical form.
struct CheckedRegistration {
    full_name: String,
    national_id: String,
    mobile: String,
    email: String,
    username: String,
}

fn check(reg: &Registration) -> AppResult<CheckedRegistration> {
    let full_name = crate::persian::text::collapse_spaces(&reg.full_name);
    if full_name.chars().count() < 3 || full_name.chars().count() > 100 {
        return Err(invalid(
            "نام و نام خانوادگی",
            "نام و نام خانوادگی را کامل بنویسید (۳ تا ۱۰۰ نویسه).",
        ));
    }
    let national_id = identity::national_id(&reg.national_id).map_err(|m| invalid("کد ملی", m))?;
    let mobile = identity::mobile(&reg.mobile).map_err(|m| invalid("شماره همراه", m))?;
    let email = identity::email(&reg.email).map_err(|m| invalid("رایانامه", m))?;
    let username = identity::username(&reg.username).map_err(|m| invalid("نام کاربری", m))?;
    validate_password(&reg.password, &username)?;
    if reg.password != reg.password_repeat {
        return Err(invalid(
            "تکرار کلمه عبور",
            "تکرار کلمه عبور با خود آن یکی نیست.",
        ));
    }
    if !reg.accept_terms {
        return Err(invalid(
            "شرایط استفاده",
            "برای ثبت‌نام باید شرایط استفاده از پرتال را بپذیرید.",
        ));
    }
    Ok(CheckedRegistration {
        full_name,
        national_id,
        mobile,
        email,
        username,
    })
}

/// The first field of a registration that is already taken, as a Persian error.
async fn duplicate<C: ConnectionTrait>(
    db: &C,
    r: &CheckedRegistration,
) -> AppResult<Option<AppError>> {
    let taken = |col: user::Column, value: &str| {
        user::Entity::find()
            .filter(col.eq(value.to_string()))
            .count(db)
    };
    if taken(user::Column::NationalId, &r.national_id).await? > 0 {
        return Ok(Some(invalid(
            "کد ملی",
            "با این کد ملی پیش‌تر ثبت‌نام شده است؛ اگر کلمه عبور را فراموش کرده‌اید با راهبر پرتال تماس بگیرید.",
        )));
    }
    if taken(user::Column::Username, &r.username).await? > 0 {
        return Ok(Some(invalid(
            "نام کاربری",
            "این نام کاربری را کس دیگری برگزیده است؛ نام دیگری انتخاب کنید.",
        )));
    }
    if taken(user::Column::Email, &r.email).await? > 0 {
        return Ok(Some(invalid(
            "رایانامه",
            "با این نشانی رایانامه پیش‌تر ثبت‌نام شده است.",
        )));
    }
    Ok(None)
}

/// Registers a person; the account waits for the administrator's approval. All or nothing.
pub async fn register(
    db: &DatabaseConnection,
    acting: &Acting,
    reg: &Registration,
) -> AppResult<i32> {
    let checked = check(reg)?;
    if let Some(ip) = &acting.ip {
        let bucket = format!("register-ip:{ip}");
        if rate_limit::exhausted(db, &bucket, REGISTER_LIMIT_PER_ADDRESS).await? {
            return Err(AppError::RateLimited);
        }
        rate_limit::hit(db, &bucket, REGISTER_LIMIT_PER_ADDRESS).await?;
    }
    let password_hash = hash_password(&reg.password)?;
    let txn = crate::server::db::write_txn(db).await?;
    if let Some(e) = duplicate(&txn, &checked).await? {
        return Err(e);
    }
    let now = chrono::Utc::now();
    let inserted = user::ActiveModel {
        username: Set(checked.username.clone()),
        full_name: Set(checked.full_name.clone()),
        password_hash: Set(password_hash),
        is_admin: Set(false),
        status: Set(AccountStatus::Pending.as_str().to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        national_id: Set(Some(checked.national_id.clone())),
        mobile: Set(Some(checked.mobile.clone())),
        email: Set(Some(checked.email.clone())),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(e)
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            // Someone registered the same details a moment ago.
            drop(txn);
            return Err(duplicate(db, &checked).await?.unwrap_or(AppError::Internal));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record_as(
        &txn,
        Some(row.id),
        row.username.clone(),
        acting.ip.clone(),
        Event::new("account.registered", format!("ثبت‌نام {}", row.full_name))
            .target("user", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

fn login_error() -> AppError {
    invalid("ورود", "نام کاربری یا کلمه عبور درست نیست.")
}

/// Checks a login. Only approved accounts get in; a pending, rejected or suspended account
/// is told so (with the administrator's reason) — but only after the right password, so the
/// answer reveals nothing to someone guessing. Failures are counted per account and per
/// address; past the limit even the right password waits for the window to pass.
pub async fn login(
    db: &DatabaseConnection,
    ip: Option<String>,
    username: &str,
    password: &str,
) -> AppResult<Actor> {
    let username = crate::persian::normalize_digits(username.trim()).to_lowercase();
    let account_bucket = format!("login-user:{username}");
    let address_bucket = ip.as_ref().map(|ip| format!("login-ip:{ip}"));
    if rate_limit::exhausted(db, &account_bucket, LOGIN_LIMIT_PER_ACCOUNT).await? {
        return Err(AppError::RateLimited);
    }
    if let Some(b) = &address_bucket {
        if rate_limit::exhausted(db, b, LOGIN_LIMIT_PER_ADDRESS).await? {
            return Err(AppError::RateLimited);
        }
    }
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(db)
        .await?;
    let ok = match &found {
        Some(u) => verify_password(password, &u.password_hash),
        None => {
            // Spend the same time as a real check, so timing tells nothing either.
            let _ = verify_password(password, DUMMY_HASH);
            false
        }
    };
    let Some(u) = found.filter(|_| ok) else {
        rate_limit::hit(db, &account_bucket, LOGIN_LIMIT_PER_ACCOUNT).await?;
        if let Some(b) = &address_bucket {
            rate_limit::hit(db, b, LOGIN_LIMIT_PER_ADDRESS).await?;
        }
        audit::record_as(
            db,
            None,
            "ناشناس".to_string(),
            ip,
            Event::new(
                "auth.login_failed",
                format!(
                    "ورود ناموفق با نام کاربری «{}»",
                    username.chars().take(40).collect::<String>()
                ),
            ),
        )
        .await?;
        return Err(login_error());
    };
    let reason = u.rejection_reason.clone().unwrap_or_default();
    match AccountStatus::parse(&u.status) {
        Some(AccountStatus::Approved) => {}
        Some(AccountStatus::Pending) => {
            return Err(invalid(
                "ورود",
                "حساب شما هنوز در انتظار تأیید راهبر پرتال است؛ پس از تأیید می‌توانید وارد شوید.",
            ))
        }
        Some(AccountStatus::Rejected) => {
            return Err(invalid(
                "ورود",
                format!("درخواست عضویت شما را راهبر پرتال نپذیرفته است. دلیل: {reason}"),
            ))
        }
        Some(AccountStatus::Suspended) => {
            return Err(invalid(
                "ورود",
                format!("حساب شما به دست راهبر پرتال معلق شده است. دلیل: {reason}"),
            ))
        }
        None => return Err(AppError::Internal),
    }
    rate_limit::clear(db, &account_bucket).await?;
    let actor = permission::load_actor(db, u.id)
        .await?
        .ok_or(AppError::Internal)?;
    audit::record(
        db,
        &Acting::user(actor.clone(), ip),
        Event::new("auth.login", "ورود به حساب").target("user", u.id),
    )
    .await?;
    Ok(actor)
}

/// An argon2id hash of a random password, verified against when the user name is unknown.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0N8kAfzVbHs9v0ynFk0kKM5DmDbG4cZtYu0pNh5gq7w";

/// Changes the signed-in person's password. Ends all their sessions; the caller starts a
/// new one for this browser.
pub async fn change_password(
    db: &DatabaseConnection,
    acting: &Acting,
    current: &str,
    new: &str,
    repeat: &str,
) -> AppResult<()> {
    let actor = acting.signed_in()?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if !verify_password(current, &u.password_hash) {
        return Err(invalid("کلمه عبور کنونی", "کلمه عبور کنونی درست نیست."));
    }
    validate_password(new, &u.username)?;
    if new != repeat {
        return Err(invalid(
            "تکرار کلمه عبور",
            "تکرار کلمه عبور با خود آن یکی نیست.",
        ));
    }
    let txn = crate::server::db::write_txn(db).await?;
    let mut active: user::ActiveModel = u.into();
    active.password_hash = Set(hash_password(new)?);
    active.updated_at = Set(chrono::Utc::now());
    active.update(&txn).await?;
    session::end_all_for_user(&txn, actor.user_id).await?;
    audit::record(
        &txn,
        acting,
        Event::new("account.password_changed", "تغییر کلمه عبور").target("user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The signed-in person's own profile.
pub async fn profile(db: &DatabaseConnection, acting: &Acting) -> AppResult<Profile> {
    let actor = acting.signed_in()?;
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let titles = permission::section_titles(db).await?;
    let custodian_of = actor
        .custodian_of
        .iter()
        .map(|k| SectionRef {
            key: k.clone(),
            title: titles.get(k).cloned().unwrap_or_default(),
        })
        .collect();
    let expert_of = category::Entity::find()
        .filter(category::Column::Id.is_in(actor.expert_of.keys().copied()))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(category_ref)
        .collect();
    Ok(Profile {
        username: u.username,
        full_name: u.full_name,
        national_id: u.national_id,
        mobile: u.mobile,
        email: u.email,
        created_at: u.created_at.timestamp(),
        is_admin: u.is_admin,
        custodian_of,
        expert_of,
    })
}

fn category_ref(c: category::Model) -> CategoryRef {
    CategoryRef {
        id: c.id,
        title: c.title,
        section_key: c.section_key,
    }
}

pub(crate) fn summary(u: &user::Model) -> UserSummary {
    UserSummary {
        id: u.id,
        username: u.username.clone(),
        full_name: u.full_name.clone(),
        status: AccountStatus::parse(&u.status).unwrap_or(AccountStatus::Pending),
        is_admin: u.is_admin,
        created_at: u.created_at.timestamp(),
    }
}

/// The administrator's user list: pending first, then newest; searched by name, user
/// name, national ID, mobile or e-mail.
pub async fn list_users(
    db: &DatabaseConnection,
    acting: &Acting,
    query: &str,
    status: Option<AccountStatus>,
) -> AppResult<Vec<UserSummary>> {
    acting.admin()?;
    let mut q = user::Entity::find();
    let query = crate::persian::normalize_digits(query.trim());
    if !query.is_empty() {
        let lowered = query.to_lowercase();
        q = q.filter(
            Condition::any()
                .add(user::Column::FullName.contains(&query))
                .add(user::Column::Username.contains(&lowered))
                .add(user::Column::NationalId.contains(&query))
                .add(user::Column::Mobile.contains(&query))
                .add(user::Column::Email.contains(&lowered)),
        );
    }
    if let Some(s) = status {
        q = q.filter(user::Column::Status.eq(s.as_str()));
    }
    let mut rows: Vec<UserSummary> = q
        .order_by_desc(user::Column::CreatedAt)
        .order_by_desc(user::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(summary)
        .collect();
    rows.sort_by_key(|u| u.status != AccountStatus::Pending);
    Ok(rows)
}

pub async fn user_detail(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<UserDetail> {
    acting.admin()?;
    let u = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let expert_of = expert_assignment::Entity::find()
        .filter(expert_assignment::Column::UserId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.category_id)
        .collect();
    let categories = category::Entity::find()
        .filter(category::Column::Active.eq(true))
        .order_by_asc(category::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(category_ref)
        .collect();
    let sections = permission::section_list(db).await?;
    Ok(UserDetail {
        summary: summary(&u),
        national_id: u.national_id,
        mobile: u.mobile,
        email: u.email,
        rejection_reason: u.rejection_reason,
        reviewed_at: u.reviewed_at.map(|t| t.timestamp()),
        appointments: custodian::appointments_of_user(db, id).await?,
        expert_of,
        categories,
        sections,
    })
}

fn reason_of(reason: &str) -> AppResult<String> {
    let reason = crate::persian::text::collapse_spaces(reason);
    if reason.chars().count() < 5 || reason.chars().count() > 500 {
        return Err(invalid(
            "دلیل",
            "دلیل را در ۵ تا ۵۰۰ نویسه بنویسید؛ آن را به خود شخص نشان می‌دهیم.",
        ));
    }
    Ok(reason)
}

/// Approves a pending (or reinstates a rejected or suspended) account.
pub async fn approve(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    set_status(db, acting, id, AccountStatus::Approved, None).await
}

/// Rejects a registration, with a reason the person will read when they try to log in.
pub async fn reject(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    reason: &str,
) -> AppResult<()> {
    acting.admin()?;
    let reason = reason_of(reason)?;
    set_status(db, acting, id, AccountStatus::Rejected, Some(reason)).await
}

/// Suspends an account: it cannot log in, and its open sessions end at once.
pub async fn suspend(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    reason: &str,
) -> AppResult<()> {
    acting.admin()?;
    let reason = reason_of(reason)?;
    set_status(db, acting, id, AccountStatus::Suspended, Some(reason)).await
}

async fn set_status(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    status: AccountStatus,
    reason: Option<String>,
) -> AppResult<()> {
    let admin = acting.admin()?;
    if id == admin.user_id && status != AccountStatus::Approved {
        return Err(invalid(
            "وضعیت حساب",
            "راهبر نمی‌تواند حساب خودش را رد یا معلق کند.",
        ));
    }
    let txn = crate::server::db::write_txn(db).await?;
    let u = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let (action, summary) = match status {
        AccountStatus::Approved => ("account.approved", format!("تأیید حساب {}", u.username)),
        AccountStatus::Rejected => (
            "account.rejected",
            format!(
                "رد درخواست {}: {}",
                u.username,
                reason.clone().unwrap_or_default()
            ),
        ),
        AccountStatus::Suspended => (
            "account.suspended",
            format!(
                "تعلیق {}: {}",
                u.username,
                reason.clone().unwrap_or_default()
            ),
        ),
        AccountStatus::Pending => return Err(AppError::Internal),
    };
    let now = chrono::Utc::now();
    let mut active: user::ActiveModel = u.into();
    active.status = Set(status.as_str().to_string());
    active.rejection_reason = Set(reason);
    active.reviewed_by = Set(Some(admin.user_id));
    active.reviewed_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    if status != AccountStatus::Approved {
        session::end_all_for_user(&txn, id).await?;
    }
    audit::record(&txn, acting, Event::new(action, summary).target("user", id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives the account a new generated password, shown once to the administrator, and ends
/// its sessions.
pub async fn reset_password(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<String> {
    acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let u = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let password = generate_password();
    let username = u.username.clone();
    let mut active: user::ActiveModel = u.into();
    active.password_hash = Set(hash_password(&password)?);
    active.updated_at = Set(chrono::Utc::now());
    active.update(&txn).await?;
    session::end_all_for_user(&txn, id).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "account.password_reset",
            format!("بازنشانی کلمه عبور {username}"),
        )
        .target("user", id),
    )
    .await?;
    txn.commit().await?;
    Ok(password)
}

/// Grants or withdraws the administrator role. The last administrator cannot be removed;
/// losing the role ends the person's sessions.
pub async fn set_admin(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    admin: bool,
) -> AppResult<()> {
    let me = acting.admin()?;
    if !admin && id == me.user_id {
        return Err(invalid(
            "نقش راهبر",
            "راهبر نمی‌تواند نقش راهبری را از خودش بگیرد.",
        ));
    }
    let txn = crate::server::db::write_txn(db).await?;
    let u = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if u.is_admin == admin {
        return Ok(());
    }
    if admin && u.status != AccountStatus::Approved.as_str() {
        return Err(invalid("نقش راهبر", "نخست حساب این شخص را تأیید کنید."));
    }
    let username = u.username.clone();
    let mut active: user::ActiveModel = u.into();
    active.is_admin = Set(admin);
    active.updated_at = Set(chrono::Utc::now());
    active.update(&txn).await?;
    let (action, summary) = if admin {
        (
            "account.admin_granted",
            format!("اعطای نقش راهبر به {username}"),
        )
    } else {
        session::end_all_for_user(&txn, id).await?;
        (
            "account.admin_revoked",
            format!("سلب نقش راهبر از {username}"),
        )
    };
    audit::record(&txn, acting, Event::new(action, summary).target("user", id)).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the categories a person answers as an expert. Losing any ends their sessions.
pub async fn set_expert_categories(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    categories: &[i32],
) -> AppResult<()> {
    let admin = acting.admin()?;
    let txn = crate::server::db::write_txn(db).await?;
    let u = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !categories.is_empty() && u.status != AccountStatus::Approved.as_str() {
        return Err(invalid("کارشناس", "نخست حساب این شخص را تأیید کنید."));
    }
    let known = category::Entity::find()
        .filter(category::Column::Id.is_in(categories.iter().copied()))
        .all(&txn)
        .await?;
    if known.len()
        != categories
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    {
        return Err(invalid("دسته‌ها", "یکی از دسته‌های برگزیده وجود ندارد."));
    }
    let before: std::collections::BTreeSet<i32> = expert_assignment::Entity::find()
        .filter(expert_assignment::Column::UserId.eq(id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.category_id)
        .collect();
    let after: std::collections::BTreeSet<i32> = categories.iter().copied().collect();
    if before == after {
        return Ok(());
    }
    expert_assignment::Entity::delete_many()
        .filter(expert_assignment::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    let now = chrono::Utc::now();
    for c in &after {
        expert_assignment::ActiveModel {
            user_id: Set(id),
            category_id: Set(*c),
            assigned_by: Set(admin.user_id),
            assigned_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    if !before.is_subset(&after) {
        session::end_all_for_user(&txn, id).await?;
    }
    let names: Vec<String> = known.into_iter().map(|c| c.title).collect();
    let summary = if names.is_empty() {
        format!("{} دیگر کارشناس هیچ دسته‌ای نیست", u.username)
    } else {
        format!("{} کارشناس این دسته‌ها: {}", u.username, names.join("، "))
    };
    audit::record(
        &txn,
        acting,
        Event::new("account.expert_changed", summary).target("user", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
