//! The staff side of advanced forms: the builder (forms list, one form's settings, its
//! fields in order with their limits, publishing a version, the version history, export for
//! the administrator), and the experts' inbox with one submission's answer page. Plain
//! forms: all of it works before hydration.

use crate::api::forms::{
    staff_form, staff_forms, staff_get_submission, staff_submission_inbox, AddFormCategory,
    ArrangeFormField, CreateForm, PublishForm, SaveFormField, SaveFormSettings,
    StaffAssignSubmission, StaffCloseSubmission, StaffRespondSubmission, StaffSubmissionQa,
};
use crate::components::attachments::{AttachmentField, Thread, UploadForm};
use crate::components::datepicker::DateField;
use crate::components::forms::{guarded, guarded_with_heading, ActionDone, ActionError};
use crate::model::{
    FieldDef, FieldKind, FormEditor, FormList, StaffSubmission, SubmissionInbox, SubmissionStatus,
};
use crate::pages::forms::{AnswerList, SubmissionTable};
use crate::persian::jalali::format_date_time;
use crate::persian::{format_number, to_persian_digits};
use crate::tracking_code;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

fn id_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or_default()
    }
}

#[component]
pub fn StaffFormsPage() -> impl IntoView {
    let create = ServerAction::<CreateForm>::new();
    let category = ServerAction::<AddFormCategory>::new();
    let data = Resource::new(move || category.version().get(), |_| staff_forms());
    view! {
        <Title text="فرم‌های پیشرفته"/>
        <article class="page">
            <h1>"فرم‌های پیشرفته"</h1>
            <p class="lead">
                "فرم را بی‌برنامه‌نویسی بسازید: خانه‌ها را به ترتیب بیفزایید و نسخه را منتشر کنید. "
                "ویرایش پس از انتشار، نسخه‌ی تازه‌ای می‌سازد و درخواست‌های پیشین با نسخه‌ی خودشان می‌مانند."
            </p>
            <p><A href="/staff/form-submissions">"صندوق درخواست‌های رسیده"</A></p>
            {guarded(data, move |list: FormList| view! { <FormListView list=list create=create category=category/> })}
        </article>
    }
}

#[component]
fn FormListView(
    list: FormList,
    create: ServerAction<CreateForm>,
    category: ServerAction<AddFormCategory>,
) -> impl IntoView {
    let categories = list.categories.clone();
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"فرم"</th>
                        <th scope="col">"نسخه‌ی منتشرشده"</th>
                        <th scope="col">"دسته‌ی ارجاع"</th>
                        <th scope="col">"درخواست‌ها (باز)"</th>
                        <th scope="col">"وضعیت"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.forms.into_iter().map(|f| view! {
                        <tr>
                            <td><A href=format!("/staff/forms/{}", f.id)>{f.title}</A></td>
                            <td>
                                {if f.version == 0 { "منتشر نشده".to_string() } else { to_persian_digits(&f.version.to_string()) }}
                                {f.unpublished_changes.then_some(" · تغییر منتشرنشده")}
                            </td>
                            <td>{f.category}</td>
                            <td>{format!("{} ({})", format_number(f.submissions as i64), format_number(f.open_submissions as i64))}</td>
                            <td>{if f.active { "فعال" } else { "غیرفعال" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section aria-labelledby="new-form">
            <h2 id="new-form">"فرم تازه"</h2>
            <ActionForm action=create attr:class="stacked-form">
                <ActionError action=create/>
                <div class="field">
                    <label for="new-form-title">"عنوان فرم"</label>
                    <input id="new-form-title" name="title" required minlength="3" maxlength="200"/>
                </div>
                <div class="field">
                    <label for="new-form-category">"دسته‌ای که درخواست‌ها به کارشناسانش می‌رسد"</label>
                    <select id="new-form-category" name="category" required>
                        {categories.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.title}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit">"ساختن فرم"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="new-category">
            <h2 id="new-category">"دسته‌ی تازه برای ارجاع فرم‌ها"</h2>
            <p class="muted">"کارشناسان هر دسته را راهبر در صفحه‌ی کاربر («کارشناس دسته‌ها») تعیین می‌کند."</p>
            <ActionForm action=category attr:class="inline-form">
                <ActionError action=category/>
                <label for="new-category-title">"عنوان دسته"</label>
                <input id="new-category-title" name="title" required minlength="2" maxlength="100"/>
                <button type="submit" class="button-secondary">"افزودن دسته"</button>
            </ActionForm>
            <ActionDone action=category text="دسته افزوده شد."/>
        </section>
    }
}

#[component]
pub fn FormBuilderPage() -> impl IntoView {
    let id = id_param();
    let settings = ServerAction::<SaveFormSettings>::new();
    let field = ServerAction::<SaveFormField>::new();
    let arrange = ServerAction::<ArrangeFormField>::new();
    let publish = ServerAction::<PublishForm>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                settings.version().get(),
                field.version().get(),
                arrange.version().get(),
                publish.version().get(),
            )
        },
        |(id, ..)| staff_form(id),
    );
    let actions = BuilderActions {
        settings,
        field,
        arrange,
        publish,
    };
    view! {
        <Title text="ساخت فرم"/>
        <article class="page">
            <p><A href="/staff/forms">"← فرم‌های پیشرفته"</A></p>
            {guarded_with_heading(data, Some("ساخت فرم"), move |f: FormEditor| view! { <Builder form=f actions=actions/> })}
        </article>
    }
}

