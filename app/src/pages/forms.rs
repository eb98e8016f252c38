//! The citizen's side of advanced forms: the list, a form generated from its published
//! version (plain multipart post before hydration; after it, every field is checked as it is
//! left and again before sending, with the server's own rules and Persian messages), the
//! receipt and follow-up by tracking code (answering the expert's question), and the public
//! questions and answers.

use crate::api::forms::{
    form_qa_list, get_public_form, list_forms, lookup_submission, my_submissions, ReplySubmission,
    SubmitForm,
};
use crate::components::attachments::{
    address_error, AttachmentField, AttachmentList, CheckedUploadForm, Thread, UploadForm,
};
use crate::components::common::{loaded, loaded_resource, ErrorNotice, SampleBadge, SectionIntro};
use crate::components::datepicker::JalaliDateInput;
use crate::components::forms::set_status;
use crate::error::AppError;
use crate::model::{
    FieldDef, FieldKind, FormSummary, PublicForm, PublicSubmission, QaItem, SubmissionRow,
    SubmissionStatus,
};
use crate::pages::tickets::Receipt;
use crate::persian::jalali::{format_date, format_date_time};
use crate::sections::section;
use crate::tracking_code;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

#[component]
pub fn FormsPage() -> impl IntoView {
    let forms = OnceResource::new(list_forms());
    let mine = OnceResource::new(my_submissions());
    view! {
        <article class="page">
            <SectionIntro section=section("form")/>
            <p>
                "پس از فرستادن فرم، کد رهگیری ۱۶ رقمی می‌گیرید و پاسخ کارشناس را در "
                <A href="/forms/track">"پیگیری درخواست"</A>
                " می‌بینید. پرسش‌هایی که پاسخ گرفته‌اند و فرستنده‌شان اجازه داده است، بی‌نام و نشان در "
                <A href="/forms/qa">"پرسش و پاسخ کارشناسان"</A>
                " آمده‌اند."
            </p>
            {loaded(forms, |list: Vec<FormSummary>| if list.is_empty() {
                view! { <p>"اکنون فرمی برای پر کردن نیست."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {list.into_iter().map(|f| view! {
                            <li>
                                <h2 class="card-title"><A href=format!("/forms/{}", f.id)>{f.title}</A> {f.is_sample.then(|| view! { " " <SampleBadge/> })}</h2>
                                <p>{f.description}</p>
                                {f.signed_in_only.then(|| view! { <p class="muted">"ویژه‌ی کاربران واردشده"</p> })}
                                {f.closed_reason.map(|r| view! { <p class="muted">{r}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    mine.await.ok().filter(|rows| !rows.is_empty()).map(|rows| view! {
                        <section aria-labelledby="my-submissions">
                            <h2 id="my-submissions">"درخواست‌های من"</h2>
                            <SubmissionTable rows=rows link_to_track=true/>
                        </section>
                    })
                })}
            </Suspense>
        </article>
    }
}

/// Submissions as a table: to their tracking page (the submitter's own) or to the staff page.
#[component]
pub fn SubmissionTable(rows: Vec<SubmissionRow>, link_to_track: bool) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"کد رهگیری"</th>
                        <th scope="col">"فرم"</th>
                        <th scope="col">"وضعیت"</th>
                        <th scope="col">"ثبت"</th>
                        {(!link_to_track).then(|| view! { <th scope="col">"دسته"</th><th scope="col">"ارجاع به"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let href = if link_to_track {
                            format!("/forms/track?code={}", r.tracking_code)
                        } else {
                            format!("/staff/form-submissions/{}", r.id)
                        };
                        let version = crate::persian::to_persian_digits(&r.version.to_string());
                        view! {
                            <tr>
                                <td><A href=href><bdi dir="ltr" class="digits">{tracking_code::display(&r.tracking_code)}</bdi></A></td>
                                <td>{r.form_title} <span class="muted">{format!(" (نسخه‌ی {version})")}</span></td>
                                <td>{if link_to_track { r.status.public_label() } else { r.status.label() }}</td>
                                <td>{format_date_time(r.created_at)}</td>
                                {(!link_to_track).then(|| view! { <td>{r.category}</td><td>{r.assignee.unwrap_or_default()}</td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn FillFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let form = Resource::new(id, get_public_form);
    view! {
        <article class="page narrow">
            {loaded_resource(form, |f: Result<PublicForm, AppError>| match f {
                Ok(f) => view! { <FormView form=f/> }.into_any(),
                Err(e) => {
                    set_status(e.status().as_u16());
                    view! { <Title text="فرم"/><h1>"فرم"</h1><ErrorNotice error=e/> }.into_any()
                }
            })}
        </article>
    }
}

fn help_id(key: &str) -> String {
    format!("{key}-help")
}

fn error_id(key: &str) -> String {
    format!("{key}-error")
}

/// The values of every field in a form being sent, checked with the form's rules; the
/// errors by field key.
#[cfg(feature = "hydrate")]
fn check_all(fields: &[FieldDef], data: &leptos::web_sys::FormData) -> HashMap<String, String> {
    let mut errors = HashMap::new();
    for d in fields {
        let values: Vec<String> = data
            .get_all(&d.key)
            .iter()
            .filter_map(|v| v.as_string())
            .collect();
        let result = if d.kind == FieldKind::File {
            let n = data
                .get_all(&d.key)
                .iter()
                .filter_map(|v| {
                    leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::File>(v).ok()
                })
                .filter(|f| !f.name().is_empty() || f.size() > 0.0)
                .count();
            d.check_file_count(n)
        } else {
            d.check(&values).map(|_| ())
        };
        if let Err(m) = result {
            errors.insert(d.key.clone(), m);
        }
    }
    errors
}

#[component]
fn FormView(form: PublicForm) -> impl IntoView {
    let f = form;
    let closed = f.summary.closed_reason.clone();
    let needs_login = f.summary.signed_in_only && !f.signed_in;
    let error = address_error(SubmitForm::url());
    view! {
        <Title text=f.summary.title.clone()/>
        <h1>{f.summary.title.clone()} {f.summary.is_sample.then(|| view! { " " <SampleBadge/> })}</h1>
        {(!f.summary.description.is_empty()).then(|| view! { <p class="lead">{f.summary.description.clone()}</p> })}
        {(f.qa_count > 0).then(|| view! {
            <p><A href=format!("/forms/qa?form={}", f.summary.id)>{format!("{} پرسش پاسخ‌داده‌ی این فرم", crate::persian::to_persian_digits(&f.qa_count.to_string()))}</A></p>
        })}
        {match (closed, needs_login) {
            (Some(reason), _) => view! { <p class="notice">{reason}</p> }.into_any(),
            (None, true) => view! {
                <p class="notice">"این فرم ویژه‌ی کاربران واردشده است. " <A href=format!("/login?next=/forms/{}", f.summary.id)>"ورود"</A></p>
            }.into_any(),
            (None, false) => view! {
                <p class="muted">"خانه‌های ستاره‌دار (*) را باید پر کنید."</p>
                <FormFiller form=f error=error/>
            }.into_any(),
        }}
    }
}

/// The form itself, an island: each field is checked as it is left and all of them before
/// sending. `error` is the server's refusal of the last post (also shown under its field).
#[island]
fn FormFiller(form: PublicForm, error: Option<AppError>) -> impl IntoView {
    let f = form;
    let mut first = HashMap::<String, String>::new();
    if let Some(AppError::Validation { field, message }) = &error {
        if let Some(d) = f.fields.iter().find(|d| d.label == *field) {
            first.insert(d.key.clone(), message.clone());
        }
    }
    let errors = RwSignal::new(first);
    let fields = f.fields.clone();
    let check = Callback::new(move |_data: leptos::web_sys::FormData| {
        #[cfg(feature = "hydrate")]
        {
            let found = check_all(&fields, &_data);
            let first = fields
                .iter()
                .find(|d| found.contains_key(&d.key))
                .map(|d| d.key.clone());
            errors.set(found);
            if let Some(key) = first {
                let el = document()
                    .get_element_by_id(&key)
                    .or_else(|| document().get_element_by_id(&format!("{key}-0")));
                if let Some(el) = el {
                    if let Ok(el) =
                        leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlElement>(el)
                    {
                        let _ = el.focus();
                    }
                }
                return false;
            }
            true
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = &fields;
            true
        }
    });
    let has_files = f.fields.iter().any(|d| d.kind == FieldKind::File);
    let form_id = f.summary.id.to_string();
    view! {
        <CheckedUploadForm url=SubmitForm::url() class="stacked-form" error=error check=check>
            <input type="hidden" name="form" value=form_id/>
            <input type="hidden" name="version" value=f.version.to_string()/>
            {f.fields.iter().cloned().map(|d| view! { <FieldInput field=d errors=errors/> }).collect_view()}
            <div class="field-check">
                <input type="checkbox" id="consent" name="consent" value="1"/>
                <label for="consent">"اجازه می‌دهم پرسش و پاسخ، بی‌نام و بی‌هیچ داده‌ی شخصی، در «پرسش و پاسخ کارشناسان» منتشر شود."</label>
            </div>
            <div class="honeypot" aria-hidden="true">
                <label for="website">"این خانه را خالی بگذارید"</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off"/>
            </div>
            {has_files.then(|| view! { <p class="field-help">{FILES_HELP}</p> })}
            <button type="submit">"فرستادن"</button>
        </CheckedUploadForm>
    }
}

pub const FILES_HELP: &str = "پرونده‌ها: PDF، تصویر یا سند Word/Excel/OpenDocument، هر کدام تا ۵ مگابایت؛ نوع پرونده از محتوای آن بررسی می‌شود.";

/// One field of a form with its label, help, and its error (from the browser's check or
/// the server's).
#[component]
fn FieldInput(field: FieldDef, errors: RwSignal<HashMap<String, String>>) -> impl IntoView {
    let d = field;
    let key = d.key.clone();
    let has_help = !d.help.is_empty();
    let describedby = {
        let k = key.clone();
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(help_id(&k));
            }
            if errors.read().contains_key(&k) {
                ids.push(error_id(&k));
            }
            // No attribute at all rather than an empty list.
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = {
        let k = key.clone();
        move || errors.read().contains_key(&k).then_some("true")
    };
    // Checks one typed value as the field is left.
    let def = d.clone();
    let recheck = move |value: String| {
        let result = def.check(&[value]);
        errors.update(|e| match result {
            Ok(_) => {
                e.remove(&def.key);
            }
            Err(m) => {
                e.insert(def.key.clone(), m);
            }
        });
    };
    let on_change = {
        let recheck = recheck.clone();
        move |ev: leptos::ev::Event| recheck(event_target_value(&ev))
    };
    let label = format!("{}{}", d.label, if d.required { " *" } else { "" });
    let required = d.required;
    let k = key.clone();
    let many_files = d.max_files() > 1;
    let control = match d.kind {
        FieldKind::LongText => view! {
            <textarea id=k.clone() name=k.clone() rows="6" required=required maxlength=d.max_chars().to_string()
                aria-describedby=describedby.clone() aria-invalid=invalid.clone() on:change=on_change.clone()></textarea>
        }.into_any(),
        FieldKind::Date => view! {
            <JalaliDateInput id=k.clone() name=k.clone() required=required
                describedby=if has_help { help_id(&k) } else { String::new() }
                on_change=Callback::new(recheck.clone())/>
        }.into_any(),
        FieldKind::Choice | FieldKind::MultiChoice | FieldKind::YesNo => {
            let multi = d.kind == FieldKind::MultiChoice;
            let options: Vec<(String, String)> = if d.kind == FieldKind::YesNo {
                vec![("yes".into(), "بله".into()), ("no".into(), "خیر".into())]
            } else {
                d.options.iter().map(|o| (o.clone(), o.clone())).collect()
            };
            return view! {
                <fieldset class="field choice" aria-describedby=describedby aria-invalid=invalid>
                    <legend>{label}</legend>
                    {options.into_iter().enumerate().map(|(i, (value, text))| {
                        let id = format!("{k}-{i}");
                        view! {
                            <span class="field-check">
                                <input type=if multi { "checkbox" } else { "radio" } id=id.clone() name=k.clone() value=value
                                    required=required && !multi/>
                                <label for=id>{text}</label>
                            </span>
                        }
                    }).collect_view()}
                    <FieldNotes key=key help=d.help errors=errors/>
                </fieldset>
            }.into_any();
        }
        FieldKind::File => view! {
            <input id=k.clone() name=k.clone() type="file" multiple=many_files required=required
                accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,.docx,.xlsx,.odt,.ods"
                aria-describedby=describedby.clone() aria-invalid=invalid.clone()/>
        }.into_any(),
        kind => {
            let (ty, mode, dir, auto) = match kind {
                FieldKind::Number => ("text", "decimal", "ltr", "off"),
                FieldKind::NationalId => ("text", "numeric", "ltr", "off"),
                FieldKind::Mobile => ("tel", "tel", "ltr", "tel"),
                FieldKind::Email => ("email", "email", "ltr", "email"),
                _ => ("text", "text", "auto", "on"),
            };
            view! {
                <input id=k.clone() name=k.clone() type=ty inputmode=mode dir=dir autocomplete=auto required=required
                    maxlength=(kind == FieldKind::ShortText).then(|| d.max_chars().to_string())
                    aria-describedby=describedby.clone() aria-invalid=invalid.clone() on:change=on_change.clone()/>
            }.into_any()
        }
    };
    view! {
        <div class="field">
            <label for=key.clone()>{label}</label>
            {control}
            <FieldNotes key=key help=d.help errors=errors/>
        </div>
    }
    .into_any()
}

/// A field's help text and its error, with the ids its input points at.
#[component]
fn FieldNotes(
    key: String,
    help: String,
    errors: RwSignal<HashMap<String, String>>,
) -> impl IntoView {
    let k = key.clone();
    view! {
        {(!help.is_empty()).then(|| view! { <p class="field-help" id=help_id(&key)>{help}</p> })}
        {move || errors.read().get(&k).cloned().map(|m| view! {
            <p class="field-error" id=error_id(&k) role="alert">{m}</p>
        })}
    }
}

#[component]
pub fn TrackSubmissionPage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let is_new = move || query.read().get("new").is_some();
    let found = Resource::new(code, |code| async move {
        if code.trim().is_empty() {
            None
        } else {
            Some(lookup_submission(code).await)
        }
    });
    view! {
        <Title text="پیگیری درخواست"/>
        <article class="page">
            <h1>"پیگیری درخواست"</h1>
            <Form method="GET" action="" attr:class="filter-form">
                <label for="code">"کد رهگیری"</label>
                <input id="code" name="code" required dir="ltr" inputmode="numeric" size="22"
                    placeholder="۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶" prop:value=code value=code/>
                <button type="submit">"پیگیری"</button>
            </Form>
            {loaded_resource(found, move |s: Option<Result<PublicSubmission, AppError>>| match s {
                None => view! { <p>"کد رهگیری را که پس از فرستادن فرم گرفتید بنویسید؛ با رقم فارسی یا لاتین، با خط تیره یا بی آن."</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                Some(Ok(s)) => view! { <SubmissionView submission=s is_new=is_new()/> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn SubmissionView(submission: PublicSubmission, is_new: bool) -> impl IntoView {
    let s = submission;
    let code = s.tracking_code.clone();
    let asked = s.status == SubmissionStatus::AwaitingCitizen;
    view! {
        <Receipt code=code.clone() heading=if is_new { "درخواست شما ثبت شد" } else { "درخواست" } is_new=is_new>
            <dl class="details">
                <dt>"فرم"</dt><dd>{s.form_title.clone()}</dd>
                <dt>"وضعیت"</dt><dd class=format!("ticket-status status-{}", s.status.as_str())>{s.status.public_label()}</dd>
                <dt>"ثبت"</dt><dd>{format_date_time(s.created_at)}</dd>
                <dt>"آخرین تغییر"</dt><dd>{format_date_time(s.updated_at)}</dd>
            </dl>
        </Receipt>
        <section aria-labelledby="answers-title">
            <h2 id="answers-title">"آنچه فرستادید"</h2>
            <AnswerList answers=s.answers code=Some(code.clone())/>
        </section>
        <section aria-labelledby="thread-title">
            <h2 id="thread-title">"پاسخ کارشناس"</h2>
            {if s.posts.is_empty() {
                view! { <p>"هنوز پاسخی نوشته نشده است؛ پاسخ که نوشته شود همین‌جا می‌آید."</p> }.into_any()
            } else {
                view! { <Thread posts=s.posts code=Some(code.clone())/> }.into_any()
            }}
        </section>
        {asked.then(|| view! {
            <section aria-labelledby="reply-title">
                <h2 id="reply-title">"پاسخ شما به پرسش کارشناس"</h2>
                <UploadForm url=ReplySubmission::url() class="stacked-form">
                    <input type="hidden" name="code" value=code.clone()/>
                    <div class="field">
                        <label for="reply-body">"پاسخ شما"</label>
                        <textarea id="reply-body" name="body" rows="4" maxlength="10000"></textarea>
                    </div>
                    <AttachmentField id="reply-attachments" help=FILES_HELP/>
                    <button type="submit">"فرستادن پاسخ"</button>
                </UploadForm>
            </section>
        })}
    }
}

/// The answers of a submission as a definition list, with the files of file fields.
#[component]
pub fn AnswerList(answers: Vec<crate::model::ShownAnswer>, code: Option<String>) -> impl IntoView {
    view! {
        <dl class="details answers">
            {answers.into_iter().map(|a| view! {
                <dt>{a.label}</dt>
                <dd>
                    {if a.files.is_empty() {
                        view! { <span class="answer-text">{a.text}</span> }.into_any()
                    } else {
                        view! { <AttachmentList items=a.files code=code.clone()/> }.into_any()
                    }}
                </dd>
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn FormQaPage() -> impl IntoView {
    let query = use_query_map();
    let form = move || query.read().get("form").unwrap_or_default();
    let items = Resource::new(form, form_qa_list);
    view! {
        <Title text="پرسش و پاسخ کارشناسان"/>
        <article class="page">
            <h1>"پرسش و پاسخ کارشناسان"</h1>
            <p class="lead">"پرسش‌هایی که با فرم‌های درخواست رسیده و کارشناس به آن‌ها پاسخ داده است؛ با اجازه‌ی فرستنده و بی‌هیچ داده‌ی شخصی منتشر شده‌اند."</p>
            {loaded_resource(items, |r: Result<Vec<QaItem>, AppError>| match r {
                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>"هنوز پرسش و پاسخی منتشر نشده است."</p> }.into_any(),
                Ok(list) => view! {
                    <ol class="qa-list">
                        {list.into_iter().map(|q| view! {
                            <li>
                                <article class="qa">
                                    <h2 class="qa-question">{q.question}</h2>
                                    <p class="muted">{format!("{} · {}", q.form_title, format_date(q.published_at))}</p>
                                    <div class="qa-answer">{q.answer}</div>
                                </article>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any(),
            })}
        </article>
    }
}
