//! Published content as pages and the editor see it: the kinds, their states and fields,
//! list cards, a public item, and what the editor needs.

use super::Attachment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every content type of the publishing engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContentKind {
    Law,
    Service,
    News,
    Tender,
    Event,
    Faq,
    Link,
    /// Water-profile reports and uploaded bulletins (documents of the water section).
    Report,
    /// An applied research project (the research section).
    Research,
    /// A call for research proposals with the priorities it announces and a deadline.
    ResearchCall,
    /// A knowledge item: a lesson learned, a technical note, an expert's experience; each
    /// public, for registered users, or for staff only.
    Knowledge,
}

/// How a type-specific field is typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldInput {
    Text,
    LongText,
    Url,
    /// One entry a line.
    Lines,
    /// A Jalali date (`۱۴۰۴/۰۲/۱۵`).
    Date,
    /// A Jalali date and time (`۱۴۰۴/۰۲/۱۵ ۱۴:۰۰`).
    DateTime,
    Choice(&'static [(&'static str, &'static str)]),
    YesNo,
    Number,
    /// A staff member (administrator, custodian or expert), stored by account id.
    StaffMember,
}

/// One field of a kind's form. Keys `subkind`, `ref_number` and `ref_date` are stored in
/// columns (lists filter and sort by them); any other key goes to the JSON `fields`, and
/// `executor` and `visibility` are also copied to columns (a list filter, the audience).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub input: FieldInput,
    pub required: bool,
    pub help: &'static str,
}

const fn f(
    key: &'static str,
    label: &'static str,
    input: FieldInput,
    required: bool,
    help: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        input,
        required,
        help,
    }
}

pub const LAW_KINDS: &[(&str, &str)] = &[
    ("law", "قانون"),
    ("bylaw", "آیین‌نامه"),
    ("circular", "بخشنامه"),
    ("directive", "دستورالعمل"),
];
pub const TENDER_KINDS: &[(&str, &str)] = &[("tender", "مناقصه"), ("auction", "مزایده")];
pub const REPORT_KINDS: &[(&str, &str)] = &[
    ("water_profile", "سیمای آب"),
    ("bulletin", "آمارنامه"),
    ("other", "گزارش دیگر"),
];
pub const SERVICE_TYPES: &[(&str, &str)] = &[
    ("G2C", "دولت به شهروند (G2C)"),
    ("G2B", "دولت به کسب‌وکار (G2B)"),
    ("G2G", "دولت به دولت (G2G)"),
];
pub const SERVICE_CHANNELS: &[(&str, &str)] = &[
    ("online", "برخط (اینترنتی)"),
    ("counter", "دفاتر پیشخوان"),
    ("in_person", "حضوری در شرکت"),
];

pub const RESEARCH_STATUSES: &[(&str, &str)] = &[
    ("proposed", "پیشنهادی"),
    ("contracted", "قرارداد منعقد شده"),
    ("in_progress", "در حال اجرا"),
    ("finished", "پایان‌یافته"),
];
pub const KNOWLEDGE_KINDS: &[(&str, &str)] = &[
    ("lesson", "درس آموخته"),
    ("note", "یادداشت فنی"),
    ("experience", "تجربه‌ی کارشناسان"),
];

/// Who may read an item: everyone, signed-in users, or staff (administrator, custodians,
/// experts). Only knowledge items choose; every other kind is public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Visibility {
    Public,
    Registered,
    Staff,
}

pub const VISIBILITIES: &[(&str, &str)] = &[
    ("public", "عمومی (همه)"),
    ("registered", "کاربران ثبت‌نام‌کرده"),
    ("staff", "فقط کارکنان شرکت"),
];

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Registered => "registered",
            Visibility::Staff => "staff",
        }
    }

    /// The visibilities a reader of this level may read, as stored.
    pub fn readable(self) -> Vec<&'static str> {
        [
            Visibility::Public,
            Visibility::Registered,
            Visibility::Staff,
        ]
        .into_iter()
        .filter(|v| *v <= self)
        .map(Visibility::as_str)
        .collect()
    }

    /// Anything unknown reads as the narrowest.
    pub fn parse(s: &str) -> Self {
        match s {
            "public" | "" => Visibility::Public,
            "registered" => Visibility::Registered,
            _ => Visibility::Staff,
        }
    }
}

