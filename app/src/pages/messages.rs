//! Suggestions and criticism: the citizen's form and tracking page, and the staff inbox with
//! one message's page (reply, mark handled, forward to another section).

use crate::api::message::{
    lookup_message, staff_message_inbox, staff_open_message, SendMessage, StaffForwardMessage,
    StaffMessageHandled, StaffReplyMessage,
};
use crate::components::common::{loaded_resource, ErrorNotice, SectionIntro};
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::error::AppError;
use crate::model::{MessageInbox, MessageKind, MessageStatus, PublicMessage, StaffMessage};
use crate::persian::format_number;
use crate::persian::jalali::format_date_time;
use crate::sections::section;
use crate::tracking_code;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewMessagePage() -> impl IntoView {
    let action = ServerAction::<SendMessage>::new();
    view! {
        <article class="page narrow">
            <SectionIntro section=section("message")/>
            <p>"پیشنهاد، انتقاد یا قدردانی خود را بنویسید. نام و نشانی لازم نیست؛ با کد رهگیری پاسخ را می‌بینید."</p>
            <ActionForm action=action attr:class="stacked-form">
                <ActionError action=action/>
                <fieldset>
                    <legend>"نوع پیام"</legend>
                    {MessageKind::ALL.into_iter().enumerate().map(|(i, k)| {
                        let id = format!("kind-{}", k.as_str());
                        view! {
                            <span class="field-check">
                                <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=i == 0 required/>
                                <label for=id>{k.label()}</label>
                            </span>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="subject">"موضوع"</label>
                    <input id="subject" name="subject" required minlength="3" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="body">"متن پیام"</label>
                    <textarea id="body" name="body" required minlength="10" maxlength="10000" rows="8"></textarea>
                </div>
                <div class="field">
                    <label for="contact">"راه تماس (اختیاری)"</label>
                    <input id="contact" name="contact" maxlength="200" aria-describedby="contact-help"/>
                    <p class="field-help" id="contact-help">"شماره تلفن یا رایانامه، اگر می‌خواهید با شما تماس بگیریم."</p>
                </div>
                <div class="honeypot" aria-hidden="true">
                    <label for="website">"این خانه را خالی بگذارید"</label>
                    <input id="website" name="website" tabindex="-1" autocomplete="off"/>
                </div>
                <button type="submit">"فرستادن پیام"</button>
            </ActionForm>
        </article>
    }
}

#[component]
pub fn TrackMessagePage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let is_new = move || query.read().get("new").is_some();
    let found = Resource::new(code, |code| async move {
        if code.trim().is_empty() {
            None
        } else {
            Some(lookup_message(code).await)
        }
    });
    view! {
        <Title text="پیگیری پیام"/>
        <article class="page">
            <h1>"پیگیری پیشنهاد یا انتقاد"</h1>
            <Form method="GET" action="" attr:class="filter-form">
                <label for="code">"کد رهگیری"</label>
                <input id="code" name="code" required dir="ltr" inputmode="numeric" size="22"
                    placeholder="۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶" prop:value=code value=code/>
                <button type="submit">"پیگیری"</button>
            </Form>
            {loaded_resource(found, move |m: Option<Result<PublicMessage, AppError>>| match m {
                None => view! { <p>"کد رهگیری را که پس از فرستادن پیام گرفتید بنویسید."</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                Some(Ok(m)) => view! { <MessageView message=m is_new=is_new()/> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn MessageView(message: PublicMessage, is_new: bool) -> impl IntoView {
    let m = message;
    view! {
        <section class="receipt" aria-labelledby="msg-title">
            <h2 id="msg-title">{if is_new { "پیام شما رسید" } else { "پیام شما" }}</h2>
            <p class="receipt-code">"کد رهگیری: " <bdi dir="ltr" class="tracking-code">{tracking_code::display(&m.tracking_code)}</bdi></p>
            {is_new.then(|| view! {
                <p class="notice notice-ok" role="status">"این کد را نگه دارید؛ پاسخ را با آن همین‌جا می‌بینید."</p>
            })}
            <dl class="details">
                <dt>"نوع"</dt><dd>{m.kind.label()}</dd>
                <dt>"موضوع"</dt><dd>{m.subject}</dd>
                <dt>"وضعیت"</dt><dd class="message-status">{m.status.public_label()}</dd>
                <dt>"فرستاده شده"</dt><dd>{format_date_time(m.created_at)}</dd>
            </dl>
            <div class="post post-citizen"><div class="post-body">{m.body}</div></div>
        </section>
        {match m.reply {
            Some(r) => view! {
                <section aria-labelledby="reply-title">
                    <h2 id="reply-title">"پاسخ"</h2>
                    <div class="post post-staff">
                        <p class="post-meta">{m.replied_at.map(format_date_time)}</p>
                        <div class="post-body">{r}</div>
                    </div>
                </section>
            }.into_any(),
            None => view! { <p class="muted">"هنوز پاسخی داده نشده است."</p> }.into_any(),
        }}
    }
}

#[component]
pub fn StaffInboxPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let inbox = Resource::new(
        move || (get("section"), get("status")),
        |(section, status)| staff_message_inbox(section, status),
    );
    view! {
        <Title text="پیشنهادها و انتقادها"/>
        <article class="page">
            <h1>"صندوق پیشنهادها و انتقادها"</h1>
            {guarded(inbox, move |i: MessageInbox| {
                let current = i.section.clone();
                let count = i.rows.len();
                view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="f-section">"بخش"</label>
                        <select id="f-section" name="section">
                            {i.sections.iter().map(|s| view! {
                                <option value=s.key.clone() selected=s.key == current>{s.title.clone()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-status">"وضعیت"</label>
                        <select id="f-status" name="status">
                            <option value="">"همه"</option>
                            {MessageStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=get("status") == s.as_str()>{s.label()}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit">"نمایش"</button>
                    </Form>
                    <p role="status">{format!("{} پیام", format_number(count as i64))}</p>
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"نوع"</th>
                                    <th scope="col">"موضوع"</th>
                                    <th scope="col">"وضعیت"</th>
                                    <th scope="col">"رسیده"</th>
                                    <th scope="col">"از بخش"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {i.rows.into_iter().map(|r| {
                                    let href = format!("/staff/messages/{}", r.id);
                                    view! {
                                        <tr class=format!("message-{}", r.status.as_str())>
                                            <td>{r.kind.label()}</td>
                                            <td><A href=href>{r.subject}</A></td>
                                            <td>{r.status.label()}</td>
                                            <td>{format_date_time(r.created_at)}</td>
                                            <td>{r.forwarded_from.unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </article>
    }
}

#[component]
pub fn StaffMessagePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let reply = ServerAction::<StaffReplyMessage>::new();
    let handled = ServerAction::<StaffMessageHandled>::new();
    let forward = ServerAction::<StaffForwardMessage>::new();
    let msg = Resource::new(
        move || (id(), reply.version().get(), handled.version().get()),
        |(id, ..)| staff_open_message(id),
    );
    view! {
        <Title text="پیام"/>
        <article class="page">
            <p><A href="/staff/messages">"← صندوق پیام‌ها"</A></p>
            {guarded_with_heading(msg, Some("پیام"), move |m: StaffMessage| {
                let id = m.row.id;
                view! {
                    <h1>{m.row.subject.clone()}</h1>
                    <dl class="details">
                        <dt>"نوع"</dt><dd>{m.row.kind.label()}</dd>
                        <dt>"وضعیت"</dt><dd>{m.row.status.label()}</dd>
                        <dt>"بخش"</dt><dd>{m.row.section.clone()}</dd>
                        {m.row.forwarded_from.clone().map(|f| view! { <dt>"ارسال‌شده از"</dt><dd>{f}</dd> })}
                        <dt>"رسیده"</dt><dd>{format_date_time(m.row.created_at)}</dd>
                        <dt>"کد رهگیری"</dt><dd><bdi dir="ltr" class="digits">{tracking_code::display(&m.tracking_code)}</bdi></dd>
                        <dt>"راه تماس"</dt><dd>{m.contact.clone().unwrap_or_else(|| "نداده است".into())}{m.registered_user.then_some(" (کاربر عضو)")}</dd>
                    </dl>
                    <div class="post post-citizen"><div class="post-body">{m.body.clone()}</div></div>
                    {m.reply.clone().map(|r| view! {
                        <h2>"پاسخ داده‌شده"</h2>
                        <div class="post post-staff"><p class="post-meta">{m.replied_at.map(format_date_time)}</p><div class="post-body">{r}</div></div>
                    })}
                    <section aria-labelledby="m-reply">
                        <h2 id="m-reply">{if m.reply.is_some() { "ویرایش پاسخ" } else { "پاسخ" }}</h2>
                        <ActionForm action=reply attr:class="stacked-form">
                            <ActionError action=reply/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <div class="field">
                                <label for="m-body">"متن پاسخ (فرستنده با کد رهگیری آن را می‌بیند)"</label>
                                <textarea id="m-body" name="body" required rows="5"></textarea>
                            </div>
                            <button type="submit">"ثبت پاسخ"</button>
                        </ActionForm>
                        {(m.row.status != MessageStatus::Handled).then(|| view! {
                            <ActionForm action=handled attr:class="inline-form">
                                <ActionError action=handled/>
                                <input type="hidden" name="id" value=id.to_string()/>
                                <button type="submit" class="button-secondary">"رسیدگی‌شده، بی پاسخ"</button>
                            </ActionForm>
                        })}
                    </section>
                    <section aria-labelledby="m-forward">
                        <h2 id="m-forward">"ارسال به بخش دیگر"</h2>
                        <ActionForm action=forward attr:class="inline-form">
                            <ActionError action=forward/>
                            <input type="hidden" name="id" value=id.to_string()/>
                            <label for="m-to">"بخش"</label>
                            <select id="m-to" name="section">
                                {m.sections.iter().map(|s| view! { <option value=s.key.clone()>{s.title.clone()}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button-secondary">"ارسال"</button>
                        </ActionForm>
                    </section>
                }
            })}
        </article>
    }
}
