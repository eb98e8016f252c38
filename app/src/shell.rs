//! The HTML document and the router: every page lives inside this shell.

use crate::components::layout::Layout;
use crate::model::ContentKind;
use crate::pages::admin::{
    accountability::AdminAccountabilityPage,
    analytics::AdminAnalyticsPage,
    audit::AdminAuditPage,
    custodians::{AdminAppointmentPage, AdminCustodiansPage},
    outbox::AdminOutboxPage,
    users::{AdminUserPage, AdminUsersPage},
};
use crate::pages::not_found::NotFound;
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
use crate::PORTAL_NAME;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The whole document, rendered on the server. Fonts, styles and scripts come from this
/// site only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_security_headers();
    view! {
        <!DOCTYPE html>
        <html lang="fa" dir="rtl">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link
                    rel="preload"
                    href="/fonts/vazirmatn-arabic-wght-normal.woff2"
                    r#as="font"
                    r#type="font/woff2"
                    crossorigin=""
                />
                <link rel="icon" href="/favicon.svg" r#type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Content-Security-Policy with the request's nonce (the only inline script is the
/// hydration loader, which carries it), and the other protective headers of HTML pages.
#[cfg(feature = "ssr")]
fn set_security_headers() {
    use http::header::{HeaderName, HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY};
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| format!(" 'nonce-{n}'"))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        response.insert_header(CONTENT_SECURITY_POLICY, v);
    }
    // A page can differ by who is signed in (items for registered users or staff): only
    // the browser may keep it, and it asks again before reusing it. A signed-in person's
    // pages are not kept at all: Back would otherwise show a stale copy of a staff screen
    // (browsers reuse a kept page for Back without asking), and they hold personal data.
    let signed_in = use_context::<http::request::Parts>()
        .is_some_and(|parts| crate::server::auth::has_session_cookie(&parts.headers));
    let cache = if signed_in {
        "private, no-store"
    } else {
        "private, no-cache"
    };
    response.insert_header(CACHE_CONTROL, HeaderValue::from_static(cache));
    response.insert_header(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
}

/// The browser's entry, called by the islands script, which hydrates each island of the page
/// right after it (in the same task, before any input is handled): starts the islands'
/// reactive root and the in-place navigation (`nav`), and marks the body `data-hydrated`
/// (the browser tests wait for it). Everything outside an island is the server's HTML.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    crate::nav::start();
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

