//! The public side of published content: a list page per kind (filters in the address, so
//! they work before hydration and can be shared), the news archive by Jalali year and month,
//! and an item's page with its metadata (registered on, last updated, the section as
//! author, views), its kind's details, sanitized body, attachments and SEO tags.

use crate::api::content::{get_content_item, get_content_list};
use crate::components::attachments::AttachmentList;
use crate::components::common::{loaded_resource, ErrorNotice, SampleBadge};
use crate::components::forms::set_status;
use crate::error::AppError;
use crate::model::{
    ContentCard, ContentKind, ContentList, FieldInput, PublicContent, Visibility, VIEWS_PLACEHOLDER,
};
use crate::persian::jalali::{format_date, format_date_time};
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

fn intro(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Law => "قوانین، آیین‌نامه‌ها، بخشنامه‌ها و دستورالعمل‌های منابع آب، رودخانه‌ها و امور مالی؛ با نوع، موضوع و سال جست‌وجو کنید.",
        ContentKind::Service => "خدمات شرکت با شناسه، متولی، مدارک لازم و مراحل انجام هر خدمت، بر پایه‌ی شناسنامه‌ی خدمات دولت.",
        ContentKind::News => "اخبار شرکت آب منطقه‌ای قم.",
        ContentKind::Tender => "آگهی‌های مناقصه و مزایده؛ وضعیت هر آگهی از مهلت آن به دست می‌آید.",
        ContentKind::Event => "مناسبت‌ها و رویدادهای پیش رو و گذشته.",
        ContentKind::Faq => "پاسخ پرسش‌های پرتکرار شهروندان؛ روی هر پرسش بزنید تا پاسخ باز شود.",
        ContentKind::Link => "پیوند به سامانه‌ها و سازمان‌های مرتبط.",
        ContentKind::Report => "گزارش‌های سیمای آب استان، آمارنامه‌های بارگذاری‌شده و دیگر گزارش‌های منابع آب؛ با نوع و سال جست‌وجو کنید.",
        ContentKind::Research => "طرح‌های پژوهشی کاربردی شرکت با مجری، ناظر، وضعیت و گزارش نهایی؛ با واژه، اولویت، وضعیت، سال شروع و مجری جست‌وجو کنید.",
        ContentKind::ResearchCall => "فراخوان‌های دریافت پیشنهاد پژوهشی و اولویت‌هایی که شرکت اعلام می‌کند؛ وضعیت هر فراخوان از مهلت آن به دست می‌آید.",
        ContentKind::Knowledge => "درس‌آموخته‌ها، یادداشت‌های فنی و تجربه‌های کارشناسان شرکت. برخی مطالب فقط برای کاربران واردشده یا کارکنان نمایش داده می‌شود.",
    }
}

/// A tender's or call's status from its deadline, as of `now`.
fn tender_open(card: &ContentCard, now: i64) -> Option<bool> {
    card.kind
        .has_deadline()
        .then(|| card.ref_date.is_some_and(|d| d > now))
}

