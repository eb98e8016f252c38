//! The custodians' side of content: a section's items with their states, the editor (the
//! kind's fields, the rich-text body, the main image and attachments, the schedule), the
//! workflow buttons this person may use, the revisions with compare and restore, and the
//! administrator's review queue.

use crate::api::content::{
    compare_revisions, content_revisions, get_content_editor, review_queue, staff_content,
    ContentTransition, RestoreRevision, SaveContent,
};
use crate::components::attachments::UploadForm;
use crate::components::editor::RichTextEditorIsland;
use crate::components::forms::{guarded, guarded_with_heading, ActionError};
use crate::model::{
    ContentEditor, ContentKind, ContentState, FieldInput, RevisionCompare, RevisionRow,
    StaffContentRow,
};
use crate::persian::format_number;
use crate::persian::jalali::format_date_time;
use crate::persian::to_persian_digits;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_from_query() -> ContentKind {
    let query = use_query_map();
    let k = query.read_untracked().get("kind").unwrap_or_default();
    ContentKind::parse(&k).unwrap_or(ContentKind::News)
}

fn state_badge(state: ContentState, pending: bool, visible: bool) -> impl IntoView {
    view! {
        <span class=format!("badge state-{}", state.as_str())>{state.label()}</span>
        {pending.then(|| view! { " " <span class="badge">"ویرایش در انتظار بررسی"</span> })}
        {(state == ContentState::Published && !visible).then(|| view! { " " <span class="badge">"زمان‌بندی‌شده / خارج از زمان انتشار"</span> })}
    }
}

