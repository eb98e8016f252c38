//! Tracking codes (کد رهگیری) for tickets, messages and form submissions: 16 random
//! decimal digits (53 bits from the OS generator on the server), shown in Persian digits in
//! groups of four, read back in any digit script with or without separators.

use crate::persian::digits::digit_value;

/// How many digits a code has.
pub const LENGTH: usize = 16;

/// The canonical (stored) form of what a person typed: 16 Latin digits, or `None`.
pub fn parse(input: &str) -> Option<String> {
    let mut out = String::with_capacity(LENGTH);
    for c in input.trim().chars() {
        if let Some(d) = digit_value(c) {
            out.push(char::from_digit(d, 10)?);
        } else if !(c.is_whitespace() || matches!(c, '-' | '_' | '.' | '\u{200C}' | '/')) {
            return None;
        }
    }
    (out.len() == LENGTH).then_some(out)
}

/// `1234567890123456` → `۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶` (to be shown left-to-right).
pub fn display(code: &str) -> String {
    let persian = crate::persian::to_persian_digits(code);
    persian
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A new code from the operating system's secure generator.
#[cfg(feature = "ssr")]
pub fn generate() -> String {
    use rand::rngs::OsRng;
    use rand::Rng;
    let mut rng = OsRng;
    // The first digit is never 0, so the code never looks shorter when read aloud.
    let mut code = String::with_capacity(LENGTH);
    code.push(char::from_digit(rng.gen_range(1..10), 10).unwrap_or('1'));
    for _ in 1..LENGTH {
        code.push(char::from_digit(rng.gen_range(0..10), 10).unwrap_or('0'));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_digit_script_any_separator() {
        let code = "1234567890123456";
        assert_eq!(parse(code).as_deref(), Some(code));
        assert_eq!(parse("۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶").as_deref(), Some(code));
        assert_eq!(parse("١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦").as_deref(), Some(code));
        assert_eq!(parse(" 1234 5678-9012.3456 ").as_deref(), Some(code));
        assert_eq!(parse("123456789012345"), None);
        assert_eq!(parse("12345678901234567"), None);
        assert_eq!(parse("1234x67890123456"), None);
        assert_eq!(display(code), "۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn generated_codes_are_well_formed_and_differ() {
        let a = generate();
        let b = generate();
        assert_eq!(a.len(), LENGTH);
        assert!(!a.starts_with('0'));
        assert_eq!(parse(&a).as_deref(), Some(a.as_str()));
        assert_ne!(a, b);
        // 9 × 10^15 codes: log2 ≥ 48 bits.
        assert!((9.0f64 * 1e15).log2() >= 48.0);
    }
}
