//! Files on pages: the form that sends them (a multipart post, which the page's navigation
//! sends as the same `FormData` once the islands are wired up), the file field, and the list of
//! a post's attachments with their download links.

use crate::components::common::ErrorNotice;
use crate::error::AppError;
use crate::model::Attachment;
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::web_sys::FormData;

/// The error a plain post of the form for `url` came back with (the server puts it in the
/// address it redirects to); always `None` in the browser.
pub fn address_error(url: &str) -> Option<AppError> {
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == url)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// A form with file fields, for the multipart server function at `url` (its `S::url()`),
/// with the error of its last post at the top.
#[component]
pub fn UploadForm(
    url: &'static str,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let error = address_error(url);
    view! {
        <form method="post" action=url enctype="multipart/form-data" class=class>
            {error.map(|e| view! { <ErrorNotice error=e/> })}
            {children()}
        </form>
    }
}

/// `UploadForm` inside an island: the error comes from the server as a prop, and `check`
/// looks at the form before it is sent (`false` keeps it here, and switches the browser's
/// own English validation off in favour of the check's Persian messages).
#[component]
pub fn CheckedUploadForm(
    url: &'static str,
    #[prop(optional)] class: &'static str,
    error: Option<AppError>,
    check: Callback<FormData, bool>,
    children: Children,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
        if let Some(data) = form.and_then(|f| FormData::new_with_form(&f).ok()) {
            if !check.run(data) {
                ev.prevent_default();
            }
        }
    };
    view! {
        <form method="post" action=url enctype="multipart/form-data" class=class
            novalidate=move || hydrated.get().then_some("") on:submit=submit>
            {error.map(|e| view! { <ErrorNotice error=e/> })}
            {children()}
        </form>
    }
}

/// The file field of a form (`attachments`, several files).
#[component]
pub fn AttachmentField(id: &'static str, #[prop(into)] help: String) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id>"پیوست (اختیاری)"</label>
            <input id=id name="attachments" type="file" multiple
                accept="application/pdf,image/png,image/jpeg,image/gif,image/webp"
                aria-describedby=help_id.clone()/>
            <p class="field-help" id=help_id>{help}</p>
        </div>
    }
}

/// A post's attachments as download links; `code` is the ticket's tracking code when a
/// citizen is looking (staff are recognised by their session).
#[component]
pub fn AttachmentList(
    items: Vec<Attachment>,
    #[prop(default = None)] code: Option<String>,
) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="attachments" aria-label="پیوست‌ها">
                {items.into_iter().map(|a| {
                    let href = match &code {
                        Some(c) => format!("/files/{}?code={}", a.key, c),
                        None => format!("/files/{}", a.key),
                    };
                    let meta = format!("{}، {}", a.kind_label(), a.size_label());
                    view! {
                        <li>
                            <a href=href download=a.name.clone() rel="external">{a.name.clone()}</a>
                            " " <span class="muted">"(" {meta} ")"</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// A thread of posts (citizen, staff, internal notes) with their files; `code` is the
/// tracking code when the submitter is looking.
#[component]
pub fn Thread(
    posts: Vec<crate::model::TicketPost>,
    #[prop(default = None)] code: Option<String>,
) -> impl IntoView {
    use crate::model::PostKind;
    view! {
        <ol class="thread">
            {posts.into_iter().map(|p| {
                let class = match p.kind {
                    PostKind::Citizen => "post post-citizen",
                    PostKind::Staff => "post post-staff",
                    PostKind::Internal => "post post-internal",
                };
                view! {
                    <li class=class>
                        <p class="post-meta">
                            <strong>{p.author}</strong> " · " {crate::persian::jalali::format_date_time(p.at)}
                            {(p.kind == PostKind::Internal).then_some(" · یادداشت داخلی (شهروند نمی‌بیند)")}
                        </p>
                        <div class="post-body">{p.body}</div>
                        <AttachmentList items=p.attachments code=code.clone()/>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
