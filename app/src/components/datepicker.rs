//! The Jalali date field. Before hydration it is a plain text input, so the form still
//! posts what was typed (the server reads any digit script). Once hydrated, a button beside
//! it opens a one-month calendar, Saturday first, whose day buttons write the date as
//! `۱۴۰۴/۰۱/۱۵`. Escape closes the calendar; the arrow keys move between days.

use crate::persian::jalali::{days_in_month, JalaliDate, MONTH_NAMES, WEEKDAY_NAMES};
use crate::persian::{normalize_digits, to_persian_digits};
use leptos::html;
use leptos::prelude::*;

/// Opened on when neither the field nor the browser's clock gives a date.
const FALLBACK: JalaliDate = JalaliDate {
    year: 1404,
    month: 1,
    day: 1,
};

fn parse(text: &str) -> Option<JalaliDate> {
    JalaliDate::parse(&normalize_digits(text)).ok()
}

/// `فروردین ۱۴۰۴`
fn month_title((year, month): (i32, u8)) -> String {
    let name = MONTH_NAMES
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or_default();
    format!("{name} {}", to_persian_digits(&year.to_string()))
}

/// The month `months` away from `(year, month)`, if the calendar reaches that far.
fn shift((year, month): (i32, u8), months: i32) -> Option<(i32, u8)> {
    let index = year * 12 + i32::from(month) - 1 + months;
    let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    JalaliDate::new(y, m, 1).ok().map(|_| (y, m))
}

/// The weeks of a month, Saturday first; `None` pads the first and the last week.
fn weeks((year, month): (i32, u8)) -> Vec<Vec<Option<JalaliDate>>> {
    let Ok(first) = JalaliDate::new(year, month, 1) else {
        return Vec::new();
    };
    // JDN 0 was a Monday, so (jdn + 2) mod 7 counts from Saturday, as `weekday_name` does.
    let lead = (first.to_jdn() + 2).rem_euclid(7) as usize;
    let mut cells = vec![None; lead];
    cells.extend((1..=days_in_month(year, month)).map(|d| JalaliDate::new(year, month, d).ok()));
    cells.resize(cells.len().div_ceil(7) * 7, None);
    cells.chunks(7).map(<[_]>::to_vec).collect()
}

