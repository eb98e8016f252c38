//! The pages as lazily loaded routes (`cargo leptos build --split`): each public page is a
//! split unit of its own, fetched when it is first shown, so a first visit loads the shell
//! (header, footer, router) and that page's code only. Pages that share nearly all their code
//! share a unit: the lists of published content (one component for every kind), its items,
//! the staff's screens and the administrator's. Eight units in all cost a first visit more
//! (every page of a unit comes with it: up to 592 KB brotli against 388–502 KB), and a unit
//! for each staff screen made their shared code a thousand small chunks, which lengthened
//! the loader's table and every page's list of `<link rel="modulepreload">`. On the server
//! every route renders at once, as before; the page tells the browser which chunks it needs,
//! and hydration waits for them (`app::hydrate`).
//!
//! A route names its page as a value of one of five enums, each the router's `ChooseView`:
//! the router's matching code is generic over every route's view type and lives in the
//! shell, so five view types instead of one per route keep that code to five copies.

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
use leptos_router::ChooseView;

/// The public pages, each behind a split point of its own: the enum the routes name, one
/// `#[lazy]` function per page, and the router's `ChooseView` that loads and shows one.
/// One enum for all of them, rather than a type per route, keeps the router's matching code
/// (generic over each route's view type, and in the shell every page loads) to one copy.
macro_rules! split_pages {
    ($(#[$doc:meta])* $enum:ident {
        $($name:ident, $load:ident, $preload:ident => $view:expr;)*
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub enum $enum {
            $($name,)*
        }

        $(
            #[leptos::lazy]
            fn $load() -> AnyView {
                $view.into_any()
            }
        )*

        impl ChooseView for $enum {
            async fn choose(self) -> AnyView {
                match self {
                    $($enum::$name => $load().await,)*
                }
            }

            async fn preload(&self) {
                #[cfg(target_arch = "wasm32")]
                match self {
                    $($enum::$name => $preload().await,)*
                }
            }
        }
    };
}

/// For each unit: the enum of its pages (what the routes name), the one function behind its
/// split point that shows any of them, and the router's `ChooseView` that loads it.
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

        impl ChooseView for $unit {
            async fn choose(self) -> AnyView {
                $load(self).await
            }

            async fn preload(&self) {
                #[cfg(target_arch = "wasm32")]
                $preload().await;
            }
        }
    )*};
}

split_pages! {
    /// A public page other than the lists and items of published content.
    Public {
        Home, home, __preload_home => view! { <HomePage/> };
        Contact, contact, __preload_contact => view! { <ContactPage/> };
        Accessibility, accessibility, __preload_accessibility => view! { <AccessibilityPage/> };
        Search, search, __preload_search => view! { <SearchPage/> };
        CounterOffices, counter_offices, __preload_counter_offices => view! { <CounterOfficesPage/> };
        NewsArchive, news_archive, __preload_news_archive => view! { <NewsArchivePage/> };
        Newsletter, newsletter, __preload_newsletter => view! { <NewsletterPage/> };
        NewsletterConfirm, newsletter_confirm, __preload_newsletter_confirm => view! { <NewsletterConfirmPage/> };
        NewsletterUnsubscribe, newsletter_unsubscribe, __preload_newsletter_unsubscribe => view! { <NewsletterUnsubscribePage/> };
        Research, research, __preload_research => view! { <ResearchPage/> };
        Bulletin, bulletin, __preload_bulletin => view! { <BulletinPage/> };
        WaterDashboard, water_dashboard, __preload_water_dashboard => view! { <WaterDashboardPage/> };
        RainGauges, rain_gauges, __preload_rain_gauges => view! { <RainGaugesPage/> };
        RainGauge, rain_gauge, __preload_rain_gauge => view! { <RainGaugePage/> };
        Dams, dams, __preload_dams => view! { <DamsPage/> };
        Dam, dam, __preload_dam => view! { <DamPage/> };
        Aquifers, aquifers, __preload_aquifers => view! { <AquifersPage/> };
        NewTicket, new_ticket, __preload_new_ticket => view! { <NewTicketPage/> };
        TrackTicket, track_ticket, __preload_track_ticket => view! { <TrackTicketPage/> };
        NewMessage, new_message, __preload_new_message => view! { <NewMessagePage/> };
        TrackMessage, track_message, __preload_track_message => view! { <TrackMessagePage/> };
        Forms, forms, __preload_forms => view! { <FormsPage/> };
        TrackSubmission, track_submission, __preload_track_submission => view! { <TrackSubmissionPage/> };
        FormQa, form_qa, __preload_form_qa => view! { <FormQaPage/> };
        FillForm, fill_form, __preload_fill_form => view! { <FillFormPage/> };
        Login, login, __preload_login => view! { <LoginPage/> };
        Register, register, __preload_register => view! { <RegisterPage/> };
        RegisterDone, register_done, __preload_register_done => view! { <RegisterDonePage/> };
        Profile, profile, __preload_profile => view! { <ProfilePage/> };
    }
}

page_units! {
    /// The lists of every kind of published content: one component shows them all.
    content_lists, __preload_content_lists, ContentListUnit {
        LawList => view! { <ContentListPage kind=ContentKind::Law/> };
        ServiceList => view! { <ContentListPage kind=ContentKind::Service/> };
        NewsList => view! { <ContentListPage kind=ContentKind::News/> };
        TenderList => view! { <ContentListPage kind=ContentKind::Tender/> };
        EventList => view! { <ContentListPage kind=ContentKind::Event/> };
        FaqList => view! { <ContentListPage kind=ContentKind::Faq/> };
        LinkList => view! { <ContentListPage kind=ContentKind::Link/> };
        ReportList => view! { <ContentListPage kind=ContentKind::Report/> };
        ResearchList => view! { <ContentListPage kind=ContentKind::Research/> };
        ResearchCallList => view! { <ContentListPage kind=ContentKind::ResearchCall/> };
        KnowledgeList => view! { <ContentListPage kind=ContentKind::Knowledge/> };
    }
    /// The split unit of an item of published content, of any kind.
    content_items, __preload_content_items, ContentItemUnit {
        LawItem => view! { <ContentPage kind=ContentKind::Law/> };
        ServiceItem => view! { <ContentPage kind=ContentKind::Service/> };
        NewsItem => view! { <ContentPage kind=ContentKind::News/> };
        TenderItem => view! { <ContentPage kind=ContentKind::Tender/> };
        EventItem => view! { <ContentPage kind=ContentKind::Event/> };
        FaqItem => view! { <ContentPage kind=ContentKind::Faq/> };
        ReportItem => view! { <ContentPage kind=ContentKind::Report/> };
        ResearchItem => view! { <ContentPage kind=ContentKind::Research/> };
        ResearchCallItem => view! { <ContentPage kind=ContentKind::ResearchCall/> };
        KnowledgeItem => view! { <ContentPage kind=ContentKind::Knowledge/> };
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
