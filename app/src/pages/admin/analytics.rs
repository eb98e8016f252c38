//! The administrator's visitor analytics: visits and page views per day and by the hour of
//! the day (SVG bars), the most viewed pages, the most frequent searches and the referring
//! sites, over the last 7, 30, 90 or 365 days (in the address); the same figures download
//! as CSV.

use crate::api::admin::admin_analytics;
use crate::components::chart::CountBars;
use crate::components::forms::guarded;
use crate::model::{LabelCount, VisitorAnalytics, ANALYTICS_PERIODS};
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminAnalyticsPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || query.read().get("days").unwrap_or_else(|| "30".into());
    let data = Resource::new(days, admin_analytics);
    view! {
        <Title text="آمار بازدید پرتال"/>
        <article class="page">
            <h1>"آمار بازدید پرتال"</h1>
            <p class="lead">
                "یک بازدید، یک نشست مرور یک بازدیدکننده است (۳۰ دقیقه بی‌کاری آن را می‌بندد)؛ ربات‌ها و برنامه‌هایی که کوکی نگه نمی‌دارند شمرده نمی‌شوند. روزها و ساعت‌ها به وقت تهران است."
            </p>
            <form method="post" action="/admin/statistics/flush" class="inline-form">
                <p>
                    "هر سرور آنچه می‌شمارد را هر چند ثانیه یک بار به پایگاه داده می‌افزاید. "
                    <button type="submit" class="button-secondary">"افزودن شمارش این سرور تا همین لحظه"</button>
                </p>
            </form>
            <Form method="GET" action="" attr:class="filter-form" attr:aria-label="بازه‌ی گزارش">
                <label for="v-days">"بازه"</label>
                <select id="v-days" name="days">
                    {ANALYTICS_PERIODS.iter().map(|d| {
                        let v = d.to_string();
                        let label = format!("{} روز گذشته", format_number(*d as i64));
                        view! { <option value=v.clone() selected=move || days() == v>{label}</option> }
                    }).collect_view()}
                </select>
                <button type="submit">"نمایش"</button>
                <a class="button button-secondary" href=move || format!("/admin/analytics.csv?days={}", days()) download="">"دریافت CSV"</a>
            </Form>
            {guarded(data, |a: VisitorAnalytics| view! { <Analytics a/> })}
        </article>
    }
}

#[component]
fn Analytics(a: VisitorAnalytics) -> impl IntoView {
    let visits: i64 = a.per_day.iter().map(|d| d.visits).sum();
    let views: i64 = a.per_day.iter().map(|d| d.views).sum();
    let day_bars: Vec<(String, i64)> = a
        .per_day
        .iter()
        .map(|d| {
            (
                to_persian_digits(d.day.get(5..).unwrap_or(&d.day)),
                d.visits,
            )
        })
        .collect();
    let hour_bars: Vec<(String, i64)> = a
        .per_hour
        .iter()
        .enumerate()
        .map(|(h, (v, _))| (to_persian_digits(&h.to_string()), *v))
        .collect();
    let every = (a.per_day.len() / 10).max(1);
    view! {
        <p role="status">{format!(
            "{} بازدید و {} صفحه‌ی دیده‌شده در {} روز گذشته",
            format_number(visits),
            format_number(views),
            format_number(a.days as i64)
        )}</p>
        <CountBars id="visits-per-day".into() title="بازدید در هر روز".into() bars=day_bars label_every=every
            summary=format!("{} روز، تا امروز", format_number(a.days as i64))/>
        <CountBars id="visits-per-hour".into() title="بازدید بر پایه‌ی ساعت آغاز (وقت تهران)".into() bars=hour_bars label_every=2
            summary="جمع همه‌ی روزهای بازه".into()/>
        <div class="analytics-lists">
            <TopList id="top-pages" title="صفحه‌های پربازدید" unit="بار دیده شده" list=a.top_pages/>
            <TopList id="top-searches" title="جست‌وجوهای پرتکرار" unit="بار" list=a.top_searches/>
            <TopList id="top-referrers" title="ارجاع‌دهندگان" unit="بازدید" list=a.referrers/>
        </div>
    }
}

#[component]
fn TopList(
    id: &'static str,
    title: &'static str,
    unit: &'static str,
    list: Vec<LabelCount>,
) -> impl IntoView {
    let heading = format!("{id}-h");
    let labelled_by = heading.clone();
    let body = if list.is_empty() {
        view! { <p class="muted">"در این بازه چیزی ثبت نشده است."</p> }.into_any()
    } else {
        view! {
            <table>
                <thead><tr><th scope="col">"عنوان"</th><th scope="col">{unit}</th></tr></thead>
                <tbody>
                    {list.into_iter().map(|l| {
                        // Paths read left to right; searches and sites by their first letter.
                        let dir = if l.label.starts_with('/') { "ltr" } else { "auto" };
                        let label = if l.label.is_empty() { "ورود مستقیم یا نشانک".to_string() } else { l.label };
                        view! { <tr><td dir=dir>{label}</td><td>{format_number(l.count)}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby=labelled_by id=id>
            <h2 id=heading>{title}</h2>
            {body}
        </section>
    }
}