#[component]
pub fn StaffContentListPage() -> impl IntoView {
    let query = use_query_map();
    let kind = move || {
        ContentKind::parse(&query.read().get("kind").unwrap_or_default())
            .unwrap_or(ContentKind::News)
    };
    let state = move || query.read().get("state").unwrap_or_default();
    let rows = Resource::new(
        move || (kind(), state()),
        |(kind, state)| staff_content(kind.as_str().to_string(), state),
    );
    view! {
        <Title text="مدیریت محتوا"/>
        <article class="page">
            <h1>{move || format!("مدیریت محتوا: {}", kind().plural())}</h1>
            <nav aria-label="گونه‌های محتوا" class="tabs">
                <ul>
                    {ContentKind::ALL.into_iter().map(|k| view! {
                        <li><A href=format!("/staff/content?kind={}", k.as_str())>{k.plural()}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
            <p><A href=move || format!("/staff/content/new?kind={}", kind().as_str()) attr:class="button">
                {move || format!("{} تازه", kind().label())}
            </A>
            {move || kind().topic_label().map(|_| view! {
                " " <A href="/staff/topics">"ویرایش موضوع‌ها و دسته‌ها"</A>
            })}</p>
            <Form method="GET" action="" attr:class="filter-form">
                <input type="hidden" name="kind" value=move || kind().as_str()/>
                <label for="f-state">"وضعیت"</label>
                <select id="f-state" name="state">
                    <option value="">"همه"</option>
                    {[ContentState::Draft, ContentState::Review, ContentState::Published, ContentState::Archived].into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || state() == s.as_str()>{s.label()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"نمایش"</button>
            </Form>
            {guarded(rows, |rows: Vec<StaffContentRow>| view! { <ContentTable rows=rows/> })}
        </article>
    }
}

#[component]
fn ContentTable(rows: Vec<StaffContentRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"موردی نیست."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <thead><tr>
                    <th scope="col">"عنوان"</th><th scope="col">"گونه"</th><th scope="col">"وضعیت"</th>
                    <th scope="col">"آخرین تغییر"</th><th scope="col">"بازدید"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td><A href=format!("/staff/content/{}", r.id)>{r.title.clone()}</A>
                                {r.is_sample.then(|| view! { " " <crate::components::common::SampleBadge/> })}</td>
                            <td>{r.kind.label()}</td>
                            <td>{state_badge(r.state, r.pending_edit, r.visible_now)}</td>
                            <td>{format_date_time(r.updated_at)}</td>
                            <td>{format_number(r.views)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let rows = Resource::new(|| (), |_| review_queue());
    view! {
        <Title text="در انتظار بررسی"/>
        <article class="page">
            <h1>"محتوای در انتظار بررسی"</h1>
            <p class="lead">"مواردی که متولیان برای انتشار فرستاده‌اند و ویرایش‌های موارد منتشرشده که باید بررسی شوند."</p>
            {guarded(rows, |rows: Vec<StaffContentRow>| view! { <ContentTable rows=rows/> })}
        </article>
    }
}

/// `/staff/content/new?kind=…` and `/staff/content/{id}`.
#[component]
pub fn ContentEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let kind = kind_from_query();
    let transition = ServerAction::<ContentTransition>::new();
    let restore = ServerAction::<RestoreRevision>::new();
    let editor = Resource::new(
        move || (id(), transition.version().get(), restore.version().get()),
        move |(id, ..)| get_content_editor(kind.as_str().to_string(), id),
    );
    view! {
        <Title text="ویرایش محتوا"/>
        <article class="page">
            {guarded_with_heading(editor, Some("ویرایش محتوا"), move |e: ContentEditor| view! {
                <EditorView editor=e transition=transition restore=restore/>
            })}
        </article>
    }
}

#[component]
fn EditorView(
    editor: ContentEditor,
    transition: ServerAction<ContentTransition>,
    restore: ServerAction<RestoreRevision>,
) -> impl IntoView {
    let e = editor;
    let whole = e.clone();
    let kind = e.kind;
    let heading = match e.id {
        Some(_) => format!("ویرایش {}: {}", kind.label(), e.title),
        None => format!("{} تازه", kind.label()),
    };
    let query = use_query_map();
    let saved = query.read_untracked().get("saved").is_some();
    view! {
        <p><A href=format!("/staff/content?kind={}", kind.as_str())>{format!("← {}", kind.plural())}</A></p>
        <h1>{heading}</h1>
        {e.id.map(|_| view! {
            <p>"وضعیت: " {state_badge(e.state, e.pending_edit, e.public_href.is_some())}
               {e.public_href.clone().map(|h| view! { " " <A href=h>"دیدن صفحه‌ی عمومی"</A> })}</p>
        })}
        {e.review_note.clone().map(|n| view! { <p class="notice" role="note">{format!("یادداشت بررسی‌کننده: {n}")}</p> })}
        // After the save's redirect here (`?saved=1`).
        {saved.then(|| view! { <p class="notice notice-ok" role="status">"ذخیره شد."</p> })}
        {e.pending_edit.then(|| view! { <p class="notice" role="note">"این ویرایش هنوز منتشر نشده است؛ نسخه‌ی منتشرشده تا تأیید بررسی‌کننده همان پیشین است."</p> })}
        <UploadForm url=SaveContent::url() class="stacked-form editor-form">
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="id" value=e.id.map(|i| i.to_string()).unwrap_or_default()/>
            <div class="field">
                <label for="c-title">{kind.title_label()}</label>
                <input id="c-title" name="title" required maxlength="200" value=e.title.clone()/>
            </div>
            <div class="field">
                <label for="c-summary">"خلاصه"</label>
                <textarea id="c-summary" name="summary" rows="2" maxlength="500" aria-describedby="c-summary-help">{e.summary.clone()}</textarea>
                <p class="field-help" id="c-summary-help">"یک یا دو جمله برای فهرست‌ها، پیش‌نمایش و موتورهای جست‌وجو."</p>
            </div>
            {kind.topic_label().map(|label| {
                let topics = e.topics.clone();
                let current = e.topic_id;
                view! {
                    <div class="field">
                        <label for="c-topic">{label}</label>
                        <select id="c-topic" name="topic">
                            <option value="">"—"</option>
                            {topics.into_iter().map(|t| view! { <option value=t.id.to_string() selected=current == Some(t.id)>{t.title}</option> }).collect_view()}
                        </select>
                    </div>
                }
            })}
            {kind.fields().iter().map(|spec| {
                let id = format!("f-{}", spec.key);
                let name = format!("f_{}", spec.key);
                let value = e.fields.get(spec.key).cloned().unwrap_or_default();
                let help_id = format!("{id}-help");
                let help = (!spec.help.is_empty()).then(|| view! { <p class="field-help" id=help_id.clone()>{spec.help}</p> });
                let described = (!spec.help.is_empty()).then(|| help_id.clone());
                let input = match spec.input {
                    FieldInput::LongText | FieldInput::Lines => view! {
                        <textarea id=id.clone() name=name rows="4" required=spec.required aria-describedby=described>{value}</textarea>
                    }.into_any(),
                    FieldInput::Choice(options) => view! {
                        <select id=id.clone() name=name required=spec.required aria-describedby=described>
                            <option value="">"— برگزینید —"</option>
                            {options.iter().map(|(v, l)| view! { <option value=*v selected=value == *v>{*l}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    FieldInput::YesNo => view! {
                        <input type="checkbox" id=id.clone() name=name value="1" checked=!value.is_empty()/>
                    }.into_any(),
                    FieldInput::StaffMember => view! {
                        <select id=id.clone() name=name required=spec.required aria-describedby=described>
                            <option value="">"— برگزینید —"</option>
                            {e.staff.iter().map(|t| view! {
                                <option value=t.id.to_string() selected=value == t.id.to_string()>{t.title.clone()}</option>
                            }).collect_view()}
                        </select>
                    }.into_any(),
                    FieldInput::Url => view! {
                        <input id=id.clone() name=name type="url" dir="ltr" value=value required=spec.required aria-describedby=described/>
                    }.into_any(),
                    FieldInput::Date | FieldInput::DateTime => view! {
                        <input id=id.clone() name=name dir="ltr" value=value required=spec.required aria-describedby=described
                            placeholder=if spec.input == FieldInput::Date { "۱۴۰۴/۰۲/۱۵" } else { "۱۴۰۴/۰۲/۱۵ ۱۰:۰۰" }/>
                    }.into_any(),
                    FieldInput::Text | FieldInput::Number => view! {
                        <input id=id.clone() name=name value=value required=spec.required aria-describedby=described/>
                    }.into_any(),
                };
                view! {
                    <div class=if spec.input == FieldInput::YesNo { "field-check" } else { "field" }>
                        {(spec.input != FieldInput::YesNo).then(|| view! { <label for=id.clone()>{spec.label}</label> })}
                        {input}
                        {(spec.input == FieldInput::YesNo).then(|| view! { <label for=id.clone()>{spec.label}</label> })}
                        {help}
                    </div>
                }
            }).collect_view()}
            {kind.ordered_by_hand().then(|| view! {
                <div class="field">
                    <label for="c-order">"ترتیب نمایش"</label>
                    <input id="c-order" name="sort_order" inputmode="numeric" size="4" value=to_persian_digits(&e.sort_order.to_string())/>
                </div>
            })}
            {kind.body_label().map(|label| {
                let images: Vec<(String, String)> = e.attachments.iter()
                    .filter(|a| a.media_type.starts_with("image/"))
                    .map(|a| (format!("/files/{}", a.key), a.name.clone()))
                    .collect();
                view! { <RichTextEditorIsland id="c-body".to_string() name="body".to_string() label=label.to_string() initial=e.body.clone() images=images/> }
            })}
            {kind.has_image().then(|| view! {
                <div class="field">
                    <label for="c-image">"تصویر اصلی"</label>
                    {e.image_key.clone().map(|k| view! { <img src=format!("/files/{k}") alt="تصویر کنونی" class="editor-image"/> })}
                    <input id="c-image" name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" aria-describedby="c-image-help"/>
                    <p class="field-help" id="c-image-help">"PNG، JPEG، GIF یا WebP تا ۵ مگابایت؛ در فهرست‌ها و هنگام هم‌رسانی دیده می‌شود."</p>
                </div>
            })}
            <div class="field">
                <label for="c-files">"پیوست‌ها"</label>
                <EditorFiles items=e.attachments.clone()/>
                <input id="c-files" name="attachments" type="file" multiple aria-describedby="c-files-help"
                    accept="application/pdf,image/*,.docx,.xlsx,.pptx,.odt,.ods"/>
                <p class="field-help" id="c-files-help">"تا ۵ پرونده در هر ذخیره: PDF، تصویر یا سند اداری (DOCX، XLSX، PPTX، ODT، ODS)، هر کدام تا ۱۰ مگابایت. برای نشاندن تصویر در متن، نشانی پیوست را در دکمه‌ی «تصویر» ویرایشگر بدهید."</p>
            </div>
            <fieldset>
                <legend>"زمان‌بندی (اختیاری، به وقت تهران)"</legend>
                <div class="field">
                    <label for="c-publish-at">"انتشار از"</label>
                    <input id="c-publish-at" name="publish_at" dir="ltr" placeholder="۱۴۰۴/۰۲/۱۵ ۰۸:۰۰" value=e.publish_at.clone()/>
                </div>
                <div class="field">
                    <label for="c-unpublish-at">"پایان انتشار"</label>
                    <input id="c-unpublish-at" name="unpublish_at" dir="ltr" placeholder="۱۴۰۴/۰۳/۱۵ ۰۰:۰۰" value=e.unpublish_at.clone()/>
                </div>
            </fieldset>
            <button type="submit">"ذخیره"</button>
        </UploadForm>
        {whole.id.map(|id| view! { <Workflow editor=whole.clone() id=id transition=transition/> <Revisions id=id restore=restore/> })}
    }
}

/// The files this version carries, each with a box to leave it out of the edit (it stays
/// with the earlier versions; the public stops getting it when the edit is published).
#[component]
fn EditorFiles(items: Vec<crate::model::Attachment>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="attachments" aria-label="پرونده‌های پیوست این نسخه">
                {items.into_iter().map(|a| {
                    let id = format!("rm-{}", a.key);
                    let meta = format!("{}، {}", a.kind_label(), a.size_label());
                    view! {
                        <li>
                            <a href=format!("/files/{}", a.key) download=a.name.clone() rel="external">{a.name.clone()}</a>
                            " " <span class="muted">"(" {meta} ")"</span>
                            <span class="field-check">
                                <input type="checkbox" id=id.clone() name="remove_file" value=a.key.clone()/>
                                <label for=id>{format!("برداشتن «{}» در این ویرایش", a.name)}</label>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn Workflow(
    editor: ContentEditor,
    id: i32,
    transition: ServerAction<ContentTransition>,
) -> impl IntoView {
    let e = editor;
    let button = move |to: &'static str, label: &'static str, secondary: bool| {
        view! {
            <ActionForm action=transition attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="to" value=to/>
                <button type="submit" class=if secondary { "button-secondary" } else { "" }>{label}</button>
            </ActionForm>
        }
    };
    let reviewing = e.state == ContentState::Review || e.pending_edit;
    view! {
        <section aria-labelledby="wf-title">
            <h2 id="wf-title">"گردش کار"</h2>
            <ActionError action=transition/>
            <div class="workflow-actions">
                {(e.state == ContentState::Draft).then(|| button("submit", "فرستادن برای بررسی", !e.may_publish))}
                {(e.may_publish && (matches!(e.state, ContentState::Draft | ContentState::Review) || e.pending_edit)).then(|| button("publish", if e.pending_edit { "انتشار ویرایش" } else { "انتشار" }, false))}
                {(e.may_publish && e.state == ContentState::Published).then(|| button("archive", "بایگانی", true))}
                {(e.state == ContentState::Archived).then(|| button("reopen", "بازگشت به پیش‌نویس", true))}
            </div>
            {(e.may_publish && reviewing).then(|| view! {
                <ActionForm action=transition attr:class="stacked-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="to" value="reject"/>
                    <div class="field">
                        <label for="wf-note">"یادداشت برای نویسنده (بازگرداندن)"</label>
                        <textarea id="wf-note" name="note" rows="2" maxlength="1000"></textarea>
                    </div>
                    <button type="submit" class="button-secondary">"بازگرداندن برای اصلاح"</button>
                </ActionForm>
            })}
            {(!e.may_publish).then(|| view! { <p class="muted">"انتشار در این بخش پس از بررسی راهبر پرتال انجام می‌شود."</p> })}
        </section>
    }
}

#[component]
fn Revisions(id: i32, restore: ServerAction<RestoreRevision>) -> impl IntoView {
    let query = use_query_map();
    let revisions = Resource::new(
        move || restore.version().get(),
        move |_| content_revisions(id),
    );
    let pair = move || {
        let q = query.read();
        let n = |k: &str| q.get(k).and_then(|v| v.parse::<i32>().ok());
        n("a").zip(n("b"))
    };
    let diff = Resource::new(pair, move |p| async move {
        match p {
            Some((a, b)) => Some(compare_revisions(id, a, b).await),
            None => None,
        }
    });
    view! {
        <section aria-labelledby="rev-title">
            <h2 id="rev-title">"نسخه‌ها"</h2>
            <ActionError action=restore/>
            {guarded(revisions, move |rows: Vec<RevisionRow>| {
                let numbers: Vec<i32> = rows.iter().map(|r| r.number).collect();
                let newest = numbers.first().copied().unwrap_or(1);
                let older = numbers.get(1).copied().unwrap_or(newest);
                view! {
                    <Form method="GET" action="" attr:class="filter-form">
                        <label for="rev-a">"مقایسه‌ی نسخه‌ی"</label>
                        <select id="rev-a" name="a">
                            {numbers.iter().map(|n| view! { <option value=n.to_string() selected=*n == older>{to_persian_digits(&n.to_string())}</option> }).collect_view()}
                        </select>
                        <label for="rev-b">"با نسخه‌ی"</label>
                        <select id="rev-b" name="b">
                            {numbers.iter().map(|n| view! { <option value=n.to_string() selected=*n == newest>{to_persian_digits(&n.to_string())}</option> }).collect_view()}
                        </select>
                        <button type="submit">"مقایسه"</button>
                    </Form>
                    <div class="table-wrap">
                        <table>
                            <thead><tr><th scope="col">"نسخه"</th><th scope="col">"عنوان"</th><th scope="col">"شرح"</th><th scope="col">"نویسنده"</th><th scope="col">"زمان"</th><th scope="col">"بازگردانی"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr>
                                        <td>{to_persian_digits(&r.number.to_string())}</td>
                                        <td>{r.title.clone()}</td>
                                        <td>{r.note.clone()}{r.pending.then_some(" (در انتظار بررسی)")}</td>
                                        <td>{r.author.clone()}</td>
                                        <td>{format_date_time(r.at)}</td>
                                        <td>
                                            <ActionForm action=restore>
                                                <input type="hidden" name="id" value=id.to_string()/>
                                                <input type="hidden" name="number" value=r.number.to_string()/>
                                                <button type="submit" class="button-secondary"
                                                    aria-label=format!("بازگردانی نسخه‌ی {}", to_persian_digits(&r.number.to_string()))>"بازگردانی"</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
            <Suspense>
                {move || Suspend::new(async move {
                    match diff.await {
                        Some(Ok(d)) => Some(view! { <DiffView diff=d/> }.into_any()),
                        Some(Err(e)) => Some(view! { <crate::components::common::ErrorNotice error=e/> }.into_any()),
                        None => None,
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DiffView(diff: RevisionCompare) -> impl IntoView {
    let d = diff;
    view! {
        <section class="diff" aria-labelledby="diff-title">
            <h3 id="diff-title">{format!(
                "تفاوت نسخه‌ی {} با نسخه‌ی {}",
                to_persian_digits(&d.a.to_string()),
                to_persian_digits(&d.b.to_string())
            )}</h3>
            <p class="muted">"افزوده‌ها با زمینه‌ی سبز و زیرخط، حذف‌شده‌ها با زمینه‌ی سرخ و خط‌خورده."</p>
            <div class="diff-text">
                {d.parts.into_iter().map(|p| match p.change {
                    1 => view! { <ins>{p.text}</ins> }.into_any(),
                    -1 => view! { <del>{p.text}</del> }.into_any(),
                    _ => view! { <span>{p.text}</span> }.into_any(),
                }).collect_view()}
            </div>
        </section>
    }
}
