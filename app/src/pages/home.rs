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
