//! The audit log, filterable by action, actor, section and item; read-only by design (the
//! database refuses changes to it).

use crate::api::admin::admin_audit_log;
use crate::components::forms::guarded;
use crate::model::AuditPage;
use crate::pages::dashboard::AuditTable;
use crate::persian::format_number;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let data = Resource::new(
        move || {
            (
                get("action"),
                get("actor"),
                get("section"),
                get("target"),
                get("page").parse::<u64>().unwrap_or(1),
            )
        },
        |(action, actor, section, target, page)| {
            admin_audit_log(action, actor, section, target, page)
        },
    );
    view! {
        <Title text="گزارش رویدادها"/>
        <article class="page">
            <h1>"گزارش رویدادها (ممیزی)"</h1>
            <p class="lead">"چه کسی، چه وقت، از کدام نشانی، چه کاری را روی کدام مورد انجام داد. این گزارش ویرایش‌پذیر نیست."</p>
            {guarded(data, move |p: AuditPage| {
                let selected = move |k: &'static str, v: String| get(k) == v;
                let prev = (p.page > 1).then(|| page_href(&query.read_untracked(), p.page - 1));
                let next = (p.page < p.pages).then(|| page_href(&query.read_untracked(), p.page + 1));
                view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="f-action">"کار"</label>
                        <select id="f-action" name="action">
                            <option value="">"همه"</option>
                            {p.actions.iter().map(|(code, label)| {
                                let code = code.clone();
                                view! { <option value=code.clone() selected=selected("action", code)>{label.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-section">"بخش"</label>
                        <select id="f-section" name="section">
                            <option value="">"همه"</option>
                            {p.sections.iter().map(|s| {
                                let key = s.key.clone();
                                view! { <option value=key.clone() selected=selected("section", key)>{s.title.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-actor">"کننده (نام کاربری)"</label>
                        <input id="f-actor" name="actor" dir="ltr" value=get("actor")/>
                        <label for="f-target">"شناسه‌ی مورد"</label>
                        <input id="f-target" name="target" dir="ltr" size="6" value=get("target")/>
                        <button type="submit">"نمایش"</button>
                    </Form>
                    <p role="status">{format!("{} رویداد · صفحه‌ی {} از {}", format_number(p.total as i64), format_number(p.page as i64), format_number(p.pages as i64))}</p>
                    <AuditTable entries=p.entries/>
                    <nav class="pager" aria-label="صفحه‌ها">
                        {prev.map(|h| view! { <A href=h attr:rel="prev">"صفحه‌ی پیش"</A> })}
                        {next.map(|h| view! { <A href=h attr:rel="next">"صفحه‌ی بعد"</A> })}
                    </nav>
                }
            })}
        </article>
    }
}

fn page_href(query: &leptos_router::params::ParamsMap, page: u64) -> String {
    let mut parts: Vec<String> = ["action", "actor", "section", "target"]
        .iter()
        .filter_map(|k| {
            query
                .get(k)
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", crate::components::forms::encode_component(&v)))
        })
        .collect();
    parts.push(format!("page={page}"));
    format!("?{}", parts.join("&"))
}
