//! The pages as lazily loaded routes: each page's browser code is its own WASM chunk
//! (`cargo leptos build --split`), fetched when the page is first shown, so the first load
//! carries the shell (header, footer, router) and that one page only. On the server every
//! route renders at once, as before; the page tells the browser which chunks it needs
//! (`<link rel="modulepreload">`), and hydration waits for them (`hydrate_lazy`).

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

/// One unit struct per page, and its view behind a split point.
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

lazy_pages! {
    Home => view! { <HomePage/> };
    Contact => view! { <ContactPage/> };
    Accessibility => view! { <AccessibilityPage/> };
    Search => view! { <SearchPage/> };
    CounterOffices => view! { <CounterOfficesPage/> };
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
    Newsletter => view! { <NewsletterPage/> };
    NewsletterConfirm => view! { <NewsletterConfirmPage/> };
    NewsletterUnsubscribe => view! { <NewsletterUnsubscribePage/> };
    LinkList => view! { <ContentListPage kind=ContentKind::Link/> };
    ReportList => view! { <ContentListPage kind=ContentKind::Report/> };
    ReportItem => view! { <ContentPage kind=ContentKind::Report/> };
    Bulletin => view! { <BulletinPage/> };
    WaterDashboard => view! { <WaterDashboardPage/> };
    RainGauges => view! { <RainGaugesPage/> };
    RainGauge => view! { <RainGaugePage/> };
    Dams => view! { <DamsPage/> };
    Dam => view! { <DamPage/> };
    Aquifers => view! { <AquifersPage/> };
    Research => view! { <ResearchPage/> };
    ResearchList => view! { <ContentListPage kind=ContentKind::Research/> };
    ResearchItem => view! { <ContentPage kind=ContentKind::Research/> };
    ResearchCallList => view! { <ContentListPage kind=ContentKind::ResearchCall/> };
    ResearchCallItem => view! { <ContentPage kind=ContentKind::ResearchCall/> };
    KnowledgeList => view! { <ContentListPage kind=ContentKind::Knowledge/> };
    KnowledgeItem => view! { <ContentPage kind=ContentKind::Knowledge/> };
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
    Dashboard => view! { <DashboardPage/> };
    SectionDashboard => view! { <SectionDashboardPage/> };
    AdminUsers => view! { <AdminUsersPage/> };
    AdminUser => view! { <AdminUserPage/> };
    AdminCustodians => view! { <AdminCustodiansPage/> };
    AdminAppointment => view! { <AdminAppointmentPage/> };
    AdminAudit => view! { <AdminAuditPage/> };
    AdminAccountability => view! { <AdminAccountabilityPage/> };
    AdminAnalytics => view! { <AdminAnalyticsPage/> };
    StaffNewsletter => view! { <StaffNewsletterPage/> };
    StaffNewsletterIssue => view! { <StaffNewsletterIssuePage/> };
    AdminOutbox => view! { <AdminOutboxPage/> };
    StaffQueue => view! { <StaffQueuePage/> };
    StaffTicket => view! { <StaffTicketPage/> };
    TicketSettings => view! { <TicketSettingsPage/> };
    StaffInbox => view! { <StaffInboxPage/> };
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
    StaffMessage => view! { <StaffMessagePage/> };
}