const RESEARCH_FIELDS: &[FieldSpec] = &[
    f(
        "ref_number",
        "کد طرح",
        FieldInput::Text,
        true,
        "کد طرح در سامانه‌ی پژوهشی شرکت، مانند QRW-1403-07",
    ),
    f(
        "subkind",
        "وضعیت",
        FieldInput::Choice(RESEARCH_STATUSES),
        true,
        "",
    ),
    f(
        "executor",
        "مجری",
        FieldInput::Text,
        true,
        "دانشگاه، پژوهشگاه یا شرکت مجری طرح",
    ),
    f(
        "supervisor",
        "ناظر",
        FieldInput::Text,
        false,
        "ناظر طرح از سوی شرکت",
    ),
    f(
        "ref_date",
        "تاریخ شروع",
        FieldInput::Date,
        true,
        "سال/ماه/روز خورشیدی",
    ),
    f(
        "end_date",
        "تاریخ پایان",
        FieldInput::Date,
        false,
        "سال/ماه/روز خورشیدی؛ برای طرح پایان‌یافته یا پایان پیش‌بینی‌شده",
    ),
    f(
        "budget",
        "اعتبار (ریال)",
        FieldInput::Number,
        false,
        "اختیاری؛ به ریال",
    ),
    f(
        "keywords",
        "واژه‌های کلیدی",
        FieldInput::Text,
        false,
        "با ویرگول (،) جدا کنید",
    ),
];
const RESEARCH_CALL_FIELDS: &[FieldSpec] = &[
    f("ref_number", "شماره‌ی فراخوان", FieldInput::Text, true, ""),
    f(
        "ref_date",
        "مهلت ارسال پیشنهاد",
        FieldInput::DateTime,
        true,
        "سال/ماه/روز ساعت:دقیقه، به وقت تهران",
    ),
    f(
        "priorities",
        "اولویت‌های پژوهشی",
        FieldInput::Lines,
        true,
        "هر اولویت در یک سطر",
    ),
];
const KNOWLEDGE_FIELDS: &[FieldSpec] = &[
    f(
        "subkind",
        "نوع",
        FieldInput::Choice(KNOWLEDGE_KINDS),
        true,
        "",
    ),
    f(
        "author",
        "نویسنده",
        FieldInput::StaffMember,
        true,
        "کارمند یا کارشناسی که این دانش از اوست",
    ),
    f(
        "visibility",
        "دسترسی",
        FieldInput::Choice(VISIBILITIES),
        true,
        "چه کسانی این مطلب را ببینند؛ در فهرست‌ها، جست‌وجو و خوراک‌ها نیز رعایت می‌شود",
    ),
];

