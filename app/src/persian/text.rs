//! Text normalization for search and comparison (see the Persian guide): Arabic yeh and kaf
//! become Persian, tatweel and diacritics go, ZWNJ counts as a space, digits fold to Latin,
//! runs of white space collapse, and Latin letters are lower-cased.

/// The normalized form stored beside searchable text and applied to every query.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            '\u{064A}' | '\u{0649}' => 'ی',
            '\u{0643}' => 'ک',
            '\u{0629}' => 'ه',
            // Tatweel and the Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef).
            '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => continue,
            '\u{200C}' | '\u{200D}' => ' ',
            _ => c,
        };
        let c = match super::digits::digit_value(c) {
            Some(v) => char::from_digit(v, 10).unwrap_or(c),
            None => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Trims and collapses runs of white space to one space, for names and short texts that
/// are stored as typed (Arabic letters are folded to Persian; ZWNJ is kept).
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{064A}', '\u{0649}'], "ی")
        .replace('\u{0643}', "ک")
}

#[cfg(test)]
mod tests {
    use super::{collapse_spaces, normalize};

    #[test]
    fn spaces_collapse() {
        assert_eq!(collapse_spaces("  علي   رضايي "), "علی رضایی");
    }

    #[test]
    fn arabic_letters_fold_to_persian() {
        assert_eq!(normalize("كد ملي"), normalize("کد ملی"));
        assert_eq!(normalize("كد ملي"), "کد ملی");
    }

    #[test]
    fn digits_tatweel_diacritics_and_zwnj() {
        assert_eq!(normalize("۱۴۰۳"), "1403");
        assert_eq!(normalize("آبـــخوان"), "آبخوان");
        assert_eq!(normalize("مُدیریت"), "مدیریت");
        assert_eq!(normalize("می‌شود"), normalize("می شود"));
        assert_eq!(normalize("  Qom   Water "), "qom water");
    }
}
