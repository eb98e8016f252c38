//! The staff side of tickets: the queue (only what the person may answer) with filters and
//! search, and one ticket with its thread, internal notes, assignment, status, and replies
//! (with the section's saved replies).

use crate::api::ticket::{
    staff_get_ticket, staff_ticket_queue, StaffAddSavedReply, StaffAssignTicket,
    StaffDeleteSavedReply, StaffReplyTicket, StaffTicketStatus,
};
use crate::components::attachments::{AttachmentField, Thread, UploadForm};
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::model::{StaffTicket, TicketQueue, TicketRow, TicketStatus};
use crate::persian::format_number;
use crate::persian::jalali::format_date_time;
use crate::tracking_code;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffQueuePage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let queue = Resource::new(
        move || {
            (
                get("status"),
                get("category"),
                get("assignee"),
                get("older"),
                get("overdue"),
                get("q"),
            )
        },
        |(status, category, assignee, older, overdue, q)| {
            staff_ticket_queue(status, category, assignee, older, overdue, q)
        },
    );
    view! {
        <Title text="صف تیکت‌ها"/>
        <article class="page">
            <h1>"صف تیکت‌ها"</h1>
            {guarded(queue, move |q: TicketQueue| {
                let sel = move |k: &'static str, v: String| get(k) == v;
                view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="f-status">"وضعیت"</label>
                        <select id="f-status" name="status">
                            <option value="">"باز (جدید و در حال رسیدگی)"</option>
                            {TicketStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=sel("status", s.as_str().to_string())>{s.label()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-category">"دسته"</label>
                        <select id="f-category" name="category">
                            <option value="">"همه"</option>
                            {q.categories.iter().map(|c| {
                                let v = c.id.to_string();
                                view! { <option value=v.clone() selected=sel("category", v)>{c.title.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-assignee">"ارجاع"</label>
                        <select id="f-assignee" name="assignee">
                            <option value="">"همه"</option>
                            <option value="me" selected=sel("assignee", "me".into())>"به من"</option>
                            <option value="none" selected=sel("assignee", "none".into())>"ارجاع‌نشده"</option>
                            {q.staff.iter().map(|s| {
                                let v = s.id.to_string();
                                view! { <option value=v.clone() selected=sel("assignee", v)>{s.full_name.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-older">"قدیمی‌تر از (روز)"</label>
                        <input id="f-older" name="older" type="number" min="1" max="365" size="4" value=get("older")/>
                        <span class="field-check">
                            <input id="f-overdue" name="overdue" type="checkbox" value="1" checked=!get("overdue").is_empty()/>
                            <label for="f-overdue">"فقط دیرکرددار"</label>
                        </span>
                        <label for="f-q">"جست‌وجو"</label>
                        <input id="f-q" name="q" type="search" value=get("q") placeholder="کد، نام یا متن"/>
                        <button type="submit">"نمایش"</button>
                    </Form>
                    <QueueTable rows=q.rows/>
                }
            })}
        </article>
    }
}

#[component]
pub fn QueueTable(rows: Vec<TicketRow>) -> impl IntoView {
    let count = rows.len();
    view! {
        <p role="status">{format!("{} تیکت", format_number(count as i64))}</p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"کد"</th>
                        <th scope="col">"موضوع"</th>
                        <th scope="col">"دسته"</th>
                        <th scope="col">"از"</th>
                        <th scope="col">"وضعیت"</th>
                        <th scope="col">"ثبت"</th>
                        <th scope="col">"مهلت پاسخ"</th>
                        <th scope="col">"ارجاع به"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let href = format!("/staff/tickets/{}", r.id);
                        view! {
                            <tr class=if r.overdue { "overdue" } else { "" }>
                                <td><bdi dir="ltr" class="digits">{tracking_code::display(&r.tracking_code)}</bdi></td>
                                <td><A href=href>{r.subject}</A></td>
                                <td>{r.category}</td>
                                <td>{r.name}</td>
                                <td>{r.status.label()}</td>
                                <td>{format_date_time(r.created_at)}</td>
                                <td>
                                    {format_date_time(r.due_at)}
                                    {r.overdue.then(|| view! { " " <strong class="overdue-badge">"دیرکرد"</strong> })}
                                </td>
                                <td>{r.assignee.unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[derive(Clone, Copy)]
struct TicketActions {
    assign: ServerAction<StaffAssignTicket>,
    status: ServerAction<StaffTicketStatus>,
    add_saved: ServerAction<StaffAddSavedReply>,
    delete_saved: ServerAction<StaffDeleteSavedReply>,
}

#[component]
pub fn StaffTicketPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let actions = TicketActions {
        assign: ServerAction::new(),
        status: ServerAction::new(),
        add_saved: ServerAction::new(),
        delete_saved: ServerAction::new(),
    };
    let ticket = Resource::new(
        move || {
            (
                id(),
                actions.assign.version().get(),
                actions.status.version().get(),
                actions.add_saved.version().get(),
                actions.delete_saved.version().get(),
            )
        },
        |(id, ..)| staff_get_ticket(id),
    );
    view! {
        <Title text="تیکت"/>
        <article class="page">
            <p><A href="/staff/tickets">"← صف تیکت‌ها"</A></p>
            {guarded_with_heading(ticket, Some("تیکت"), move |t: StaffTicket| view! { <StaffTicketView ticket=t actions=actions/> })}
        </article>
    }
}

#[component]
fn StaffTicketView(ticket: StaffTicket, actions: TicketActions) -> impl IntoView {
    let TicketActions {
        assign,
        status,
        add_saved,
        delete_saved,
    } = actions;
    let t = ticket;
    let id = t.row.id;
    let current = t.row.status;
    let saved: Vec<(String, String, String)> = t
        .saved_replies
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone(), r.body.clone()))
        .collect();
    view! {
        <Title text=format!("تیکت: {}", t.row.subject)/>
        <h1>{t.row.subject.clone()}</h1>
        <dl class="details">
            <dt>"کد رهگیری"</dt><dd><bdi dir="ltr" class="digits">{tracking_code::display(&t.row.tracking_code)}</bdi></dd>
            <dt>"دسته"</dt><dd>{t.row.category.clone()}</dd>
            <dt>"وضعیت"</dt><dd>{current.label()}</dd>
            <dt>"از"</dt><dd>{t.row.name.clone()}{t.registered_user.then_some(" (کاربر عضو)")}</dd>
            {t.mobile.clone().map(|m| view! { <dt>"همراه"</dt><dd><crate::components::common::Digits text=m/></dd> })}
            {t.email.clone().map(|e| view! { <dt>"رایانامه"</dt><dd><bdi dir="ltr">{e}</bdi></dd> })}
            <dt>"ثبت"</dt><dd>{format_date_time(t.row.created_at)}</dd>
            <dt>"مهلت پاسخ"</dt>
            <dd>{format_date_time(t.row.due_at)}{t.row.overdue.then(|| view! { " " <strong class="overdue-badge">"دیرکرد"</strong> })}</dd>
            {t.rating.map(|r| view! { <dt>"امتیاز شهروند"</dt><dd>{format!("{} از ۵", crate::persian::to_persian_digits(&r.to_string()))}</dd> })}
            {t.rating_comment.clone().map(|c| view! { <dt>"نظر شهروند"</dt><dd>{c}</dd> })}
        </dl>

        <section aria-labelledby="st-thread">
            <h2 id="st-thread">"گفت‌وگو"</h2>
            <Thread posts=t.posts/>
        </section>

        <section aria-labelledby="st-reply">
            <h2 id="st-reply">"پاسخ یا یادداشت"</h2>
            {(!saved.is_empty()).then(|| view! { <SavedReplyPicker replies=saved/> })}
            <UploadForm url=StaffReplyTicket::url() class="stacked-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="reply-body">"متن"</label>
                    <textarea id="reply-body" name="body" required rows="6" maxlength="10000"></textarea>
                </div>
                <div class="field-check">
                    <input type="checkbox" id="internal" name="internal" value="1"/>
                    <label for="internal">"یادداشت داخلی (شهروند آن را نمی‌بیند)"</label>
                </div>
                <AttachmentField id="reply-attachments"
                    help="تا ۳ پرونده‌ی PDF یا تصویر، هر کدام تا ۵ مگابایت."/>
                <button type="submit">"ثبت"</button>
            </UploadForm>
        </section>

        <section aria-labelledby="st-manage">
            <h2 id="st-manage">"ارجاع و وضعیت"</h2>
            <ActionForm action=assign attr:class="inline-form">
                <ActionError action=assign/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="assignee">"ارجاع به"</label>
                <select id="assignee" name="assignee">
                    <option value="">"هیچ‌کس"</option>
                    {t.assignable.iter().map(|s| {
                        let selected = t.row.assignee.as_deref() == Some(s.full_name.as_str());
                        view! { <option value=s.id.to_string() selected=selected>{s.full_name.clone()}</option> }
                    }).collect_view()}
                </select>
                <button type="submit" class="button-secondary">"ارجاع"</button>
            </ActionForm>
            <ActionForm action=status attr:class="inline-form">
                <ActionError action=status/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="new-status">"تغییر وضعیت"</label>
                <select id="new-status" name="status">
                    {TicketStatus::ALL.into_iter().filter(|s| current.staff_may_move_to(*s)).map(|s| view! {
                        <option value=s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button-secondary">"ثبت وضعیت"</button>
            </ActionForm>
        </section>

        <details class="saved-replies">
            <summary>"پاسخ‌های آماده‌ی بخش"</summary>
            <ActionError action=delete_saved/>
            <ul class="plain">
                {t.saved_replies.into_iter().map(|r| view! {
                    <li>
                        <ActionForm action=delete_saved attr:class="inline-form">
                            <strong>{r.title}</strong>
                            <input type="hidden" name="id" value=r.id.to_string()/>
                            <button type="submit" class="button-secondary button-small">"حذف"</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=add_saved attr:class="stacked-form">
                <ActionError action=add_saved/>
                <div class="field">
                    <label for="saved-title">"عنوان پاسخ آماده"</label>
                    <input id="saved-title" name="title" required maxlength="100"/>
                </div>
                <div class="field">
                    <label for="saved-body">"متن پاسخ آماده"</label>
                    <textarea id="saved-body" name="body" required rows="3"></textarea>
                </div>
                <button type="submit" class="button-secondary">"افزودن (ویژه‌ی متولی بخش)"</button>
            </ActionForm>
        </details>
    }
}

/// The saved replies as a list whose choice is written into the reply's text area
/// (`#reply-body`); `replies` are (id, title, text).
#[island]
fn SavedReplyPicker(replies: Vec<(String, String, String)>) -> impl IntoView {
    let options = replies.clone();
    let pick = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        #[cfg(feature = "hydrate")]
        if let Some((_, _, body)) = replies.iter().find(|(id, ..)| *id == v) {
            use leptos::wasm_bindgen::JsCast;
            if let Some(area) = document()
                .get_element_by_id("reply-body")
                .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
            {
                area.set_value(body);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (v, &replies);
    };
    view! {
        <p class="inline-form">
            <label for="saved-pick">"پاسخ آماده"</label>
            <select id="saved-pick" on:change=pick>
                <option value="">"— برگزینید —"</option>
                {options.into_iter().map(|(id, title, _)| view! { <option value=id>{title}</option> }).collect_view()}
            </select>
        </p>
    }
}
