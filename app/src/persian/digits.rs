//! Digits: shown in Persian (۰–۹), accepted in Persian, Arabic-Indic (٠–٩) and Latin.

const PERSIAN: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/// The ASCII value (0–9) of a digit in any of the three scripts, or `None`.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        _ => None,
    }
}

/// Replaces every Latin and Arabic-Indic digit with its Persian form; other text is kept.
pub fn to_persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(v) => PERSIAN[v as usize],
            None => c,
        })
        .collect()
}

/// Replaces every Persian and Arabic-Indic digit with its Latin form (for parsing and
/// storage); other text is kept.
pub fn normalize_digits(s: &str) -> String {
    s.chars()
        .map(|c| match digit_value(c) {
            Some(v) => char::from_digit(v, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Keeps only the digits of `s` (in any script), as Latin digits: `"۰۹۱۲ ۳۴۵-۶۷۸۹"` →
/// `"09123456789"`.
pub fn digits_only(s: &str) -> String {
    s.chars()
        .filter_map(digit_value)
        .filter_map(|v| char::from_digit(v, 10))
        .collect()
}

/// A whole number in Persian digits with the Persian thousands separator (٬):
/// `15478656` → `"۱۵٬۴۷۸٬۶۵۶"`.
pub fn format_number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 3);
    if n < 0 {
        // U+2212 MINUS SIGN reads correctly inside right-to-left text.
        out.push('\u{2212}');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('٬');
        }
        out.push(c);
    }
    to_persian_digits(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_digits_out() {
        assert_eq!(to_persian_digits("1403/11/02"), "۱۴۰۳/۱۱/۰۲");
        assert_eq!(to_persian_digits("٠١٢٣٤٥٦٧٨٩"), "۰۱۲۳۴۵۶۷۸۹");
        assert_eq!(to_persian_digits("کد 12"), "کد ۱۲");
    }

    #[test]
    fn any_digits_in() {
        assert_eq!(normalize_digits("۰۹۱۲٣٤٥6789"), "09123456789");
        assert_eq!(digits_only("۰۲۵-۳۷۸۳۹۰۹۳"), "02537839093");
        assert_eq!(digit_value('x'), None);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(0), "۰");
        assert_eq!(format_number(999), "۹۹۹");
        assert_eq!(format_number(1000), "۱٬۰۰۰");
        assert_eq!(format_number(15_478_656), "۱۵٬۴۷۸٬۶۵۶");
        assert_eq!(format_number(-2241), "\u{2212}۲٬۲۴۱");
    }

    #[test]
    fn round_trip_every_number_to_ten_thousand() {
        for n in 0..10_000u32 {
            let shown = to_persian_digits(&n.to_string());
            assert!(shown.chars().all(|c| PERSIAN.contains(&c)));
            assert_eq!(normalize_digits(&shown), n.to_string());
        }
    }
}