const LAW_FIELDS: &[FieldSpec] = &[
    f("subkind", "نوع", FieldInput::Choice(LAW_KINDS), true, ""),
    f(
        "ref_number",
        "شماره",
        FieldInput::Text,
        true,
        "شماره‌ی مصوبه یا نامه، مانند ۱۲۳۴/۱۰۰",
    ),
    f(
        "ref_date",
        "تاریخ تصویب یا ابلاغ",
        FieldInput::Date,
        true,
        "سال/ماه/روز خورشیدی",
    ),
    f(
        "authority",
        "مرجع تصویب یا ابلاغ",
        FieldInput::Text,
        true,
        "مانند مجلس شورای اسلامی، هیئت وزیران، وزارت نیرو",
    ),
];
const SERVICE_FIELDS: &[FieldSpec] = &[
    f(
        "ref_number",
        "شناسه‌ی خدمت",
        FieldInput::Text,
        true,
        "شناسه‌ی ۱۴ رقمی خدمت در فهرست خدمات دولت",
    ),
    f(
        "subkind",
        "نوع خدمت",
        FieldInput::Choice(SERVICE_TYPES),
        true,
        "",
    ),
    f(
        "audience",
        "گیرندگان خدمت",
        FieldInput::Text,
        true,
        "مانند کشاورزان، صنایع، شهروندان",
    ),
    f(
        "unit",
        "متولی خدمت",
        FieldInput::Text,
        true,
        "واحد پاسخ‌گو در شرکت",
    ),
    f(
        "documents",
        "مدارک لازم",
        FieldInput::Lines,
        false,
        "هر مدرک در یک سطر",
    ),
    f(
        "steps",
        "مراحل انجام",
        FieldInput::Lines,
        true,
        "هر مرحله در یک سطر: مرحله | انجام‌دهنده | شرح | مدرک یا پیوند لازم (اختیاری)",
    ),
    f(
        "legal_basis",
        "مستندات قانونی",
        FieldInput::Lines,
        false,
        "نشانی قانون در همین پرتال (مانند /laws/12) یا عنوان آن، هر کدام در یک سطر",
    ),
    f(
        "fee",
        "هزینه",
        FieldInput::Text,
        false,
        "مانند رایگان، یا مبلغ به ریال",
    ),
    f(
        "duration",
        "مدت انجام",
        FieldInput::Text,
        false,
        "مانند ۱۰ روز کاری",
    ),
    f(
        "channel",
        "شیوه‌ی دسترسی",
        FieldInput::Choice(SERVICE_CHANNELS),
        true,
        "",
    ),
    f(
        "online_url",
        "نشانی خدمت برخط",
        FieldInput::Url,
        false,
        "برای خدمت برخط",
    ),
    f("trackable", "پیگیری‌پذیر است", FieldInput::YesNo, false, ""),
];
const NEWS_FIELDS: &[FieldSpec] = &[];
const TENDER_FIELDS: &[FieldSpec] = &[
    f(
        "subkind",
        "نوع آگهی",
        FieldInput::Choice(TENDER_KINDS),
        true,
        "",
    ),
    f("ref_number", "شماره‌ی آگهی", FieldInput::Text, true, ""),
    f(
        "ref_date",
        "مهلت دریافت پیشنهاد",
        FieldInput::DateTime,
        true,
        "سال/ماه/روز ساعت:دقیقه، به وقت تهران",
    ),
];
const EVENT_FIELDS: &[FieldSpec] = &[
    f(
        "ref_date",
        "تاریخ و ساعت",
        FieldInput::DateTime,
        true,
        "سال/ماه/روز ساعت:دقیقه، به وقت تهران",
    ),
    f("place", "مکان", FieldInput::Text, false, ""),
];
const FAQ_FIELDS: &[FieldSpec] = &[];
const REPORT_FIELDS: &[FieldSpec] = &[
    f(
        "subkind",
        "نوع گزارش",
        FieldInput::Choice(REPORT_KINDS),
        true,
        "",
    ),
    f(
        "ref_date",
        "تاریخ گزارش",
        FieldInput::Date,
        true,
        "سال/ماه/روز خورشیدی",
    ),
    f(
        "period",
        "دوره‌ی گزارش",
        FieldInput::Text,
        false,
        "مانند سال آبی ۱۴۰۳–۱۴۰۴",
    ),
];
const LINK_FIELDS: &[FieldSpec] = &[f(
    "url",
    "نشانی",
    FieldInput::Url,
    true,
    "با http:// یا https://",
)];

impl ContentKind {
    pub const ALL: [ContentKind; 11] = [
        ContentKind::Law,
        ContentKind::Service,
        ContentKind::News,
        ContentKind::Tender,
        ContentKind::Event,
        ContentKind::Faq,
        ContentKind::Link,
        ContentKind::Report,
        ContentKind::Research,
        ContentKind::ResearchCall,
        ContentKind::Knowledge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContentKind::Law => "law",
            ContentKind::Service => "service",
            ContentKind::News => "news",
            ContentKind::Tender => "tender",
            ContentKind::Event => "event",
            ContentKind::Faq => "faq",
            ContentKind::Link => "link",
            ContentKind::Report => "report",
            ContentKind::Research => "research",
            ContentKind::ResearchCall => "research_call",
            ContentKind::Knowledge => "knowledge",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The section whose custodians keep this kind.
    pub fn section_key(self) -> &'static str {
        match self {
            ContentKind::Law => "laws",
            ContentKind::Service => "services",
            ContentKind::News => "news",
            ContentKind::Tender => "tenders",
            ContentKind::Event => "events",
            ContentKind::Faq => "faq",
            ContentKind::Link => "links",
            ContentKind::Report => "water",
            ContentKind::Research | ContentKind::ResearchCall | ContentKind::Knowledge => {
                "research"
            }
        }
    }

