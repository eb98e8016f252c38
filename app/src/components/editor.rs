//! The rich-text editor: right-to-left, Persian toolbar (headings, bold, italic, lists,
//! link, table, image, clear formatting). Before hydration it is a plain text area holding
//! the HTML (still a working form); after, the area is hidden and a `contenteditable` box
//! edits the same value. Images are picked from the item's own image attachments (or any
//! address), always with a text alternative. Whatever it sends, the server sanitizes before
//! saving.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn RichTextEditor(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    initial: String,
    /// The item's image attachments, as (address, file name), offered by the image tool.
    #[prop(optional)]
    images: Vec<(String, String)>,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let area = NodeRef::<html::Textarea>::new();
    let boxed = NodeRef::<html::Div>::new();
    let label_id = format!("{id}-label");
    let help_id = format!("{id}-help");
    // Copies the box's HTML into the text area that the form sends.
    let sync = move || {
        if let (Some(b), Some(a)) = (boxed.get_untracked(), area.get_untracked()) {
            a.set_value(&b.inner_html());
        }
    };
    let command = move |cmd: &'static str, value: Option<String>| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            if let Some(b) = boxed.get_untracked() {
                let _ = b.focus();
            }
            if let Ok(doc) = document().dyn_into::<leptos::web_sys::HtmlDocument>() {
                let _ = doc.exec_command_with_show_ui_and_value(
                    cmd,
                    false,
                    value.as_deref().unwrap_or(""),
                );
            }
            sync();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (cmd, value, sync);
    };
    let ask = move |question: &str| -> Option<String> {
        #[cfg(feature = "hydrate")]
        {
            window()
                .prompt_with_message(question)
                .ok()
                .flatten()
                .filter(|s| !s.trim().is_empty())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = question;
            None
        }
    };
    // An image always goes in with a text alternative (asked for; the file name if none).
    // Without an answer, the file's name (or the address's last part) stands in.
    let names = StoredValue::new(images.clone());
    let insert_image = move |url: String| {
        let fallback = names
            .with_value(|n| {
                n.iter()
                    .find(|(u, _)| *u == url)
                    .map(|(_, name)| name.clone())
            })
            .unwrap_or_else(|| url.rsplit('/').next().unwrap_or_default().to_string());
        let alt = ask("متن جایگزین تصویر (آنچه تصویر نشان می‌دهد، برای کسی که آن را نمی‌بیند):")
            .unwrap_or(fallback);
        let html = format!(
            "<img src=\"{}\" alt=\"{}\">",
            crate::components::forms::escape_markup(&url),
            crate::components::forms::escape_markup(alt.trim())
        );
        command("insertHTML", Some(html))
    };
    let tool = move |text: &'static str, title: &'static str, run: Box<dyn Fn() + Send + Sync>| {
        view! { <button type="button" class="tool" title=title aria-label=title on:click=move |_| run()>{text}</button> }
    };
    let initial_box = initial.clone();
    view! {
        <div class="field rich-text">
            <label for=id id=label_id.clone()>{label}</label>
            <Show when=move || hydrated.get()>
                <div class="toolbar" role="toolbar" aria-label="ابزار قالب‌بندی" aria-controls=format!("{id}-box")>
                    {tool("عنوان", "عنوان بخش (سطح ۲)", Box::new(move || command("formatBlock", Some("h2".into()))))}
                    {tool("زیرعنوان", "زیرعنوان (سطح ۳)", Box::new(move || command("formatBlock", Some("h3".into()))))}
                    {tool("بند", "بند معمولی", Box::new(move || command("formatBlock", Some("p".into()))))}
                    {tool("پررنگ", "پررنگ", Box::new(move || command("bold", None)))}
                    {tool("کج", "کج", Box::new(move || command("italic", None)))}
                    {tool("• فهرست", "فهرست نقطه‌ای", Box::new(move || command("insertUnorderedList", None)))}
                    {tool("۱. فهرست", "فهرست شماره‌دار", Box::new(move || command("insertOrderedList", None)))}
                    {tool("پیوند", "افزودن پیوند", Box::new(move || {
                        if let Some(url) = ask("نشانی پیوند (https://… یا /…):") { command("createLink", Some(url)) }
                    }))}
                    {tool("جدول", "افزودن جدول ۲×۲", Box::new(move || command(
                        "insertHTML",
                        Some("<table><thead><tr><th scope=\"col\">ستون ۱</th><th scope=\"col\">ستون ۲</th></tr></thead><tbody><tr><td>…</td><td>…</td></tr></tbody></table><p></p>".into()),
                    )))}
                    {tool("تصویر از نشانی", "افزودن تصویر از یک نشانی", Box::new(move || {
                        if let Some(url) = ask("نشانی تصویر (https://… یا /files/…):") { insert_image(url) }
                    }))}
                    {(!images.is_empty()).then(|| {
                        let picked = NodeRef::<html::Select>::new();
                        let select_id = format!("{id}-images");
                        view! {
                            <span class="tool-group">
                                <label for=select_id.clone() class="visually-hidden">"تصویرهای پیوست همین مورد"</label>
                                <select id=select_id node_ref=picked>
                                    {images.iter().map(|(url, name)| view! { <option value=url.clone()>{name.clone()}</option> }).collect_view()}
                                </select>
                                {tool("درج پیوست", "درج تصویر پیوستِ برگزیده", Box::new(move || {
                                    if let Some(s) = picked.get_untracked() { insert_image(s.value()) }
                                }))}
                            </span>
                        }
                    })}
                    {tool("پاک‌کردن قالب", "پاک‌کردن قالب متن برگزیده", Box::new(move || command("removeFormat", None)))}
                </div>
                <div id=format!("{id}-box") class="editor-box" contenteditable="true" role="textbox" aria-multiline="true"
                    aria-labelledby=label_id.clone() dir="rtl" node_ref=boxed inner_html=initial_box.clone()
                    on:input=move |_| sync() on:blur=move |_| sync()></div>
            </Show>
            <textarea id=id name=name rows="14" node_ref=area hidden=move || hydrated.get() dir="rtl"
                aria-describedby=help_id.clone()>{initial}</textarea>
            <p class="field-help" id=help_id>
                {move || if hydrated.get() {
                    "با دکمه‌های بالا متن را قالب‌بندی کنید؛ هنگام ذخیره، هر چیز ناامن (اسکریپت، رویدادها، سبک‌ها) حذف می‌شود."
                } else {
                    "متن را به HTML ساده بنویسید (<h2>، <p>، <ul>، <a>، <table>)؛ هنگام ذخیره، هر چیز ناامن حذف می‌شود."
                }}
            </p>
        </div>
    }
}

/// The editor as an island, for the content form that is otherwise the server's HTML.
#[island]
pub fn RichTextEditorIsland(
    id: String,
    name: String,
    label: String,
    initial: String,
    images: Vec<(String, String)>,
) -> impl IntoView {
    // The editor's closures share these names; one editor a page, so leaking three short
    // strings each time one is shown is the simple way to give them a static lifetime.
    let id: &'static str = id.leak();
    let name: &'static str = name.leak();
    let label: &'static str = label.leak();
    view! { <RichTextEditor id name label initial images/> }
}
