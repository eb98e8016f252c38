//! Following links and forms without reloading the page, in the browser only.
//!
//! Every page is the server's HTML; only its islands are WASM. Once the islands are wired up,
//! a click on a link of this site, or a form sent to it, is fetched here instead: the page the
//! server answers with (after its redirect, for a form) replaces the body and the head's
//! title and meta tags, the address is pushed to the history, and the new page's islands are
//! hydrated. The server counts and renders each page as for a full load, so without
//! JavaScript (or when anything here fails) the browser's own navigation does the same.

use leptos::prelude::{document, window};
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use leptos::web_sys::{self, Document, Element, HtmlFormElement, Url};
use wasm_bindgen_futures::spawn_local;

/// Listens for clicks, form submissions and the back button on the whole window.
pub fn start() {
    let win = window();
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(on_click);
    let submit = Closure::<dyn Fn(web_sys::SubmitEvent)>::new(on_submit);
    SHOWN.with(|s| *s.borrow_mut() = here());
    // Back and forward: a change of page (not only of the `#` part) is fetched again.
    let back = Closure::<dyn Fn(web_sys::PopStateEvent)>::new(|_| {
        if SHOWN.with(|s| *s.borrow() != here()) {
            if let Ok(href) = window().location().href() {
                spawn_local(visit(Visit::get(href), false));
            }
        }
    });
    let _ = win.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    let _ = win.add_event_listener_with_callback("submit", submit.as_ref().unchecked_ref());
    let _ = win.add_event_listener_with_callback("popstate", back.as_ref().unchecked_ref());
    // They live as long as the page.
    click.forget();
    submit.forget();
    back.forget();
}

thread_local! {
    /// The path and query of the page on show.
    static SHOWN: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// Counts the visits begun: only the latest one's answer is shown.
    static LATEST: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The path and query of the address bar.
fn here() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    )
}

/// A request for a page: where, and for a form sent by POST, its body.
struct Visit {
    url: String,
    post: Option<JsValue>,
    /// The form to send the browser's own way if the request cannot be made here.
    form: Option<HtmlFormElement>,
}

impl Visit {
    fn get(url: String) -> Self {
        Visit {
            url,
            post: None,
            form: None,
        }
    }
}

/// The same-site address of `href` when following it here is safe: not another site, not a
/// file or an API address, not only a jump within the page.
fn page_address(href: &str) -> Option<Url> {
    let location = window().location();
    let url = Url::new(href).ok()?;
    if url.origin() != location.origin().ok()? {
        return None;
    }
    let path = url.pathname();
    // Files, feeds, exports and the API: the browser's own request (a download or a
    // document of another kind).
    if !crate::may_be_page(&path) {
        return None;
    }
    let same_page = path == location.pathname().ok()? && url.search() == location.search().ok()?;
    if same_page && !url.hash().is_empty() {
        return None;
    }
    Some(url)
}

fn on_click(ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel = a.rel();
    if !a.target().is_empty()
        || a.has_attribute("download")
        || rel.split_whitespace().any(|r| r == "external")
    {
        return;
    }
    let Some(url) = page_address(&a.href()) else {
        return;
    };
    ev.prevent_default();
    fold_menus();
    spawn_local(visit(Visit::get(url.href()), true));
}

