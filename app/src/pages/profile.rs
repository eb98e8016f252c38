//! The signed-in person's own page: their details, their roles, their tickets, changing the
//! password, the browsers signed in as them (ending the others) and signing out.

use crate::api::account::{get_profile, my_sessions, ChangePassword, EndOtherSessions, Logout};
use crate::api::ticket::my_tickets;
use crate::components::common::Digits;
use crate::components::forms::{guarded, ActionError};
use crate::model::TicketRow;
use crate::model::{Profile, SessionRow};
use crate::persian::jalali::format_date;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    view! {
        <Title text="حساب من"/>
        <article class="page">
            <h1>"حساب من"</h1>
            {guarded(profile, |p: Profile| view! { <ProfileView profile=p/> })}
        </article>
    }
}

#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let logout = ServerAction::<Logout>::new();
    let query = use_query_map();
    let changed = move || {
        query.read().get("changed").is_some() || matches!(change.value().get(), Some(Ok(_)))
    };
    let p = profile;
    let roles: Vec<String> = {
        let mut r = Vec::new();
        if p.is_admin {
            r.push("راهبر پرتال".to_string());
        }
        for s in &p.custodian_of {
            r.push(format!("متولی بخش «{}»", s.title));
        }
        for c in &p.expert_of {
            r.push(format!("کارشناس پاسخ‌گوی «{}»", c.title));
        }
        if r.is_empty() {
            r.push("کاربر عضو".to_string());
        }
        r
    };
    let staff = p.is_admin || !p.custodian_of.is_empty() || !p.expert_of.is_empty();
    view! {
        <section aria-labelledby="me-details">
            <h2 id="me-details">"مشخصات"</h2>
            <dl class="details">
                <dt>"نام"</dt><dd>{p.full_name}</dd>
                <dt>"نام کاربری"</dt><dd><bdi dir="ltr">{p.username}</bdi></dd>
                {p.national_id.map(|v| view! { <dt>"کد ملی"</dt><dd><Digits text=v/></dd> })}
                {p.mobile.map(|v| view! { <dt>"شماره همراه"</dt><dd><Digits text=v/></dd> })}
                {p.email.map(|v| view! { <dt>"رایانامه"</dt><dd><bdi dir="ltr">{v}</bdi></dd> })}
                <dt>"عضویت از"</dt><dd>{format_date(p.created_at)}</dd>
                <dt>"نقش‌ها"</dt>
                <dd><ul class="plain">{roles.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul></dd>
            </dl>
            {staff.then(|| view! { <p><A href="/dashboard" attr:class="button">"رفتن به پیشخوان"</A></p> })}
        </section>
        <MyTickets/>
        <section aria-labelledby="me-password">
            <h2 id="me-password">"تغییر کلمه عبور"</h2>
            {move || changed().then(|| view! {
                <p class="notice notice-ok" role="status">"کلمه عبور شما تغییر کرد. از دیگر دستگاه‌ها خارج شدید."</p>
            })}
            <ActionForm action=change attr:class="stacked-form">
                <ActionError action=change/>
                <div class="field">
                    <label for="current">"کلمه عبور کنونی"</label>
                    <input id="current" name="current" type="password" required dir="ltr" autocomplete="current-password"/>
                </div>
                <div class="field">
                    <label for="password">"کلمه عبور تازه"</label>
                    <input id="password" name="password" type="password" required dir="ltr" autocomplete="new-password" aria-describedby="pw-help"/>
                    <p class="field-help" id="pw-help">"دست‌کم ۱۰ نویسه، با دست‌کم یک حرف و یک رقم، بدون نام کاربری."</p>
                </div>
                <div class="field">
                    <label for="password_repeat">"تکرار کلمه عبور تازه"</label>
                    <input id="password_repeat" name="password_repeat" type="password" required dir="ltr" autocomplete="new-password"/>
                </div>
                <button type="submit">"تغییر کلمه عبور"</button>
            </ActionForm>
        </section>
        <MySessions/>
        <section aria-labelledby="me-exit">
            <h2 id="me-exit">"خروج"</h2>
            <ActionForm action=logout>
                <button type="submit" class="button-secondary">"خروج از حساب"</button>
            </ActionForm>
        </section>
    }
}

/// The signed-in person's tickets, each linked to its tracking page.
#[component]
fn MyTickets() -> impl IntoView {
    let tickets = Resource::new(|| (), |_| my_tickets());
    view! {
        <section aria-labelledby="me-tickets">
            <h2 id="me-tickets">"تیکت‌های من"</h2>
            {crate::components::forms::guarded(tickets, |rows: Vec<TicketRow>| {
                if rows.is_empty() {
                    return view! { <p>"تیکتی ثبت نکرده‌اید. " <A href="/tickets/new">"ثبت تیکت"</A></p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"موضوع"</th>
                                    <th scope="col">"دسته"</th>
                                    <th scope="col">"وضعیت"</th>
                                    <th scope="col">"ثبت"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let href = format!("/tickets/track?code={}", r.tracking_code);
                                    view! {
                                        <tr>
                                            <td><A href=href>{r.subject}</A></td>
                                            <td>{r.category}</td>
                                            <td>{r.status.label()}</td>
                                            <td>{crate::persian::jalali::format_date_time(r.created_at)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}

/// The browsers signed in as this person, this one marked, and a button that signs out the
/// others (a lost phone, a shared computer).
#[component]
fn MySessions() -> impl IntoView {
    let sessions = Resource::new(|| (), |_| my_sessions());
    let end = ServerAction::<EndOtherSessions>::new();
    let query = use_query_map();
    let ended =
        move || query.read().get("ended").is_some() || matches!(end.value().get(), Some(Ok(_)));
    view! {
        <section aria-labelledby="me-sessions">
            <h2 id="me-sessions">"ورودهای باز"</h2>
            {move || ended().then(|| view! {
                <p class="notice notice-ok" role="status">"از همه‌ی دستگاه‌های دیگر خارج شدید."</p>
            })}
            {guarded(sessions, move |rows: Vec<SessionRow>| {
                let others = rows.iter().filter(|r| !r.current).count();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"مرورگر"</th>
                                    <th scope="col">"نشانی اینترنتی"</th>
                                    <th scope="col">"ورود"</th>
                                    <th scope="col">"آخرین استفاده"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td>
                                            {r.device}
                                            {r.current.then(|| view! { " " <strong>"(همین مرورگر)"</strong> })}
                                        </td>
                                        <td>{r.ip.map(|ip| view! { <Digits text=ip/> }.into_any()).unwrap_or_else(|| "نامعلوم".into_any())}</td>
                                        <td>{crate::persian::jalali::format_date_time(r.created_at)}</td>
                                        <td>{crate::persian::jalali::format_date_time(r.last_seen_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(others > 0).then(|| view! {
                        <ActionForm action=end>
                            <ActionError action=end/>
                            <button type="submit" class="button-secondary">"خروج از همه‌ی دستگاه‌های دیگر"</button>
                        </ActionForm>
                    })}
                }
            })}
        </section>
    }
}
