//! The newsletter: the public subscription page, the pages its links open (confirming and
//! the one-click unsubscribe), and the staff's desk to compose and send an issue and follow
//! each recipient's mail.

use crate::api::newsletter::{
    get_newsletter_desk, get_newsletter_issue, newsletter_unsubscribe, NewsletterCompose,
    NewsletterConfirm, NewsletterSend, NewsletterSubscribe,
};
use crate::components::common::loaded_resource;
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::error::AppError;
use crate::model::{NewsletterDesk, NewsletterIssue, NewsletterIssueDetail, NewsletterTopic};
use crate::persian::format_number;
use crate::persian::jalali::{format_date, format_date_time};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewsletterPage() -> impl IntoView {
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let subscribe = ServerAction::<NewsletterSubscribe>::new();
    view! {
        <Title text="خبرنامه الکترونیک"/>
        <article class="page">
            <h1>"خبرنامه الکترونیک"</h1>
            <p class="lead">
                "تازه‌های شرکت آب منطقه‌ای قم را با رایانامه دریافت کنید. عضویت به حساب کاربری نیاز ندارد؛ پس از ثبت، پیوند تأیید به نشانی شما فرستاده می‌شود و تا آن را باز نکنید نامه‌ای نمی‌فرستیم. در پایین هر نامه پیوند لغو اشتراک با یک کلیک هست."
            </p>
            {move || sent().then(|| view! {
                <p class="notice notice-ok" role="status">
                    "درخواست شما ثبت شد. نامه‌ی تأیید به نشانی‌تان فرستاده شد؛ برای پایان عضویت، پیوند آن را باز کنید."
                </p>
            })}
            <ActionError action=subscribe/>
            <ActionForm action=subscribe attr:class="stack-form" attr:aria-label="عضویت در خبرنامه">
                <label for="nl-email">"نشانی رایانامه"</label>
                <input id="nl-email" name="email" type="email" dir="ltr" required=true autocomplete="email"/>
                <fieldset>
                    <legend>"موضوع‌هایی که می‌خواهید"</legend>
                    {NewsletterTopic::ALL.into_iter().map(|t| {
                        let id = format!("nl-{}", t.as_str());
                        view! {
                            <div class="check">
                                <input type="checkbox" id=id.clone() name=t.as_str() checked=true/>
                                <label for=id>{t.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">"عضویت"</button>
            </ActionForm>
        </article>
    }
}

/// The page a confirmation link opens: one button confirms (a POST, so a mail scanner that
/// follows the link confirms nothing), then it says which topics were confirmed.
#[component]
pub fn NewsletterConfirmPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let done = move || query.read().get("done");
    let confirm = ServerAction::<NewsletterConfirm>::new();
    view! {
        <Title text="تأیید عضویت در خبرنامه"/>
        <article class="page">
            <h1>"تأیید عضویت در خبرنامه"</h1>
            <ActionError action=confirm/>
            {move || match done() {
                Some(topics) => view! {
                    <p class="notice notice-ok" role="status">{format!(
                        "عضویت شما تأیید شد. موضوع‌ها: {}",
                        NewsletterTopic::split(&topics).iter().map(|t| t.label()).collect::<Vec<_>>().join("، ")
                    )}</p>
                }.into_any(),
                None => view! {
                    <p>"برای پایان عضویت در خبرنامه‌ی الکترونیک، درخواست را تأیید کنید."</p>
                    <ActionForm action=confirm attr:aria-label="تأیید عضویت">
                        <input type="hidden" name="token" value=token()/>
                        <button type="submit">"تأیید عضویت"</button>
                    </ActionForm>
                }.into_any(),
            }}
        </article>
    }
}

/// The page the unsubscribe link of every newsletter mail opens: one click, done.
#[component]
pub fn NewsletterUnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let result = Resource::new(token, newsletter_unsubscribe);
    view! {
        <Title text="لغو اشتراک خبرنامه"/>
        <article class="page">
            <h1>"لغو اشتراک خبرنامه"</h1>
            {loaded_resource(result, |r: Result<String, AppError>| match r {
                Ok(email) => view! {
                    <p class="notice notice-ok" role="status">{format!(
                        "اشتراک {email} لغو شد و دیگر خبرنامه‌ای برایتان فرستاده نمی‌شود."
                    )}</p>
                    <p><A href="/newsletter">"عضویت دوباره"</A></p>
                }.into_any(),
                Err(_) => view! {
                    <p class="notice notice-error" role="alert">"این پیوند لغو اشتراک معتبر نیست."</p>
                }.into_any(),
            })}
        </article>
    }
}

fn counts_text(i: &NewsletterIssue) -> String {
    let c = &i.counts;
    format!(
        "در صف {} · در صندوق خروجی {} · فرستاده {} · ناموفق {}",
        format_number(c.waiting),
        format_number(c.queued),
        format_number(c.sent),
        format_number(c.failed)
    )
}

/// The staff's newsletter desk: subscribers by topic, composing from published items, and
/// the issues with their delivery.
#[component]
pub fn StaffNewsletterPage() -> impl IntoView {
    let compose = ServerAction::<NewsletterCompose>::new();
    let send = ServerAction::<NewsletterSend>::new();
    let desk = Resource::new(
        move || (compose.version().get(), send.version().get()),
        |_| get_newsletter_desk(),
    );
    let queued = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("queued")
        .and_then(|n| n.parse::<i64>().ok());
    view! {
        <Title text="خبرنامه الکترونیک: نوشتن و فرستادن"/>
        <article class="page">
            <h1>"خبرنامه الکترونیک: نوشتن و فرستادن"</h1>
            <ActionError action=compose/>
            <ActionError action=send/>
            // The send's redirect back here says how many it queued.
            {queued.map(|n| view! {
                <p class="notice notice-ok" role="status">{format!("برای {} مشترک در صف فرستادن گذاشته شد.", format_number(n))}</p>
            })}
            {guarded(desk, move |d: NewsletterDesk| view! { <Desk desk=d compose send/> })}
        </article>
    }
}

#[component]
fn Desk(
    desk: NewsletterDesk,
    compose: ServerAction<crate::api::newsletter::NewsletterCompose>,
    send: ServerAction<crate::api::newsletter::NewsletterSend>,
) -> impl IntoView {
    let subscribers = desk
        .subscribers
        .iter()
        .map(|(t, n)| format!("{}: {}", t.label(), format_number(*n)))
        .collect::<Vec<_>>()
        .join(" · ");
    let candidates = desk.candidates;
    let issues = desk.issues;
    view! {
        <p role="status">{format!("مشترکان تأییدشده — {subscribers}")}</p>
        <section aria-labelledby="nl-compose">
            <h2 id="nl-compose">"شماره‌ی تازه"</h2>
            <ActionForm action=compose attr:class="stack-form">
                <label for="nl-subject">"عنوان نامه"</label>
                <input id="nl-subject" name="subject" required=true minlength="3" maxlength="200"/>
                <label for="nl-intro">"پیش‌گفتار (دلخواه)"</label>
                <textarea id="nl-intro" name="intro" rows="3" maxlength="2000"></textarea>
                <fieldset>
                    <legend>"مطالب منتشرشده‌ی ۶۰ روز گذشته"</legend>
                    {if candidates.is_empty() {
                        view! { <p class="muted">"مطلب منتشرشده‌ای در بخش‌های شما نیست."</p> }.into_any()
                    } else {
                        candidates.into_iter().enumerate().map(|(i, c)| {
                            let id = format!("nl-item-{}", c.id);
                            view! {
                                <div class="check">
                                    <input type="checkbox" id=id.clone() name=format!("items[{i}]") value=c.id.to_string()/>
                                    <label for=id>{format!("{} — {} ({})", c.topic.label(), c.title, format_date(c.published_at))}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <button type="submit">"ساختن شماره"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="nl-issues">
            <h2 id="nl-issues">"شماره‌ها"</h2>
            {if issues.is_empty() {
                view! { <p class="muted">"هنوز شماره‌ای ساخته نشده است."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list newsletter-issues">
                        {issues.into_iter().map(|i| {
                            let counts = counts_text(&i);
                            let label = format!("فرستادن «{}»", i.subject);
                            let state = match i.sent_at {
                                Some(t) => format!("فرستاده در {}", format_date_time(t)),
                                None => "پیش‌نویس".to_string(),
                            };
                            view! {
                                <li>
                                    <A href=format!("/staff/newsletter/{}", i.id)>{i.subject.clone()}</A>
                                    {i.weekly.then(|| view! { " " <span class="badge">"هفتگی"</span> })}
                                    <p class="muted">{format!("{state} · {} مطلب · {counts}", format_number(i.items as i64))}</p>
                                    {i.sent_at.is_none().then(|| view! {
                                        <ActionForm action=send attr:class="inline-form">
                                            <input type="hidden" name="id" value=i.id.to_string()/>
                                            <button type="submit" aria-label=label>"فرستادن"</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// One issue: its items and every recipient's mail.
#[component]
pub fn StaffNewsletterIssuePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let detail = Resource::new(id, get_newsletter_issue);
    view! {
        <Title text="شماره‌ی خبرنامه"/>
        <article class="page">
            {guarded_with_heading(detail, Some("شماره‌ی خبرنامه"), |d: NewsletterIssueDetail| {
                let counts = counts_text(&d.issue);
                view! {
                    <h1>{d.issue.subject.clone()}</h1>
                    <p role="status">{counts}</p>
                    <p>{d.intro.clone()}</p>
                    <ul>{d.item_titles.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    <h2>"گیرندگان"</h2>
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">"رایانامه"</th>
                                <th scope="col">"وضعیت"</th>
                                <th scope="col">"زمان فرستادن"</th>
                                <th scope="col">"خطای آخر"</th>
                            </tr></thead>
                            <tbody>
                                {d.recipients.into_iter().map(|r| {
                                    let state = match r.state.as_str() {
                                        "waiting" => "در صف",
                                        "queued" => "در صندوق خروجی",
                                        "sent" => "فرستاده شد",
                                        "failed" => "ناموفق",
                                        _ => "کنار گذاشته (لغو اشتراک)",
                                    };
                                    view! {
                                        <tr>
                                            <td dir="ltr">{r.email}</td>
                                            <td data-state=r.state.clone()>{state}</td>
                                            <td>{r.sent_at.map(format_date_time).unwrap_or_default()}</td>
                                            <td dir="auto">{r.last_error.unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p><A href="/staff/newsletter">"بازگشت به خبرنامه"</A></p>
                }
            })}
        </article>
    }
}
