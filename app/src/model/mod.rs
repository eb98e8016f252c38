//! Data shared between the server and the browser: plain serde types, never database rows.

use serde::{Deserialize, Serialize};

/// Whether an office is the company's headquarters or a county water-resources office.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfficeKind {
    Company,
    County,
}

impl OfficeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeKind::Company => "company",
            OfficeKind::County => "county",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "company" => Some(OfficeKind::Company),
            "county" => Some(OfficeKind::County),
            _ => None,
        }
    }
}

/// Postal and telephone details of the company or a county water-resources office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeContact {
    pub id: i32,
    pub kind: OfficeKind,
    pub name: String,
    pub county: Option<String>,
    pub address: String,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub sms: Option<String>,
    pub voice_line: Option<String>,
    pub working_hours: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Demo content: shown with a visible «نمونه» mark.
    pub is_sample: bool,
    /// Seconds since the Unix epoch (UTC).
    pub updated_at: i64,
}

/// A government service counter office (دفتر پیشخوان).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterOffice {
    pub id: i32,
    pub county: String,
    pub code: String,
    pub manager: String,
    pub address: String,
    pub phone: String,
    pub name: Option<String>,
    pub working_hours: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_sample: bool,
}

/// A site in the footer's "related sites" block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelatedSite {
    pub title: String,
    pub url: String,
    pub is_sample: bool,
}

/// What the footer of every page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SiteFooter {
    pub company: Option<OfficeContact>,
    pub related_sites: Vec<RelatedSite>,
    pub visitors: FooterVisitors,
}

/// A file attached to a post (or, later, to content), as a page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The random key of its download address, `/files/{key}`.
    pub key: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
}

impl Attachment {
    /// A short Persian name of the file's kind.
    pub fn kind_label(&self) -> &'static str {
        match self.media_type.as_str() {
            "application/pdf" => "PDF",
            "image/png" => "تصویر PNG",
            "image/jpeg" => "تصویر JPEG",
            "image/gif" => "تصویر GIF",
            "image/webp" => "تصویر WebP",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "سند Word",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "کاربرگ Excel",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
                "ارائه PowerPoint"
            }
            "application/vnd.oasis.opendocument.text" => "سند ODT",
            "application/vnd.oasis.opendocument.spreadsheet" => "کاربرگ ODS",
            _ => "پرونده",
        }
    }

    /// The size in Persian: «۱٫۲ مگابایت», «۳۴۰ کیلوبایت».
    pub fn size_label(&self) -> String {
        let s = if self.size >= 1024 * 1024 {
            format!("{:.1} مگابایت", self.size as f64 / (1024.0 * 1024.0)).replace('.', "٫")
        } else {
            format!("{} کیلوبایت", ((self.size + 1023) / 1024).max(1))
        };
        crate::persian::to_persian_digits(&s)
    }
}

mod account;
mod accountability;
mod content;
mod forms;
mod message;
mod newsletter;
mod ticket;
mod visitors;
mod water;
pub use account::*;
pub use accountability::*;
pub use content::*;
pub use forms::*;
pub use message::*;
pub use newsletter::*;
pub use ticket::*;
pub use visitors::*;
pub use water::*;
