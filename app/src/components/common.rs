use crate::error::AppError;
use crate::model::OfficeContact;
use crate::persian::to_persian_digits;
use crate::sections::Section;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The visible mark on every piece of demo content.
#[component]
pub fn SampleBadge() -> impl IntoView {
    view! { <span class="sample-badge" title="این مورد محتوای نمونه است و واقعی نیست">"نمونه"</span> }
}

/// A telephone number, postal code or other digit string inside Persian text: shown in
/// Persian digits, isolated left-to-right so its parts keep their order.
#[component]
pub fn Digits(#[prop(into)] text: String) -> impl IntoView {
    view! { <bdi dir="ltr" class="digits">{to_persian_digits(&text)}</bdi> }
}

/// A Latin string (e-mail address, URL) inside Persian text.
#[component]
pub fn Ltr(#[prop(into)] text: String) -> impl IntoView {
    view! { <bdi dir="ltr">{text}</bdi> }
}

/// A place as coordinates, linked with a `geo:` address (opens the device's map app; no
/// map server is needed).
#[component]
pub fn Location(latitude: f64, longitude: f64) -> impl IntoView {
    let shown = crate::persian::to_persian_digits(&format!("{latitude:.5}، {longitude:.5}"))
        .replace('.', "٫");
    view! { <a href=format!("geo:{latitude},{longitude}") rel="external">{shown}</a> }
}

/// A failed load, told in Persian.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    view! { <p class="notice notice-error" role="alert">{error.to_string()}</p> }
}

/// The postal and telephone details of an office, as a definition list.
#[component]
pub fn ContactDetails(office: OfficeContact) -> impl IntoView {
    let o = office;
    let email = o.email.map(|v| {
        let href = format!("mailto:{v}");
        view! { <dt>"پست الکترونیکی"</dt><dd><a href=href><Ltr text=v/></a></dd> }
    });
    view! {
        <dl class="contact-list">
            <dt>"نشانی"</dt>
            <dd>{o.address}</dd>
            {o.postal_code.map(|v| view! { <dt>"کد پستی"</dt><dd><Digits text=v/></dd> })}
            {o.phone.map(|v| view! { <dt>"تلفن"</dt><dd><Digits text=v/></dd> })}
            {o.fax.map(|v| view! { <dt>"دورنگار"</dt><dd><Digits text=v/></dd> })}
            {email}
            {o.sms.map(|v| view! { <dt>"پیامک"</dt><dd><Digits text=v/></dd> })}
            {o.voice_line.map(|v| view! { <dt>"تلفن گویا"</dt><dd><Digits text=v/></dd> })}
            {o.working_hours.map(|v| view! { <dt>"ساعت کار"</dt><dd>{v}</dd> })}
            {o.latitude.zip(o.longitude).map(|(a, b)| view! { <dt>"موقعیت"</dt><dd><Location latitude=a longitude=b/></dd> })}
        </dl>
    }
}

/// The title, description, heading and lead sentence a section's page starts with, all
/// taken from the portal's map so a section is named in one place.
#[component]
pub fn SectionIntro(section: &'static Section) -> impl IntoView {
    view! {
        <Title text=section.title/>
        <Meta name="description" content=section.summary/>
        <h1>{section.title}</h1>
        <p class="lead">{section.summary}</p>
    }
}

/// Shows what a server call returns once it arrives (rendered on the server, so it is there
/// before hydration): `render` for a result, the Persian error otherwise.
pub fn loaded<T, V>(
    resource: OnceResource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"در حال بارگذاری…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorNotice error=error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Like [`loaded`], for a [`Resource`] that reloads when what it depends on changes; `render`
/// gets the value as it is (errors included, for pages that explain them themselves).
pub fn loaded_resource<T, V>(
    resource: Resource<T>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"در حال بارگذاری…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move { render(resource.await) })
            }}
        </Suspense>
    }
}
