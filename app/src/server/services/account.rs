//! Accounts: for now the administrator (راهبر پرتال), created on first start or by
//! `server create-admin`. Passwords are hashed with argon2id and never logged.

use crate::error::{AppError, AppResult};
use crate::server::entities::user;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

pub const FIRST_ADMIN_USERNAME: &str = "admin";
pub const MIN_PASSWORD_CHARS: usize = 10;

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

/// A password of 20 characters from the OS generator, without look-alike characters.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

pub fn validate_username(username: &str) -> AppResult<()> {
    let ok_len = (3..=32).contains(&username.chars().count());
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok_len && ok_chars {
        Ok(())
    } else {
        Err(AppError::validation(
            "نام کاربری",
            "نام کاربری باید ۳ تا ۳۲ نویسه از حروف کوچک لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.",
        ))
    }
}

pub fn validate_password(password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::validation(
            "کلمه عبور",
            "کلمه عبور باید دست‌کم ۱۰ نویسه باشد.",
        ));
    }
    Ok(())
}

pub async fn admin_count(db: &DatabaseConnection) -> AppResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
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
    validate_username(username)?;
    validate_password(password)?;
    let taken = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(AppError::validation(
            "نام کاربری",
            "این نام کاربری پیش‌تر ثبت شده است.",
        ));
    }
    let now = chrono::Utc::now();
    let row = user::ActiveModel {
        username: Set(username.to_string()),
        full_name: Set(full_name.to_string()),
        password_hash: Set(hash_password(password)?),
        is_admin: Set(true),
        status: Set("approved".to_string()),
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

/// Checks a user name and password; used by the login of the accounts issue and by tests.
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
