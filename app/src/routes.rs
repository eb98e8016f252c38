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
use leptos_router::{lazy_route, LazyRoute};

/// A page behind a split point of its own: one unit struct and its lazy view.
macro_rules! lazy_pages {
    ($($name:ident => $view:expr;)*) => {$(
        #[derive(Debug)]
        pub struct $name;

        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                $view.into_any()
            }
        }
    )*};
}

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

lazy_pages! {
    Home => view! { <HomePage/> };
    Contact => view! { <ContactPage/> };
    Accessibility => view! { <AccessibilityPage/> };
    Search => view! { <SearchPage/> };
    CounterOffices => view! { <CounterOfficesPage/> };
    NewsArchive => view! { <NewsArchivePage/> };
    Newsletter => view! { <NewsletterPage/> };
    NewsletterConfirm => view! { <NewsletterConfirmPage/> };
    NewsletterUnsubscribe => view! { <NewsletterUnsubscribePage/> };
    Research => view! { <ResearchPage/> };
    Bulletin => view! { <BulletinPage/> };
    WaterDashboard => view! { <WaterDashboardPage/> };
    RainGauges => view! { <RainGaugesPage/> };
    RainGauge => view! { <RainGaugePage/> };
    Dams => view! { <DamsPage/> };
    Dam => view! { <DamPage/> };
    Aquifers => view! { <AquifersPage/> };
    NewTicket => view! { <NewTicketPage/> };
    TrackTicket => view! { <TrackTicketPage/> };
    NewMessage => view! { <NewMessagePage/> };
    TrackMessage => view! { <TrackMessagePage/> };
    Forms => view! { <FormsPage/> };
    TrackSubmission => view! { <TrackSubmissionPage/> };
    FormQa => view! { <FormQaPage/> };
    FillForm => view! { <FillFormPage/> };
    Login => view! { <LoginPage/> };
    Register => view! { <RegisterPage/> };
    RegisterDone => view! { <RegisterDonePage/> };
    Profile => view! { <ProfilePage/> };
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
