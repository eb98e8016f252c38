//! Advanced forms: a form's definition (its fields, each of a kind with limits), the one
//! validation of a typed value that both the server and the browser run, and what pages see
//! of forms and submissions.

use super::{StaffMember, TicketCategory, TicketPost};
use crate::persian::{identity, jalali::JalaliDate, normalize_digits, to_persian_digits};
use serde::{Deserialize, Serialize};

/// What a field asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldKind {
    ShortText,
    LongText,
    Number,
    Date,
    Choice,
    MultiChoice,
    YesNo,
    NationalId,
    Mobile,
    Email,
    File,
}

impl FieldKind {
    pub const ALL: [FieldKind; 11] = [
        FieldKind::ShortText,
        FieldKind::LongText,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Choice,
        FieldKind::MultiChoice,
        FieldKind::YesNo,
        FieldKind::NationalId,
        FieldKind::Mobile,
        FieldKind::Email,
        FieldKind::File,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::ShortText => "short_text",
            FieldKind::LongText => "long_text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
            FieldKind::MultiChoice => "multi_choice",
            FieldKind::YesNo => "yes_no",
            FieldKind::NationalId => "national_id",
            FieldKind::Mobile => "mobile",
            FieldKind::Email => "email",
            FieldKind::File => "file",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            FieldKind::ShortText => "متن کوتاه",
            FieldKind::LongText => "متن بلند",
            FieldKind::Number => "عدد",
            FieldKind::Date => "تاریخ (شمسی)",
            FieldKind::Choice => "گزینه‌ای، یک پاسخ",
            FieldKind::MultiChoice => "گزینه‌ای، چند پاسخ",
            FieldKind::YesNo => "بله / خیر",
            FieldKind::NationalId => "کد ملی",
            FieldKind::Mobile => "شماره همراه",
            FieldKind::Email => "رایانامه",
            FieldKind::File => "پرونده (پیوست)",
        }
    }

    /// Whether the field offers a list of options.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Choice | FieldKind::MultiChoice)
    }

    /// What the lower and upper limits of this kind measure, for the builder; `None` when
    /// the kind has no limits.
    pub fn limits_label(self) -> Option<&'static str> {
        match self {
            FieldKind::ShortText | FieldKind::LongText => Some("شمار نویسه‌ها"),
            FieldKind::Number => Some("مقدار عدد"),
            FieldKind::Date => Some("تاریخ (مانند ۱۴۰۴/۰۱/۰۱)"),
            FieldKind::MultiChoice => Some("شمار گزینه‌های برگزیده"),
            FieldKind::File => Some("شمار پرونده‌ها (دست‌بالا ۳)"),
            _ => None,
        }
    }

    /// Whether answers of this kind identify a person (masked for the holder of a code,
    /// never in the public Q&A).
    pub fn is_personal(self) -> bool {
        matches!(
            self,
            FieldKind::NationalId | FieldKind::Mobile | FieldKind::Email
        )
    }
}

/// One field of a form. `min` and `max` are empty or a limit in the measure of the kind
/// (characters, value, Jalali date with Latin digits, selections, files).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDef {
    /// Stable across versions (`f1`, `f2`, …): the name of the input and of the answer.
    pub key: String,
    pub kind: FieldKind,
    pub label: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    #[serde(default)]
    pub options: Vec<String>,
}

/// The longest short and long texts when the builder sets no upper limit.
pub const SHORT_TEXT_MAX: usize = 200;
pub const LONG_TEXT_MAX: usize = 5000;
/// Files one file field takes at most.
pub const MAX_FILES_PER_FIELD: usize = 3;

fn count_limit(s: &str) -> Option<usize> {
    normalize_digits(s.trim()).parse().ok()
}

fn fa(n: impl ToString) -> String {
    to_persian_digits(&n.to_string())
}

impl FieldDef {
    /// The upper limit of characters of a text field.
    pub fn max_chars(&self) -> usize {
        let default = if self.kind == FieldKind::LongText {
            LONG_TEXT_MAX
        } else {
            SHORT_TEXT_MAX
        };
        count_limit(&self.max).unwrap_or(default)
    }

    /// Files this field takes at most.
    pub fn max_files(&self) -> usize {
        count_limit(&self.max)
            .unwrap_or(MAX_FILES_PER_FIELD)
            .clamp(1, MAX_FILES_PER_FIELD)
    }

