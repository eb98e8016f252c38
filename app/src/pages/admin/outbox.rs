//! The e-mail outbox: every message the portal queued, sent or still waiting (with the last
//! delivery error). Nothing is lost while no SMTP server is configured.

use crate::api::admin::admin_outbox;
use crate::components::forms::guarded;
use crate::model::OutboxMail;
use crate::persian::format_number;
use crate::persian::jalali::format_date_time;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminOutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| admin_outbox());
    view! {
        <Title text="صندوق نامه‌های خروجی"/>
        <article class="page">
            <h1>"صندوق نامه‌های خروجی"</h1>
            <p class="lead">"رایانامه‌هایی که پرتال فرستاده یا در نوبت فرستادن‌اند. اگر کارساز SMTP تنظیم نشده باشد نامه‌ها اینجا می‌مانند و از دست نمی‌روند."</p>
            {guarded(mails, |list: Vec<OutboxMail>| {
                let waiting = list.iter().filter(|m| m.sent_at.is_none()).count();
                view! {
                    <p role="status">{format!("{} نامه در نوبت", format_number(waiting as i64))}</p>
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">"به"</th>
                                    <th scope="col">"موضوع"</th>
                                    <th scope="col">"ساخته‌شده"</th>
                                    <th scope="col">"فرستاده‌شده"</th>
                                    <th scope="col">"تلاش‌ها"</th>
                                    <th scope="col">"آخرین خطا"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|m| view! {
                                    <tr>
                                        <td><bdi dir="ltr">{m.to}</bdi></td>
                                        <td>{m.subject}</td>
                                        <td>{format_date_time(m.created_at)}</td>
                                        <td>{m.sent_at.map(format_date_time).unwrap_or_else(|| "در نوبت".into())}</td>
                                        <td>{format_number(m.attempts as i64)}</td>
                                        <td><bdi dir="ltr">{m.last_error.unwrap_or_default()}</bdi></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </article>
    }
}
