//! The citizen's side of tickets: the filing form, and the tracking page (which is also the
//! receipt right after filing): the code, the status, the public thread, a follow-up, and
//! closing with a rating. Plain forms, so all of it works before hydration.

use crate::api::ticket::{
    get_ticket_form, lookup_ticket, CloseTicket, FileTicket, FollowUpTicket, TicketForm,
};
use crate::components::attachments::{AttachmentField, Thread, UploadForm};
use crate::components::common::{loaded_resource, ErrorNotice, SectionIntro};
use crate::components::forms::ActionError;
use crate::model::{PublicTicket, TicketStatus};
use crate::persian::jalali::format_date_time;
use crate::sections::section;
use crate::tracking_code;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let form = OnceResource::new(get_ticket_form());
    view! {
        <article class="page narrow">
            <SectionIntro section=section("ticket")/>
            <p>
                "پس از ثبت، کد رهگیری ۱۶ رقمی می‌گیرید؛ با آن در صفحه‌ی "
                <A href="/tickets/track">"پیگیری تیکت"</A>
                " پاسخ را می‌بینید. ثبت‌نام لازم نیست."
            </p>
            {crate::components::common::loaded(form, move |f: TicketForm| view! { <TicketFormView form=f/> })}
        </article>
    }
}

#[component]
fn TicketFormView(form: TicketForm) -> impl IntoView {
    let f = form;
    view! {
        <UploadForm url=FileTicket::url() class="stacked-form">
            <div class="field">
                <label for="category">"دسته"</label>
                <select id="category" name="category">
                    {f.categories.into_iter().map(|c| {
                        let days = crate::persian::to_persian_digits(&c.response_days.to_string());
                        view! { <option value=c.id.to_string()>{format!("{} (پاسخ تا {} روز کاری)", c.title, days)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="name">"نام و نام خانوادگی"</label>
                <input id="name" name="name" required maxlength="100" autocomplete="name" value=f.name/>
            </div>
            <div class="field">
                <label for="mobile">"شماره همراه"</label>
                <input id="mobile" name="mobile" type="tel" inputmode="tel" dir="ltr" maxlength="20"
                    autocomplete="tel" value=f.mobile aria-describedby="contact-help"/>
            </div>
            <div class="field">
                <label for="email">"رایانامه"</label>
                <input id="email" name="email" type="email" dir="ltr" maxlength="254" autocomplete="email"
                    value=f.email aria-describedby="contact-help"/>
                <p class="field-help" id="contact-help">"دست‌کم یکی از شماره همراه یا رایانامه را بنویسید. اگر رایانامه بدهید، کد رهگیری برایتان فرستاده می‌شود."</p>
            </div>
            <div class="field">
                <label for="subject">"موضوع"</label>
                <input id="subject" name="subject" required minlength="3" maxlength="200"/>
            </div>
            <div class="field">
                <label for="body">"متن درخواست یا پرسش"</label>
                <textarea id="body" name="body" required minlength="10" maxlength="10000" rows="8"></textarea>
            </div>
            <AttachmentField id="attachments" help=ATTACH_HELP/>
            <div class="honeypot" aria-hidden="true">
                <label for="website">"این خانه را خالی بگذارید"</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off"/>
            </div>
            <button type="submit">"ثبت تیکت"</button>
        </UploadForm>
    }
}

const ATTACH_HELP: &str =
    "تا ۳ پرونده‌ی PDF یا تصویر (PNG، JPEG، GIF، WebP)، هر کدام تا ۵ مگابایت؛ نوع پرونده از محتوای آن بررسی می‌شود.";

#[component]
pub fn TrackTicketPage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let is_new = move || query.read().get("new").is_some();
    let close = ServerAction::<CloseTicket>::new();
    let ticket = Resource::new(
        move || (code(), close.version().get()),
        |(code, ..)| async move {
            if code.trim().is_empty() {
                None
            } else {
                Some(lookup_ticket(code).await)
            }
        },
    );
    view! {
        <article class="page">
            <SectionIntro section=section("ticket_track")/>
            <Form method="GET" action="" attr:class="filter-form">
                <label for="code">"کد رهگیری"</label>
                <input id="code" name="code" required dir="ltr" inputmode="numeric" size="22"
                    placeholder="۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴۵۶" prop:value=code value=code/>
                <button type="submit">"پیگیری"</button>
            </Form>
            {loaded_resource(ticket, move |t: Option<Result<PublicTicket, crate::error::AppError>>| match t {
                None => view! { <p>"کد رهگیری را که پس از ثبت تیکت گرفتید بنویسید؛ با رقم فارسی یا لاتین، با خط تیره یا بی آن."</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e/> }.into_any(),
                Some(Ok(t)) => view! { <TicketView ticket=t is_new=is_new() close=close/> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn TicketView(
    ticket: PublicTicket,
    is_new: bool,
    close: ServerAction<CloseTicket>,
) -> impl IntoView {
    let t = ticket;
    let code = t.tracking_code.clone();
    let open = t.status != TicketStatus::Closed;
    view! {
        <Receipt code=code.clone() heading=if is_new { "تیکت شما ثبت شد" } else { "تیکت" } is_new=is_new>
            <dl class="details">
                <dt>"موضوع"</dt><dd>{t.subject.clone()}</dd>
                <dt>"دسته"</dt><dd>{t.category.clone()}</dd>
                <dt>"وضعیت"</dt><dd class=format!("ticket-status status-{}", t.status.as_str())>{t.status.label()}</dd>
                <dt>"ثبت"</dt><dd>{format_date_time(t.created_at)}</dd>
                <dt>"آخرین تغییر"</dt><dd>{format_date_time(t.updated_at)}</dd>
                {t.rating.map(|r| view! { <dt>"امتیاز شما"</dt><dd>{format!("{} از ۵", crate::persian::to_persian_digits(&r.to_string()))}</dd> })}
            </dl>
        </Receipt>
        <section aria-labelledby="thread-title">
            <h2 id="thread-title">"گفت‌وگو"</h2>
            <Thread posts=t.posts code=Some(code.clone())/>
        </section>
        {open.then(|| {
            let code_f = code.clone();
            let code_c = code.clone();
            view! {
                <section aria-labelledby="follow-title">
                    <h2 id="follow-title">"پیگیری یا توضیح بیشتر"</h2>
                    <UploadForm url=FollowUpTicket::url() class="stacked-form">
                        <input type="hidden" name="code" value=code_f/>
                        <div class="field">
                            <label for="follow-body">"متن پیگیری"</label>
                            <textarea id="follow-body" name="body" rows="4" maxlength="10000"
                                aria-describedby="follow-help"></textarea>
                            <p class="field-help" id="follow-help">"متن یا پیوست، یا هر دو."</p>
                        </div>
                        <AttachmentField id="follow-attachments" help=ATTACH_HELP/>
                        <button type="submit">"فرستادن"</button>
                    </UploadForm>
                </section>
                <section aria-labelledby="close-title">
                    <h2 id="close-title">"بستن تیکت و نظر درباره‌ی پاسخ"</h2>
                    <ActionForm action=close attr:class="stacked-form">
                        <ActionError action=close/>
                        <input type="hidden" name="code" value=code_c/>
                        <fieldset class="rating">
                            <legend>"از پاسخ چه اندازه راضی هستید؟ (اختیاری)"</legend>
                            {(1..=5).map(|n| {
                                let id = format!("rating-{n}");
                                let label = ["بسیار ناراضی", "ناراضی", "متوسط", "راضی", "بسیار راضی"][n - 1];
                                view! {
                                    <span class="field-check">
                                        <input type="radio" id=id.clone() name="rating" value=n.to_string()/>
                                        <label for=id>{format!("{} — {}", crate::persian::to_persian_digits(&n.to_string()), label)}</label>
                                    </span>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="field">
                            <label for="close-comment">"نظر شما (اختیاری)"</label>
                            <textarea id="close-comment" name="comment" rows="2" maxlength="1000"></textarea>
                        </div>
                        <button type="submit" class="button-secondary">"بستن تیکت"</button>
                    </ActionForm>
                </section>
            }
        })}
        {(!open).then(|| view! { <p class="muted">"این تیکت بسته شده است. برای موضوع تازه " <A href="/tickets/new">"تیکت تازه"</A> " ثبت کنید."</p> })}
    }
}

/// The receipt of something filed with a tracking code: the code in groups of four, the
/// "keep this code" notice right after filing, and (once hydrated) copy and print buttons;
/// then the caller's details.
#[component]
pub fn Receipt(
    code: String,
    heading: &'static str,
    is_new: bool,
    children: Children,
) -> impl IntoView {
    let shown = tracking_code::display(&code);
    let copy_text = shown.clone();
    view! {
        <section class="receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">{heading}</h2>
            <p class="receipt-code">
                "کد رهگیری: " <bdi dir="ltr" class="tracking-code">{shown}</bdi>
            </p>
            {is_new.then(|| view! {
                <p class="notice notice-ok" role="status">
                    "این کد را یادداشت کنید یا رسید را چاپ کنید؛ با آن پاسخ را می‌بینید. هر کس کد را داشته باشد می‌تواند آن را ببیند."
                </p>
            })}
            <ReceiptActions code=copy_text/>
            {children()}
        </section>
    }
}

/// The receipt's copy and print buttons. They need JavaScript, so they appear only once this
/// island is hydrated.
#[island]
fn ReceiptActions(code: String) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().navigator().clipboard().write_text(&code);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &code;
    };
    view! {
        <Show when=move || hydrated.get()>
            <p class="receipt-actions">
                <button type="button" class="button-secondary" on:click=copy.clone()>"رونوشت کد"</button>
                " "
                <button type="button" class="button-secondary" on:click=|_| { let _ = window().print(); }>"چاپ رسید"</button>
            </p>
        </Show>
    }
}
