//! The e-mail newsletter (خبرنامه الکترونیک): topics, issues and their delivery.

use serde::{Deserialize, Serialize};

/// What a subscriber may choose to receive: published news, tenders and laws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NewsletterTopic {
    News,
    Tenders,
    Laws,
}

impl NewsletterTopic {
    pub const ALL: [NewsletterTopic; 3] = [
        NewsletterTopic::News,
        NewsletterTopic::Tenders,
        NewsletterTopic::Laws,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NewsletterTopic::News => "news",
            NewsletterTopic::Tenders => "tenders",
            NewsletterTopic::Laws => "laws",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            NewsletterTopic::News => "اخبار",
            NewsletterTopic::Tenders => "مناقصه‌ها و مزایده‌ها",
            NewsletterTopic::Laws => "قوانین و مقررات",
        }
    }

    /// The kind of content the topic carries.
    pub fn kind(self) -> crate::model::ContentKind {
        match self {
            NewsletterTopic::News => crate::model::ContentKind::News,
            NewsletterTopic::Tenders => crate::model::ContentKind::Tender,
            NewsletterTopic::Laws => crate::model::ContentKind::Law,
        }
    }

    pub fn of_kind(kind: crate::model::ContentKind) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.kind() == kind)
    }

    /// Topics as stored: keys joined by commas, in [`Self::ALL`]'s order.
    pub fn join(topics: &[NewsletterTopic]) -> String {
        Self::ALL
            .into_iter()
            .filter(|t| topics.contains(t))
            .map(Self::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn split(s: &str) -> Vec<NewsletterTopic> {
        s.split(',').filter_map(Self::parse).collect()
    }
}

/// A published item a custodian may put into an issue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterCandidate {
    pub id: i32,
    pub topic: NewsletterTopic,
    pub title: String,
    pub published_at: i64,
}

/// How an issue's mails stand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryCounts {
    /// Not yet handed to the outbox (the sender is throttled).
    pub waiting: i64,
    /// In the outbox, not sent yet (or being retried).
    pub queued: i64,
    pub sent: i64,
    /// Given up after the outbox's attempts.
    pub failed: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterIssue {
    pub id: i32,
    pub subject: String,
    pub weekly: bool,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub items: usize,
    pub counts: DeliveryCounts,
}

/// One recipient of an issue and where their mail is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterRecipient {
    pub email: String,
    /// `waiting`, `queued`, `sent` or `failed`.
    pub state: String,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterIssueDetail {
    pub issue: NewsletterIssue,
    pub intro: String,
    pub item_titles: Vec<String>,
    pub recipients: Vec<NewsletterRecipient>,
}

/// The staff's newsletter desk: items to choose from, subscribers by topic, issues.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsletterDesk {
    pub candidates: Vec<NewsletterCandidate>,
    /// Confirmed subscribers of each topic, in [`NewsletterTopic::ALL`]'s order.
    pub subscribers: Vec<(NewsletterTopic, i64)>,
    pub issues: Vec<NewsletterIssue>,
}
