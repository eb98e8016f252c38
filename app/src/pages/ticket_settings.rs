//! Ticket settings, for the administrator and the tickets section's custodian: each
//! category's title, response target (working days) and whether it takes new tickets; and
//! the public holidays working time skips. Plain forms: all of it works before hydration.

use crate::api::ticket::{ticket_settings, AddHoliday, DeleteHoliday, SaveTicketCategory};
use crate::components::forms::{guarded, ActionDone, ActionError};
use crate::model::{CategorySetting, TicketSettings};
use crate::persian::jalali::JalaliDate;
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn TicketSettingsPage() -> impl IntoView {
    let save = ServerAction::<SaveTicketCategory>::new();
    let add = ServerAction::<AddHoliday>::new();
    let delete = ServerAction::<DeleteHoliday>::new();
    let data = Resource::new(
        move || {
            (
                save.version().get(),
                add.version().get(),
                delete.version().get(),
            )
        },
        |_| ticket_settings(),
    );
    view! {
        <Title text="تنظیمات تیکت‌ها"/>
        <article class="page">
            <p><A href="/staff/tickets">"← صف تیکت‌ها"</A></p>
            <h1>"تنظیمات تیکت‌ها"</h1>
            <p class="lead">
                "مهلت پاسخ هر دسته به روز کاری تهران است (شنبه تا چهارشنبه، بی روزهای تعطیل این فهرست). "
                "تغییر مهلت برای تیکت‌های تازه به کار می‌رود؛ مهلت تیکت‌های ثبت‌شده همان است که به شهروند گفته شد."
            </p>
            {guarded(data, move |s: TicketSettings| view! {
                <section aria-labelledby="cat-title">
                    <h2 id="cat-title">"دسته‌ها و مهلت پاسخ"</h2>
                    <ActionError action=save/>
                    <ActionDone action=save text="دسته ثبت شد."/>
                    <ul class="settings-list">
                        {s.categories.into_iter().map(|c| view! { <li><CategoryForm category=c save=save/></li> }).collect_view()}
                    </ul>
                    <h3>"دسته‌ی تازه"</h3>
                    <ActionForm action=save attr:class="inline-form">
                        <label for="new-cat-title">"عنوان"</label>
                        <input id="new-cat-title" name="title" required maxlength="100"/>
                        <label for="new-cat-days">"مهلت پاسخ (روز کاری)"</label>
                        <input id="new-cat-days" name="response_days" required inputmode="numeric" size="4" value="3"/>
                        <input type="hidden" name="active" value="1"/>
                        <button type="submit">"افزودن دسته"</button>
                    </ActionForm>
                </section>
                <section aria-labelledby="hol-title">
                    <h2 id="hol-title">"روزهای تعطیل"</h2>
                    <ActionError action=add/>
                    <ActionError action=delete/>
                    {if s.holidays.is_empty() {
                        view! { <p class="muted">"هنوز روز تعطیلی ثبت نشده است."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <caption>{format!("{} روز", format_number(s.holidays.len() as i64))}</caption>
                                    <thead><tr><th scope="col">"تاریخ"</th><th scope="col">"مناسبت"</th><th scope="col">"حذف"</th></tr></thead>
                                    <tbody>
                                        {s.holidays.into_iter().map(|h| {
                                            let shown = JalaliDate::parse(&h.day).map(|d| d.format_long()).unwrap_or_else(|_| to_persian_digits(&h.day));
                                            let label = format!("حذف {}", shown);
                                            view! {
                                                <tr>
                                                    <td>{shown}</td>
                                                    <td>{h.title}</td>
                                                    <td>
                                                        <ActionForm action=delete>
                                                            <input type="hidden" name="day" value=h.day/>
                                                            <button type="submit" class="button-secondary" aria-label=label>"حذف"</button>
                                                        </ActionForm>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    }}
                    <h3>"افزودن روز تعطیل"</h3>
                    <ActionForm action=add attr:class="inline-form">
                        <label for="hol-day">"تاریخ"</label>
                        <input id="hol-day" name="day" required dir="ltr" size="12" placeholder="۱۴۰۵/۰۱/۰۱"
                            aria-describedby="hol-help"/>
                        <label for="hol-name">"مناسبت"</label>
                        <input id="hol-name" name="title" required maxlength="100"/>
                        <button type="submit">"افزودن"</button>
                        <p class="field-help" id="hol-help">"سال/ماه/روز خورشیدی، با رقم فارسی یا لاتین."</p>
                    </ActionForm>
                </section>
            })}
        </article>
    }
}

#[component]
fn CategoryForm(
    category: CategorySetting,
    save: ServerAction<SaveTicketCategory>,
) -> impl IntoView {
    let c = category;
    let id = c.id;
    let open = format!("{} تیکت باز", format_number(c.open_tickets));
    view! {
        <ActionForm action=save attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <label for=format!("cat-{id}-title")>"عنوان"</label>
            <input id=format!("cat-{id}-title") name="title" required maxlength="100" value=c.title/>
            <label for=format!("cat-{id}-days")>"مهلت پاسخ (روز کاری)"</label>
            <input id=format!("cat-{id}-days") name="response_days" required inputmode="numeric" size="4"
                value=to_persian_digits(&c.response_days.to_string())/>
            <span class="field-check">
                <input type="checkbox" id=format!("cat-{id}-active") name="active" value="1" checked=c.active/>
                <label for=format!("cat-{id}-active")>"تیکت تازه می‌پذیرد"</label>
            </span>
            <span class="muted">{open}</span>
            <button type="submit" class="button-secondary">"ذخیره"</button>
        </ActionForm>
    }
}
