//! The staff dashboards: the home with the sections a person keeps or answers for, and each
//! section's own page. The server decides who may open which (a custodian of one section
//! is refused another's).

use crate::api::account::{get_dashboard_home, get_section_dashboard};
use crate::components::forms::{guarded, guarded_with_heading};
use crate::model::{AuditEntry, DashboardHome, SectionDashboard};
use crate::persian::jalali::format_date_time;
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_dashboard_home());
    view! {
        <Title text="پیشخوان"/>
        <article class="page">
            <h1>"پیشخوان"</h1>
            {guarded(home, |h: DashboardHome| view! { <DashboardHomeView home=h/> })}
        </article>
    }
}

#[component]
fn DashboardHomeView(home: DashboardHome) -> impl IntoView {
    let h = home;
    view! {
        <p class="lead">{format!("{} عزیز، خوش آمدید.", h.full_name)}</p>
        {(h.is_admin || !h.sections.is_empty()).then(|| view! { <crate::components::live::LiveCountsPanel/> })}
        {(h.is_admin || !h.sections.is_empty()).then(|| view! { <MyOverdue/> })}
        {h.is_admin.then(|| view! {
            <section aria-labelledby="admin-work">
                <h2 id="admin-work">"کارهای راهبر پرتال"</h2>
                <ul class="card-list">
                    <li><A href="/admin/users?status=pending">
                        {format!("درخواست‌های عضویت در انتظار تأیید: {}", format_number(h.pending_users as i64))}
                    </A></li>
                    <li><A href="/admin/users">"کاربران و نقش‌ها"</A></li>
                    <li><A href="/admin/custodians">"متولیان بخش‌ها و احراز صلاحیت"</A></li>
                    <li><A href="/admin/accountability">"پاسخ‌گویی متولیان: به‌روز بودن بخش‌ها و کارهای معوق"</A></li>
                    <li><A href="/admin/analytics">"آمار بازدید پرتال"</A></li>
                    <li><A href="/admin/audit">"گزارش رویدادها (ممیزی)"</A></li>
                    <li><A href="/admin/outbox">"نامه‌های خروجی (رایانامه)"</A></li>
                    <li><A href="/staff/ticket-settings">"دسته‌های تیکت، مهلت پاسخ و تعطیلی‌ها"</A></li>
                    <li><A href="/staff/review">"محتوای در انتظار بررسی"</A></li>
                    <li><A href="/staff/content">"مدیریت محتوا (همه‌ی بخش‌ها)"</A></li>
                    <li><A href="/staff/topics">"موضوع‌ها و دسته‌های محتوا"</A></li>
                    <li><A href="/staff/water">"آمار منابع آب: ورود و درون‌ریزی داده"</A></li>
                    <li><A href="/staff/forms">"فرم‌های پیشرفته: ساخت، نسخه‌ها و برون‌بری"</A></li>
                </ul>
            </section>
        })}
        <section aria-labelledby="casework">
            <h2 id="casework">"پاسخ‌گویی"</h2>
            <ul class="card-list">
                {(h.is_admin || h.sections.iter().any(|s| s.key == "tickets")).then(|| view! {
                    <li><A href="/staff/tickets">"صف تیکت‌ها"</A></li>
                })}
                <li><A href="/staff/messages">"صندوق پیشنهادها و انتقادها"</A></li>
                {(h.is_admin || h.sections.iter().any(|s| s.key == "forms")).then(|| view! {
                    <li><A href="/staff/form-submissions">"درخواست‌های فرم‌ها"</A></li>
                })}
                {(h.is_admin || h.sections.iter().any(|s| matches!(s.key.as_str(), "news" | "tenders" | "laws"))).then(|| view! {
                    <li><A href="/staff/newsletter">"خبرنامه الکترونیک: نوشتن و فرستادن"</A></li>
                })}
            </ul>
        </section>
        <section aria-labelledby="my-sections">
            <h2 id="my-sections">"بخش‌های شما"</h2>
            {if h.sections.is_empty() {
                view! { <p>"هنوز متولی یا کارشناس هیچ بخشی نیستید."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {h.sections.into_iter().map(|s| {
                            let href = format!("/dashboard/section/{}", s.key);
                            view! { <li><A href=href>{s.title}</A></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn SectionDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.read().get("key").unwrap_or_default();
    let data = Resource::new(key, get_section_dashboard);
    view! {
        <Title text="پیشخوان بخش"/>
        <article class="page">
            {guarded_with_heading(data, Some("پیشخوان بخش"), |d: SectionDashboard| view! { <SectionDashboardView data=d/> })}
        </article>
    }
}

#[component]
fn SectionDashboardView(data: SectionDashboard) -> impl IntoView {
    let d = data;
    view! {
        <Title text=format!("پیشخوان {}", d.section.title)/>
        <h1>{format!("پیشخوان بخش «{}»", d.section.title)}</h1>
        <p>
            {if d.can_publish_directly {
                "متولیان این بخش موارد را مستقیم منتشر می‌کنند."
            } else {
                "موارد این بخش پیش از انتشار به بررسی راهبر پرتال می‌رسند."
            }}
            {d.public_path.map(|p| view! { " " <A href=p>"دیدن صفحه‌ی عمومی بخش"</A> })}
        </p>
        <ul class="card-list">
            {crate::model::ContentKind::ALL.into_iter().filter(|k| k.section_key() == d.section.key).map(|k| view! {
                <li><A href=format!("/staff/content?kind={}", k.as_str())>{format!("مدیریت {}", k.plural())}</A></li>
            }).collect_view()}
            {(d.section.key == "contact").then(|| view! { <li><A href="/staff/contact">"ویرایش اطلاعات تماس"</A></li> })}
            {(d.section.key == "water").then(|| view! {
                <li><A href="/staff/water">"ورود و درون‌ریزی آمار (باران‌سنجی، سدها، آبخوان‌ها)"</A></li>
                <li><A href="/water">"داشبورد عمومی منابع آب"</A></li>
            })}
            {(d.section.key == "forms").then(|| view! {
                <li><A href="/staff/form-submissions">"درخواست‌های رسیده با فرم‌ها"</A></li>
                <li><A href="/staff/forms">"ساخت و ویرایش فرم‌ها (متولی بخش)"</A></li>
            })}
            {(d.section.key == "counter_offices").then(|| view! { <li><A href="/staff/counter-offices">"ویرایش دفاتر پیشخوان"</A></li> })}
            {(d.section.key == "tickets").then(|| view! {
                <li><A href="/staff/tickets">"صف تیکت‌های این بخش"</A></li>
                <li><A href="/staff/ticket-settings">"دسته‌ها، مهلت پاسخ و تعطیلی‌ها (متولی بخش)"</A></li>
            })}
            <li><A href=format!("/staff/messages?section={}", d.section.key)>"پیام‌های رسیده به این بخش"</A></li>
        </ul>
        <section aria-labelledby="sec-custodians">
            <h2 id="sec-custodians">"متولیان بخش"</h2>
            {if d.custodians.is_empty() {
                view! { <p>"این بخش هنوز متولی منصوبی ندارد."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {d.custodians.into_iter().map(|c| view! {
                            <li>{c.full_name} " — منصوب از " {c.appointed_at.map(crate::persian::jalali::format_date)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {(!d.categories.is_empty()).then(|| view! {
            <section aria-labelledby="sec-categories">
                <h2 id="sec-categories">"دسته‌های این بخش"</h2>
                <ul class="plain">
                    {d.categories.into_iter().map(|c| view! { <li>{c.title}</li> }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="sec-recent">
            <h2 id="sec-recent">"آخرین کارهای ثبت‌شده در این بخش"</h2>
            <AuditTable entries=d.recent/>
        </section>
    }
}

/// Lines of the audit log as a table.
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p>"کاری ثبت نشده است."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"زمان"</th>
                        <th scope="col">"کننده"</th>
                        <th scope="col">"کار"</th>
                        <th scope="col">"بخش"</th>
                        <th scope="col">"مورد"</th>
                        <th scope="col">"شرح"</th>
                        <th scope="col">"نشانی IP"</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr>
                            <td>{format_date_time(e.at)}</td>
                            <td><bdi>{e.actor}</bdi></td>
                            <td>{e.action_label}</td>
                            <td>{e.section.unwrap_or_default()}</td>
                            <td><bdi>{e.target.map(|t| to_persian_digits(&t)).unwrap_or_default()}</bdi></td>
                            <td>{e.summary}</td>
                            <td><bdi dir="ltr">{e.ip.unwrap_or_default()}</bdi></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The signed-in staff member's own stale sections and overdue tickets and messages.
#[component]
fn MyOverdue() -> impl IntoView {
    let mine = Resource::new(|| (), |_| crate::api::admin::my_accountability());
    view! {
        <section aria-labelledby="my-overdue">
            <h2 id="my-overdue">"کارهای عقب‌افتاده‌ی شما"</h2>
            {guarded(mine, |m: crate::model::MyAccountability| {
                if m.stale.is_empty() && m.overdue.is_empty() {
                    return view! { <p>"کاری از مهلت نگذشته است و بخش‌های شما به‌روزند."</p> }.into_any();
                }
                view! {
                    {(!m.stale.is_empty()).then(|| view! {
                        <p>"این بخش‌ها از برنامه‌ی به‌روزرسانی عقب مانده‌اند:"</p>
                        <ul class="card-list">
                            {m.stale.into_iter().map(|s| view! {
                                <li>
                                    <A href=format!("/dashboard/section/{}", s.key)>{s.title.clone()}</A>
                                    {format!(
                                        " — انتظار: هر {} روز؛ آخرین به‌روزرسانی: {}",
                                        format_number(s.update_days.unwrap_or_default() as i64),
                                        s.last_update.map(crate::persian::jalali::format_date).unwrap_or_else(|| "هرگز".into())
                                    )}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!m.overdue.is_empty()).then(|| view! {
                        <p>{format!("{} مورد از مهلت پاسخ گذشته است:", format_number(m.overdue.len() as i64))}</p>
                        <ul class="card-list overdue-list">
                            {m.overdue.into_iter().map(|o| view! {
                                <li>
                                    <span class="badge badge-closed">{o.kind_label.clone()}</span>" "
                                    <A href=o.href.clone()>{o.subject.clone()}</A>
                                    {format!(
                                        " — {}؛ مهلت: {}",
                                        o.section_title,
                                        crate::persian::jalali::format_date_time(o.due_at)
                                    )}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any()
            })}
        </section>
    }
}
