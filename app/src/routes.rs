//! The pages as lazily loaded routes, in eight split units (`cargo leptos build --split`):
//! the home page; published content; the site's other public pages; the water data; a
//! citizen's tickets, messages and forms; accounts; the staff's screens; the administrator's.
//! A unit's browser code is fetched when one of its pages is first shown, so a first visit
//! loads the shell (header, footer, router) and one unit, never the staff's screens. A unit
//! rather than a page: 79 split points made over a thousand small chunks, which compress
//! worse, lengthen the loader's table and every page's list of `<link rel="modulepreload">`,
//! while pages of one unit share most of their code. On the server every route renders at
//! once, as before; the page tells the browser which chunks it needs, and hydration waits
//! for them (`app::hydrate`).

use crate::model::ContentKind;
use crate::pages::admin::{
    accountability::AdminAccountabilityPage,
    analytics::AdminAnalyticsPage,
    audit::AdminAuditPage,
    custodians::{AdminAppointmentPage, AdminCustodiansPage},
    outbox::AdminOutboxPage,
    users::{AdminUserPage, AdminUsersPage},
};
use crate::pages::{
    accessibility::AccessibilityPage,
    auth::{LoginPage, RegisterDonePage, RegisterPage},
    contact::ContactPage,
    content::{ContentListPage, ContentPage, NewsArchivePage},
    counter_offices::CounterOfficesPage,
    dashboard::{DashboardPage, SectionDashboardPage},
    forms::{FillFormPage, FormQaPage, FormsPage, TrackSubmissionPage},
    home::HomePage,
    messages::{NewMessagePage, StaffInboxPage, StaffMessagePage, TrackMessagePage},
    newsletter::{
        NewsletterConfirmPage, NewsletterPage, NewsletterUnsubscribePage, StaffNewsletterIssuePage,
        StaffNewsletterPage,
    },
    profile::ProfilePage,
    research::ResearchPage,
    search::SearchPage,
    staff_content::{ContentEditorPage, ReviewQueuePage, StaffContentListPage},
    staff_forms::{FormBuilderPage, StaffFormsPage, StaffSubmissionPage, SubmissionInboxPage},
    staff_offices::{StaffContactPage, StaffCounterOfficesPage},
    staff_tickets::{StaffQueuePage, StaffTicketPage},
    staff_topics::StaffTopicsPage,
    staff_water::{StaffWaterPage, WaterImportPage},
    ticket_settings::TicketSettingsPage,
    tickets::{NewTicketPage, TrackTicketPage},
    water::{
        AquifersPage, BulletinPage, DamPage, DamsPage, RainGaugePage, RainGaugesPage,
        WaterDashboardPage,
    },
};
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// For each unit: the enum of its pages, the one function behind its split point that shows
/// any of them, and one unit struct per page whose lazy view calls that function.
macro_rules! page_units {
    ($($(#[$doc:meta])* $load:ident, $preload:ident, $unit:ident {
        $($name:ident => $view:expr;)*
    })*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        #[allow(clippy::enum_variant_names)]
        pub enum $unit {
            $($name,)*
        }

        #[leptos::lazy]
        fn $load(page: $unit) -> AnyView {
            match page {
                $($unit::$name => $view.into_any(),)*
            }
        }

        $(
            #[derive(Debug)]
            pub struct $name;

            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                async fn view(_this: Self) -> AnyView {
                    $load($unit::$name).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    )*};
}

page_units! {
    /// The split unit of the home page.
    home_page, __preload_home_page, HomeUnit {
        Home => view! { <HomePage/> };
    }
    /// The split unit of published content: laws, service cards, news, tenders, events, FAQ, links, reports, research.
    content_pages, __preload_content_pages, ContentUnit {
        NewsArchive => view! { <NewsArchivePage/> };
        LawList => view! { <ContentListPage kind=ContentKind::Law/> };
        LawItem => view! { <ContentPage kind=ContentKind::Law/> };
        ServiceList => view! { <ContentListPage kind=ContentKind::Service/> };
        ServiceItem => view! { <ContentPage kind=ContentKind::Service/> };
        NewsList => view! { <ContentListPage kind=ContentKind::News/> };
        NewsItem => view! { <ContentPage kind=ContentKind::News/> };
        TenderList => view! { <ContentListPage kind=ContentKind::Tender/> };
        TenderItem => view! { <ContentPage kind=ContentKind::Tender/> };
        EventList => view! { <ContentListPage kind=ContentKind::Event/> };
        EventItem => view! { <ContentPage kind=ContentKind::Event/> };
        FaqList => view! { <ContentListPage kind=ContentKind::Faq/> };
        FaqItem => view! { <ContentPage kind=ContentKind::Faq/> };
        LinkList => view! { <ContentListPage kind=ContentKind::Link/> };
        ReportList => view! { <ContentListPage kind=ContentKind::Report/> };
        ReportItem => view! { <ContentPage kind=ContentKind::Report/> };
        Research => view! { <ResearchPage/> };
        ResearchList => view! { <ContentListPage kind=ContentKind::Research/> };
        ResearchItem => view! { <ContentPage kind=ContentKind::Research/> };
        ResearchCallList => view! { <ContentListPage kind=ContentKind::ResearchCall/> };
        ResearchCallItem => view! { <ContentPage kind=ContentKind::ResearchCall/> };
        KnowledgeList => view! { <ContentListPage kind=ContentKind::Knowledge/> };
        KnowledgeItem => view! { <ContentPage kind=ContentKind::Knowledge/> };
    }
    /// The split unit of the site search, contact, counter offices, accessibility and the newsletter.
    site_pages, __preload_site_pages, SiteUnit {
        Contact => view! { <ContactPage/> };
        Accessibility => view! { <AccessibilityPage/> };
        Search => view! { <SearchPage/> };
        CounterOffices => view! { <CounterOfficesPage/> };
        Newsletter => view! { <NewsletterPage/> };
        NewsletterConfirm => view! { <NewsletterConfirmPage/> };
        NewsletterUnsubscribe => view! { <NewsletterUnsubscribePage/> };
    }
    /// The split unit of the water data.
    water_pages, __preload_water_pages, WaterUnit {
        Bulletin => view! { <BulletinPage/> };
        WaterDashboard => view! { <WaterDashboardPage/> };
        RainGauges => view! { <RainGaugesPage/> };
        RainGauge => view! { <RainGaugePage/> };
        Dams => view! { <DamsPage/> };
        Dam => view! { <DamPage/> };
        Aquifers => view! { <AquifersPage/> };
    }
    /// The split unit of a citizen's tickets, messages and forms.
    citizen_pages, __preload_citizen_pages, CitizenUnit {
        NewTicket => view! { <NewTicketPage/> };
        TrackTicket => view! { <TrackTicketPage/> };
        NewMessage => view! { <NewMessagePage/> };
        TrackMessage => view! { <TrackMessagePage/> };
        Forms => view! { <FormsPage/> };
        TrackSubmission => view! { <TrackSubmissionPage/> };
        FormQa => view! { <FormQaPage/> };
        FillForm => view! { <FillFormPage/> };
    }
    /// The split unit of signing in, registering and the profile.
    account_pages, __preload_account_pages, AccountUnit {
        Login => view! { <LoginPage/> };
        Register => view! { <RegisterPage/> };
        RegisterDone => view! { <RegisterDonePage/> };
        Profile => view! { <ProfilePage/> };
    }
    /// The split unit of the custodians' and experts' screens.
    staff_pages, __preload_staff_pages, StaffUnit {
        Dashboard => view! { <DashboardPage/> };
        SectionDashboard => view! { <SectionDashboardPage/> };
        StaffQueue => view! { <StaffQueuePage/> };
        StaffTicket => view! { <StaffTicketPage/> };
        TicketSettings => view! { <TicketSettingsPage/> };
        StaffInbox => view! { <StaffInboxPage/> };
        StaffMessage => view! { <StaffMessagePage/> };
        StaffContentList => view! { <StaffContentListPage/> };
        ContentEditor => view! { <ContentEditorPage/> };
        StaffTopics => view! { <StaffTopicsPage/> };
        StaffForms => view! { <StaffFormsPage/> };
        FormBuilder => view! { <FormBuilderPage/> };
        SubmissionInbox => view! { <SubmissionInboxPage/> };
        StaffSubmission => view! { <StaffSubmissionPage/> };
        StaffWater => view! { <StaffWaterPage/> };
        WaterImport => view! { <WaterImportPage/> };
        ReviewQueue => view! { <ReviewQueuePage/> };
        StaffContact => view! { <StaffContactPage/> };
        StaffCounterOffices => view! { <StaffCounterOfficesPage/> };
        StaffNewsletter => view! { <StaffNewsletterPage/> };
        StaffNewsletterIssue => view! { <StaffNewsletterIssuePage/> };
    }
    /// The split unit of the administrator's screens.
    admin_pages, __preload_admin_pages, AdminUnit {
        AdminUsers => view! { <AdminUsersPage/> };
        AdminUser => view! { <AdminUserPage/> };
        AdminCustodians => view! { <AdminCustodiansPage/> };
        AdminAppointment => view! { <AdminAppointmentPage/> };
        AdminAudit => view! { <AdminAuditPage/> };
        AdminAccountability => view! { <AdminAccountabilityPage/> };
        AdminAnalytics => view! { <AdminAnalyticsPage/> };
        AdminOutbox => view! { <AdminOutboxPage/> };
    }
}