fn on_submit(ev: web_sys::SubmitEvent) {
    if ev.default_prevented() {
        return;
    }
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    if !form.target().is_empty() {
        return;
    }
    let submitter = ev.submitter();
    // A button's own formaction/formmethod are not followed here: the browser sends those.
    if submitter
        .as_ref()
        .is_some_and(|s| s.has_attribute("formaction") || s.has_attribute("formmethod"))
    {
        return;
    }
    let Ok(data) = web_sys::FormData::new_with_form(&form) else {
        return;
    };
    if let Some(button) = submitter {
        let name = button.get_attribute("name").unwrap_or_default();
        if !name.is_empty() {
            let value = button.get_attribute("value").unwrap_or_default();
            let _ = data.append_with_str(&name, &value);
        }
    }
    let Ok(url) = Url::new(&form.action()) else {
        return;
    };
    let post = form.method().eq_ignore_ascii_case("post");
    let visit = if post {
        if url.origin() != window().location().origin().unwrap_or_default() {
            return;
        }
        // Files go as multipart; every other form as the URL-encoded body its server
        // function reads.
        let body: JsValue = if form.enctype().eq_ignore_ascii_case("multipart/form-data") {
            data.into()
        } else {
            match url_encoded(&data) {
                Some(params) => params.into(),
                None => return,
            }
        };
        Visit {
            url: url.href(),
            post: Some(body),
            form: Some(form),
        }
    } else {
        let Some(params) = url_encoded(&data) else {
            return;
        };
        url.set_search(&params.to_string().as_string().unwrap_or_default());
        let Some(url) = page_address(&url.href()) else {
            return;
        };
        Visit::get(url.href())
    };
    ev.prevent_default();
    spawn_local(visit_form(visit));
}

async fn visit_form(v: Visit) {
    let form = v.form.clone();
    form.as_ref().map(|f| f.set_attribute("aria-busy", "true"));
    visit(v, true).await;
    form.map(|f| f.remove_attribute("aria-busy"));
}

/// The form's text fields as `URLSearchParams`.
fn url_encoded(data: &web_sys::FormData) -> Option<web_sys::UrlSearchParams> {
    let params = web_sys::UrlSearchParams::new().ok()?;
    let entries = js_sys::try_iter(data).ok()??;
    for entry in entries {
        let pair: js_sys::Array = entry.ok()?.dyn_into().ok()?;
        if let Some(value) = pair.get(1).as_string() {
            params.append(&pair.get(0).as_string()?, &value);
        }
    }
    Some(params)
}

/// Closes the header's open menus (a full page load would have).
fn fold_menus() {
    while let Ok(Some(open)) = document().query_selector("header details[open]") {
        if open.remove_attribute("open").is_err() {
            break;
        }
    }
}

/// What came of a request made here.
enum Outcome {
    /// The page is on show.
    Shown,
    /// Another visit began meanwhile: this answer is dropped.
    Superseded,
    /// No answer (the request failed before one came): the browser may make it itself.
    NoAnswer,
    /// An answer that is not a page, with its status and body.
    NotAPage(u16, String),
}

/// Fetches the page and shows it. Without an answer, the browser loads the page (or sends
/// the form) itself; a form whose answer is not a page (an API error such as a too-large
/// upload) is not sent again, and its error is shown on the form.
async fn visit(v: Visit, push: bool) {
    let this = LATEST.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    let main = document().get_element_by_id("main");
    if let Some(m) = &main {
        let _ = m.set_attribute("aria-busy", "true");
    }
    let outcome = fetch_and_show(&v, push, this).await;
    if let Some(m) = &main {
        let _ = m.remove_attribute("aria-busy");
    }
    match (outcome, v.form) {
        (Outcome::Shown | Outcome::Superseded, _) => {}
        // `submit()` sends the form without firing this listener again.
        (Outcome::NoAnswer, Some(form)) => {
            let _ = form.submit();
        }
        (Outcome::NotAPage(status, body), Some(form)) => show_form_error(&form, status, &body),
        (_, None) => {
            let _ = window().location().assign(&v.url);
        }
    }
}

/// Puts the error of a form's answer at the top of the form: the Persian `message` of the
/// API's JSON error, or a general one.
fn show_form_error(form: &HtmlFormElement, status: u16, body: &str) {
    #[derive(serde::Deserialize)]
    struct ApiError {
        message: String,
    }
    let message = serde_json::from_str::<ApiError>(body)
        .map(|e| e.message)
        .unwrap_or_else(|_| format!("فرستادن فرم انجام نشد (کد {status})؛ کمی بعد دوباره بکوشید."));
    if let Ok(Some(old)) = form.query_selector(":scope > .nav-error") {
        old.remove();
    }
    if let Ok(p) = document().create_element("p") {
        p.set_class_name("notice notice-error nav-error");
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(&message));
        let _ = form.prepend_with_node_1(&p);
    }
}

