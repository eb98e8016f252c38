//! Pieces of forms and protected pages: the Persian error of an action, the "done" notice,
//! and the loader that sends anonymous visitors to the login page and back.

use crate::components::common::ErrorNotice;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

/// The error of the last submission of `action`, if any, as a Persian alert. Works before
/// hydration too: the server puts a plain form post's error in the address, and the action
/// starts with it.
#[component]
pub fn ActionError<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || match action.value().get() {
        Some(Err(e)) => Some(view! { <ErrorNotice error=e/> }),
        _ => None,
    }
}

/// A success notice after `action`'s form was sent: the server sends the browser back to the
/// form's page with `done=` and the server function's address (see the server's
/// `fn_errors`).
#[component]
pub fn ActionDone<S>(action: ServerAction<S>, #[prop(into)] text: String) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let _ = action;
    let done = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("done")
        .is_some_and(|d| d == S::url());
    done.then(|| view! { <p class="notice notice-ok" role="status">{text}</p> })
}

/// The login address that comes back to the current page afterwards.
pub fn login_path_for_here() -> String {
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        match location.search.get_untracked() {
            s if s.is_empty() => String::new(),
            s => format!("?{s}"),
        }
    );
    format!("/login?next={}", encode_component(&here))
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_status),
    ) {
        res.set_status(code);
    }
}

/// Like `common::loaded`, for pages that need a signed-in person: an anonymous visitor is
/// sent to the login page (and back here afterwards), someone without the right sees a
/// Persian 403 notice. Routes using it render with `SsrMode::Async`, so the redirect and the
/// status reach the browser before any HTML.
pub fn guarded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    guarded_with_heading(resource, None, render)
}

/// `guarded` for a page whose `<h1>` comes with its data: when the data cannot be shown,
/// `heading` is the page's `<h1>` instead.
pub fn guarded_with_heading<T, V>(
    resource: Resource<Result<T, AppError>>,
    heading: Option<&'static str>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="loading">"در حال بارگذاری…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(AppError::Unauthenticated) => {
                            let to = login_path_for_here();
                            view! {
                                {heading.map(|h| view! { <h1>{h}</h1> })}
                                <p class="notice">"برای دیدن این صفحه نخست وارد حساب خود شوید."</p>
                                <Redirect path=to/>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            set_status(error.status().as_u16());
                            view! {
                                {heading.map(|h| view! { <h1>{h}</h1> })}
                                <ErrorNotice error=error/>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// Escapes text for HTML/XML element content and attribute values (and drops the control
/// characters XML 1.0 does not allow).
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn encoding() {
        assert_eq!(
            super::encode_component("/admin/users?q=علی"),
            "/admin/users%3Fq%3D%D8%B9%D9%84%DB%8C"
        );
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            super::escape_markup("<img src=\"x\" onerror='a'>&\u{1}"),
            "&lt;img src=&quot;x&quot; onerror=&apos;a&apos;&gt;&amp;"
        );
    }
}
