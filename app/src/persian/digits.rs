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

/// A decimal in Persian digits with the Persian thousands (٬) and decimal (٫) separators,
/// rounded to at most `places` decimals with trailing zeros dropped: `1234.50` → `۱٬۲۳۴٫۵`.
pub fn format_decimal(x: f64, places: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let text = format!("{:.*}", places, x.abs());
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (text.as_str(), ""),
    };
    let whole: i64 = whole.parse().unwrap_or(0);
    let negative = x < 0.0 && (whole != 0 || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('\u{2212}');
    }
    out.push_str(&format_number(whole));
    if !frac.is_empty() {
        out.push('٫');
        out.push_str(&to_persian_digits(frac));
    }
    out
}

/// A decimal typed in any digit script, with `.`, `٫` or `/` as the decimal point and
/// optional thousands separators (`٬`, `,`): `۱٬۲۳۴٫۵` → 1234.5.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t: String = normalize_digits(s.trim())
        .chars()
        .filter(|c| !matches!(c, '٬' | ',' | '\u{200c}' | ' '))
        .map(|c| match c {
            '٫' | '/' => '.',
            '\u{2212}' => '-',
            c => c,
        })
        .collect();
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
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

    #[test]
    fn decimals_both_ways() {
        assert_eq!(format_decimal(1234.5, 2), "۱٬۲۳۴٫۵");
        assert_eq!(format_decimal(-0.456, 2), "\u{2212}۰٫۴۶");
        assert_eq!(format_decimal(-0.001, 2), "۰");
        assert_eq!(format_decimal(12.0, 1), "۱۲");
        assert_eq!(parse_decimal("۱٬۲۳۴٫۵"), Some(1234.5));
        assert_eq!(parse_decimal("12.5"), Some(12.5));
        assert_eq!(parse_decimal("٣/٧"), Some(3.7));
        assert_eq!(parse_decimal("-0.4"), Some(-0.4));
        assert_eq!(parse_decimal("۱۲ میلیمتر"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