    /// Checks what was typed (or chosen) for this field and returns its canonical form:
    /// nothing for an optional field left empty, one value for most kinds, the chosen
    /// options for a multiple choice. The message is Persian and names no field (the page
    /// shows it under the field; the server adds the label). File fields are counted by
    /// [`FieldDef::check_file_count`] instead.
    pub fn check(&self, raw: &[String]) -> Result<Vec<String>, String> {
        let given: Vec<String> = raw
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if given.is_empty() || self.kind == FieldKind::File {
            return if self.required && self.kind != FieldKind::File {
                Err(match self.kind {
                    FieldKind::Choice | FieldKind::YesNo => "یکی از گزینه‌ها را برگزینید.".into(),
                    FieldKind::MultiChoice => "دست‌کم یکی از گزینه‌ها را برگزینید.".into(),
                    _ => "این خانه را پر کنید.".into(),
                })
            } else {
                Ok(Vec::new())
            };
        }
        let one = &given[0];
        let value = match self.kind {
            FieldKind::ShortText | FieldKind::LongText => {
                let v = if self.kind == FieldKind::ShortText {
                    crate::persian::text::collapse_spaces(one)
                } else {
                    one.replace("\r\n", "\n")
                };
                let n = v.chars().count();
                if let Some(min) = count_limit(&self.min).filter(|m| n < *m) {
                    return Err(format!("دست‌کم {} نویسه بنویسید.", fa(min)));
                }
                if n > self.max_chars() {
                    return Err(format!(
                        "بیش از {} نویسه نوشته‌اید؛ کوتاه‌ترش کنید.",
                        fa(self.max_chars())
                    ));
                }
                v
            }
            FieldKind::Number => {
                let x = crate::persian::digits::parse_decimal(one)
                    .ok_or("یک عدد بنویسید، مانند ۱۲ یا ۳٫۵.")?;
                if let Some(min) = crate::persian::digits::parse_decimal(&self.min) {
                    if x < min {
                        return Err(format!("عدد باید دست‌کم {} باشد.", fa(&self.min)));
                    }
                }
                if let Some(max) = crate::persian::digits::parse_decimal(&self.max) {
                    if x > max {
                        return Err(format!("عدد باید دست‌بالا {} باشد.", fa(&self.max)));
                    }
                }
                let s = format!("{x}");
                s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
            }
            FieldKind::Date => {
                let d = JalaliDate::parse(&normalize_digits(one)).map_err(|e| e.message())?;
                if let Ok(min) = JalaliDate::parse(&self.min) {
                    if d < min {
                        return Err(format!("تاریخ باید {} یا پس از آن باشد.", min.format()));
                    }
                }
                if let Ok(max) = JalaliDate::parse(&self.max) {
                    if d > max {
                        return Err(format!("تاریخ باید {} یا پیش از آن باشد.", max.format()));
                    }
                }
                d.to_latin_string()
            }
            FieldKind::Choice => self
                .options
                .iter()
                .find(|o| o.as_str() == one)
                .cloned()
                .ok_or("یکی از گزینه‌های فهرست را برگزینید.")?,
            FieldKind::MultiChoice => {
                let mut chosen = Vec::new();
                for g in &given {
                    let o = self
                        .options
                        .iter()
                        .find(|o| *o == g)
                        .ok_or("تنها گزینه‌های فهرست را برگزینید.")?;
                    if !chosen.contains(o) {
                        chosen.push(o.clone());
                    }
                }
                // In the order of the options, whatever the order they came in.
                chosen.sort_by_key(|c| self.options.iter().position(|o| o == c));
                if let Some(min) = count_limit(&self.min).filter(|m| chosen.len() < *m) {
                    return Err(format!("دست‌کم {} گزینه را برگزینید.", fa(min)));
                }
                if let Some(max) = count_limit(&self.max).filter(|m| chosen.len() > *m) {
                    return Err(format!("دست‌بالا {} گزینه را برگزینید.", fa(max)));
                }
                return Ok(chosen);
            }
            FieldKind::YesNo => match one.as_str() {
                "yes" | "no" => one.clone(),
                _ => return Err("بله یا خیر را برگزینید.".into()),
            },
            FieldKind::NationalId => identity::national_id(one)?,
            FieldKind::Mobile => identity::mobile(one)?,
            FieldKind::Email => identity::email(one)?,
            FieldKind::File => unreachable!("file fields return above"),
        };
        Ok(vec![value])
    }

    /// Checks how many files came for a file field.
    pub fn check_file_count(&self, n: usize) -> Result<(), String> {
        if n == 0 && self.required {
            return Err("پرونده‌ای پیوست کنید.".into());
        }
        if let Some(min) = count_limit(&self.min).filter(|m| n < *m && (n > 0 || self.required)) {
            return Err(format!("دست‌کم {} پرونده پیوست کنید.", fa(min)));
        }
        if n > self.max_files() {
            return Err(format!(
                "دست‌بالا {} پرونده پیوست کنید.",
                fa(self.max_files())
            ));
        }
        Ok(())
    }

