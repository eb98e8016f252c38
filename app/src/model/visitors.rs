//! Visitor statistics as the footer and the administrator's analytics page show them.

use serde::{Deserialize, Serialize};

/// The footer's figures, as of `updated_at` (the last flush of this server instance).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorFigures {
    /// Distinct visitors seen in the last `online_minutes` minutes.
    pub online: i64,
    pub online_minutes: i64,
    /// The most visitors ever online at once, and when (seconds since the Unix epoch).
    pub peak: i64,
    pub peak_at: Option<i64>,
    /// Visits (browsing sessions) begun today and yesterday (Tehran days), and in all.
    pub today: i64,
    pub yesterday: i64,
    pub total: i64,
    pub updated_at: i64,
}

/// The footer's figures with the address this request came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FooterVisitors {
    pub figures: VisitorFigures,
    pub your_ip: Option<String>,
}

/// One Tehran day: `day` is Jalali `YYYY/MM/DD` in Latin digits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    pub visits: i64,
    pub views: i64,
    pub peak_online: i64,
}

/// A label (a path, a search, a referring site) and how often it was seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelCount {
    pub label: String,
    pub count: i64,
}

/// The administrator's analytics for the last `days` days (today included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorAnalytics {
    pub days: u32,
    /// Every day of the period, oldest first, zeros included.
    pub per_day: Vec<DayCount>,
    /// Visits and page views by the Tehran clock hour they began in (0–23), over the period.
    pub per_hour: Vec<(i64, i64)>,
    pub top_pages: Vec<LabelCount>,
    pub top_searches: Vec<LabelCount>,
    /// Visits by referring site; the empty label is visits typed in or bookmarked.
    pub referrers: Vec<LabelCount>,
}

/// The periods the analytics page offers, in days.
pub const ANALYTICS_PERIODS: [u32; 4] = [7, 30, 90, 365];