#[component]
pub fn ContentListPage(kind: ContentKind) -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let list = Resource::new(
        move || {
            (
                get("topic"),
                get("subkind"),
                get("year"),
                get("month"),
                get("sort"),
                get("open"),
                get("upcoming"),
                get("page"),
                get("q"),
                get("executor"),
            )
        },
        move |(topic, subkind, year, month, sort, open, upcoming, page, q, executor)| {
            get_content_list(
                kind.as_str().to_string(),
                topic,
                subkind,
                year,
                month,
                sort,
                open,
                upcoming,
                page,
                String::new(),
                q,
                executor,
            )
        },
    );
    view! {
        <Title text=kind.plural()/>
        <Meta name="description" content=intro(kind)/>
        {kind.feed_name().map(|name| view! {
            <Link rel="alternate" type_="application/rss+xml" href=format!("/feeds/{name}.xml")
                title=format!("خوراک {}", kind.plural())/>
        })}
        <article class="page">
            <h1>{kind.plural()}</h1>
            <p class="lead">{intro(kind)}</p>
            {loaded_resource(list, move |l: Result<ContentList, AppError>| match l {
                Ok(l) => view! { <Filters list=l.clone()/> <Results list=l/> }.into_any(),
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn Filters(list: ContentList) -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let kind = list.kind;
    let subkinds = kind.subkinds();
    if kind == ContentKind::Link {
        return None;
    }
    Some(view! {
        <Form method="GET" action="" attr:class="filter-form" attr:aria-label="پالایش فهرست">
            {kind.has_word_search().then(|| view! {
                <label for="f-q">{if kind == ContentKind::Faq { "جست‌وجو در پرسش‌ها" } else { "واژه" }}</label>
                <input id="f-q" name="q" type="search" value=get("q")/>
            })}
            {kind.topic_label().filter(|_| !list.topics.is_empty()).map(|label| view! {
                <label for="f-topic">{label}</label>
                <select id="f-topic" name="topic">
                    <option value="">"همه"</option>
                    {list.topics.iter().map(|t| view! {
                        <option value=t.id.to_string() selected=get("topic") == t.id.to_string()>{t.title.clone()}</option>
                    }).collect_view()}
                </select>
            })}
            {subkinds.map(|(label, options)| view! {
                <label for="f-subkind">{label}</label>
                <select id="f-subkind" name="subkind">
                    <option value="">"همه"</option>
                    {options.iter().map(|(v, l)| view! { <option value=*v selected=get("subkind") == *v>{*l}</option> }).collect_view()}
                </select>
            })}
            {(!list.years.is_empty() && !kind.ordered_by_hand()).then(|| view! {
                <label for="f-year">{match kind {
                    ContentKind::Law => "سال تصویب",
                    ContentKind::Research => "سال شروع",
                    _ => "سال",
                }}</label>
                <select id="f-year" name="year">
                    <option value="">"همه"</option>
                    {list.years.iter().map(|y| view! {
                        <option value=y.to_string() selected=get("year") == y.to_string()>{to_persian_digits(&y.to_string())}</option>
                    }).collect_view()}
                </select>
            })}
            {(kind == ContentKind::Law).then(|| view! {
                <label for="f-sort">"ترتیب"</label>
                <select id="f-sort" name="sort">
                    <option value="">"تازه‌ترین"</option>
                    <option value="old" selected=get("sort") == "old">"قدیمی‌ترین"</option>
                </select>
            })}
            {(!list.executors.is_empty()).then(|| view! {
                <label for="f-executor">"مجری"</label>
                <select id="f-executor" name="executor">
                    <option value="">"همه"</option>
                    {list.executors.iter().map(|e| view! {
                        <option value=e.clone() selected=get("executor") == *e>{e.clone()}</option>
                    }).collect_view()}
                </select>
            })}
            {kind.has_deadline().then(|| view! {
                <span class="field-check">
                    <input type="checkbox" id="f-open" name="open" value="1" checked=!get("open").is_empty()/>
                    <label for="f-open">{if kind == ContentKind::Tender { "فقط آگهی‌های باز" } else { "فقط فراخوان‌های باز" }}</label>
                </span>
            })}
            {(kind == ContentKind::Event).then(|| view! {
                <span class="field-check">
                    <input type="checkbox" id="f-upcoming" name="upcoming" value="1" checked=!get("upcoming").is_empty()/>
                    <label for="f-upcoming">"فقط رویدادهای پیش رو"</label>
                </span>
            })}
            <button type="submit">"نمایش"</button>
        </Form>
    })
}

fn page_href(page: u64) -> String {
    let query = use_query_map();
    let q = query.read_untracked();
    let mut parts: Vec<String> = q
        .clone()
        .into_iter()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| format!("{}={}", k, crate::components::forms::encode_component(&v)))
        .collect();
    parts.push(format!("page={page}"));
    format!("?{}", parts.join("&"))
}

#[component]
fn Results(list: ContentList) -> impl IntoView {
    let kind = list.kind;
    let now = list.now;
    let pages = list.total.div_ceil(list.per_page.max(1));
    let status = format!("{} مورد", format_number(list.total as i64));
    view! {
        <p role="status" class="muted">{status}</p>
        {if list.items.is_empty() {
            view! { <p>"موردی با این ویژگی‌ها پیدا نشد."</p> }.into_any()
        } else if kind == ContentKind::Faq {
            view! {
                <div class="faq-list">
                    {list.items.into_iter().map(|c| view! {
                        <details class="faq">
                            <summary>{c.title.clone()} {c.is_sample.then(|| view! { " " <SampleBadge/> })}</summary>
                            <div class="content-body" inner_html=c.body_html.clone().unwrap_or_default()></div>
                            {c.topic.clone().map(|t| view! { <p class="muted">{format!("دسته: {t}")}</p> })}
                        </details>
                    }).collect_view()}
                </div>
            }.into_any()
        } else if kind == ContentKind::Link {
            view! {
                <ul class="link-list">
                    {list.items.into_iter().map(|c| {
                        let url = c.url.clone().unwrap_or_default();
                        view! {
                            <li>
                                <a href=url.clone() rel="external noopener">{c.title.clone()}</a>
                                " " <bdi dir="ltr" class="muted">{url}</bdi>
                                {c.is_sample.then(|| view! { " " <SampleBadge/> })}
                                {(!c.summary.is_empty()).then(|| view! { <p>{c.summary.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        } else {
            view! {
                <ul class="content-cards">
                    {list.items.into_iter().map(|c| view! { <li><Card card=c now=now/></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination page=list.page pages=pages label="صفحه‌ها"/>
    }
}

/// Previous / next links (the address's other parameters kept) and «صفحه‌ی ۲ از ۵»; nothing
/// when there is one page.
#[component]
pub fn Pagination(page: u64, pages: u64, label: &'static str) -> impl IntoView {
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=label>
            {(page > 1).then(|| view! { <A href=page_href(page - 1) attr:rel="prev">"صفحه‌ی پیش"</A> })}
            <span>{format!("صفحه‌ی {} از {}", to_persian_digits(&page.to_string()), to_persian_digits(&pages.to_string()))}</span>
            {(page < pages).then(|| view! { <A href=page_href(page + 1) attr:rel="next">"صفحه‌ی بعد"</A> })}
        </nav>
    })
}

/// Who an item is for, when it is not for everyone.
fn audience_label(v: Visibility) -> Option<&'static str> {
    match v {
        Visibility::Public => None,
        Visibility::Registered => Some("ویژه‌ی کاربران ثبت‌نام‌کرده"),
        Visibility::Staff => Some("فقط کارکنان"),
    }
}

/// A list card: title, date, kind-specific badges and the summary.
#[component]
pub fn Card(
    card: ContentCard,
    now: i64,
    /// Under a section heading (the home page): the title is an `<h3>`.
    #[prop(optional)]
    nested: bool,
    /// Among results of every kind (the site search): the kind is named.
    #[prop(optional)]
    kind_label: bool,
    /// Shown after the summary (the site search's passage).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let c = card;
    let open = tender_open(&c, now);
    let kind = c.kind;
    let sub = c.subkind.as_deref().and_then(|s| kind.subkind_label(s));
    let date = match kind {
        ContentKind::Law => c.ref_date.map(|d| format!("تاریخ: {}", format_date(d))),
        ContentKind::Tender | ContentKind::ResearchCall => {
            c.ref_date.map(|d| format!("مهلت: {}", format_date_time(d)))
        }
        ContentKind::Research => c.ref_date.map(|d| format!("شروع: {}", format_date(d))),
        ContentKind::Event => c.ref_date.map(|d| format!("زمان: {}", format_date_time(d))),
        _ => Some(format!("انتشار: {}", format_date(c.published_at))),
    };
    view! {
        <article class="content-card">
            {c.image_key.clone().map(|k| view! { <img src=format!("/files/{k}") alt="" loading="lazy" class="card-image"/> })}
            {if nested {
                view! { <h3 class="card-title"><A href=c.href()>{c.title.clone()}</A></h3> }.into_any()
            } else {
                view! { <h2 class="card-title"><A href=c.href()>{c.title.clone()}</A></h2> }.into_any()
            }}
            <p class="card-meta">
                {kind_label.then(|| view! { <span class="badge">{kind.label()}</span> " " })}
                {sub.map(|s| view! { <span class="badge">{s}</span> " " })}
                {c.ref_number.clone().map(|n| view! { <span>{format!("شماره {}", to_persian_digits(&n))}</span> " · " })}
                {date}
                {c.topic.clone().map(|t| view! { " · " <span>{t}</span> })}
                {open.map(|o| view! { " " <span class=if o { "badge badge-open" } else { "badge badge-closed" }>{if o { "باز" } else { "بسته" }}</span> })}
                {audience_label(c.visibility).map(|l| view! { " " <span class="badge">{l}</span> })}
                {c.is_sample.then(|| view! { " " <SampleBadge/> })}
            </p>
            {(!c.summary.is_empty()).then(|| view! { <p>{c.summary.clone()}</p> })}
            {children.map(|c| c())}
        </article>
    }
}

/// The news archive: every Jalali year and month with news, each a link to the filtered list.
#[component]
pub fn NewsArchivePage() -> impl IntoView {
    let query = use_query_map();
    let year = move || query.read().get("year").unwrap_or_default();
    let list = Resource::new(year, |year| {
        get_content_list(
            "news".into(),
            String::new(),
            String::new(),
            year,
            String::new(),
            "old".into(),
            String::new(),
            String::new(),
            String::new(),
            "100".into(),
            String::new(),
            String::new(),
        )
    });
    view! {
        <Title text="بایگانی اخبار"/>
        <article class="page">
            <h1>"بایگانی اخبار"</h1>
            <p class="lead">"اخبار گذشته به سال و ماه خورشیدی."</p>
            {loaded_resource(list, move |l: Result<ContentList, AppError>| match l {
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                Ok(l) => {
                    let chosen = year();
                    view! {
                        <nav aria-label="سال‌ها" class="archive-years">
                            <ul>
                                {l.years.clone().into_iter().map(|y| view! {
                                    <li><A href=format!("/news/archive?year={y}")>{to_persian_digits(&y.to_string())}</A></li>
                                }).collect_view()}
                            </ul>
                        </nav>
                        {(!chosen.is_empty()).then(|| {
                            let mut by_month: Vec<(u8, Vec<ContentCard>)> = Vec::new();
                            for c in l.items.clone() {
                                let m = crate::persian::jalali::JalaliDateTime::from_unix(c.published_at).map(|j| j.date.month).unwrap_or(1);
                                match by_month.iter_mut().find(|(x, _)| *x == m) {
                                    Some((_, v)) => v.push(c),
                                    None => by_month.push((m, vec![c])),
                                }
                            }
                            view! {
                                <h2>{format!("سال {}", to_persian_digits(&chosen))}</h2>
                                {by_month.into_iter().map(|(m, items)| view! {
                                    <section class="archive-month">
                                        <h3>{crate::persian::jalali::MONTH_NAMES[(m as usize).clamp(1, 12) - 1]}</h3>
                                        <ul>
                                            {items.into_iter().map(|c| view! {
                                                <li><A href=c.href()>{c.title.clone()}</A> " " <span class="muted">{format_date(c.published_at)}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                }).collect_view()}
                            }
                        })}
                    }.into_any()
                }
            })}
        </article>
    }
}

#[component]
pub fn ContentPage(kind: ContentKind) -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| crate::persian::normalize_digits(&v).parse::<i32>().ok())
            .unwrap_or(0)
    };
    let item = Resource::new(id, move |id| {
        get_content_item(kind.as_str().to_string(), id)
    });
    view! {
        <article class="page content-page">
            <p><A href=kind.path()>{format!("← {}", kind.plural())}</A></p>
            {loaded_resource(item, move |r: Result<PublicContent, AppError>| match r {
                Ok(c) => view! { <ContentView content=c/> }.into_any(),
                Err(e) => {
                    set_status(e.status().as_u16());
                    view! { <Title text=kind.label()/> <h1>{kind.label()}</h1> <ErrorNotice error=e/> }.into_any()
                }
            })}
        </article>
    }
}

/// One step of a service card: `step | actor | description | link`.
fn service_steps(text: &str) -> impl IntoView {
    let steps: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('|').map(|p| p.trim().to_string()).collect())
        .collect();
    view! {
        <ol class="service-steps">
            {steps.into_iter().map(|p| {
                let title = p.first().cloned().unwrap_or_default();
                let actor = p.get(1).cloned().filter(|s| !s.is_empty());
                let desc = p.get(2).cloned().filter(|s| !s.is_empty());
                let need = p.get(3).cloned().filter(|s| !s.is_empty());
                view! {
                    <li>
                        <strong>{title}</strong>
                        {actor.map(|a| view! { <span class="muted">{format!(" — انجام‌دهنده: {a}")}</span> })}
                        {desc.map(|d| view! { <p>{d}</p> })}
                        {need.map(|n| if n.starts_with('/') || n.starts_with("http") {
                            view! { <p>"لازم: " <a href=n.clone()>{n.clone()}</a></p> }.into_any()
                        } else {
                            view! { <p>{format!("لازم: {n}")}</p> }.into_any()
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// Keywords as links to the kind's list searching for each.
fn keyword_links(kind: ContentKind, text: &str) -> impl IntoView {
    let words: Vec<String> = text
        .split([',', '،', '؛', ';'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    view! {
        <ul class="keywords">
            {words.into_iter().map(|w| {
                let href = format!("{}?q={}", kind.path(), crate::components::forms::encode_component(&w));
                view! { <li><A href=href>{w}</A></li> }
            }).collect_view()}
        </ul>
    }
}

fn lines_view(text: &str) -> impl IntoView {
    let items: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    view! {
        <ul>
            {items.into_iter().map(|l| if l.starts_with('/') || l.starts_with("http") {
                view! { <li><a href=l.clone()>{l.clone()}</a></li> }.into_any()
            } else {
                view! { <li>{l}</li> }.into_any()
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ContentView(content: PublicContent) -> impl IntoView {
    let c = content;
    let kind = c.card.kind;
    let canonical = format!("{}{}", c.public_url, c.card.href());
    let description = c.description.clone();
    let open = tender_open(&c.card, c.now);
    let details: Vec<_> = kind
        .fields()
        .iter()
        .filter_map(|spec| {
            let v = c.fields.get(spec.key)?.clone();
            if v.is_empty() {
                return None;
            }
            let shown = match spec.input {
                FieldInput::Choice(options) => options
                    .iter()
                    .find(|(k, _)| *k == v)
                    .map(|(_, l)| l.to_string())
                    .unwrap_or(v),
                FieldInput::YesNo => "بله".to_string(),
                _ => v,
            };
            Some((spec, shown))
        })
        .collect();
    view! {
        <Title text=c.card.title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=c.card.title.clone()/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:locale" content="fa_IR"/>
        {c.card.image_key.clone().map(|k| view! { <Meta property="og:image" content=format!("{}/files/{k}", c.public_url)/> })}
        <header class="content-header">
            <h1>{c.card.title.clone()} {c.card.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
            <dl class="content-meta">
                <dt>"ثبت"</dt><dd>{format_date_time(c.card.published_at)}</dd>
                <dt>"آخرین به‌روزرسانی"</dt><dd>{format_date_time(c.updated_at)}</dd>
                <dt>"منتشرکننده"</dt><dd>{c.section_title.clone()}</dd>
                <dt>"بازدید"</dt><dd>{if c.views_filled_per_visit { VIEWS_PLACEHOLDER.to_string() } else { format_number(c.views) }}</dd>
                {c.card.topic.clone().map(|t| view! { <dt>{kind.topic_label().unwrap_or("موضوع")}</dt><dd>{t}</dd> })}
            </dl>
        </header>
        {c.card.image_key.clone().map(|k| view! { <img class="content-image" src=format!("/files/{k}") alt=c.card.title.clone()/> })}
        {(!c.card.summary.is_empty()).then(|| view! { <p class="lead">{c.card.summary.clone()}</p> })}
        {open.map(|o| view! {
            <p class=if o { "notice notice-ok" } else { "notice" } role="status">
                {match (o, kind == ContentKind::Tender) {
                    (true, true) => "این آگهی باز است؛ پیشنهادها تا پایان مهلت پذیرفته می‌شود.",
                    (false, true) => "مهلت این آگهی به پایان رسیده است.",
                    (true, false) => "این فراخوان باز است؛ پیشنهادها تا پایان مهلت پذیرفته می‌شود.",
                    (false, false) => "مهلت این فراخوان به پایان رسیده است.",
                }}
            </p>
        })}
        {(!details.is_empty()).then(|| view! {
            <dl class="details">
                {details.into_iter().map(|(spec, v)| view! {
                    <dt>{spec.label}</dt>
                    <dd>{match (spec.key, spec.input) {
                        ("steps", _) => service_steps(&v).into_any(),
                        (_, FieldInput::Lines) => lines_view(&v).into_any(),
                        (_, FieldInput::Url) => view! { <a href=v.clone() rel="external noopener"><bdi dir="ltr">{v.clone()}</bdi></a> }.into_any(),
                        ("ref_number", _) => view! { <bdi>{to_persian_digits(&v)}</bdi> }.into_any(),
                        ("keywords", _) => keyword_links(kind, &v).into_any(),
                        (_, FieldInput::Number) => view! {
                            {v.parse::<i64>().map(format_number).unwrap_or_else(|_| to_persian_digits(&v))}
                        }.into_any(),
                        _ => view! { {v} }.into_any(),
                    }}</dd>
                }).collect_view()}
            </dl>
        })}
        <div class="content-body" inner_html=c.body_html.clone()></div>
        {(!c.attachments.is_empty()).then(|| view! {
            <section aria-labelledby="files-title">
                <h2 id="files-title">"پیوست‌ها"</h2>
                <AttachmentList items=c.attachments.clone()/>
            </section>
        })}
    }
}