    /// The public list's address; an item is at `{path}/{id}/{slug}`.
    pub fn path(self) -> &'static str {
        match self {
            ContentKind::Law => "/laws",
            ContentKind::Service => "/services",
            ContentKind::News => "/news",
            ContentKind::Tender => "/tenders",
            ContentKind::Event => "/events",
            ContentKind::Faq => "/faq",
            ContentKind::Link => "/links",
            ContentKind::Report => "/water/reports",
            ContentKind::Research => "/research/projects",
            ContentKind::ResearchCall => "/research/calls",
            ContentKind::Knowledge => "/research/knowledge",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ContentKind::Law => "قانون یا مقرره",
            ContentKind::Service => "شناسنامه‌ی خدمت",
            ContentKind::News => "خبر",
            ContentKind::Tender => "آگهی مناقصه یا مزایده",
            ContentKind::Event => "رویداد یا مناسبت",
            ContentKind::Faq => "پرسش متداول",
            ContentKind::Link => "پیوند",
            ContentKind::Report => "گزارش منابع آب",
            ContentKind::Research => "طرح پژوهشی",
            ContentKind::ResearchCall => "فراخوان پژوهشی",
            ContentKind::Knowledge => "مطلب دانشی",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            ContentKind::Law => "قوانین و مقررات",
            ContentKind::Service => "شناسنامه خدمات",
            ContentKind::News => "اخبار",
            ContentKind::Tender => "مناقصه‌ها و مزایده‌ها",
            ContentKind::Event => "مناسبت‌ها و رویدادها",
            ContentKind::Faq => "پرسش‌های متداول",
            ContentKind::Link => "پیوندهای مرتبط",
            ContentKind::Report => "سیمای آب و گزارش‌های منابع آب",
            ContentKind::Research => "طرح‌های پژوهشی",
            ContentKind::ResearchCall => "فراخوان‌ها و اولویت‌های پژوهشی",
            ContentKind::Knowledge => "مدیریت دانش",
        }
    }

    /// What the title field is called for this kind.
    pub fn title_label(self) -> &'static str {
        match self {
            ContentKind::Faq => "پرسش",
            ContentKind::Service => "عنوان خدمت",
            ContentKind::Research => "عنوان طرح",
            _ => "عنوان",
        }
    }

    /// What the body is called; `None` when the kind has no body.
    pub fn body_label(self) -> Option<&'static str> {
        match self {
            ContentKind::Faq => Some("پاسخ"),
            ContentKind::Link => None,
            ContentKind::Service => Some("شرح خدمت"),
            ContentKind::Report => Some("شرح"),
            ContentKind::Research => Some("چکیده"),
            ContentKind::ResearchCall => Some("متن فراخوان"),
            _ => Some("متن"),
        }
    }

    /// The name of its topics, when the kind is classified by topic (data, per kind).
    pub fn topic_label(self) -> Option<&'static str> {
        match self {
            ContentKind::Law => Some("موضوع"),
            ContentKind::News => Some("دسته‌ی خبر"),
            ContentKind::Faq => Some("دسته"),
            ContentKind::Research => Some("اولویت پژوهشی"),
            ContentKind::Knowledge => Some("موضوع"),
            _ => None,
        }
    }

    /// Whether the kind takes a main image (shown on cards and in Open Graph).
    pub fn has_image(self) -> bool {
        matches!(self, ContentKind::News | ContentKind::Event)
    }

    /// Whether the kind is ordered by hand (`sort_order`) rather than by date.
    pub fn ordered_by_hand(self) -> bool {
        matches!(self, ContentKind::Faq | ContentKind::Link)
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            ContentKind::Law => LAW_FIELDS,
            ContentKind::Service => SERVICE_FIELDS,
            ContentKind::News => NEWS_FIELDS,
            ContentKind::Tender => TENDER_FIELDS,
            ContentKind::Event => EVENT_FIELDS,
            ContentKind::Faq => FAQ_FIELDS,
            ContentKind::Link => LINK_FIELDS,
            ContentKind::Report => REPORT_FIELDS,
            ContentKind::Research => RESEARCH_FIELDS,
            ContentKind::ResearchCall => RESEARCH_CALL_FIELDS,
            ContentKind::Knowledge => KNOWLEDGE_FIELDS,
        }
    }

    /// Whether the kind's `ref_date` is a deadline (the list can show only open ones).
    pub fn has_deadline(self) -> bool {
        matches!(self, ContentKind::Tender | ContentKind::ResearchCall)
    }

    /// Whether lists of the kind filter and sort by `ref_date` rather than publication.
    pub fn dated_by_reference(self) -> bool {
        matches!(self, ContentKind::Law | ContentKind::Research)
    }

    /// Whether the public list has a box for words to find.
    pub fn has_word_search(self) -> bool {
        matches!(
            self,
            ContentKind::Law
                | ContentKind::Faq
                | ContentKind::Research
                | ContentKind::ResearchCall
                | ContentKind::Knowledge
        )
    }

    /// The name of the kind's RSS feed (`/feeds/{name}.xml`), if it has one.
    pub fn feed_name(self) -> Option<&'static str> {
        match self {
            ContentKind::Law => Some("laws"),
            ContentKind::Service => Some("services"),
            ContentKind::News => Some("news"),
            ContentKind::Tender => Some("tenders"),
            ContentKind::Event => Some("events"),
            ContentKind::Research => Some("research"),
            ContentKind::ResearchCall => Some("research-calls"),
            ContentKind::Knowledge => Some("knowledge"),
            ContentKind::Faq | ContentKind::Link | ContentKind::Report => None,
        }
    }

    /// The Persian label of a `subkind` value.
    pub fn subkind_label(self, value: &str) -> Option<&'static str> {
        self.subkinds()
            .and_then(|(_, options)| options.iter().find(|(v, _)| *v == value).map(|(_, l)| *l))
    }

    /// The label and the choices of the kind's `subkind` field, if it has one.
    pub fn subkinds(self) -> Option<(&'static str, &'static [(&'static str, &'static str)])> {
        self.fields()
            .iter()
            .find(|f| f.key == "subkind")
            .and_then(|f| match f.input {
                FieldInput::Choice(options) => Some((f.label, options)),
                _ => None,
            })
    }
}