    /// An answer as a page shows it: Persian digits, «بله»/«خیر», options joined.
    pub fn display(&self, values: &[String]) -> String {
        match self.kind {
            FieldKind::YesNo => values
                .first()
                .map(|v| if v == "yes" { "بله" } else { "خیر" })
                .unwrap_or_default()
                .to_string(),
            FieldKind::Number | FieldKind::Date => values
                .first()
                .map(|v| to_persian_digits(&v.replace('.', "٫")))
                .unwrap_or_default(),
            FieldKind::NationalId | FieldKind::Mobile => values
                .first()
                .map(|v| to_persian_digits(v))
                .unwrap_or_default(),
            _ => values.join("، "),
        }
    }
}

/// `۰۰۱۲۳۴۵۶۷۸` → `******۵۶۷۸`: what the holder of a tracking code sees of an identifier.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let keep = 4.min(chars.len() / 2);
    let hidden = chars.len() - keep;
    "*".repeat(hidden) + &chars[hidden..].iter().collect::<String>()
}

/// What a submission goes through: new → in progress → (awaiting the submitter ⇄ in
/// progress) → answered → closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubmissionStatus {
    New,
    InProgress,
    AwaitingCitizen,
    Answered,
    Closed,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 5] = [
        SubmissionStatus::New,
        SubmissionStatus::InProgress,
        SubmissionStatus::AwaitingCitizen,
        SubmissionStatus::Answered,
        SubmissionStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::New => "new",
            SubmissionStatus::InProgress => "in_progress",
            SubmissionStatus::AwaitingCitizen => "awaiting_citizen",
            SubmissionStatus::Answered => "answered",
            SubmissionStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// As staff read it.
    pub fn label(self) -> &'static str {
        match self {
            SubmissionStatus::New => "جدید",
            SubmissionStatus::InProgress => "در حال رسیدگی",
            SubmissionStatus::AwaitingCitizen => "در انتظار اطلاعات از فرستنده",
            SubmissionStatus::Answered => "پاسخ داده شده",
            SubmissionStatus::Closed => "بسته",
        }
    }

    /// As the submitter reads it.
    pub fn public_label(self) -> &'static str {
        match self {
            SubmissionStatus::AwaitingCitizen => "در انتظار پاسخ شما به پرسش کارشناس",
            other => other.label(),
        }
    }

    /// Still waiting for the company.
    pub fn is_open(self) -> bool {
        matches!(self, SubmissionStatus::New | SubmissionStatus::InProgress)
    }
}

/// A form in the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormSummary {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub signed_in_only: bool,
    /// Why it takes no submissions now (not yet open, closed), or `None` when open.
    pub closed_reason: Option<String>,
    pub is_sample: bool,
}

/// A form to fill: its current version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicForm {
    pub summary: FormSummary,
    pub version: i32,
    pub fields: Vec<FieldDef>,
    pub signed_in: bool,
    /// Published questions and answers of this form.
    pub qa_count: u64,
}

/// One answer of a submission, with the label of the version it was given to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownAnswer {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub text: String,
    /// The files of a file field.
    pub files: Vec<super::Attachment>,
}

/// A submission as its submitter sees it by code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSubmission {
    pub tracking_code: String,
    pub form_id: i32,
    pub form_title: String,
    pub version: i32,
    pub status: SubmissionStatus,
    pub created_at: i64,
    pub updated_at: i64,
    /// Identifiers are masked here.
    pub answers: Vec<ShownAnswer>,
    pub posts: Vec<TicketPost>,
}

/// A row of the forms list of the builder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormRow {
    pub id: i32,
    pub title: String,
    pub active: bool,
    /// The published version's number; 0 before the first publication.
    pub version: i32,
    pub unpublished_changes: bool,
    pub category: String,
    pub submissions: u64,
    pub open_submissions: u64,
}

/// The builder's list: forms and the categories a form can be routed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormList {
    pub forms: Vec<FormRow>,
    pub categories: Vec<TicketCategory>,
    pub can_export: bool,
}

/// A published version, in the builder's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionRow {
    pub number: i32,
    pub title: String,
    pub fields: usize,
    pub published_at: i64,
    pub published_by: String,
    pub submissions: u64,
}

/// A form as its builder edits it: settings (not versioned) and the working copy of the
/// definition (published as a new version).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormEditor {
    pub id: i32,
    pub title: String,
    pub description: String,
    pub fields: Vec<FieldDef>,
    pub category_id: i32,
    pub assignee_id: Option<i32>,
    pub signed_in_only: bool,
    /// Jalali, Latin digits, or empty.
    pub opens_on: String,
    pub closes_on: String,
    pub active: bool,
    pub version: i32,
    pub unpublished_changes: bool,
    pub versions: Vec<VersionRow>,
    pub categories: Vec<TicketCategory>,
    /// Who may receive its submissions: the experts of its category.
    pub experts: Vec<StaffMember>,
    pub can_export: bool,
}

