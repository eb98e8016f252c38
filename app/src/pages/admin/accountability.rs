//! The administrator's accountability page: every section with its custodians, its last
//! public update against the expected interval (editable here, with the messages' response
//! target), and how its tickets and messages were answered; then every staff member's
//! answering. The window (last 30/90/365 days or all) is in the address; the same report
//! downloads as CSV.

use crate::api::admin::{admin_accountability, AdminSectionTargets};
use crate::components::forms::{guarded, ActionDone, ActionError};
use crate::model::{format_duration, AccountabilityReport, Answering};
use crate::persian::jalali::format_date_time;
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

const WINDOWS: &[(&str, &str)] = &[
    ("30", "۳۰ روز گذشته"),
    ("90", "۹۰ روز گذشته"),
    ("365", "یک سال گذشته"),
    ("0", "از آغاز"),
];

/// «به‌موقع ۳ · با تأخیر ۱ · معوق ۲ · در مهلت ۰ · میانگین پاسخ ۲٫۵ ساعت»
fn answering(a: &Answering) -> impl IntoView {
    if a.total() == 0 {
        return view! { <span class="muted">"موردی نبود"</span> }.into_any();
    }
    let n = |v: u64| format_number(v as i64);
    let overdue_class = if a.overdue > 0 {
        "badge badge-closed"
    } else {
        ""
    };
    view! {
        <span>
            {format!("به‌موقع {} · با تأخیر {} · ", n(a.on_time), n(a.late))}
            <span class=overdue_class>{format!("معوق {}", n(a.overdue))}</span>
            {format!(" · در مهلت {} · میانگین پاسخ {}", n(a.waiting), format_duration(a.mean_response_secs))}
        </span>
    }
    .into_any()
}

#[component]
pub fn AdminAccountabilityPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || query.read().get("days").unwrap_or_else(|| "90".into());
    let targets = ServerAction::<AdminSectionTargets>::new();
    let report = Resource::new(
        move || (days(), targets.version().get()),
        |(days, _)| admin_accountability(days),
    );
    view! {
        <Title text="پاسخ‌گویی متولیان"/>
        <article class="page">
            <h1>"پاسخ‌گویی متولیان"</h1>
            <p class="lead">
                "برای هر بخش: متولیان، آخرین به‌روزرسانی در برابر فاصله‌ی مورد انتظار، و پاسخ به تیکت‌ها و پیام‌ها در مهلت یا با تأخیر. مهلت تیکت از دسته‌ی آن و مهلت پیام از همین صفحه (روز کاری) می‌آید."
            </p>
            <Form method="GET" action="" attr:class="filter-form" attr:aria-label="بازه‌ی گزارش">
                <label for="a-days">"تیکت‌ها و پیام‌های رسیده در"</label>
                <select id="a-days" name="days">
                    {WINDOWS.iter().map(|(v, l)| view! { <option value=*v selected=move || days() == *v>{*l}</option> }).collect_view()}
                </select>
                <button type="submit">"نمایش"</button>
                <a class="button button-secondary" href=move || format!("/admin/accountability.csv?days={}", days()) download="">"دریافت CSV"</a>
            </Form>
            <ActionError action=targets/>
            <ActionDone action=targets text="انتظار بخش ثبت شد."/>
            {guarded(report, move |r: AccountabilityReport| view! { <Report report=r targets=targets/> })}
        </article>
    }
}

#[component]
fn Report(
    report: AccountabilityReport,
    targets: ServerAction<AdminSectionTargets>,
) -> impl IntoView {
    let r = report;
    let stale = r.sections.iter().filter(|s| s.stale).count();
    let overdue: u64 = r
        .sections
        .iter()
        .map(|s| s.tickets.overdue + s.messages.overdue)
        .sum();
    view! {
        <p role="status">{format!(
            "{} بخش عقب از برنامه؛ {} تیکت و پیام معوق",
            format_number(stale as i64),
            format_number(overdue as i64)
        )}</p>
        <section aria-labelledby="acc-sections">
            <h2 id="acc-sections">"بخش‌ها"</h2>
            <div class="table-wrap">
                <table class="accountability">
                    <thead>
                        <tr>
                            <th scope="col">"بخش"</th>
                            <th scope="col">"متولیان"</th>
                            <th scope="col">"آخرین به‌روزرسانی"</th>
                            <th scope="col">"انتظار"</th>
                            <th scope="col">"تیکت‌ها"</th>
                            <th scope="col">"پیام‌ها"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.sections.into_iter().map(|s| {
                            let (u_id, r_id) = (format!("t-{}-u", s.key), format!("t-{}-r", s.key));
                            view! {
                                <tr class:stale=s.stale>
                                    <th scope="row">{s.title.clone()}</th>
                                    <td>{if s.custodians.is_empty() { "بی‌متولی".to_string() } else { s.custodians.join("، ") }}</td>
                                    <td>
                                        {s.last_update.map(format_date_time).unwrap_or_else(|| "هرگز".into())}
                                        {s.stale.then(|| view! { " " <span class="badge badge-closed">"عقب از برنامه"</span> })}
                                    </td>
                                    <td>
                                        <ActionForm action=targets attr:class="inline-form targets-form">
                                            <input type="hidden" name="key" value=s.key.clone()/>
                                            <label for=u_id.clone()>"به‌روزرسانی هر (روز)"</label>
                                            <input id=u_id name="update_days" inputmode="numeric" size="4"
                                                value=s.update_days.map(|d| to_persian_digits(&d.to_string())).unwrap_or_default()/>
                                            <label for=r_id.clone()>"پاسخ پیام (روز کاری)"</label>
                                            <input id=r_id name="response_days" inputmode="numeric" size="3" required=true
                                                value=to_persian_digits(&s.response_days.to_string())/>
                                            <button type="submit" class="button-secondary"
                                                aria-label=format!("ثبت انتظار بخش {}", s.title)>"ثبت"</button>
                                        </ActionForm>
                                    </td>
                                    <td>{answering(&s.tickets)}</td>
                                    <td>{answering(&s.messages)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="acc-people">
            <h2 id="acc-people">"کارکنان"</h2>
            {if r.people.is_empty() {
                view! { <p>"هنوز متولی یا کارشناسی منصوب نشده است."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"نام"</th>
                                    <th scope="col">"متولی بخش‌ها"</th>
                                    <th scope="col">"تیکت‌ها"</th>
                                    <th scope="col">"پیام‌ها"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r.people.into_iter().map(|p| view! {
                                    <tr>
                                        <th scope="row">{p.full_name.clone()}</th>
                                        <td>{if p.sections.is_empty() { "—".to_string() } else { p.sections.join("، ") }}</td>
                                        <td>{answering(&p.tickets)}</td>
                                        <td>{answering(&p.messages)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
