//! The page of a section whose content a later part of the portal will provide. It is a
//! real route with the section's name and purpose, and says plainly that the section is
//! being prepared.

use crate::components::common::SectionIntro;
use crate::sections::{by_key, GROUPS};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SectionPage(key: &'static str) -> impl IntoView {
    let Some(section) = by_key(key) else {
        return view! { <super::not_found::NotFound/> }.into_any();
    };
    let siblings = GROUPS
        .iter()
        .find(|g| g.sections.iter().any(|s| s.key == key))
        .map(|g| (g.title, g.sections));
    view! {
        <article class="page">
            <SectionIntro section=section/>
            <p class="notice" role="status">
                "این بخش در حال آماده‌سازی است و به‌زودی در دسترس قرار می‌گیرد."
            </p>
            {siblings
                .map(|(title, sections)| {
                    view! {
                        <nav class="related" aria-label=format!("دیگر بخش‌های {title}")>
                            <h2>{format!("دیگر بخش‌های «{title}»")}</h2>
                            <ul>
                                {sections
                                    .iter()
                                    .filter(|s| s.key != key)
                                    .map(|s| view! { <li><A href=s.path>{s.title}</A></li> })
                                    .collect_view()}
                            </ul>
                        </nav>
                    }
                })}
        </article>
    }
    .into_any()
}
