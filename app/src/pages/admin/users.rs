//! Users: the list (pending first, searchable, filterable by status) and one person's page,
//! where the administrator approves, rejects, suspends, resets the password, and gives or
//! takes roles.

use crate::api::admin::{
    admin_get_user, admin_list_users, AdminApproveUser, AdminNominate, AdminRejectUser,
    AdminResetPassword, AdminSetAdminRole, AdminSetExpert, AdminSuspendUser,
};
use crate::components::common::Digits;
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::model::{AccountStatus, UserDetail, UserSummary};
use crate::persian::jalali::format_date;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let status = move || query.read().get("status").unwrap_or_default();
    let users = Resource::new(move || (q(), status()), |(q, s)| admin_list_users(q, s));
    view! {
        <Title text="کاربران"/>
        <article class="page">
            <h1>"کاربران"</h1>
            <Form method="GET" action="" attr:class="filter-form">
                <label for="q">"جست‌وجو"</label>
                <input id="q" name="q" type="search" prop:value=q value=q
                    placeholder="نام، نام کاربری، کد ملی، همراه یا رایانامه"/>
                <label for="status">"وضعیت"</label>
                <select id="status" name="status">
                    <option value="" selected=move || status().is_empty()>"همه"</option>
                    {AccountStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || status() == s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"نمایش"</button>
            </Form>
            {guarded(users, |list: Vec<UserSummary>| view! { <UserTable users=list/> })}
        </article>
    }
}