/// The workflow states of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentState {
    Draft,
    Review,
    Published,
    Archived,
}

impl ContentState {
    pub fn as_str(self) -> &'static str {
        match self {
            ContentState::Draft => "draft",
            ContentState::Review => "review",
            ContentState::Published => "published",
            ContentState::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ContentState::Draft,
            ContentState::Review,
            ContentState::Published,
            ContentState::Archived,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContentState::Draft => "پیش‌نویس",
            ContentState::Review => "در انتظار بررسی",
            ContentState::Published => "منتشرشده",
            ContentState::Archived => "بایگانی",
        }
    }
}

/// A topic or category of a kind (data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i32,
    pub title: String,
}

/// A topic as its section's custodian keeps it: with how many items use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicRow {
    pub id: i32,
    pub title: String,
    pub sort_order: i32,
    pub items: i64,
}

/// The topics of one kind, for the topics screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicGroup {
    pub kind: ContentKind,
    pub topics: Vec<TopicRow>,
}

/// An item in a public list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentCard {
    pub id: i32,
    pub kind: ContentKind,
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// First publication (or the scheduled time it became visible).
    pub published_at: i64,
    pub topic: Option<String>,
    pub subkind: Option<String>,
    pub ref_number: Option<String>,
    pub ref_date: Option<i64>,
    pub image_key: Option<String>,
    pub is_sample: bool,
    /// Only for links: where it points.
    pub url: Option<String>,
    /// Only for FAQ lists (the expandable answers): the sanitized answer.
    pub body_html: Option<String>,
    /// Who may read it (knowledge items may be for registered users or staff only).
    pub visibility: Visibility,
}

impl ContentCard {
    pub fn href(&self) -> String {
        format!("{}/{}/{}", self.kind.path(), self.id, self.slug)
    }
}

/// One page of a public list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentList {
    pub kind: ContentKind,
    pub items: Vec<ContentCard>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub topics: Vec<Topic>,
    /// Jalali years that have items, newest first (for the year filter and archive).
    pub years: Vec<i32>,
    /// Research projects: the executors of the items this visitor may see (a filter).
    pub executors: Vec<String>,
    /// The server's time of the answer (tender status, upcoming events).
    pub now: i64,
}

/// The text a page kept for many visitors carries where its view figure goes: letters only,
/// so no digit conversion or escaping changes it.
pub const VIEWS_PLACEHOLDER: &str = "qrwportalviewcountplaceholderzq";

/// An item as the public page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicContent {
    pub card: ContentCard,
    /// Sanitized HTML: the only HTML the portal ever renders from content.
    pub body_html: String,
    pub fields: BTreeMap<String, String>,
    pub attachments: Vec<Attachment>,
    /// The section that published it (never a private account).
    pub section_title: String,
    pub updated_at: i64,
    /// Views, the visit being shown included.
    pub views: i64,
    /// The page is rendered to be kept for many visitors: it shows [`VIEWS_PLACEHOLDER`] in
    /// place of the figure, which the server fills in for each visit it is shown to.
    pub views_filled_per_visit: bool,
    /// The summary, or the start of the text: for the description and Open Graph tags.
    pub description: String,
    /// The portal's public address, for the canonical link and Open Graph.
    pub public_url: String,
    pub now: i64,
}