fn day_id(base: &str, d: JalaliDate) -> String {
    format!("{base}-day-{}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Today in Tehran by the browser's clock; `None` on the server.
fn today() -> Option<JalaliDate> {
    #[cfg(feature = "hydrate")]
    {
        let seconds = (leptos::web_sys::js_sys::Date::now() / 1000.0).floor() as i64;
        crate::persian::JalaliDateTime::from_unix(seconds).map(|t| t.date)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Moves focus to a day's button once the calendar showing it has been drawn.
fn focus_day(base: &str, d: JalaliDate) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let target = day_id(base, d);
        request_animation_frame(move || {
            if let Some(button) = document()
                .get_element_by_id(&target)
                .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (base, d);
}

#[component]
pub fn JalaliDateInput(
    /// The input's id (the caller renders the `<label for=id>`).
    #[prop(into)]
    id: String,
    /// The form field name.
    #[prop(into)]
    name: String,
    /// The initial value, e.g. "1404/01/15" (any digit script) or empty.
    #[prop(into, optional)]
    value: String,
    #[prop(optional)] required: bool,
    /// ids for aria-describedby (help and error), space separated; may be empty.
    #[prop(into, optional)]
    describedby: String,
    /// Called with the field's new text whenever it changes (typed or picked).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    // `None` until hydrated: binding the initial value would overwrite, during hydration,
    // whatever the person typed while the page was still loading.
    let text = RwSignal::new(None::<String>);
    let input_ref = NodeRef::<html::Input>::new();
    let button_ref = NodeRef::<html::Button>::new();
    let wrapper = NodeRef::<html::Span>::new();
    let initial = value.clone();
    Effect::new(move |_| {
        if let Some(input) = input_ref.get_untracked() {
            let typed = input.value();
            // Text typed while the page was loading counts as a change.
            if let Some(cb) = on_change.filter(|_| typed != initial) {
                cb.run(typed.clone());
            }
            text.set(Some(typed));
        }
        set_hydrated.set(true);
    });
    let selected = Memo::new(move |_| text.with(|t| t.as_deref().and_then(parse)));
    let open = RwSignal::new(false);
    let shown = RwSignal::new((FALLBACK.year, FALLBACK.month));
    let today_date = RwSignal::new(None::<JalaliDate>);
    let base = StoredValue::new(id.clone());
    let popup_id = format!("{id}-calendar");
    let controls = popup_id.clone();
    let title_id = format!("{id}-calendar-title");
    let described = (!describedby.is_empty()).then_some(describedby);

    let change = move |v: String| {
        text.set(Some(v.clone()));
        if let Some(cb) = on_change {
            cb.run(v);
        }
    };
    let toggle = move |_| {
        if open.get_untracked() {
            open.set(false);
            return;
        }
        let now = today();
        today_date.set(now);
        let start = selected.get_untracked().or(now).unwrap_or(FALLBACK);
        shown.set((start.year, start.month));
        open.set(true);
        base.with_value(|b| focus_day(b, start));
    };
    let close = move || {
        open.set(false);
        if let Some(b) = button_ref.get_untracked() {
            let _ = b.focus();
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    // Focus moving elsewhere on the page closes the calendar (a click that focuses nothing,
    // as in Safari, leaves it open).
    let focus_out = move |ev: leptos::ev::FocusEvent| {
        use leptos::wasm_bindgen::JsCast;
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Node>().ok());
        let leaving = match (to, wrapper.get_untracked()) {
            (Some(to), Some(w)) => !w.contains(Some(&to)),
            _ => false,
        };
        if leaving {
            open.set(false);
        }
    };
    let go = move |months: i32| {
        if let Some(m) = shift(shown.get_untracked(), months) {
            shown.set(m);
        }
    };
    let pick = move |d: JalaliDate| {
        change(d.format());
        open.set(false);
        if let Some(input) = input_ref.get_untracked() {
            let _ = input.focus();
        }
    };
    let step = move |ev: leptos::ev::KeyboardEvent, d: JalaliDate| {
        // The grid runs right to left: the left arrow goes forward in time.
        let days = match ev.key().as_str() {
            "ArrowLeft" => 1,
            "ArrowRight" => -1,
            "ArrowDown" => 7,
            "ArrowUp" => -7,
            _ => return,
        };
        ev.prevent_default();
        if let Some(next) = JalaliDate::from_jdn(d.to_jdn() + days) {
            shown.set((next.year, next.month));
            base.with_value(|b| focus_day(b, next));
        }
    };
    let grid = move || {
        let (sel, now) = (selected.get(), today_date.get());
        weeks(shown.get())
            .into_iter()
            .map(move |week| {
                view! {
                    <tr>
                        {week.into_iter().map(move |cell| match cell {
                            None => view! { <td></td> }.into_any(),
                            Some(d) => view! {
                                <td>
                                    <button type="button" class="datepicker-day"
                                        id=base.with_value(|b| day_id(b, d)) aria-label=d.format_long()
                                        aria-current=(now == Some(d)).then_some("date")
                                        aria-pressed=(sel == Some(d)).then_some("true")
                                        on:click=move |_| pick(d) on:keydown=move |ev| step(ev, d)>
                                        {to_persian_digits(&d.day.to_string())}
                                    </button>
                                </td>
                            }.into_any(),
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <span class="datepicker" node_ref=wrapper on:focusout=focus_out>
            <input type="text" id=id name=name inputmode="numeric" dir="ltr" placeholder="۱۴۰۴/۰۱/۱۵"
                autocomplete="off" value=value required=required aria-describedby=described
                node_ref=input_ref prop:value=move || text.get()
                on:change=move |ev| change(event_target_value(&ev))/>
            <Show when=move || hydrated.get()>
                <button type="button" class="button-secondary datepicker-toggle" node_ref=button_ref
                    aria-haspopup="dialog" aria-controls=controls.clone()
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    on:click=toggle>
                    "انتخاب از تقویم"
                </button>
            </Show>
            <Show when=move || open.get()>
                <div id=popup_id.clone() class="datepicker-popup" role="dialog" aria-modal="false"
                    aria-label=move || format!("تقویم: {}", month_title(shown.get())) on:keydown=on_key>
                    <div class="datepicker-head">
                        <p class="datepicker-title" id=title_id.clone() aria-live="polite">
                            {move || month_title(shown.get())}
                        </p>
                        <button type="button" class="button-secondary" on:click=move |_| close()>"بستن"</button>
                    </div>
                    <div class="datepicker-nav">
                        <button type="button" class="button-secondary" on:click=move |_| go(-12)>"سال پیش"</button>
                        <button type="button" class="button-secondary" on:click=move |_| go(-1)>"ماه پیش"</button>
                        <button type="button" class="button-secondary" on:click=move |_| go(1)>"ماه بعد"</button>
                        <button type="button" class="button-secondary" on:click=move |_| go(12)>"سال بعد"</button>
                    </div>
                    <table class="datepicker-grid" aria-labelledby=title_id.clone()>
                        <thead>
                            <tr>
                                {WEEKDAY_NAMES.iter().map(|n| {
                                    let short: String = n.chars().take(1).collect();
                                    view! {
                                        <th scope="col">
                                            <span aria-hidden="true">{short}</span>
                                            <span class="visually-hidden">{*n}</span>
                                        </th>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>{grid}</tbody>
                    </table>
                </div>
            </Show>
        </span>
    }
}

/// The date field as an island of its own, for forms that are otherwise the server's HTML.
#[island]
pub fn DateField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] value: String,
) -> impl IntoView {
    view! { <JalaliDateInput id name value/> }
}
