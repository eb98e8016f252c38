//! Iranian identity fields: national ID (کد ملی) with its check digit, mobile numbers in one
//! canonical form, e-mail addresses, and the password rule shown while typing. Compiled for
//! the browser too, so the registration form checks as you type exactly what the server
//! checks on submit.

use super::digits::{digit_value, normalize_digits};

/// Separators people type inside numbers: spaces, dashes, dots, ZWNJ.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '.' | '\u{200C}' | '\u{200F}' | '\u{200E}')
}

/// A national ID in any digit script, with or without separators, as ten Latin digits; or
/// the Persian reason it is not one.
pub fn national_id(input: &str) -> Result<String, &'static str> {
    let mut digits = Vec::with_capacity(10);
    for c in input.trim().chars() {
        if let Some(d) = digit_value(c) {
            digits.push(d);
        } else if !is_separator(c) {
            return Err("کد ملی فقط از رقم تشکیل می‌شود.");
        }
    }
    if digits.len() != 10 {
        return Err("کد ملی باید ده رقم باشد.");
    }
    if digits.iter().all(|d| *d == digits[0]) {
        return Err("این کد ملی معتبر نیست؛ لطفاً آن را از روی کارت ملی بخوانید.");
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    if digits[9] != check {
        return Err("رقم کنترل کد ملی درست نیست؛ لطفاً آن را از روی کارت ملی بخوانید.");
    }
    Ok(digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect())
}

/// A mobile number (`09…`, `9…`, `989…`, `+989…`, `00989…`, any digit script, any
/// separators) in its canonical form `09xxxxxxxxx`.
pub fn mobile(input: &str) -> Result<String, &'static str> {
    let s: String = normalize_digits(input.trim())
        .chars()
        .filter(|c| !is_separator(*c) && !matches!(c, '(' | ')'))
        .collect();
    let rest = if let Some(r) = s.strip_prefix("+98") {
        r
    } else if let Some(r) = s.strip_prefix("0098") {
        r
    } else if s.len() == 12 && s.starts_with("98") {
        &s[2..]
    } else if let Some(r) = s.strip_prefix('0') {
        r
    } else {
        &s
    };
    if rest.len() == 10 && rest.starts_with('9') && rest.chars().all(|c| c.is_ascii_digit()) {
        Ok(format!("0{rest}"))
    } else {
        Err("شماره همراه باید یازده رقم و به شکل ۰۹۱۲۳۴۵۶۷۸۹ باشد.")
    }
}

/// An e-mail address, trimmed and lower-cased.
pub fn email(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_lowercase();
    let ok = s.chars().count() <= 254
        && !s
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '\u{feff}'))
        && match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if ok {
        Ok(s)
    } else {
        Err("نشانی رایانامه درست نیست؛ نمونه‌ی درست: name@example.ir")
    }
}

pub const MIN_PASSWORD_CHARS: usize = 10;

/// The password rule, one line at a time, each with whether `password` meets it: shown
/// while typing and enforced on the server.
pub fn password_rules(password: &str, username: &str) -> [(&'static str, bool); 4] {
    let n = password.chars().count();
    let has_letter = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| digit_value(c).is_some());
    let lowered = password.to_lowercase();
    let username = username.trim().to_lowercase();
    let not_username = username.is_empty() || !lowered.contains(&username);
    [
        ("دست‌کم ۱۰ نویسه", n >= MIN_PASSWORD_CHARS),
        ("دست‌کم یک حرف", has_letter),
        ("دست‌کم یک رقم", has_digit),
        ("نام کاربری در آن نباشد", not_username),
    ]
}

/// `Ok` when every password rule holds, otherwise the first rule that does not.
pub fn password(password: &str, username: &str) -> Result<(), String> {
    match password_rules(password, username)
        .iter()
        .find(|(_, ok)| !ok)
    {
        None if password.len() <= 256 => Ok(()),
        None => Err("کلمه عبور بیش از اندازه بلند است.".to_string()),
        Some((rule, _)) => Err(format!("کلمه عبور باید این شرط را داشته باشد: {rule}.")),
    }
}

/// A user name: 3–32 lower-case Latin letters, digits, `.`, `_`, `-`; input is trimmed and
/// lower-cased first.
pub fn username(input: &str) -> Result<String, &'static str> {
    let s = normalize_digits(input.trim()).to_lowercase();
    let ok_len = (3..=32).contains(&s.chars().count());
    let ok_chars = s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok_len && ok_chars {
        Ok(s)
    } else {
        Err("نام کاربری باید ۳ تا ۳۲ نویسه از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط باشد.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_id_check_digit() {
        // Valid codes computed by the standard rule.
        assert_eq!(national_id("0499370899"), Ok("0499370899".into()));
        assert_eq!(national_id("۰۴۹۹۳۷۰۸۹۹"), Ok("0499370899".into()));
        assert_eq!(national_id("٠٤٩٩٣٧٠٨٩٩"), Ok("0499370899".into()));
        assert_eq!(national_id("049-937089-9"), Ok("0499370899".into()));
        assert_eq!(national_id("0790419904"), Ok("0790419904".into()));
        assert!(national_id("0499370898").is_err(), "wrong check digit");
        assert!(national_id("1111111111").is_err(), "all the same digit");
        assert!(national_id("049937089").is_err(), "nine digits");
        assert!(national_id("04993708a9").is_err());
    }

    #[test]
    fn mobile_forms() {
        for input in [
            "09121234567",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "٠٩١٢١٢٣٤٥٦٧",
            "+989121234567",
            "989121234567",
            "00989121234567",
            "9121234567",
            "0912 123 4567",
            "0912-123-4567",
        ] {
            assert_eq!(mobile(input), Ok("09121234567".into()), "{input}");
        }
        for bad in ["0812123456", "091212345", "02112345678", "0912123456a"] {
            assert!(mobile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_and_username() {
        assert_eq!(email(" Ali@Example.IR "), Ok("ali@example.ir".into()));
        assert!(email("ali@").is_err());
        assert!(email("ali.example.ir").is_err());
        assert_eq!(username(" Ali.Rezaei "), Ok("ali.rezaei".into()));
        assert!(username("علی").is_err());
        assert!(username("ab").is_err());
    }

    #[test]
    fn password_rule() {
        assert!(password("kotah1", "ali").is_err());
        assert!(password("faghat-horoof", "ali").is_err());
        assert!(password("1234567890", "ali").is_err());
        assert!(password("ali.rezaei2024", "ali.rezaei").is_err());
        assert!(password("rood-khaneh-1403", "ali").is_ok());
        assert!(password("رودخانه‌ی-قم-۱۴۰۳", "ali").is_ok());
    }
}
