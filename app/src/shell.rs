//! The HTML document and the router: every page lives inside this shell.

use crate::components::layout::Layout;
use crate::pages::not_found::NotFound;
use crate::routes;
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
                <HydrationScripts options islands=true islands_router=true/>
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
    // the browser may keep it, and it asks again before reusing it.
    response.insert_header(CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    response.insert_header(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
}

/// Marks the body `data-hydrated` once the page's islands are wired up (the browser
/// tests wait for it). Everything outside an island is the server's HTML: links and forms are
/// followed by the islands router, which fetches the next page and patches it in.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    // An item's page renders whole before the first byte (Async): its title, description,
    // canonical link and Open Graph tags depend on its data and must reach <head>.
    // Every other public route streams in order: the server waits for each page's data before sending
    // the rest, so the page is whole without JavaScript (out-of-order streaming would leave
    // the loading text in place until hydration).
    view! {
        <Title
            formatter=|page: String| {
                if page.is_empty() { PORTAL_NAME.to_string() } else { format!("{page} | {PORTAL_NAME}") }
            }
            text=String::new()
        />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") ssr=SsrMode::InOrder view=routes::Public::Home/>
                    <Route path=path!("/contact") ssr=SsrMode::InOrder view=routes::Public::Contact/>
                    <Route path=path!("/accessibility") ssr=SsrMode::InOrder view=routes::Public::Accessibility/>
                    <Route path=path!("/search") ssr=SsrMode::InOrder view=routes::Public::Search/>
                    <Route path=path!("/counter-offices") ssr=SsrMode::InOrder view=routes::Public::CounterOffices/>
                    <Route path=path!("/news/archive") ssr=SsrMode::InOrder view=routes::Public::NewsArchive/>
                    <Route path=path!("/laws") ssr=SsrMode::InOrder view=routes::ContentListUnit::LawList/>
                    <Route path=path!("/laws/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::LawItem/>
                    <Route path=path!("/services") ssr=SsrMode::InOrder view=routes::ContentListUnit::ServiceList/>
                    <Route path=path!("/services/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::ServiceItem/>
                    <Route path=path!("/news") ssr=SsrMode::InOrder view=routes::ContentListUnit::NewsList/>
                    <Route path=path!("/news/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::NewsItem/>
                    <Route path=path!("/tenders") ssr=SsrMode::InOrder view=routes::ContentListUnit::TenderList/>
                    <Route path=path!("/tenders/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::TenderItem/>
                    <Route path=path!("/events") ssr=SsrMode::InOrder view=routes::ContentListUnit::EventList/>
                    <Route path=path!("/events/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::EventItem/>
                    <Route path=path!("/faq") ssr=SsrMode::InOrder view=routes::ContentListUnit::FaqList/>
                    <Route path=path!("/faq/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::FaqItem/>
                    <Route path=path!("/newsletter") ssr=SsrMode::InOrder view=routes::Public::Newsletter/>
                    <Route path=path!("/newsletter/confirm") ssr=SsrMode::InOrder view=routes::Public::NewsletterConfirm/>
                    <Route path=path!("/newsletter/unsubscribe") ssr=SsrMode::InOrder view=routes::Public::NewsletterUnsubscribe/>
                    <Route path=path!("/links") ssr=SsrMode::InOrder view=routes::ContentListUnit::LinkList/>
                    <Route path=path!("/water/profile") ssr=SsrMode::InOrder view=|| view! { <leptos_router::components::Redirect path="/water/reports?subkind=water_profile"/> }/>
                    <Route path=path!("/water/reports") ssr=SsrMode::InOrder view=routes::ContentListUnit::ReportList/>
                    <Route path=path!("/water/reports/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::ReportItem/>
                    <Route path=path!("/water/weekly-bulletin") ssr=SsrMode::InOrder view=routes::Public::Bulletin/>
                    <Route path=path!("/water") ssr=SsrMode::InOrder view=routes::Public::WaterDashboard/>
                    <Route path=path!("/water/rain-gauges") ssr=SsrMode::InOrder view=routes::Public::RainGauges/>
                    <Route path=path!("/water/rain-gauges/:id") ssr=SsrMode::Async view=routes::Public::RainGauge/>
                    <Route path=path!("/water/dams") ssr=SsrMode::InOrder view=routes::Public::Dams/>
                    <Route path=path!("/water/dams/:id") ssr=SsrMode::Async view=routes::Public::Dam/>
                    <Route path=path!("/water/aquifers") ssr=SsrMode::InOrder view=routes::Public::Aquifers/>
                    <Route path=path!("/research") ssr=SsrMode::InOrder view=routes::Public::Research/>
                    <Route path=path!("/research/projects") ssr=SsrMode::InOrder view=routes::ContentListUnit::ResearchList/>
                    <Route path=path!("/research/projects/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::ResearchItem/>
                    <Route path=path!("/research/calls") ssr=SsrMode::InOrder view=routes::ContentListUnit::ResearchCallList/>
                    <Route path=path!("/research/calls/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::ResearchCallItem/>
                    <Route path=path!("/research/knowledge") ssr=SsrMode::InOrder view=routes::ContentListUnit::KnowledgeList/>
                    <Route path=path!("/research/knowledge/:id/:slug?") ssr=SsrMode::Async view=routes::ContentItemUnit::KnowledgeItem/>
                    <Route path=path!("/tickets/new") ssr=SsrMode::InOrder view=routes::Public::NewTicket/>
                    <Route path=path!("/tickets/track") ssr=SsrMode::InOrder view=routes::Public::TrackTicket/>
                    <Route path=path!("/messages/new") ssr=SsrMode::InOrder view=routes::Public::NewMessage/>
                    <Route path=path!("/messages/track") ssr=SsrMode::InOrder view=routes::Public::TrackMessage/>
                    <Route path=path!("/forms") ssr=SsrMode::InOrder view=routes::Public::Forms/>
                    <Route path=path!("/forms/track") ssr=SsrMode::InOrder view=routes::Public::TrackSubmission/>
                    <Route path=path!("/forms/qa") ssr=SsrMode::InOrder view=routes::Public::FormQa/>
                    <Route path=path!("/forms/:id") ssr=SsrMode::Async view=routes::Public::FillForm/>
                    <Route path=path!("/login") ssr=SsrMode::InOrder view=routes::Public::Login/>
                    <Route path=path!("/register") ssr=SsrMode::InOrder view=routes::Public::Register/>
                    <Route path=path!("/register/done") ssr=SsrMode::InOrder view=routes::Public::RegisterDone/>
                    // Pages for signed-in people render whole before the first byte (Async), so
                    // an anonymous visitor gets a real redirect to the login page.
                    <Route path=path!("/profile") ssr=SsrMode::Async view=routes::Public::Profile/>
                    <Route path=path!("/dashboard") ssr=SsrMode::Async view=routes::StaffUnit::Dashboard/>
                    <Route path=path!("/dashboard/section/:key") ssr=SsrMode::Async view=routes::StaffUnit::SectionDashboard/>
                    <Route path=path!("/admin/users") ssr=SsrMode::Async view=routes::AdminUnit::AdminUsers/>
                    <Route path=path!("/admin/users/:id") ssr=SsrMode::Async view=routes::AdminUnit::AdminUser/>
                    <Route path=path!("/admin/custodians") ssr=SsrMode::Async view=routes::AdminUnit::AdminCustodians/>
                    <Route path=path!("/admin/custodians/:id") ssr=SsrMode::Async view=routes::AdminUnit::AdminAppointment/>
                    <Route path=path!("/admin/audit") ssr=SsrMode::Async view=routes::AdminUnit::AdminAudit/>
                    <Route path=path!("/admin/accountability") ssr=SsrMode::Async view=routes::AdminUnit::AdminAccountability/>
                    <Route path=path!("/admin/analytics") ssr=SsrMode::Async view=routes::AdminUnit::AdminAnalytics/>
                    <Route path=path!("/staff/newsletter") ssr=SsrMode::Async view=routes::StaffUnit::StaffNewsletter/>
                    <Route path=path!("/staff/newsletter/:id") ssr=SsrMode::Async view=routes::StaffUnit::StaffNewsletterIssue/>
                    <Route path=path!("/admin/outbox") ssr=SsrMode::Async view=routes::AdminUnit::AdminOutbox/>
                    <Route path=path!("/staff/tickets") ssr=SsrMode::Async view=routes::StaffUnit::StaffQueue/>
                    <Route path=path!("/staff/tickets/:id") ssr=SsrMode::Async view=routes::StaffUnit::StaffTicket/>
                    <Route path=path!("/staff/ticket-settings") ssr=SsrMode::Async view=routes::StaffUnit::TicketSettings/>
                    <Route path=path!("/staff/messages") ssr=SsrMode::Async view=routes::StaffUnit::StaffInbox/>
                    <Route path=path!("/staff/content") ssr=SsrMode::Async view=routes::StaffUnit::StaffContentList/>
                    <Route path=path!("/staff/content/new") ssr=SsrMode::Async view=routes::StaffUnit::ContentEditor/>
                    <Route path=path!("/staff/content/:id") ssr=SsrMode::Async view=routes::StaffUnit::ContentEditor/>
                    <Route path=path!("/staff/topics") ssr=SsrMode::Async view=routes::StaffUnit::StaffTopics/>
                    <Route path=path!("/staff/forms") ssr=SsrMode::Async view=routes::StaffUnit::StaffForms/>
                    <Route path=path!("/staff/forms/:id") ssr=SsrMode::Async view=routes::StaffUnit::FormBuilder/>
                    <Route path=path!("/staff/form-submissions") ssr=SsrMode::Async view=routes::StaffUnit::SubmissionInbox/>
                    <Route path=path!("/staff/form-submissions/:id") ssr=SsrMode::Async view=routes::StaffUnit::StaffSubmission/>
                    <Route path=path!("/staff/water") ssr=SsrMode::Async view=routes::StaffUnit::StaffWater/>
                    <Route path=path!("/staff/water/imports/:id") ssr=SsrMode::Async view=routes::StaffUnit::WaterImport/>
                    <Route path=path!("/staff/review") ssr=SsrMode::Async view=routes::StaffUnit::ReviewQueue/>
                    <Route path=path!("/staff/contact") ssr=SsrMode::Async view=routes::StaffUnit::StaffContact/>
                    <Route path=path!("/staff/counter-offices") ssr=SsrMode::Async view=routes::StaffUnit::StaffCounterOffices/>
                    <Route path=path!("/staff/messages/:id") ssr=SsrMode::Async view=routes::StaffUnit::StaffMessage/>
                </Routes>
            </Layout>
        </Router>
    }
}
