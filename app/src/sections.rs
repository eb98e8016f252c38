//! The portal's map: every section the source document lists, with its address and Persian
//! name. The header, the home page, the sitemap and the "being prepared" pages all read it,
//! so a section is named in exactly one place.

/// One page of the portal that a citizen can reach from the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable identifier, from the glossary (`regulation`, `counter_office`, ...).
    pub key: &'static str,
    pub path: &'static str,
    pub title: &'static str,
    /// One sentence for the home page and the page description.
    pub summary: &'static str,
}

/// A group of sections shown under one heading of the navigation.
#[derive(Clone, Copy, Debug)]
pub struct SectionGroup {
    pub title: &'static str,
    pub sections: &'static [Section],
}

const fn s(
    key: &'static str,
    path: &'static str,
    title: &'static str,
    summary: &'static str,
) -> Section {
    Section {
        key,
        path,
        title,
        summary,
    }
}

pub const GROUPS: &[SectionGroup] = &[
    SectionGroup {
        title: "قوانین و خدمات",
        sections: &[
            s(
                "regulation",
                "/laws",
                "قوانین و مقررات",
                "بخشنامه‌ها، آیین‌نامه‌ها و قوانین منابع آب، رودخانه‌ها و امور مالی.",
            ),
            s(
                "service",
                "/services",
                "شناسنامه خدمات",
                "خدمات الکترونیکی شرکت با متولی، مدارک لازم و فرآیند انجام هر خدمت.",
            ),
        ],
    },
    SectionGroup {
        title: "اخبار و اطلاعیه‌ها",
        sections: &[
            s("news", "/news", "اخبار", "اخبار روز شرکت آب منطقه‌ای قم."),
            s(
                "tender",
                "/tenders",
                "مناقصه‌ها و مزایده‌ها",
                "آگهی‌های مناقصه و مزایده‌ی شرکت.",
            ),
            s(
                "event",
                "/events",
                "مناسبت‌ها و رویدادها",
                "مناسبت‌ها و رویدادهای روز.",
            ),
            s(
                "faq",
                "/faq",
                "پرسش‌های متداول",
                "پاسخ پرسش‌های پرتکرار شهروندان.",
            ),
            s(
                "archive",
                "/news/archive",
                "بایگانی اخبار",
                "اخبار گذشته به تفکیک سال و ماه.",
            ),
            s(
                "newsletter",
                "/newsletter",
                "خبرنامه الکترونیک",
                "عضویت در خبرنامه‌ی الکترونیک شرکت.",
            ),
            s(
                "link",
                "/links",
                "پیوندهای مرتبط",
                "پیوند به پایگاه‌های مرتبط با آب و انرژی.",
            ),
        ],
    },
    SectionGroup {
        title: "آمار و داده‌های منابع آب",
        sections: &[
            s(
                "water_dashboard",
                "/water",
                "منابع آب استان قم در یک نگاه",
                "بارش از آغاز سال آبی و حجم سدها در برابر پارسال و میانگین.",
            ),
            s(
                "water_profile",
                "/water/reports",
                "سیمای آب و گزارش‌های منابع آب",
                "گزارش‌های سیمای آب استان قم.",
            ),
            s(
                "weekly_bulletin",
                "/water/weekly-bulletin",
                "آمارنامه‌ی هفتگی منابع آب استان",
                "آمار هفتگی منابع آب استان.",
            ),
            s(
                "rain_gauge",
                "/water/rain-gauges",
                "ایستگاه‌های باران‌سنجی",
                "آمار بارش ایستگاه‌های باران‌سنجی استان.",
            ),
            s(
                "dam",
                "/water/dams",
                "وضعیت سدها",
                "حجم مخزن، ورودی و خروجی سدهای استان.",
            ),
            s(
                "aquifer",
                "/water/aquifers",
                "آبخوان‌ها و دشت‌ها",
                "اطلاعات آبخوان‌ها و دشت‌های استان.",
            ),
        ],
    },
    SectionGroup {
        title: "ارتباط با ما",
        sections: &[
            s(
                "contact",
                "/contact",
                "اطلاعات تماس",
                "نشانی و تلفن شرکت و امور منابع آب شهرستان‌ها.",
            ),
            s(
                "counter_office",
                "/counter-offices",
                "دفاتر پیشخوان",
                "فهرست دفاتر پیشخوان در شهرستان‌های استان.",
            ),
            s(
                "research",
                "/research",
                "تحقیق و پژوهش",
                "طرح‌های پژوهشی و مدیریت دانش شرکت.",
            ),
        ],
    },
    SectionGroup {
        title: "خدمات تعاملی",
        sections: &[
            s(
                "ticket",
                "/tickets/new",
                "ثبت تیکت",
                "پرسش خود را ثبت کنید و با کد پیگیری پاسخ را ببینید.",
            ),
            s(
                "ticket_track",
                "/tickets/track",
                "پیگیری تیکت",
                "مشاهده‌ی پاسخ تیکت با کد پیگیری.",
            ),
            s(
                "message",
                "/messages/new",
                "پیشنهادها و انتقادها",
                "پیشنهاد یا انتقاد خود را برای شرکت بفرستید.",
            ),
            s(
                "form",
                "/forms",
                "فرم‌های درخواست",
                "فرم‌های پرسش و درخواست که کارشناس مربوط پاسخ می‌دهد.",
            ),
            s(
                "login",
                "/login",
                "ورود",
                "ورود کاربران، متولیان و کارشناسان.",
            ),
            s(
                "register",
                "/register",
                "ثبت‌نام",
                "عضویت در پرتال با تکمیل فرم مشخصات.",
            ),
        ],
    },
];

/// Every section, in navigation order.
pub fn all() -> impl Iterator<Item = &'static Section> {
    GROUPS.iter().flat_map(|g| g.sections.iter())
}

pub fn by_key(key: &str) -> Option<&'static Section> {
    all().find(|s| s.key == key)
}

/// A section the code names by its key; the test below holds every such key to the map.
pub fn section(key: &str) -> &'static Section {
    by_key(key).unwrap_or_else(|| panic!("section {key:?} is not in sections::GROUPS"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_paths_are_unique_and_well_formed() {
        let mut keys: Vec<_> = all().map(|s| s.key).collect();
        let mut paths: Vec<_> = all().map(|s| s.path).collect();
        let n = keys.len();
        keys.sort();
        keys.dedup();
        paths.sort();
        paths.dedup();
        assert_eq!(keys.len(), n);
        assert_eq!(paths.len(), n);
        assert!(all().all(|s| s.path.starts_with('/') && !s.path.ends_with('/')));
    }

    #[test]
    fn every_section_of_the_source_document_is_there() {
        for key in [
            "regulation",
            "service",
            "news",
            "tender",
            "newsletter",
            "event",
            "faq",
            "archive",
            "link",
            "water_profile",
            "weekly_bulletin",
            "rain_gauge",
            "dam",
            "aquifer",
            "contact",
            "counter_office",
            "message",
            "ticket",
            "register",
            "form",
        ] {
            assert!(by_key(key).is_some(), "missing section {key}");
        }
    }
}
