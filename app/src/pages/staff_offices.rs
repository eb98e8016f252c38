//! The custodians' screens for the contact directory and the service counter offices: every
//! office as an editable form, a form for a new one, and removal. Plain forms (they work
//! before hydration); the public pages show the result at once.

use crate::api::offices::{
    keeps_section, DeleteContactOffice, DeleteCounterOffice, SaveContactOffice, SaveCounterOffice,
};
use crate::api::{list_contact_offices, list_counter_offices};
use crate::components::forms::{guarded, ActionDone, ActionError};
use crate::model::{CounterOffice, OfficeContact, OfficeKind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// A labelled text input with an id made from `prefix` and `name`.
fn input(
    prefix: String,
    name: &'static str,
    label: &'static str,
    value: Option<String>,
    ltr: bool,
    required: bool,
) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name value=value.unwrap_or_default() required=required dir=if ltr { "ltr" } else { "auto" }/>
        </div>
    }
}

fn coordinate(v: Option<f64>) -> Option<String> {
    v.map(|x| crate::persian::to_persian_digits(&format!("{x}")).replace('.', "٫"))
}

#[component]
pub fn StaffContactPage() -> impl IntoView {
    let save = ServerAction::<SaveContactOffice>::new();
    let delete = ServerAction::<DeleteContactOffice>::new();
    let allowed = Resource::new(|| (), |_| keeps_section("contact".into()));
    let offices = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| list_contact_offices(),
    );
    view! {
        <Title text="ویرایش اطلاعات تماس"/>
        <article class="page">
            <h1>"ویرایش اطلاعات تماس"</h1>
            <p class="lead">"نشانی، تلفن، ساعت کار و موقعیت ستاد شرکت و امور منابع آب شهرستان‌ها. "
                <A href="/contact">"صفحه‌ی عمومی"</A></p>
            {guarded(allowed, move |_: bool| view! {
                <ActionError action=save/>
                <ActionError action=delete/>
                <ActionDone action=save text="ذخیره شد."/>
                {crate::components::common::loaded_resource(offices, move |r: Result<Vec<OfficeContact>, crate::error::AppError>| match r {
                    Err(e) => view! { <crate::components::common::ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! {
                        {list.into_iter().map(|o| view! { <ContactForm office=Some(o) save=save delete=delete/> }).collect_view()}
                        <h2>"دفتر تازه"</h2>
                        <ContactForm office=None save=save delete=delete/>
                    }.into_any(),
                })}
            })}
        </article>
    }
}

