//! Files on pages: the form that sends them (a multipart post before hydration, the same
//! FormData through the server function after it), the file field, and the list of a post's
//! attachments with their download links.

use crate::components::common::ErrorNotice;
use crate::error::AppError;
use crate::model::Attachment;
use leptos::prelude::*;
use leptos::server_fn::codec::MultipartData;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::web_sys::FormData;
use std::future::Future;

/// The action of a form with files: it sends the form's `FormData`.
pub type UploadAction = Action<FormData, Result<(), AppError>>;

/// An action calling a multipart server function (one that takes `MultipartData`).
pub fn upload_action<F, Fut>(call: F) -> UploadAction
where
    F: Fn(MultipartData) -> Fut + 'static,
    Fut: Future<Output = Result<(), AppError>> + 'static,
{
    Action::new_local(move |data: &FormData| call(data.clone().into()))
}

/// A form with file fields, for the multipart server function at `url` (its `S::url()`).
/// Its error (from this browser's last submission, or from a plain post's redirect before
/// hydration) is shown at the top.
#[component]
pub fn UploadForm(
    action: UploadAction,
    url: &'static str,
    #[prop(optional)] class: &'static str,
    /// Checks the form in the browser before it is sent; `false` keeps it here. With a
    /// check, the browser's own (English) validation is switched off once hydrated.
    #[prop(optional)]
    check: Option<Callback<FormData, bool>>,
    children: Children,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let from_address = use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == url)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        ev.prevent_default();
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
        if let Some(data) = form.and_then(|f| FormData::new_with_form(&f).ok()) {
            if check.is_none_or(|c| c.run(data.clone())) {
                action.dispatch_local(data);
            }
        }
    };
    let error = move || match action.value().get() {
        Some(Err(e)) => Some(e),
        Some(Ok(())) => None,
        None => from_address.clone(),
    };
    view! {
        <form method="post" action=url enctype="multipart/form-data" class=class
            novalidate=move || (check.is_some() && hydrated.get()).then_some("")
            aria-busy=move || action.pending().get().then_some("true") on:submit=submit>
            {move || error().map(|e| view! { <ErrorNotice error=e/> })}
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
