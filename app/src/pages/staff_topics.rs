//! Topics and categories of content (law topics, news categories, FAQ categories), kept by
//! each section's custodian and the administrator: rename, reorder, add, and delete one no
//! item uses. Plain forms: all of it works before hydration.

use crate::api::content::{staff_topics, DeleteTopic, SaveTopic};
use crate::components::forms::{guarded, ActionDone, ActionError};
use crate::model::{ContentKind, TopicGroup, TopicRow};
use crate::persian::{format_number, to_persian_digits};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn StaffTopicsPage() -> impl IntoView {
    let save = ServerAction::<SaveTopic>::new();
    let delete = ServerAction::<DeleteTopic>::new();
    let data = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| staff_topics(),
    );
    view! {
        <Title text="موضوع‌ها و دسته‌های محتوا"/>
        <article class="page">
            <p><A href="/staff/content">"← مدیریت محتوا"</A></p>
            <h1>"موضوع‌ها و دسته‌های محتوا"</h1>
            <p class="lead">
                "فهرست‌های عمومی با این موضوع‌ها پالایش می‌شوند و به ترتیب شماره‌ی «ترتیب» نشان داده می‌شوند. "
                "موضوعی را که موردی دارد نمی‌توان حذف کرد؛ نخست آن موردها را به موضوع دیگری ببرید."
            </p>
            <ActionError action=save/>
            <ActionError action=delete/>
            <ActionDone action=save text="ثبت شد."/>
            <ActionDone action=delete text="حذف شد."/>
            {guarded(data, move |groups: Vec<TopicGroup>| {
                groups.into_iter().map(|g| view! { <Group group=g save=save delete=delete/> }).collect_view()
            })}
        </article>
    }
}

#[component]
fn Group(
    group: TopicGroup,
    save: ServerAction<SaveTopic>,
    delete: ServerAction<DeleteTopic>,
) -> impl IntoView {
    let kind = group.kind;
    let label = kind.topic_label().unwrap_or("موضوع");
    let heading = format!("{}: {label}", kind.plural());
    let heading_id = format!("topics-{}", kind.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            {if group.topics.is_empty() {
                view! { <p class="muted">"هنوز چیزی ثبت نشده است."</p> }.into_any()
            } else {
                view! {
                    <ul class="settings-list">
                        {group.topics.into_iter().map(|t| view! {
                            <li><TopicForm kind=kind topic=t save=save delete=delete/></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{format!("افزودن {label}")}</h3>
            <ActionForm action=save attr:class="inline-form">
                <input type="hidden" name="kind" value=kind.as_str()/>
                <label for=format!("new-{}-title", kind.as_str())>"عنوان"</label>
                <input id=format!("new-{}-title", kind.as_str()) name="title" required minlength="2" maxlength="80"/>
                <button type="submit">"افزودن"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn TopicForm(
    kind: ContentKind,
    topic: TopicRow,
    save: ServerAction<SaveTopic>,
    delete: ServerAction<DeleteTopic>,
) -> impl IntoView {
    let t = topic;
    let id = t.id;
    let used = format!("{} مورد", format_number(t.items));
    let delete_label = format!("حذف {}", t.title);
    let list_href = format!("{}?topic={id}", kind.path());
    view! {
        <ActionForm action=save attr:class="inline-form">
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="id" value=id.to_string()/>
            <label for=format!("topic-{id}-title")>"عنوان"</label>
            <input id=format!("topic-{id}-title") name="title" required minlength="2" maxlength="80" value=t.title/>
            <label for=format!("topic-{id}-order")>"ترتیب"</label>
            <input id=format!("topic-{id}-order") name="sort_order" inputmode="numeric" size="4"
                value=to_persian_digits(&t.sort_order.to_string())/>
            <A href=list_href>{used}</A>
            <button type="submit" class="button-secondary">"ذخیره"</button>
        </ActionForm>
        {(t.items == 0).then(|| view! {
            <ActionForm action=delete attr:class="inline-form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button-secondary" aria-label=delete_label>"حذف"</button>
            </ActionForm>
        })}
    }
}
