//! The research and knowledge-management section's front page: what it holds, the latest
//! research projects, the open calls for proposals and the latest knowledge items (each
//! list as this visitor may see it), with the way to each full list.

use crate::components::common::SectionIntro;
use crate::model::ContentKind;
use crate::pages::home::Latest;
use crate::sections::section;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ResearchPage() -> impl IntoView {
    view! {
        <article class="page">
            <SectionIntro section=section("research")/>
            <p>
                "طرح‌های پژوهشی کاربردی شرکت با گزارش نهایی‌شان، فراخوان‌های دریافت پیشنهاد با اولویت‌های پژوهشی، و دانش و تجربه‌ی کارشناسان شرکت. "
                "پیشنهاد پژوهشی را تا پایان مهلت هر فراخوان بفرستید."
            </p>
            <nav aria-label="بخش‌های تحقیق و پژوهش">
                <ul class="cards">
                    {[ContentKind::Research, ContentKind::ResearchCall, ContentKind::Knowledge]
                        .into_iter()
                        .map(|k| view! { <li class="card"><A href=k.path()>{k.plural()}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
            <div class="home-latest">
                <Latest kind=ContentKind::ResearchCall heading="فراخوان‌های باز" open=true upcoming=false/>
                <Latest kind=ContentKind::Research heading="تازه‌ترین طرح‌های پژوهشی" open=false upcoming=false/>
                <Latest kind=ContentKind::Knowledge heading="تازه‌ترین مطالب دانشی" open=false upcoming=false/>
            </div>
        </article>
    }
}