#[component]
fn ContactForm(
    office: Option<OfficeContact>,
    save: ServerAction<SaveContactOffice>,
    delete: ServerAction<DeleteContactOffice>,
) -> impl IntoView {
    let prefix = office
        .as_ref()
        .map(|o| format!("o{}", o.id))
        .unwrap_or_else(|| "new".into());
    let o = office.clone();
    let get = move |f: fn(&OfficeContact) -> Option<String>| o.as_ref().and_then(f);
    let heading = office.as_ref().map(|o| o.name.clone());
    let removable = office
        .as_ref()
        .filter(|o| o.kind == OfficeKind::County)
        .map(|o| (o.id, o.name.clone()));
    let existing = office.is_some();
    let id_value = office
        .as_ref()
        .map(|o| o.id.to_string())
        .unwrap_or_default();
    view! {
        <section class="office-form">
            {heading.map(|h| view! { <h2>{h}</h2> })}
            <ActionForm action=save attr:class="stacked-form">
                <input type="hidden" name="id" value=id_value/>
                {input(prefix.clone(), "name", "نام", get(|o| Some(o.name.clone())), false, true)}
                {input(prefix.clone(), "county", "شهرستان", get(|o| o.county.clone()), false, false)}
                {input(prefix.clone(), "address", "نشانی", get(|o| Some(o.address.clone())), false, true)}
                {input(prefix.clone(), "postal_code", "کد پستی", get(|o| o.postal_code.clone()), true, false)}
                {input(prefix.clone(), "phone", "تلفن", get(|o| o.phone.clone()), true, false)}
                {input(prefix.clone(), "fax", "دورنگار", get(|o| o.fax.clone()), true, false)}
                {input(prefix.clone(), "email", "رایانامه", get(|o| o.email.clone()), true, false)}
                {input(prefix.clone(), "sms", "سامانه‌ی پیامک", get(|o| o.sms.clone()), true, false)}
                {input(prefix.clone(), "voice_line", "سامانه‌ی صوتی", get(|o| o.voice_line.clone()), true, false)}
                {input(prefix.clone(), "working_hours", "ساعت کار", get(|o| o.working_hours.clone()), false, false)}
                {input(prefix.clone(), "latitude", "عرض جغرافیایی", get(|o| coordinate(o.latitude)), true, false)}
                {input(prefix.clone(), "longitude", "طول جغرافیایی", get(|o| coordinate(o.longitude)), true, false)}
                <button type="submit">{if existing { "ذخیره" } else { "افزودن دفتر" }}</button>
            </ActionForm>
            {removable.map(|(id, name)| view! {
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button-secondary" aria-label=format!("حذف {name}")>"حذف این دفتر"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn StaffCounterOfficesPage() -> impl IntoView {
    let save = ServerAction::<SaveCounterOffice>::new();
    let delete = ServerAction::<DeleteCounterOffice>::new();
    let allowed = Resource::new(|| (), |_| keeps_section("counter_offices".into()));
    let offices = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| list_counter_offices(),
    );
    view! {
        <Title text="ویرایش دفاتر پیشخوان"/>
        <article class="page">
            <h1>"ویرایش دفاتر پیشخوان"</h1>
            <p class="lead">"دفاتر پیشخوان دولت در شهرستان‌های استان. " <A href="/counter-offices">"صفحه‌ی عمومی"</A></p>
            {guarded(allowed, move |_: bool| view! {
                <ActionError action=save/>
                <ActionError action=delete/>
                <ActionDone action=save text="ذخیره شد."/>
                {crate::components::common::loaded_resource(offices, move |r: Result<Vec<CounterOffice>, crate::error::AppError>| match r {
                    Err(e) => view! { <crate::components::common::ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! {
                        <h2>"دفتر تازه"</h2>
                        <CounterForm office=None save=save delete=delete/>
                        {list.into_iter().map(|o| view! { <CounterForm office=Some(o) save=save delete=delete/> }).collect_view()}
                    }.into_any(),
                })}
            })}
        </article>
    }
}

#[component]
fn CounterForm(
    office: Option<CounterOffice>,
    save: ServerAction<SaveCounterOffice>,
    delete: ServerAction<DeleteCounterOffice>,
) -> impl IntoView {
    let prefix = office
        .as_ref()
        .map(|o| format!("c{}", o.id))
        .unwrap_or_else(|| "newc".into());
    let o = office.clone();
    let get = move |f: fn(&CounterOffice) -> Option<String>| o.as_ref().and_then(f);
    let heading = office.as_ref().map(|o| {
        format!(
            "دفتر کد {} — {}",
            crate::persian::to_persian_digits(&o.code),
            o.county
        )
    });
    let removable = office.as_ref().map(|o| (o.id, o.code.clone()));
    let existing = office.is_some();
    let id_value = office
        .as_ref()
        .map(|o| o.id.to_string())
        .unwrap_or_default();
    view! {
        <section class="office-form">
            {heading.map(|h| view! { <h3>{h}</h3> })}
            <ActionForm action=save attr:class="stacked-form">
                <input type="hidden" name="id" value=id_value/>
                {input(prefix.clone(), "name", "نام دفتر", get(|o| o.name.clone()), false, false)}
                {input(prefix.clone(), "county", "شهرستان", get(|o| Some(o.county.clone())), false, true)}
                {input(prefix.clone(), "code", "کد دفتر", get(|o| Some(o.code.clone())), true, true)}
                {input(prefix.clone(), "manager", "مدیر دفتر", get(|o| Some(o.manager.clone())), false, true)}
                {input(prefix.clone(), "address", "نشانی", get(|o| Some(o.address.clone())), false, true)}
                {input(prefix.clone(), "phone", "تلفن", get(|o| Some(o.phone.clone())), true, true)}
                {input(prefix.clone(), "working_hours", "ساعت کار", get(|o| o.working_hours.clone()), false, false)}
                {input(prefix.clone(), "latitude", "عرض جغرافیایی", get(|o| coordinate(o.latitude)), true, false)}
                {input(prefix.clone(), "longitude", "طول جغرافیایی", get(|o| coordinate(o.longitude)), true, false)}
                <button type="submit">{if existing { "ذخیره" } else { "افزودن دفتر" }}</button>
            </ActionForm>
            {removable.map(|(id, code)| view! {
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button-secondary"
                        aria-label=format!("حذف دفتر کد {}", crate::persian::to_persian_digits(&code))>"حذف این دفتر"</button>
                </ActionForm>
            })}
        </section>
    }
}