#[component]
fn UserTable(users: Vec<UserSummary>) -> impl IntoView {
    let count = users.len();
    view! {
        <p role="status">{format!("{} کاربر", crate::persian::format_number(count as i64))}</p>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"نام"</th>
                        <th scope="col">"نام کاربری"</th>
                        <th scope="col">"وضعیت"</th>
                        <th scope="col">"ثبت‌نام"</th>
                    </tr>
                </thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let href = format!("/admin/users/{}", u.id);
                        view! {
                            <tr class=format!("status-{}", u.status.as_str())>
                                <td><A href=href>{u.full_name}</A>{u.is_admin.then_some(" (راهبر)")}</td>
                                <td><bdi dir="ltr">{u.username}</bdi></td>
                                <td>{u.status.label()}</td>
                                <td>{format_date(u.created_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let approve = ServerAction::<AdminApproveUser>::new();
    let reject = ServerAction::<AdminRejectUser>::new();
    let suspend = ServerAction::<AdminSuspendUser>::new();
    let reset = ServerAction::<AdminResetPassword>::new();
    let role = ServerAction::<AdminSetAdminRole>::new();
    let expert = ServerAction::<AdminSetExpert>::new();
    let user = Resource::new(
        move || {
            (
                id(),
                approve.version().get(),
                reject.version().get(),
                suspend.version().get(),
                role.version().get(),
                expert.version().get(),
            )
        },
        |(id, ..)| admin_get_user(id),
    );
    let actions = UserActions {
        approve,
        reject,
        suspend,
        reset,
        role,
        expert,
    };
    view! {
        <Title text="کاربر"/>
        <article class="page">
            <p><A href="/admin/users">"← همه‌ی کاربران"</A></p>
            {guarded_with_heading(user, Some("کاربر"), move |u: UserDetail| view! { <UserView user=u actions=actions/> })}
        </article>
    }
}

#[derive(Clone, Copy)]
struct UserActions {
    approve: ServerAction<AdminApproveUser>,
    reject: ServerAction<AdminRejectUser>,
    suspend: ServerAction<AdminSuspendUser>,
    reset: ServerAction<AdminResetPassword>,
    role: ServerAction<AdminSetAdminRole>,
    expert: ServerAction<AdminSetExpert>,
}

#[component]
fn UserView(user: UserDetail, actions: UserActions) -> impl IntoView {
    let UserActions {
        approve,
        reject,
        suspend,
        reset,
        role,
        expert,
    } = actions;
    let nominate = ServerAction::<AdminNominate>::new();
    let u = user;
    let id = u.summary.id;
    let status = u.summary.status;
    let is_admin = u.summary.is_admin;
    let expert_of = u.expert_of.clone();
    view! {
        <h1>{u.summary.full_name.clone()}</h1>
        <dl class="details">
            <dt>"نام کاربری"</dt><dd><bdi dir="ltr">{u.summary.username.clone()}</bdi></dd>
            <dt>"وضعیت"</dt><dd class=format!("status-{}", status.as_str())>{status.label()}</dd>
            {u.rejection_reason.clone().map(|r| view! { <dt>"دلیل"</dt><dd>{r}</dd> })}
            {u.national_id.clone().map(|v| view! { <dt>"کد ملی"</dt><dd><Digits text=v/></dd> })}
            {u.mobile.clone().map(|v| view! { <dt>"شماره همراه"</dt><dd><Digits text=v/></dd> })}
            {u.email.clone().map(|v| view! { <dt>"رایانامه"</dt><dd><bdi dir="ltr">{v}</bdi></dd> })}
            <dt>"ثبت‌نام"</dt><dd>{format_date(u.summary.created_at)}</dd>
            {u.reviewed_at.map(|t| view! { <dt>"آخرین بررسی"</dt><dd>{format_date(t)}</dd> })}
        </dl>

        <section aria-labelledby="u-status">
            <h2 id="u-status">"وضعیت حساب"</h2>
            {(status != AccountStatus::Approved).then(|| view! {
                <ActionForm action=approve attr:class="inline-form">
                    <ActionError action=approve/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit">{if status == AccountStatus::Pending { "تأیید عضویت" } else { "تأیید دوباره‌ی حساب" }}</button>
                </ActionForm>
            })}
            {(status == AccountStatus::Pending).then(|| view! {
                <ActionForm action=reject attr:class="stacked-form">
                    <ActionError action=reject/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="reject-reason">"دلیل رد درخواست (به خود شخص نشان داده می‌شود)"</label>
                        <textarea id="reject-reason" name="reason" required minlength="5" maxlength="500" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button-secondary">"رد درخواست"</button>
                </ActionForm>
            })}
            {(status == AccountStatus::Approved).then(|| view! {
                <ActionForm action=suspend attr:class="stacked-form">
                    <ActionError action=suspend/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for="suspend-reason">"دلیل تعلیق (به خود شخص نشان داده می‌شود)"</label>
                        <textarea id="suspend-reason" name="reason" required minlength="5" maxlength="500" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button-secondary">"تعلیق حساب"</button>
                </ActionForm>
            })}
        </section>

        <section aria-labelledby="u-password">
            <h2 id="u-password">"بازنشانی کلمه عبور"</h2>
            <p>"کلمه عبور تازه‌ای ساخته و یک بار نشان داده می‌شود؛ آن را از راهی امن به شخص برسانید. همه‌ی نشست‌های او بسته می‌شود."</p>
            <ActionForm action=reset attr:class="inline-form">
                <ActionError action=reset/>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button-secondary">"ساختن کلمه عبور تازه"</button>
            </ActionForm>
            {move || match reset.value().get() {
                Some(Ok(p)) => Some(view! {
                    <p class="notice notice-ok" role="status">"کلمه عبور تازه: " <code dir="ltr" class="secret">{p}</code></p>
                }),
                _ => None,
            }}
        </section>

        <section aria-labelledby="u-roles">
            <h2 id="u-roles">"نقش‌ها"</h2>
            <h3>"راهبر پرتال"</h3>
            <ActionForm action=role attr:class="inline-form">
                <ActionError action=role/>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="grant" value=if is_admin { "false" } else { "true" }/>
                <button type="submit" class="button-secondary">{if is_admin { "گرفتن نقش راهبر" } else { "دادن نقش راهبر" }}</button>
            </ActionForm>

            <h3>"کارشناس پاسخ‌گو"</h3>
            <ActionForm action=expert attr:class="stacked-form">
                <ActionError action=expert/>
                <input type="hidden" name="id" value=id.to_string()/>
                <fieldset>
                    <legend>"دسته‌هایی که این شخص پاسخ می‌دهد"</legend>
                    {u.categories.iter().enumerate().map(|(i, c)| {
                        let field = format!("cat-{}", c.id);
                        let checked = expert_of.contains(&c.id);
                        view! {
                            <div class="field-check">
                                <input type="checkbox" id=field.clone() name=format!("categories[{i}]") value=c.id.to_string() checked=checked/>
                                <label for=field>{c.title.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button-secondary">"ذخیره‌ی دسته‌ها"</button>
            </ActionForm>

            <h3>"متولی‌گری بخش‌ها"</h3>
            {if u.appointments.is_empty() {
                view! { <p>"نامزد یا متولی هیچ بخشی نیست."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {u.appointments.iter().map(|a| {
                            let href = format!("/admin/custodians/{}", a.id);
                            view! { <li><A href=href>{format!("{} — {}", a.section.title, a.status.label())}</A></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(status == AccountStatus::Approved).then(|| view! {
                <ActionForm action=nominate attr:class="stacked-form">
                    <ActionError action=nominate/>
                    <input type="hidden" name="user_id" value=id.to_string()/>
                    <div class="field">
                        <label for="nominate-section">"نامزدی برای متولی‌گری بخش"</label>
                        <select id="nominate-section" name="section" required>
                            {u.sections.iter().map(|s| view! { <option value=s.key.clone()>{s.title.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="nominate-note">"یادداشت (پیشنهاددهنده، سابقه)"</label>
                        <input id="nominate-note" name="note" maxlength="500"/>
                    </div>
                    <button type="submit" class="button-secondary">"ثبت نامزدی"</button>
                </ActionForm>
            })}
        </section>
    }
}
