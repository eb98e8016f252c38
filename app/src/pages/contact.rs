use crate::api::list_contact_offices;
use crate::components::common::{ContactDetails, ErrorNotice, SampleBadge};
use crate::model::{OfficeContact, OfficeKind};
use crate::persian::jalali::format_date;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn ContactPage() -> impl IntoView {
    let offices = OnceResource::new(list_contact_offices());
    view! {
        <Title text="اطلاعات تماس"/>
        <Meta name="description" content="نشانی و تلفن شرکت آب منطقه‌ای قم و امور منابع آب شهرستان‌های استان."/>
        <article class="page">
            <h1>"اطلاعات تماس"</h1>
            <p class="lead">"نشانی پستی و شماره‌های تماس شرکت و امور منابع آب شهرستان‌ها."</p>
            <Suspense fallback=|| view! { <p>"در حال بارگذاری…"</p> }>
                {move || Suspend::new(async move {
                    match offices.await {
                        Ok(list) if list.is_empty() => view! { <p>"اطلاعات تماسی ثبت نشده است."</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="office-list">
                                {list.into_iter().map(|o| view! { <OfficeCard office=o/> }).collect_view()}
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
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