#[derive(Clone, Copy)]
struct BuilderActions {
    settings: ServerAction<SaveFormSettings>,
    field: ServerAction<SaveFormField>,
    arrange: ServerAction<ArrangeFormField>,
    publish: ServerAction<PublishForm>,
}

#[component]
fn Builder(form: FormEditor, actions: BuilderActions) -> impl IntoView {
    let f = form;
    let id = f.id;
    let a = actions;
    let status = match (f.version, f.unpublished_changes) {
        (0, _) => "هنوز منتشر نشده است؛ شهروندان آن را نمی‌بینند.".to_string(),
        (v, true) => format!(
            "نسخه‌ی {} منتشر شده است؛ تغییرهای این صفحه هنوز منتشر نشده‌اند.",
            to_persian_digits(&v.to_string())
        ),
        (v, false) => format!("نسخه‌ی {} منتشر شده است.", to_persian_digits(&v.to_string())),
    };
    view! {
        <Title text=format!("ساخت فرم: {}", f.title)/>
        <h1>{format!("ساخت فرم: {}", f.title)}</h1>
        <p role="status">{status}</p>
        <ActionError action=a.publish/>
        <ActionDone action=a.publish text="نسخه‌ی تازه منتشر شد."/>
        <ActionError action=a.settings/>
        <ActionDone action=a.settings text="تنظیمات ذخیره شد."/>
        <ActionError action=a.field/>
        <ActionDone action=a.field text="خانه ذخیره شد."/>
        <ActionError action=a.arrange/>
        <div class="receipt-actions">
            {f.unpublished_changes.then(|| view! {
                <ActionForm action=a.publish attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit">"انتشار نسخه‌ی تازه"</button>
                </ActionForm>
            })}
            {(f.version > 0).then(|| view! { <A href=format!("/forms/{id}")>"دیدن فرم عمومی"</A> })}
            {f.can_export.then(|| view! {
                " · " <a href=format!("/staff/forms/{id}/export?format=csv") rel="external" download="">"برون‌بری CSV"</a>
                " · " <a href=format!("/staff/forms/{id}/export?format=xlsx") rel="external" download="">"برون‌بری XLSX"</a>
            })}
        </div>

        <section aria-labelledby="settings-title">
            <h2 id="settings-title">"تنظیمات"</h2>
            <ActionForm action=a.settings attr:class="stacked-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <div class="field">
                    <label for="form-title">"عنوان فرم"</label>
                    <input id="form-title" name="title" required minlength="3" maxlength="200" value=f.title.clone()/>
                </div>
                <div class="field">
                    <label for="form-description">"توضیح فرم"</label>
                    <textarea id="form-description" name="description" rows="3" maxlength="5000">{f.description.clone()}</textarea>
                </div>
                <div class="field">
                    <label for="form-category">"دسته‌ی ارجاع (کارشناسان این دسته درخواست‌ها را می‌بینند)"</label>
                    <select id="form-category" name="category">
                        {f.categories.iter().map(|c| view! {
                            <option value=c.id.to_string() selected=c.id == f.category_id>{c.title.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="form-assignee">"کارشناس گیرنده‌ی هر درخواست تازه"</label>
                    <select id="form-assignee" name="assignee">
                        <option value="">"همه‌ی کارشناسان دسته"</option>
                        {f.experts.iter().map(|e| view! {
                            <option value=e.id.to_string() selected=Some(e.id) == f.assignee_id>{e.full_name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field-check">
                    <input type="checkbox" id="form-signed-in" name="signed_in_only" value="1" checked=f.signed_in_only/>
                    <label for="form-signed-in">"تنها کاربران واردشده می‌توانند بفرستند"</label>
                </div>
                <div class="field">
                    <label for="form-opens">"آغاز پذیرش (اختیاری)"</label>
                    <DateField id="form-opens" name="opens_on" value=to_persian_digits(&f.opens_on)/>
                </div>
                <div class="field">
                    <label for="form-closes">"پایان پذیرش (اختیاری)"</label>
                    <DateField id="form-closes" name="closes_on" value=to_persian_digits(&f.closes_on)/>
                </div>
                <div class="field-check">
                    <input type="checkbox" id="form-active" name="active" value="1" checked=f.active/>
                    <label for="form-active">"فعال (در فهرست فرم‌ها نشان داده شود)"</label>
                </div>
                <p class="field-help">"دسته، گیرنده، مخاطبان و تاریخ‌ها بی‌درنگ به کار می‌روند؛ عنوان و توضیح با نسخه‌ی بعدی منتشر می‌شوند."</p>
                <button type="submit">"ذخیره‌ی تنظیمات"</button>
            </ActionForm>
        </section>

        <section aria-labelledby="fields-title">
            <h2 id="fields-title">"خانه‌های فرم"</h2>
            {if f.fields.is_empty() {
                view! { <p class="muted">"هنوز خانه‌ای ندارد."</p> }.into_any()
            } else {
                let last = f.fields.len() - 1;
                view! {
                    <ol class="settings-list form-fields">
                        {f.fields.iter().cloned().enumerate().map(|(i, d)| {
                            let key = d.key.clone();
                            let summary = format!("{} — {}{}", d.label, d.kind.label(), if d.required { "، اجباری" } else { "" });
                            view! {
                                <li>
                                    <details>
                                        <summary>{summary}</summary>
                                        <FieldEditor form_id=id field=Some(d) action=a.field/>
                                    </details>
                                    <div class="inline-form">
                                        {(i > 0).then(|| view! { <ArrangeButton form_id=id key=key.clone() dir="up" label="بالاتر" action=a.arrange/> })}
                                        {(i < last).then(|| view! { <ArrangeButton form_id=id key=key.clone() dir="down" label="پایین‌تر" action=a.arrange/> })}
                                        <ArrangeButton form_id=id key=key dir="delete" label="حذف" action=a.arrange/>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <h3>"افزودن خانه"</h3>
            <FieldEditor form_id=id field=None action=a.field/>
        </section>

        <section aria-labelledby="versions-title">
            <h2 id="versions-title">"نسخه‌های منتشرشده"</h2>
            {if f.versions.is_empty() {
                view! { <p class="muted">"هنوز نسخه‌ای منتشر نشده است."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">"نسخه"</th><th scope="col">"عنوان"</th><th scope="col">"خانه‌ها"</th>
                                <th scope="col">"انتشار"</th><th scope="col">"به دست"</th><th scope="col">"درخواست‌ها"</th>
                            </tr></thead>
                            <tbody>
                                {f.versions.into_iter().map(|v| view! {
                                    <tr>
                                        <td>{to_persian_digits(&v.number.to_string())}</td>
                                        <td>{v.title}</td>
                                        <td>{format_number(v.fields as i64)}</td>
                                        <td>{format_date_time(v.published_at)}</td>
                                        <td>{v.published_by}</td>
                                        <td>{format_number(v.submissions as i64)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ArrangeButton(
    form_id: i32,
    key: String,
    dir: &'static str,
    label: &'static str,
    action: ServerAction<ArrangeFormField>,
) -> impl IntoView {
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="id" value=form_id.to_string()/>
            <input type="hidden" name="key" value=key.clone()/>
            <input type="hidden" name="dir" value=dir/>
            <button type="submit" class="button-secondary" aria-label=format!("{label}: خانه‌ی {key}")>{label}</button>
        </ActionForm>
    }
}

const NEW_FIELD_FORM: &str = "new-field-form";

/// The form that adds a field (`field` is `None`) or changes one.
#[component]
fn FieldEditor(
    form_id: i32,
    field: Option<FieldDef>,
    action: ServerAction<SaveFormField>,
) -> impl IntoView {
    let prefix = field
        .as_ref()
        .map(|d| d.key.clone())
        .unwrap_or_else(|| "new".into());
    let d = field.unwrap_or(FieldDef {
        key: String::new(),
        kind: FieldKind::ShortText,
        label: String::new(),
        help: String::new(),
        required: false,
        min: String::new(),
        max: String::new(),
        options: Vec::new(),
    });
    let id = move |name: &str| format!("field-{prefix}-{name}");
    let form_id_attr = d.key.is_empty().then_some(NEW_FIELD_FORM);
    view! {
        <ActionForm action=action attr:id=form_id_attr attr:class="stacked-form field-editor">
            <input type="hidden" name="id" value=form_id.to_string()/>
            <input type="hidden" name="key" value=d.key.clone()/>
            <div class="field">
                <label for=id("kind")>"نوع"</label>
                <select id=id("kind") name="kind">
                    {FieldKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == d.kind>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=id("label")>"برچسب"</label>
                <input id=id("label") name="label" required minlength="2" maxlength="200" value=d.label.clone()/>
            </div>
            <div class="field">
                <label for=id("help")>"راهنما (اختیاری)"</label>
                <input id=id("help") name="help" maxlength="500" value=d.help.clone()/>
            </div>
            <div class="field-check">
                <input type="checkbox" id=id("required") name="required" value="1" checked=d.required/>
                <label for=id("required")>"اجباری"</label>
            </div>
            <div class="field">
                <label for=id("min")>"کمینه (اختیاری)"</label>
                <input id=id("min") name="min" size="12" value=to_persian_digits(&d.min) aria-describedby=id("limits")/>
            </div>
            <div class="field">
                <label for=id("max")>"بیشینه (اختیاری)"</label>
                <input id=id("max") name="max" size="12" value=to_persian_digits(&d.max) aria-describedby=id("limits")/>
                <p class="field-help" id=id("limits")>
                    "متن: شمار نویسه‌ها؛ عدد: مقدار؛ تاریخ: مانند ۱۴۰۴/۰۱/۰۱؛ چند گزینه: شمار گزینه‌های برگزیده؛ پرونده: شمار پرونده‌ها (تا ۳)."
                </p>
            </div>
            <div class="field">
                <label for=id("options")>"گزینه‌ها (برای نوع‌های گزینه‌ای؛ هر گزینه در یک سطر)"</label>
                <textarea id=id("options") name="options" rows="4">{d.options.join("\n")}</textarea>
            </div>
            <button type="submit">{if d.key.is_empty() { "افزودن خانه" } else { "ذخیره‌ی خانه" }}</button>
        </ActionForm>
    }
}

#[component]
pub fn SubmissionInboxPage() -> impl IntoView {
    let query = use_query_map();
    let get = move |k: &str| query.read().get(k).unwrap_or_default();
    let inbox = Resource::new(
        move || (get("status"), get("form"), get("assignee"), get("q")),
        |(status, form, assignee, q)| staff_submission_inbox(status, form, assignee, q),
    );
    view! {
        <Title text="درخواست‌های فرم‌ها"/>
        <article class="page">
            <h1>"درخواست‌های فرم‌ها"</h1>
            {guarded(inbox, move |i: SubmissionInbox| {
                let sel = move |k: &'static str, v: String| get(k) == v;
                let count = format!("{} درخواست", format_number(i.rows.len() as i64));
                view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="f-status">"وضعیت"</label>
                        <select id="f-status" name="status">
                            <option value="">"باز (جدید و در حال رسیدگی)"</option>
                            {SubmissionStatus::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=sel("status", s.as_str().to_string())>{s.label()}</option>
                            }).collect_view()}
                        </select>
                        <label for="f-form">"فرم"</label>
                        <select id="f-form" name="form">
                            <option value="">"همه"</option>
                            {i.forms.iter().map(|(id, title)| {
                                let v = id.to_string();
                                view! { <option value=v.clone() selected=sel("form", v)>{title.clone()}</option> }
                            }).collect_view()}
                        </select>
                        <label for="f-assignee">"ارجاع"</label>
                        <select id="f-assignee" name="assignee">
                            <option value="">"همه"</option>
                            <option value="me" selected=sel("assignee", "me".into())>"به من"</option>
                            <option value="none" selected=sel("assignee", "none".into())>"ارجاع‌نشده"</option>
                        </select>
                        <label for="f-q">"جست‌وجو"</label>
                        <input id="f-q" name="q" type="search" value=get("q") placeholder="کد یا متن"/>
                        <button type="submit">"نمایش"</button>
                    </Form>
                    <p role="status">{count}</p>
                    <SubmissionTable rows=i.rows link_to_track=false/>
                }
            })}
        </article>
    }
}

#[component]
pub fn StaffSubmissionPage() -> impl IntoView {
    let id = id_param();
    let assign = ServerAction::<StaffAssignSubmission>::new();
    let close = ServerAction::<StaffCloseSubmission>::new();
    let qa = ServerAction::<StaffSubmissionQa>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                assign.version().get(),
                close.version().get(),
                qa.version().get(),
            )
        },
        |(id, ..)| staff_get_submission(id),
    );
    view! {
        <Title text="درخواست"/>
        <article class="page">
            <p><A href="/staff/form-submissions">"← درخواست‌های فرم‌ها"</A></p>
            {guarded_with_heading(data, Some("درخواست"), move |s: StaffSubmission| view! {
                <SubmissionStaffView submission=s assign=assign close=close qa=qa/>
            })}
        </article>
    }
}

#[component]
fn SubmissionStaffView(
    submission: StaffSubmission,
    assign: ServerAction<StaffAssignSubmission>,
    close: ServerAction<StaffCloseSubmission>,
    qa: ServerAction<StaffSubmissionQa>,
) -> impl IntoView {
    let s = submission;
    let id = s.row.id;
    let published = s.qa.is_some();
    let closed = s.row.status == SubmissionStatus::Closed;
    let heading = format!("درخواست {}", tracking_code::display(&s.row.tracking_code));
    view! {
        <Title text=heading.clone()/>
        <h1><bdi dir="ltr">{heading}</bdi></h1>
        <dl class="details">
            <dt>"فرم"</dt><dd>{format!("{} (نسخه‌ی {})", s.row.form_title, to_persian_digits(&s.row.version.to_string()))}</dd>
            <dt>"دسته"</dt><dd>{s.row.category.clone()}</dd>
            <dt>"وضعیت"</dt><dd>{s.row.status.label()}</dd>
            <dt>"ثبت"</dt><dd>{format_date_time(s.row.created_at)}</dd>
            <dt>"فرستنده"</dt><dd>{if s.registered_user { "کاربر ثبت‌نام‌کرده" } else { "شهروند (بی‌حساب کاربری)" }}</dd>
        </dl>
        <section aria-labelledby="sub-answers">
            <h2 id="sub-answers">"پاسخ‌های فرم"</h2>
            <AnswerList answers=s.answers code=None/>
        </section>
        <section aria-labelledby="sub-thread">
            <h2 id="sub-thread">"گفت‌وگو"</h2>
            {if s.posts.is_empty() {
                view! { <p class="muted">"هنوز پاسخی نوشته نشده است."</p> }.into_any()
            } else {
                view! { <Thread posts=s.posts/> }.into_any()
            }}
        </section>
        <section aria-labelledby="sub-respond">
            <h2 id="sub-respond">"پاسخ، پرسش از فرستنده یا یادداشت"</h2>
            <UploadForm url=StaffRespondSubmission::url() class="stacked-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <fieldset class="field choice">
                    <legend>"نوع"</legend>
                    <span class="field-check"><input type="radio" id="mode-answer" name="mode" value="answer" checked=!closed disabled=closed/><label for="mode-answer">"پاسخ به فرستنده"</label></span>
                    <span class="field-check"><input type="radio" id="mode-ask" name="mode" value="ask" disabled=closed/><label for="mode-ask">"درخواست اطلاعات بیشتر از فرستنده"</label></span>
                    <span class="field-check"><input type="radio" id="mode-note" name="mode" value="note" checked=closed/><label for="mode-note">"یادداشت داخلی (فرستنده نمی‌بیند)"</label></span>
                </fieldset>
                <div class="field">
                    <label for="respond-body">"متن"</label>
                    <textarea id="respond-body" name="body" rows="6" required maxlength="10000"></textarea>
                </div>
                <AttachmentField id="respond-attachments" help=crate::pages::forms::FILES_HELP/>
                <button type="submit">"فرستادن"</button>
            </UploadForm>
        </section>
        <section aria-labelledby="sub-assign">
            <h2 id="sub-assign">"ارجاع و بستن"</h2>
            <ActionForm action=assign attr:class="inline-form">
                <ActionError action=assign/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label for="sub-assignee">"ارجاع به"</label>
                <select id="sub-assignee" name="assignee">
                    <option value="">"هیچ‌کس"</option>
                    {s.assignable.iter().map(|m| view! {
                        <option value=m.id.to_string() selected=s.row.assignee.as_deref() == Some(m.full_name.as_str())>{m.full_name.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button-secondary">"ارجاع"</button>
            </ActionForm>
            {(!closed).then(|| view! {
                <ActionForm action=close attr:class="inline-form">
                    <ActionError action=close/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" class="button-secondary">"بستن درخواست"</button>
                </ActionForm>
            })}
        </section>
        <section aria-labelledby="sub-qa">
            <h2 id="sub-qa">"پرسش و پاسخ عمومی"</h2>
            <ActionError action=qa/>
            <ActionDone action=qa text="انجام شد."/>
            {if !s.consent_to_publish {
                view! { <p class="muted">"فرستنده اجازه‌ی انتشار نداده است؛ این پرسش منتشر نمی‌شود."</p> }.into_any()
            } else {
                view! {
                    {published.then(|| view! { <p role="status">"این پرسش و پاسخ در " <A href="/forms/qa">"پرسش و پاسخ کارشناسان"</A> " منتشر شده است."</p> })}
                    <ActionForm action=qa attr:class="stacked-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <p class="field-help">"شماره‌ها، کد ملی و رایانامه برداشته شده‌اند؛ پیش از انتشار، نام و هر نشانه‌ی دیگری از فرستنده را نیز بردارید."</p>
                        <div class="field">
                            <label for="qa-question">"پرسش"</label>
                            <textarea id="qa-question" name="question" rows="4" required>{s.qa_question.clone()}</textarea>
                        </div>
                        <div class="field">
                            <label for="qa-answer">"پاسخ"</label>
                            <textarea id="qa-answer" name="answer" rows="4" required>{s.qa_answer.clone()}</textarea>
                        </div>
                        <button type="submit">{if published { "به‌روزرسانی پرسش و پاسخ منتشرشده" } else { "انتشار در پرسش و پاسخ" }}</button>
                    </ActionForm>
                    {published.then(|| view! {
                        <ActionForm action=qa attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="withdraw" value="1"/>
                            <button type="submit" class="button-secondary">"برداشتن از فهرست عمومی"</button>
                        </ActionForm>
                    })}
                }.into_any()
            }}
        </section>
    }
}