/// The document's title: the page's own title, then the portal's name. leptos_meta writes
/// the formatter's result into `<title>` on the server as it is, so it is escaped here, the
/// one place every page's title passes through (a search's words or a ticket's subject must
/// not close the element). In the browser the result goes to `document.title`, which is text.
fn page_title(page: String) -> String {
    let title = if page.is_empty() {
        PORTAL_NAME.to_string()
    } else {
        format!("{page} | {PORTAL_NAME}")
    };
    if cfg!(feature = "ssr") {
        crate::components::forms::escape_markup(&title)
    } else {
        title
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    // An item's page renders whole before the first byte (Async): its title, description,
    // canonical link and Open Graph tags depend on its data and must reach <head>. Every
    // other public route streams in order, each page's data awaited, so the page is whole
    // without JavaScript (out of order would leave the loading text until hydration).
    view! {
        <Title formatter=page_title text=String::new()/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") ssr=SsrMode::InOrder view=HomePage/>
                    <Route path=path!("/contact") ssr=SsrMode::InOrder view=ContactPage/>
                    <Route path=path!("/accessibility") ssr=SsrMode::InOrder view=AccessibilityPage/>
                    <Route path=path!("/search") ssr=SsrMode::InOrder view=SearchPage/>
                    <Route path=path!("/counter-offices") ssr=SsrMode::InOrder view=CounterOfficesPage/>
                    <Route path=path!("/news/archive") ssr=SsrMode::InOrder view=NewsArchivePage/>
                    <Route path=path!("/laws") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Law/> }/>
                    <Route path=path!("/laws/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Law/> }/>
                    <Route path=path!("/services") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Service/> }/>
                    <Route path=path!("/services/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Service/> }/>
                    <Route path=path!("/news") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::News/> }/>
                    <Route path=path!("/news/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::News/> }/>
                    <Route path=path!("/tenders") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Tender/> }/>
                    <Route path=path!("/tenders/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Tender/> }/>
                    <Route path=path!("/events") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Event/> }/>
                    <Route path=path!("/events/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Event/> }/>
                    <Route path=path!("/faq") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Faq/> }/>
                    <Route path=path!("/faq/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Faq/> }/>
                    <Route path=path!("/newsletter") ssr=SsrMode::InOrder view=NewsletterPage/>
                    <Route path=path!("/newsletter/confirm") ssr=SsrMode::InOrder view=NewsletterConfirmPage/>
                    <Route path=path!("/newsletter/unsubscribe") ssr=SsrMode::InOrder view=NewsletterUnsubscribePage/>
                    <Route path=path!("/links") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Link/> }/>
                    <Route path=path!("/water/profile") ssr=SsrMode::InOrder view=|| view! { <leptos_router::components::Redirect path="/water/reports?subkind=water_profile"/> }/>
                    <Route path=path!("/water/reports") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Report/> }/>
                    <Route path=path!("/water/reports/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Report/> }/>
                    <Route path=path!("/water/weekly-bulletin") ssr=SsrMode::InOrder view=BulletinPage/>
                    <Route path=path!("/water") ssr=SsrMode::InOrder view=WaterDashboardPage/>
                    <Route path=path!("/water/rain-gauges") ssr=SsrMode::InOrder view=RainGaugesPage/>
                    <Route path=path!("/water/rain-gauges/:id") ssr=SsrMode::Async view=RainGaugePage/>
                    <Route path=path!("/water/dams") ssr=SsrMode::InOrder view=DamsPage/>
                    <Route path=path!("/water/dams/:id") ssr=SsrMode::Async view=DamPage/>
                    <Route path=path!("/water/aquifers") ssr=SsrMode::InOrder view=AquifersPage/>
                    <Route path=path!("/research") ssr=SsrMode::InOrder view=ResearchPage/>
                    <Route path=path!("/research/projects") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Research/> }/>
                    <Route path=path!("/research/projects/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Research/> }/>
                    <Route path=path!("/research/calls") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::ResearchCall/> }/>
                    <Route path=path!("/research/calls/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::ResearchCall/> }/>
                    <Route path=path!("/research/knowledge") ssr=SsrMode::InOrder view=|| view! { <ContentListPage kind=ContentKind::Knowledge/> }/>
                    <Route path=path!("/research/knowledge/:id/:slug?") ssr=SsrMode::Async view=|| view! { <ContentPage kind=ContentKind::Knowledge/> }/>
                    <Route path=path!("/tickets/new") ssr=SsrMode::InOrder view=NewTicketPage/>
                    <Route path=path!("/tickets/track") ssr=SsrMode::InOrder view=TrackTicketPage/>
                    <Route path=path!("/messages/new") ssr=SsrMode::InOrder view=NewMessagePage/>
                    <Route path=path!("/messages/track") ssr=SsrMode::InOrder view=TrackMessagePage/>
                    <Route path=path!("/forms") ssr=SsrMode::InOrder view=FormsPage/>
                    <Route path=path!("/forms/track") ssr=SsrMode::InOrder view=TrackSubmissionPage/>
                    <Route path=path!("/forms/qa") ssr=SsrMode::InOrder view=FormQaPage/>
                    <Route path=path!("/forms/:id") ssr=SsrMode::Async view=FillFormPage/>
                    <Route path=path!("/login") ssr=SsrMode::InOrder view=LoginPage/>
                    <Route path=path!("/register") ssr=SsrMode::InOrder view=RegisterPage/>
                    <Route path=path!("/register/done") ssr=SsrMode::InOrder view=RegisterDonePage/>
                    // Pages for signed-in people render whole before the first byte (Async), so
                    // an anonymous visitor gets a real redirect to the login page.
                    <Route path=path!("/profile") ssr=SsrMode::Async view=ProfilePage/>
                    <Route path=path!("/dashboard") ssr=SsrMode::Async view=DashboardPage/>
                    <Route path=path!("/dashboard/section/:key") ssr=SsrMode::Async view=SectionDashboardPage/>
                    <Route path=path!("/admin/users") ssr=SsrMode::Async view=AdminUsersPage/>
                    <Route path=path!("/admin/users/:id") ssr=SsrMode::Async view=AdminUserPage/>
                    <Route path=path!("/admin/custodians") ssr=SsrMode::Async view=AdminCustodiansPage/>
                    <Route path=path!("/admin/custodians/:id") ssr=SsrMode::Async view=AdminAppointmentPage/>
                    <Route path=path!("/admin/audit") ssr=SsrMode::Async view=AdminAuditPage/>
                    <Route path=path!("/admin/accountability") ssr=SsrMode::Async view=AdminAccountabilityPage/>
                    <Route path=path!("/admin/analytics") ssr=SsrMode::Async view=AdminAnalyticsPage/>
                    <Route path=path!("/staff/newsletter") ssr=SsrMode::Async view=StaffNewsletterPage/>
                    <Route path=path!("/staff/newsletter/:id") ssr=SsrMode::Async view=StaffNewsletterIssuePage/>
                    <Route path=path!("/admin/outbox") ssr=SsrMode::Async view=AdminOutboxPage/>
                    <Route path=path!("/staff/tickets") ssr=SsrMode::Async view=StaffQueuePage/>
                    <Route path=path!("/staff/tickets/:id") ssr=SsrMode::Async view=StaffTicketPage/>
                    <Route path=path!("/staff/ticket-settings") ssr=SsrMode::Async view=TicketSettingsPage/>
                    <Route path=path!("/staff/messages") ssr=SsrMode::Async view=StaffInboxPage/>
                    <Route path=path!("/staff/content") ssr=SsrMode::Async view=StaffContentListPage/>
                    <Route path=path!("/staff/content/new") ssr=SsrMode::Async view=ContentEditorPage/>
                    <Route path=path!("/staff/content/:id") ssr=SsrMode::Async view=ContentEditorPage/>
                    <Route path=path!("/staff/topics") ssr=SsrMode::Async view=StaffTopicsPage/>
                    <Route path=path!("/staff/forms") ssr=SsrMode::Async view=StaffFormsPage/>
                    <Route path=path!("/staff/forms/:id") ssr=SsrMode::Async view=FormBuilderPage/>
                    <Route path=path!("/staff/form-submissions") ssr=SsrMode::Async view=SubmissionInboxPage/>
                    <Route path=path!("/staff/form-submissions/:id") ssr=SsrMode::Async view=StaffSubmissionPage/>
                    <Route path=path!("/staff/water") ssr=SsrMode::Async view=StaffWaterPage/>
                    <Route path=path!("/staff/water/imports/:id") ssr=SsrMode::Async view=WaterImportPage/>
                    <Route path=path!("/staff/review") ssr=SsrMode::Async view=ReviewQueuePage/>
                    <Route path=path!("/staff/contact") ssr=SsrMode::Async view=StaffContactPage/>
                    <Route path=path!("/staff/counter-offices") ssr=SsrMode::Async view=StaffCounterOfficesPage/>
                    <Route path=path!("/staff/messages/:id") ssr=SsrMode::Async view=StaffMessagePage/>
                </Routes>
            </Layout>
        </Router>
    }
}
