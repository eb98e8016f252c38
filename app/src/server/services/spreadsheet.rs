//! Tables for spreadsheets: CSV (UTF-8 with a byte-order mark so Excel reads Persian right,
//! CRLF lines) and XLSX (a right-to-left sheet with a bold, frozen header row). A text that
//! a spreadsheet would run as a formula is kept as text in both.

use crate::error::{AppError, AppResult};

/// A text cell that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`, unless
/// it is a plain number.
pub fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_cell(s: &str) -> String {
    let s = neutralised(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A CSV document of `header` and `rows`. Cells are written as given except for the
/// formula guard: callers pass numbers already as text.
pub fn csv<H: AsRef<str>>(header: &[H], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| csv_cell(h.as_ref())).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| csv_cell(c)).collect()));
    }
    out
}

/// A cell written as a number: a plain decimal, not an identifier (no leading zero, at
/// most 15 digits, so codes and phone numbers stay text and exact).
fn as_number(v: &str) -> Option<f64> {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let leading_zero = v.trim_start_matches('-').starts_with('0')
        && !v.trim_start_matches('-').starts_with("0.")
        && v.trim_start_matches('-') != "0";
    if digits == 0 || digits > 15 || leading_zero || v.starts_with('+') {
        return None;
    }
    v.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// An XLSX workbook of one sheet named `sheet`.
pub fn xlsx<H: AsRef<str>>(sheet: &str, header: &[H], rows: &[Vec<String>]) -> AppResult<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!("cannot write a workbook: {e}");
        AppError::Internal
    };
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    // Sheet names: at most 31 characters, none of []:*?/\.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let name = name.trim().trim_matches('\'');
    if !name.is_empty() {
        ws.set_name(name).map_err(fail)?;
    }
    ws.set_right_to_left(true);
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h.as_ref(), &bold)
            .map_err(fail)?;
        ws.set_column_width(c as u16, 18).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match as_number(v) {
                Some(x) => ws.write_number(r, c, x).map_err(fail)?,
                None => ws.write_string(r, c, neutralised(v)).map_err(fail)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_stay_text_and_cells_are_quoted() {
        let rows = vec![vec!["=1+1".to_string(), "-3".into(), "a,\"b\"".into()]];
        assert_eq!(
            super::csv(&["x", "y", "z"], &rows),
            "\u{feff}x,y,z\r\n'=1+1,-3,\"a,\"\"b\"\"\"\r\n"
        );
        let book = super::xlsx("درخواست‌ها", &["x"], &rows).unwrap();
        assert!(book.starts_with(b"PK"));
        assert_eq!(super::as_number("12.5"), Some(12.5));
        assert_eq!(super::as_number("0"), Some(0.0));
        assert_eq!(super::as_number("0012345679"), None);
        assert_eq!(super::as_number("1234567890123456"), None);
    }
}
