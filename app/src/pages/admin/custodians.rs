//! Custodians: every section with its nominations and appointments, the editable
//! qualification checklist, and one appointment's page where the process is carried out
//! step by step (checklist → appointed → revoked) and every step is shown with its date
//! and actor.

use crate::api::admin::{
    admin_custodians, admin_get_appointment, AdminAddChecklistItem, AdminAppoint, AdminCheckItem,
    AdminNominate, AdminRevoke, AdminSetChecklistItem, AdminSetReview,
};
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::model::{AppointmentDetail, AppointmentStatus, AppointmentSummary, CustodianOverview};
use crate::persian::jalali::{format_date, format_date_time};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AdminCustodiansPage() -> impl IntoView {
    let nominate = ServerAction::<AdminNominate>::new();
    let add_item = ServerAction::<AdminAddChecklistItem>::new();
    let toggle_item = ServerAction::<AdminSetChecklistItem>::new();
    let review = ServerAction::<AdminSetReview>::new();
    let data = Resource::new(
        move || {
            (
                add_item.version().get(),
                toggle_item.version().get(),
                review.version().get(),
            )
        },
        |_| admin_custodians(),
    );
    view! {
        <Title text="متولیان بخش‌ها"/>
        <article class="page">
            <h1>"متولیان بخش‌ها"</h1>
            <p class="lead">
                "هر بخش را متولی آن به‌روز نگه می‌دارد. انتصاب گام‌به‌گام ثبت می‌شود: نامزدی، احراز صلاحیت بند به بند، انتصاب، و در صورت لزوم عزل."
            </p>
            {guarded(data, move |o: CustodianOverview| view! {
                <Overview data=o nominate=nominate add_item=add_item toggle_item=toggle_item review=review/>
            })}
        </article>
    }
}

