use crate::api::list_contact_offices;
use crate::components::common::{loaded, ContactDetails, SampleBadge, SectionIntro};
use crate::model::{OfficeContact, OfficeKind};
use crate::persian::jalali::format_date;
use crate::sections::section;
use leptos::prelude::*;

#[component]
pub fn ContactPage() -> impl IntoView {
    let offices = OnceResource::new(list_contact_offices());
    view! {
        <article class="page">
            <SectionIntro section=section("contact")/>
            {loaded(offices, |list: Vec<OfficeContact>| {
                if list.is_empty() {
                    view! { <p>"اطلاعات تماسی ثبت نشده است."</p> }.into_any()
                } else {
                    view! {
                        <div class="office-list">
                            {list.into_iter().map(|o| view! { <OfficeCard office=o/> }).collect_view()}
                        </div>
                    }
                        .into_any()
                }
            })}
        </article>
    }
}

#[component]
fn OfficeCard(office: OfficeContact) -> impl IntoView {
    let o = office;
    let class = if o.kind == OfficeKind::Company {
        "office office-main"
    } else {
        "office"
    };
    let name = o.name.clone();
    let sample = o.is_sample;
    let updated = format_date(o.updated_at);
    view! {
        <section class=class>
            <h2>{name} {sample.then(|| view! { " " <SampleBadge/> })}</h2>
            <ContactDetails office=o/>
            <p class="meta">"آخرین به‌روزرسانی: " {updated}</p>
        </section>
    }
}