async fn fetch_and_show(v: &Visit, push: bool, this: u64) -> Outcome {
    let request = match &v.post {
        Some(body) => gloo_net::http::Request::post(&v.url)
            .header("Accept", "text/html")
            .body(body.clone()),
        None => gloo_net::http::Request::get(&v.url)
            .header("Accept", "text/html")
            .build(),
    };
    let Ok(request) = request else {
        return Outcome::NoAnswer;
    };
    let Ok(response) = request.send().await else {
        return Outcome::NoAnswer;
    };
    let html = response
        .headers()
        .get("content-type")
        .is_some_and(|t| t.starts_with("text/html"));
    let status = response.status();
    let final_url = response.url();
    let text = response.text().await.unwrap_or_default();
    if LATEST.with(|n| n.get()) != this {
        return Outcome::Superseded;
    }
    if !html {
        return Outcome::NotAPage(status, text);
    }
    match show(&text, &final_url, push) {
        Ok(()) => Outcome::Shown,
        Err(_) => Outcome::NotAPage(status, String::new()),
    }
}

/// Shows the page `html` (from `final_url`): the head's page tags, the body, the address,
/// and its islands.
fn show(html: &str, final_url: &str, push: bool) -> Result<(), JsValue> {
    let win = window();
    let parsed =
        web_sys::DomParser::new()?.parse_from_string(html, web_sys::SupportedType::TextHtml)?;
    let doc = document();
    let (Some(body), Some(new_body)) = (doc.body(), parsed.body()) else {
        return Err(JsValue::NULL);
    };
    // Everything checked: from here on the new page is shown. The address leaves out what
    // only this answer needed: the last post's error or success (already on the page).
    let shown = Url::new(final_url)?;
    if push {
        for key in ["__path", "__err", "done"] {
            shown.search_params().delete(key);
        }
        win.history()?
            .push_state_with_url(&JsValue::NULL, "", Some(&shown.href()))?;
    }
    SHOWN.with(|s| *s.borrow_mut() = here());
    replace_head(&doc, &parsed);
    let nodes = js_sys::Array::from(&new_body.child_nodes());
    body.replace_children_with_node(&nodes);
    if push {
        // A link to a place in the page goes there; any other starts at the top.
        let target = shown
            .hash()
            .strip_prefix('#')
            .filter(|id| !id.is_empty())
            .and_then(|id| doc.get_element_by_id(id));
        match target {
            Some(el) => el.scroll_into_view(),
            None => win.scroll_to_with_x_and_y(0.0, 0.0),
        }
    }
    hydrate_islands(&body);
    Ok(())
}

/// The tags of the head that differ between pages: the title, meta tags with a name or a
/// property, and the canonical link.
const PAGE_HEAD: &str = "title, meta[name], meta[property], link[rel=canonical]";

fn replace_head(doc: &Document, parsed: &Document) {
    let (Some(head), Some(new_head)) = (doc.head(), parsed.head()) else {
        return;
    };
    if let Ok(old) = head.query_selector_all(PAGE_HEAD) {
        for i in 0..old.length() {
            if let Some(n) = old.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                n.remove();
            }
        }
    }
    if let Ok(new) = new_head.query_selector_all(PAGE_HEAD) {
        for i in 0..new.length() {
            if let Some(n) = new.item(i) {
                let _ = head.append_child(&n);
            }
        }
    }
}

/// Hands each island of the new body to the islands script (`__hydrateIsland`), in
/// document order as on a first load.
fn hydrate_islands(body: &web_sys::HtmlElement) {
    let Some(hydrate) = js_sys::Reflect::get(&window(), &JsValue::from_str("__hydrateIsland"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let Ok(islands) = body.query_selector_all("leptos-island") else {
        return;
    };
    for i in 0..islands.length() {
        if let Some(el) = islands.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let name = el.get_attribute("data-component").unwrap_or_default();
            let _ = hydrate.call2(&JsValue::NULL, &el, &JsValue::from_str(&name));
        }
    }
}
