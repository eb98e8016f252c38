use crate::api::content::get_content_list;
use crate::components::common::loaded;
use crate::model::{ContentKind, ContentList};
use crate::pages::content::Card;
use crate::sections::GROUPS;
use crate::PORTAL_NAME;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <Meta
            name="description"
            content="پرتال شرکت آب منطقه‌ای قم: قوانین و مقررات، شناسنامه خدمات، اخبار، آمار منابع آب، ثبت و پیگیری تیکت و پیشنهادها و انتقادها."
        />
        <section class="hero">
            <h1>{format!("پرتال {PORTAL_NAME}")}</h1>
            <p>
                "قوانین و مقررات، شناسنامه‌ی خدمات، اخبار و اطلاعیه‌ها و آمار منابع آب استان را بخوانید؛ "
                "پرسش خود را با ثبت تیکت مطرح کنید و پاسخ را با کد پیگیری ببینید."
            </p>
            <div class="hero-actions">
                <A href="/tickets/new" attr:class="button">"ثبت تیکت"</A>
                <A href="/tickets/track" attr:class="button button-secondary">"پیگیری تیکت"</A>
            </div>
        </section>
        <crate::pages::water::WaterHeadline/>
        <div class="home-latest">
            <Latest kind=ContentKind::News heading="تازه‌ترین اخبار" open=false upcoming=false/>
            <Latest kind=ContentKind::Tender heading="مناقصه‌ها و مزایده‌های باز" open=true upcoming=false/>
            <Latest kind=ContentKind::Event heading="رویدادهای پیش رو" open=false upcoming=true/>
        </div>
        {GROUPS
            .iter()
            .map(|g| {
                view! {
                    <section class="section-group">
                        <h2>{g.title}</h2>
                        <ul class="cards">
                            {g
                                .sections
                                .iter()
                                .map(|s| {
                                    view! {
                                        <li class="card">
                                            <A href=s.path>{s.title}</A>
                                            <p>{s.summary}</p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })
            .collect_view()}
    }
}

/// The newest few items of a kind (open tenders, upcoming events), with a link to the list.
#[component]
pub fn Latest(
    kind: ContentKind,
    heading: &'static str,
    open: bool,
    upcoming: bool,
) -> impl IntoView {
    let flag = |b: bool| if b { "1".to_string() } else { String::new() };
    let list = OnceResource::new(get_content_list(
        kind.as_str().to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        flag(open),
        flag(upcoming),
        String::new(),
        "3".into(),
        String::new(),
        String::new(),
    ));
    let id = format!("latest-{}", kind.as_str());
    view! {
        <section class="section-group" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{heading}</h2>
            {loaded(list, move |l: ContentList| {
                let now = l.now;
                if l.items.is_empty() {
                    view! { <p class="muted">"فعلاً موردی نیست."</p> }.into_any()
                } else {
                    view! {
                        <ul class="content-cards">
                            {l.items.into_iter().map(|c| view! { <li><Card card=c now=now nested=true/></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
            <p><A href=kind.path()>{format!("همه‌ی {}", kind.plural())}</A></p>
        </section>
    }
}