#[component]
fn Overview(
    data: CustodianOverview,
    nominate: ServerAction<AdminNominate>,
    add_item: ServerAction<AdminAddChecklistItem>,
    toggle_item: ServerAction<AdminSetChecklistItem>,
    review: ServerAction<AdminSetReview>,
) -> impl IntoView {
    let o = data;
    let section_options: Vec<(String, String)> = o
        .sections
        .iter()
        .map(|s| (s.section.key.clone(), s.section.title.clone()))
        .collect();
    view! {
        <section aria-labelledby="c-nominate">
            <h2 id="c-nominate">"نامزدی تازه"</h2>
            <ActionForm action=nominate attr:class="stacked-form">
                <ActionError action=nominate/>
                <div class="field">
                    <label for="n-user">"شخص (از حساب‌های تأییدشده)"</label>
                    <select id="n-user" name="user_id" required>
                        {o.candidates.iter().map(|u| view! {
                            <option value=u.id.to_string()>{format!("{} ({})", u.full_name, u.username)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="n-section">"بخش"</label>
                    <select id="n-section" name="section" required>
                        {section_options.into_iter().map(|(key, title)| view! {
                            <option value=key>{title}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="n-note">"یادداشت"</label>
                    <input id="n-note" name="note" maxlength="500"/>
                </div>
                <button type="submit">"ثبت نامزدی"</button>
            </ActionForm>
        </section>

        <section aria-labelledby="c-sections">
            <h2 id="c-sections">"بخش‌ها و متولیان"</h2>
            <ActionError action=review/>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"بخش"</th>
                            <th scope="col">"متولیان و نامزدها"</th>
                            <th scope="col">"انتشار"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {o.sections.into_iter().map(|s| view! {
                            <tr>
                                <th scope="row">{s.section.title.clone()}</th>
                                <td>
                                    {if s.appointments.is_empty() {
                                        view! { <span class="muted">"بی‌متولی"</span> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="plain">
                                                {s.appointments.into_iter().map(|a| view! { <li><AppointmentLine a=a/></li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                                <td>
                                    <ActionForm action=review attr:class="inline-form">
                                        <input type="hidden" name="section" value=s.section.key.clone()/>
                                        <span class="field-check">
                                            <input type="checkbox" id=format!("rev-{}", s.section.key) name="required" value="1" checked=s.review_required/>
                                            <label for=format!("rev-{}", s.section.key)>"پس از بررسی راهبر"</label>
                                        </span>
                                        <button type="submit" class="button-secondary"
                                            aria-label=format!("ثبت شیوه‌ی انتشار {}", s.section.title)>"ثبت"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>

        <section aria-labelledby="c-checklist">
            <h2 id="c-checklist">"فهرست احراز صلاحیت"</h2>
            <p>"هر نامزد پیش از انتصاب باید همه‌ی بندهای فعال را داشته باشد. بند غیرفعال برای انتصاب‌های بعدی خواسته نمی‌شود و سابقه‌ی گذشته می‌ماند."</p>
            <ActionError action=toggle_item/>
            <ul class="plain">
                {o.checklist.into_iter().map(|i| view! {
                    <li>
                        <ActionForm action=toggle_item attr:class="inline-form">
                            <span class=if i.active { "" } else { "muted" }>{i.title.clone()}{(!i.active).then_some(" (غیرفعال)")}</span>
                            " "
                            <input type="hidden" name="id" value=i.id.to_string()/>
                            <input type="hidden" name="active" value=if i.active { "false" } else { "true" }/>
                            <button type="submit" class="button-secondary button-small">{if i.active { "غیرفعال کردن" } else { "فعال کردن" }}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=add_item attr:class="inline-form">
                <ActionError action=add_item/>
                <label for="new-item">"بند تازه"</label>
                <input id="new-item" name="title" required minlength="3" maxlength="200"/>
                <button type="submit" class="button-secondary">"افزودن بند"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AppointmentLine(a: AppointmentSummary) -> impl IntoView {
    let href = format!("/admin/custodians/{}", a.id);
    let when = match a.status {
        AppointmentStatus::Appointed => a.appointed_at.map(|t| format!("از {}", format_date(t))),
        AppointmentStatus::Nominated => Some(format!("نامزد از {}", format_date(a.nominated_at))),
        _ => a.ended_at.map(|t| format!("تا {}", format_date(t))),
    };
    view! {
        <A href=href>{a.full_name}</A>
        {format!(" — {}", a.status.label())}
        {when.map(|w| format!(" ({w})"))}
    }
}

#[component]
pub fn AdminAppointmentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let check = ServerAction::<AdminCheckItem>::new();
    let appoint = ServerAction::<AdminAppoint>::new();
    let revoke = ServerAction::<AdminRevoke>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                check.version().get(),
                appoint.version().get(),
                revoke.version().get(),
            )
        },
        |(id, ..)| admin_get_appointment(id),
    );
    view! {
        <Title text="انتصاب متولی"/>
        <article class="page">
            <p><A href="/admin/custodians">"← همه‌ی بخش‌ها و متولیان"</A></p>
            {guarded_with_heading(data, Some("انتصاب متولی"), move |d: AppointmentDetail| view! {
                <AppointmentView data=d check=check appoint=appoint revoke=revoke/>
            })}
        </article>
    }
}

#[component]
fn AppointmentView(
    data: AppointmentDetail,
    check: ServerAction<AdminCheckItem>,
    appoint: ServerAction<AdminAppoint>,
    revoke: ServerAction<AdminRevoke>,
) -> impl IntoView {
    let d = data;
    let s = d.summary;
    let id = s.id;
    let open = s.status == AppointmentStatus::Nominated;
    let live = matches!(
        s.status,
        AppointmentStatus::Nominated | AppointmentStatus::Appointed
    );
    let user_href = format!("/admin/users/{}", s.user_id);
    view! {
        <h1>{format!("متولی‌گری «{}»: {}", s.section.title, s.full_name)}</h1>
        <p>
            "وضعیت: " <strong>{s.status.label()}</strong> " · "
            <A href=user_href>"صفحه‌ی این شخص"</A>
        </p>

        <section aria-labelledby="a-checklist">
            <h2 id="a-checklist">"احراز صلاحیت"</h2>
            <ActionError action=check/>
            <ul class="checklist">
                {d.checklist.into_iter().map(|c| {
                    let done = c.done_at.is_some();
                    view! {
                        <li class=if done { "done" } else { "pending" }>
                            <span aria-hidden="true">{if done { "✓ " } else { "○ " }}</span>
                            {c.title.clone()}
                            {c.done_at.map(|t| format!(" — {} ({})", format_date(t), c.done_by.clone().unwrap_or_default()))}
                            {open.then(|| view! {
                                <ActionForm action=check attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="item_id" value=c.item_id.to_string()/>
                                    <input type="hidden" name="done" value=if done { "false" } else { "true" }/>
                                    <button type="submit" class="button-secondary button-small">
                                        {if done { "برداشتن تأیید" } else { "تأیید این بند" }}
                                        <span class="visually-hidden">{format!(": {}", c.title)}</span>
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>

        {open.then(|| view! {
            <section aria-labelledby="a-appoint">
                <h2 id="a-appoint">"انتصاب"</h2>
                <ActionForm action=appoint attr:class="stacked-form">
                    <ActionError action=appoint/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="appoint-note">"یادداشت انتصاب (شماره‌ی حکم، تاریخ شروع)"</label>
                        <input id="appoint-note" name="note" maxlength="500"/>
                    </div>
                    <button type="submit">"انتصاب به متولی‌گری"</button>
                </ActionForm>
            </section>
        })}

        {live.then(|| view! {
            <section aria-labelledby="a-revoke">
                <h2 id="a-revoke">{if open { "لغو نامزدی" } else { "عزل" }}</h2>
                <ActionForm action=revoke attr:class="stacked-form">
                    <ActionError action=revoke/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="revoke-reason">"دلیل"</label>
                        <input id="revoke-reason" name="reason" required minlength="5" maxlength="500"/>
                    </div>
                    <button type="submit" class="button-secondary">{if open { "لغو نامزدی" } else { "عزل از متولی‌گری" }}</button>
                </ActionForm>
            </section>
        })}

        <section aria-labelledby="a-steps">
            <h2 id="a-steps">"گام‌های ثبت‌شده"</h2>
            <ol class="timeline">
                {d.steps.into_iter().map(|st| view! {
                    <li>
                        <strong>{st.label}</strong>
                        {format!(" — {} — {}", format_date_time(st.at), st.actor)}
                        {st.note.map(|n| view! { <p class="muted">{n}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