/// A row of the experts' inbox or of "my submissions".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionRow {
    pub id: i32,
    pub tracking_code: String,
    pub form_title: String,
    pub version: i32,
    pub category: String,
    pub status: SubmissionStatus,
    pub created_at: i64,
    pub assignee: Option<String>,
}

/// The experts' inbox with what its filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionInbox {
    pub rows: Vec<SubmissionRow>,
    pub forms: Vec<(i32, String)>,
}

/// A published question and answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QaItem {
    pub id: i32,
    pub form_id: i32,
    pub form_title: String,
    pub question: String,
    pub answer: String,
    pub published_at: i64,
}

/// A submission as the expert sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSubmission {
    pub row: SubmissionRow,
    pub answers: Vec<ShownAnswer>,
    pub posts: Vec<TicketPost>,
    pub registered_user: bool,
    pub consent_to_publish: bool,
    pub qa: Option<QaItem>,
    /// The question and answer offered for the public list, with identifiers removed.
    pub qa_question: String,
    pub qa_answer: String,
    pub assignable: Vec<StaffMember>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> FieldDef {
        FieldDef {
            key: "f1".into(),
            kind,
            label: "خانه".into(),
            help: String::new(),
            required: true,
            min: String::new(),
            max: String::new(),
            options: vec!["الف".into(), "ب".into(), "پ".into()],
        }
    }

    fn check(f: &FieldDef, v: &[&str]) -> Result<Vec<String>, String> {
        f.check(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn every_kind_is_checked_and_canonical() {
        let mut t = field(FieldKind::ShortText);
        t.min = "3".into();
        t.max = "۱۰".into();
        assert!(check(&t, &[""]).is_err());
        assert!(check(&t, &["ab"]).is_err());
        assert!(check(&t, &["یک دو سه چهار پنج"]).is_err());
        assert_eq!(check(&t, &["  سلام   دنیا "]).unwrap(), ["سلام دنیا"]);
        t.required = false;
        assert_eq!(check(&t, &["  "]).unwrap(), Vec::<String>::new());

        let mut n = field(FieldKind::Number);
        n.min = "0".into();
        n.max = "100".into();
        assert_eq!(check(&n, &["۱۲٫۵"]).unwrap(), ["12.5"]);
        assert_eq!(check(&n, &["۴۲"]).unwrap(), ["42"]);
        assert!(check(&n, &["101"]).is_err());
        assert!(check(&n, &["-1"]).is_err());
        assert!(check(&n, &["دوازده"]).is_err());

        let mut d = field(FieldKind::Date);
        d.min = "1404/01/01".into();
        assert_eq!(check(&d, &["۱۴۰۴/۲/۳"]).unwrap(), ["1404/02/03"]);
        assert!(check(&d, &["1403/12/29"]).is_err());
        assert!(check(&d, &["1404/12/31"]).is_err(), "1404 is not leap");
        assert!(check(&d, &["فردا"]).is_err());

        let c = field(FieldKind::Choice);
        assert_eq!(check(&c, &["ب"]).unwrap(), ["ب"]);
        assert!(check(&c, &["ت"]).is_err());

        let mut m = field(FieldKind::MultiChoice);
        m.max = "2".into();
        assert_eq!(check(&m, &["پ", "الف", "پ"]).unwrap(), ["الف", "پ"]);
        assert!(check(&m, &["الف", "ب", "پ"]).is_err());
        assert!(check(&m, &["ت"]).is_err());

        let y = field(FieldKind::YesNo);
        assert_eq!(check(&y, &["no"]).unwrap(), ["no"]);
        assert!(check(&y, &["maybe"]).is_err());
        assert_eq!(y.display(&["yes".into()]), "بله");

        let id = field(FieldKind::NationalId);
        assert_eq!(check(&id, &["۰۰۱۲۳۴۵۶۷۹"]).unwrap(), ["0012345679"]);
        assert!(check(&id, &["0012345678"]).is_err());
        let mobile = field(FieldKind::Mobile);
        assert_eq!(check(&mobile, &["۰۹۱۲ ۳۴۵ ۶۷۸۹"]).unwrap(), ["09123456789"]);
        assert!(check(&mobile, &["0812345678"]).is_err());
        let email = field(FieldKind::Email);
        assert!(check(&email, &["a@b"]).is_err());

        let mut file = field(FieldKind::File);
        assert!(file.check_file_count(0).is_err());
        file.max = "2".into();
        assert!(file.check_file_count(2).is_ok());
        assert!(file.check_file_count(3).is_err());
        assert_eq!(mask("0012345679"), "******5679");
    }
}
