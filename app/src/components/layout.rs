//! The header (portal name and the navigation to every section), the main area, and the
//! footer (contact block and related sites) around every page.

use crate::api::account::{get_current_user, Logout};
use crate::api::get_site_footer;
use crate::components::common::{loaded, ContactDetails, SampleBadge};
use crate::model::{FooterVisitors, SiteFooter};
use crate::persian::jalali::format_date_time;
use crate::persian::{format_number, to_persian_digits};
use crate::sections::GROUPS;
use crate::PORTAL_NAME;
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"رفتن به محتوای اصلی"</a>
        <Header/>
        <main id="main" tabindex="-1">{children()}</main>
        <Footer/>
    }
}

#[component]
fn Header() -> impl IntoView {
    // Menus are <details>, which work without JavaScript and from the keyboard; following a
    // link folds them again (`nav` does, when it shows the next page in place).
    view! {
        <header class="site-header">
            <div class="brand">
                <img src="/favicon.svg" alt="" width="40" height="40"/>
                <A href="/" attr:class="brand-name">{PORTAL_NAME}</A>
                <span class="brand-sub">"پرتال اطلاع‌رسانی و خدمات"</span>
            </div>
            <nav aria-label="بخش‌های پرتال">
                <ul class="nav-groups">
                    {GROUPS
                        .iter()
                        .map(|g| {
                            view! {
                                <li>
                                    <details class="nav-group">
                                        <summary>{g.title}</summary>
                                        <ul>
                                            {g
                                                .sections
                                                .iter()
                                                .map(|s| view! { <li><A href=s.path>{s.title}</A></li> })
                                                .collect_view()}
                                        </ul>
                                    </details>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <SiteSearch/>
            <UserMenu/>
        </header>
    }
}

/// The search box of every page: a GET form to `/search`, so it works before hydration.
#[component]
fn SiteSearch() -> impl IntoView {
    view! {
        <Form method="GET" action="/search" attr:class="site-search" attr:role="search" attr:aria-label="جست‌وجوی سایت">
            <label for="site-q" class="visually-hidden">"جست‌وجو در پرتال"</label>
            <input id="site-q" name="q" type="search" placeholder="جست‌وجو…" required=true/>
            <button type="submit">"جست‌وجو"</button>
        </Form>
    }
}

/// The signed-in person and their links, or the login and registration links. Asked again
/// on every navigation, so signing in or out (or losing a role) shows at once.
#[component]
fn UserMenu() -> impl IntoView {
    let location = use_location();
    let logout = ServerAction::<Logout>::new();
    let me = Resource::new(
        move || (location.pathname.get(), logout.version().get()),
        |_| get_current_user(),
    );
    view! {
        <div class="user-menu">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(u)) => view! {
                            <span class="user-name">{u.full_name}</span>
                            {u.is_staff.then(|| view! { <A href="/dashboard">"پیشخوان"</A> })}
                            <A href="/profile">"حساب من"</A>
                            <ActionForm action=logout attr:class="inline-form">
                                <button type="submit" class="link-button">"خروج"</button>
                            </ActionForm>
                        }
                            .into_any(),
                        _ => view! {
                            <A href="/login">"ورود"</A>
                            <A href="/register">"ثبت‌نام"</A>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let footer = OnceResource::new(get_site_footer());
    view! {
        <footer class="site-footer">
            {loaded(footer, |f: SiteFooter| view! { <FooterContent footer=f/> })}
        </footer>
    }
}

#[component]
fn FooterContent(footer: SiteFooter) -> impl IntoView {
    let contact = footer.company.map(|c| {
        view! {
            <section class="footer-block" aria-labelledby="footer-contact">
                <h2 id="footer-contact">"راه‌های تماس با ما"</h2>
                <ContactDetails office=c/>
            </section>
        }
    });
    let sites = footer.related_sites;
    // Without a counter on the server (no figures were read), there is nothing to show.
    let visitors = footer.visitors;
    let counted = visitors.figures.online_minutes > 0;
    view! {
        <div class="footer-grid">
            {contact}
            {counted.then(|| view! { <VisitorStats visitors/> })}
            <section class="footer-block" aria-labelledby="footer-related">
                <h2 id="footer-related">"سایت‌های مرتبط"</h2>
                {if sites.is_empty() {
                    view! { <p>"پیوندی ثبت نشده است."</p> }.into_any()
                } else {
                    view! {
                        <ul class="related-sites">
                            {sites
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <li>
                                            <a href=s.url rel="noopener" target="_blank">{s.title}</a>
                                            {s.is_sample.then(|| view! { " " <SampleBadge/> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </section>
        </div>
        <p class="footer-note">
            {format!("© {PORTAL_NAME}. همه‌ی حقوق محفوظ است.")} " "
            <A href="/accessibility">"بیانیه‌ی دسترس‌پذیری"</A>
        </p>
    }
}

/// The visitor counter: figures as of the server's last flush (every few seconds).
#[component]
fn VisitorStats(visitors: FooterVisitors) -> impl IntoView {
    let f = visitors.figures;
    let online_hint = format!(
        "بازدیدکنندگانی که در {} دقیقه‌ی گذشته صفحه‌ای از پرتال را دیده‌اند",
        format_number(f.online_minutes)
    );
    let peak_at = f
        .peak_at
        .map(|t| format!(" ({})", format_date_time(t)))
        .unwrap_or_default();
    let row = |id: &'static str, label: &'static str, value: String| {
        view! {
            <div class="stat-row" data-stat=id>
                <dt>{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="footer-block visitor-stats" aria-labelledby="footer-visitors">
            <h2 id="footer-visitors">"آمار بازدید"</h2>
            <dl>
                <div class="stat-row" data-stat="online">
                    <dt>
                        <abbr title=online_hint.clone()>"کاربران برخط"</abbr>
                        <span class="visually-hidden">{format!(" ({online_hint})")}</span>
                    </dt>
                    <dd>{format_number(f.online)}</dd>
                </div>
                {row("peak", "بیشترین کاربران هم‌زمان", format!("{}{peak_at}", format_number(f.peak)))}
                {row("today", "بازدید امروز", format_number(f.today))}
                {row("yesterday", "بازدید دیروز", format_number(f.yesterday))}
                {row("total", "کل بازدیدها", format_number(f.total))}
                {row("updated", "آخرین به‌روزرسانی", format_date_time(f.updated_at))}
                {visitors.your_ip.map(|ip| view! {
                    <div class="stat-row" data-stat="ip">
                        <dt>"IP شما"</dt>
                        <dd><bdi dir="ltr">{to_persian_digits(&ip)}</bdi></dd>
                    </div>
                })}
            </dl>
        </section>
    }
}