/// A row of a section's content list on the staff side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffContentRow {
    pub id: i32,
    pub kind: ContentKind,
    pub title: String,
    pub state: ContentState,
    /// A published item has an edit waiting for review.
    pub pending_edit: bool,
    /// Public right now (published and within its schedule).
    pub visible_now: bool,
    pub publish_at: Option<i64>,
    pub updated_at: i64,
    pub views: i64,
    pub is_sample: bool,
}

/// What the editor shows and edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentEditor {
    /// `None` for a new item.
    pub id: Option<i32>,
    pub kind: ContentKind,
    pub state: ContentState,
    pub title: String,
    pub summary: String,
    /// Sanitized HTML of the working copy.
    pub body: String,
    /// The kind's fields as typed (dates in Jalali with Persian digits).
    pub fields: BTreeMap<String, String>,
    pub topic_id: Option<i32>,
    pub sort_order: i32,
    pub image_key: Option<String>,
    pub publish_at: String,
    pub unpublish_at: String,
    pub topics: Vec<Topic>,
    /// The staff members a `StaffMember` field offers (kinds with one), by account id.
    pub staff: Vec<Topic>,
    pub attachments: Vec<Attachment>,
    /// May publish (and review) in this section, not only write.
    pub may_publish: bool,
    /// The working copy is an edit of a published item waiting for review.
    pub pending_edit: bool,
    /// The reviewer's note when an item or edit was sent back.
    pub review_note: Option<String>,
    /// The public address, while the item is public.
    pub public_href: Option<String>,
    pub is_sample: bool,
}

/// One revision in an item's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub number: i32,
    pub title: String,
    pub note: String,
    pub author: String,
    pub at: i64,
    /// The edit waiting for review.
    pub pending: bool,
}

/// A run of text that is the same (`change` 0), removed (-1) or added (1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub change: i8,
    pub text: String,
}

/// Two revisions compared word by word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionCompare {
    pub item_title: String,
    pub a: i32,
    pub b: i32,
    pub parts: Vec<DiffPart>,
}

/// One result of the site's word search: the item's card and a passage of its text around
/// the first word found, as runs of text (`true` for a found word, shown highlighted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub card: ContentCard,
    pub snippet: Vec<(String, bool)>,
}

/// A result that is not a content item: one of the portal's section pages or a counter
/// office, matched on its name and description.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceHit {
    pub title: String,
    pub href: String,
    /// «صفحه‌ی پرتال» or «دفتر پیشخوان».
    pub label: String,
    pub snippet: Vec<(String, bool)>,
    pub is_sample: bool,
}

/// What the site search may be narrowed to: one kind of content, the counter offices, or
/// the portal's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchScope {
    All,
    Content(ContentKind),
    Offices,
    Pages,
}

impl SearchScope {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "" => Some(SearchScope::All),
            "offices" => Some(SearchScope::Offices),
            "pages" => Some(SearchScope::Pages),
            k => ContentKind::parse(k).map(SearchScope::Content),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            SearchScope::All => "",
            SearchScope::Content(k) => k.as_str(),
            SearchScope::Offices => "offices",
            SearchScope::Pages => "pages",
        }
    }

    /// The choices of the search page's section filter, in order.
    pub fn choices() -> Vec<(SearchScope, &'static str)> {
        let mut v = vec![(SearchScope::All, "همه‌ی بخش‌ها")];
        v.extend(
            ContentKind::ALL
                .iter()
                .filter(|k| **k != ContentKind::Link)
                .map(|k| (SearchScope::Content(*k), k.plural())),
        );
        v.push((SearchScope::Offices, "دفاتر پیشخوان"));
        v.push((SearchScope::Pages, "صفحه‌های پرتال"));
        v
    }
}

/// The most results one search ranks.
pub const SEARCH_MAX_HITS: usize = 500;

/// A page of search results, best first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The server's clock (Unix seconds), for the open / closed badges.
    pub now: i64,
    /// The words searched for, as the engine read them (normalized); empty if there were
    /// none.
    pub words: Vec<String>,
    /// Pages of the portal and counter offices found (shown on the first page only).
    pub places: Vec<PlaceHit>,
    pub hits: Vec<SearchHit>,
    /// Everything found that this visitor may read (at most `search::MAX_HITS`).
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}
