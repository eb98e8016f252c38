//! The site search (`/search`): one box for every section, with the section and the dates of
//! publication as filters. The query lives in the address (a GET form), so a search works
//! before hydration, can be shared, and its pages are plain links.

use crate::api::content::site_search;
use crate::components::common::{loaded_resource, ErrorNotice, SampleBadge};
use crate::components::datepicker::DateField;
use crate::error::AppError;
use crate::model::{SearchResults, SearchScope};
use crate::pages::content::{Card, Pagination};
use crate::persian::format_number;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let results = Resource::new(
        move || {
            (
                get("q"),
                get("section"),
                get("from"),
                get("to"),
                get("page"),
            )
        },
        |(q, section, from, to, page)| site_search(q, section, from, to, page),
    );
    let title = move || {
        let q = get("q");
        if q.trim().is_empty() {
            "جست‌وجو".to_string()
        } else {
            format!("جست‌وجوی «{}»", q.trim())
        }
    };
    view! {
        <Title text=title/>
        <Meta name="robots" content="noindex"/>
        <article class="page">
            <h1>"جست‌وجو در پرتال"</h1>
            <p class="lead">
                "قوانین، شناسنامه‌ی خدمات، اخبار، مناقصه‌ها، پرسش‌های متداول، رویدادها، گزارش‌ها، پژوهش‌ها، دفاتر پیشخوان و صفحه‌های پرتال را با یک جست‌وجو پیدا کنید. حروف عربی، ارقام فارسی و لاتین و نیم‌فاصله تفاوتی ندارند."
            </p>
            // Made again when the address changes (a header search, a page link, back and
            // forward), so the form always shows what the results are for.
            {move || {
                query.track();
                view! { <SearchFilters/> }
            }}
            {loaded_resource(results, |r: Result<SearchResults, AppError>| match r {
                Ok(r) => view! { <ResultList results=r/> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn SearchFilters() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let section = get("section");
    view! {
        <Form method="GET" action="" attr:class="filter-form search-form" attr:role="search" attr:aria-label="جست‌وجو و پالایش">
            <label for="s-q">"واژه‌ها"</label>
            <input id="s-q" name="q" type="search" value=get("q") required=true aria-describedby="s-q-help"/>
            <span id="s-q-help" class="visually-hidden">"همه‌ی واژه‌ها باید در نتیجه باشند؛ آغاز یک واژه هم کافی است."</span>
            <label for="s-section">"بخش"</label>
            <select id="s-section" name="section">
                {SearchScope::choices().into_iter().map(|(scope, label)| view! {
                    <option value=scope.key() selected=section == scope.key()>{label}</option>
                }).collect_view()}
            </select>
            <label for="s-from">"منتشرشده از تاریخ"</label>
            <DateField id="s-from" name="from" value=get("from")/>
            <label for="s-to">"تا تاریخ"</label>
            <DateField id="s-to" name="to" value=get("to")/>
            <button type="submit">"جست‌وجو"</button>
        </Form>
    }
}

/// A passage with the found words marked.
fn snippet_view(runs: Vec<(String, bool)>) -> impl IntoView {
    view! {
        <p class="snippet">
            {runs.into_iter().map(|(text, hit)| if hit {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }).collect_view()}
        </p>
    }
}

#[component]
fn ResultList(results: SearchResults) -> impl IntoView {
    if results.words.is_empty() {
        return view! { <p>"واژه‌ای برای جست‌وجو بنویسید."</p> }.into_any();
    }
    let pages = results.total.div_ceil(results.per_page.max(1));
    let n = |v: u64| format_number(v as i64);
    let places = results.places.len() as u64;
    let status = if results.total == 0 && places == 0 {
        "نتیجه‌ای پیدا نشد. واژه‌های کمتر یا کوتاه‌تری را بیازمایید یا پالایش بخش و تاریخ را بردارید."
            .to_string()
    } else {
        let mut s = if results.total as usize >= crate::model::SEARCH_MAX_HITS {
            format!(
                "دست‌کم {} مطلب؛ مرتبط‌ترین‌ها نشان داده می‌شوند",
                n(results.total)
            )
        } else {
            format!("{} مطلب", n(results.total))
        };
        if places > 0 {
            s.push_str(&format!(" و {} صفحه یا دفتر", n(places)));
        }
        s
    };
    let now = results.now;
    view! {
        <p role="status" class="muted">{status}</p>
        {(!results.places.is_empty()).then(|| view! {
            <section aria-labelledby="places-title" class="search-places">
                <h2 id="places-title">"صفحه‌ها و دفاتر"</h2>
                <ul class="content-cards">
                    {results.places.into_iter().map(|p| view! {
                        <li>
                            <article class="content-card">
                                <h3 class="card-title"><A href=p.href.clone()>{p.title.clone()}</A></h3>
                                <p class="card-meta"><span class="badge">{p.label.clone()}</span>
                                    {p.is_sample.then(|| view! { " " <SampleBadge/> })}</p>
                                {snippet_view(p.snippet)}
                            </article>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!results.hits.is_empty()).then(|| view! {
            <section aria-labelledby="hits-title">
                <h2 id="hits-title">"مطالب"</h2>
                <ol class="content-cards search-hits">
                    {results.hits.into_iter().map(|h| {
                        // The passage stands for the summary.
                        let card = crate::model::ContentCard { summary: String::new(), ..h.card };
                        let snippet = h.snippet;
                        view! {
                            <li>
                                <Card card=card now=now nested=true kind_label=true>
                                    {snippet_view(snippet.clone())}
                                </Card>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}
        <Pagination page=results.page pages=pages label="صفحه‌های نتیجه"/>
    }
    .into_any()
}
