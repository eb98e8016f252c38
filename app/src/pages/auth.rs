//! Registration, its confirmation, and login. Plain HTML forms that post to the server
//! functions, so they work without JavaScript; with it, the page navigation sends them in
//! place, and the registration form's fields (an island) check the national ID, mobile and
//! password as they are typed.

use crate::api::account::{Login, Register};
use crate::components::common::SectionIntro;
use crate::components::forms::ActionError;
use crate::persian::identity;
use crate::sections::section;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// A hint under a field, checked as the person types (after hydration).
fn live_hint(
    value: ReadSignal<String>,
    check: fn(&str) -> Result<String, &'static str>,
    id: &'static str,
) -> impl IntoView {
    view! {
        <p class="field-hint" id=id aria-live="polite">
            {move || {
                let v = value.get();
                if v.trim().is_empty() {
                    String::new()
                } else {
                    match check(&v) {
                        Ok(_) => "✓ درست است".to_string(),
                        Err(e) => e.to_string(),
                    }
                }
            }}
        </p>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    view! {
        <article class="page narrow">
            <SectionIntro section=section("register")/>
            <p>
                "پس از ثبت‌نام، راهبر پرتال درخواست شما را بررسی می‌کند و پس از تأیید می‌توانید با نام کاربری و کلمه عبور خود وارد شوید. "
                "برای پیگیری تیکت یا فرستادن پیشنهاد، ثبت‌نام لازم نیست."
            </p>
            <ActionForm action=action attr:class="stacked-form" attr:novalidate=false>
                <ActionError action=action/>
                <div class="field">
                    <label for="full_name">"نام و نام خانوادگی"</label>
                    <input id="full_name" name="full_name" required autocomplete="name" maxlength="100"/>
                </div>
                <IdentityFields/>
                <div class="field">
                    <label for="password_repeat">"تکرار کلمه عبور"</label>
                    <input id="password_repeat" name="password_repeat" required type="password" dir="ltr" autocomplete="new-password"/>
                </div>
                <div class="honeypot" aria-hidden="true">
                    <label for="website">"این خانه را خالی بگذارید"</label>
                    <input id="website" name="website" tabindex="-1" autocomplete="off"/>
                </div>
                <div class="field field-check">
                    <input id="accept_terms" name="accept_terms" type="checkbox" value="yes" required/>
                    <label for="accept_terms">
                        "شرایط استفاده از پرتال را خوانده‌ام و می‌پذیرم: اطلاعاتم درست است، حساب کاربری‌ام را به دیگری نمی‌سپارم و می‌دانم کارهایم در پرتال ثبت می‌شود."
                    </label>
                </div>
                <button type="submit">"ثبت‌نام"</button>
            </ActionForm>
            <p>"پیش‌تر ثبت‌نام کرده‌اید؟ " <A href="/login">"ورود"</A></p>
        </article>
    }
}

/// The registration fields checked as they are typed: national ID, mobile, (email,) user
/// name and password with its rules. An island; before it is hydrated they are plain inputs.
#[island]
fn IdentityFields() -> impl IntoView {
    let (national_id, set_national_id) = signal(String::new());
    let (mobile, set_mobile) = signal(String::new());
    let (username, set_username) = signal(String::new());
    let (password, set_password) = signal(String::new());
    let rules = move || {
        identity::password_rules(&password.get(), &username.get())
            .into_iter()
            .map(|(rule, ok)| {
                view! {
                    <li class=if ok { "rule-ok" } else { "rule-pending" }>
                        <span aria-hidden="true">{if ok { "✓ " } else { "○ " }}</span>
                        {rule}
                        <span class="visually-hidden">{if ok { " (رعایت شد)" } else { " (هنوز نه)" }}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="national_id">"کد ملی"</label>
            <input id="national_id" name="national_id" required inputmode="numeric"
                dir="ltr" maxlength="14" aria-describedby="national_id_hint"
                on:input=move |ev| set_national_id.set(event_target_value(&ev))/>
            {live_hint(national_id, identity::national_id, "national_id_hint")}
        </div>
        <div class="field">
            <label for="mobile">"شماره همراه"</label>
            <input id="mobile" name="mobile" required type="tel" inputmode="tel" dir="ltr"
                autocomplete="tel" placeholder="۰۹۱۲۳۴۵۶۷۸۹" maxlength="20"
                aria-describedby="mobile_hint"
                on:input=move |ev| set_mobile.set(event_target_value(&ev))/>
            {live_hint(mobile, identity::mobile, "mobile_hint")}
        </div>
        <div class="field">
            <label for="email">"رایانامه (ایمیل)"</label>
            <input id="email" name="email" required type="email" dir="ltr" autocomplete="email" maxlength="254"/>
        </div>
        <div class="field">
            <label for="username">"نام کاربری"</label>
            <input id="username" name="username" required dir="ltr" autocomplete="username"
                maxlength="32" aria-describedby="username_help"
                on:input=move |ev| set_username.set(event_target_value(&ev))/>
            <p class="field-help" id="username_help">"۳ تا ۳۲ نویسه: حروف لاتین، رقم، نقطه، خط تیره یا زیرخط."</p>
        </div>
        <div class="field">
            <label for="password">"کلمه عبور"</label>
            <input id="password" name="password" required type="password" dir="ltr"
                autocomplete="new-password" aria-describedby="password_rules"
                on:input=move |ev| set_password.set(event_target_value(&ev))/>
            <ul class="password-rules" id="password_rules" aria-live="polite">{rules}</ul>
        </div>
    }
}

#[component]
pub fn RegisterDonePage() -> impl IntoView {
    view! {
        <Title text="درخواست عضویت ثبت شد"/>
        <article class="page narrow">
            <h1>"درخواست عضویت شما ثبت شد"</h1>
            <p class="notice notice-ok" role="status">
                "حساب شما ساخته شد و در انتظار تأیید راهبر پرتال است. پس از تأیید، با نام کاربری و کلمه عبوری که برگزیدید وارد شوید."
            </p>
            <p><A href="/login">"رفتن به صفحه‌ی ورود"</A> " · " <A href="/">"صفحه‌ی نخست"</A></p>
        </article>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <article class="page narrow">
            <SectionIntro section=section("login")/>
            <ActionForm action=action attr:class="stacked-form">
                <ActionError action=action/>
                <input type="hidden" name="next" prop:value=next value=next/>
                <div class="field">
                    <label for="username">"نام کاربری"</label>
                    <input id="username" name="username" required dir="ltr" autocomplete="username"/>
                </div>
                <div class="field">
                    <label for="password">"کلمه عبور"</label>
                    <input id="password" name="password" required type="password" dir="ltr" autocomplete="current-password"/>
                </div>
                <button type="submit">"ورود"</button>
            </ActionForm>
            <p>
                "حساب ندارید؟ " <A href="/register">"ثبت‌نام"</A>
                ". کلمه عبور را فراموش کرده‌اید؟ با راهبر پرتال تماس بگیرید تا آن را بازنشانی کند."
            </p>
        </article>
    }
}
