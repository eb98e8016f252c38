//! The live figures on a staff dashboard: rendered on the server, then kept current in the
//! browser by a server-sent event stream (`/api/live/dashboard`), which the server pushes
//! within moments of any change in the person's sections (on any server instance).

use crate::api::account::get_live_counts;
use crate::model::LiveCounts;
use crate::persian::format_number;
use leptos::prelude::*;

/// The panel: the figures as the server read them, then the island that keeps them current.
#[component]
pub fn LiveCountsPanel() -> impl IntoView {
    let initial = OnceResource::new(get_live_counts());
    view! {
        <section class="live-panel" aria-labelledby="live-title">
            <h2 id="live-title">"کارهای پیش رو"</h2>
            <Suspense fallback=|| view! { <p class="loading">"در حال بارگذاری…"</p> }>
                {move || Suspend::new(async move {
                    match initial.await {
                        Ok(first) => view! { <LiveCountsIsland first=first/> }.into_any(),
                        Err(e) => view! { <crate::components::common::ErrorNotice error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The figures, kept current in the browser by the stream (closed once the panel has left
/// the page).
#[island]
fn LiveCountsIsland(first: LiveCounts) -> impl IntoView {
    let (live, set_live) = signal(first);
    let (connected, set_connected) = signal(false);
    let state = NodeRef::<leptos::html::P>::new();

    // In the browser only: subscribe to the stream.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use send_wrapper::SendWrapper;
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            if let Ok(source) = web_sys::EventSource::new("/api/live/dashboard") {
                let stream = source.clone();
                let here = state.get_untracked();
                let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                    move |ev: web_sys::MessageEvent| {
                        // Another page has replaced this one: nothing to keep current.
                        if here.as_ref().is_some_and(|p| !p.is_connected()) {
                            stream.close();
                            return;
                        }
                        if let Some(text) = ev.data().as_string() {
                            if let Ok(c) = serde_json::from_str::<LiveCounts>(&text) {
                                set_live.set(c);
                                set_connected.set(true);
                            }
                        }
                    },
                );
                source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    set_connected.set(false);
                });
                source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                let keep = SendWrapper::new((source, on_message, on_error));
                on_cleanup(move || keep.0.close());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (set_live, set_connected);
    });

    view! {
        <CountsView counts=move || live.get()/>
        <p class="muted live-state" aria-live="polite" node_ref=state>
            {move || if connected.get() { "به‌روزرسانی زنده: برقرار" } else { "" }}
        </p>
    }
}

#[component]
fn CountsView(counts: impl Fn() -> LiveCounts + Copy + Send + Sync + 'static) -> impl IntoView {
    let n = |v: u64| format_number(v as i64);
    view! {
        <ul class="live-counts" aria-live="polite">
            <li>
                <a href="/staff/tickets?status=new">
                    <span class="live-number" data-live="new-tickets">{move || n(counts().new_tickets)}</span>
                    " تیکت جدید"
                </a>
            </li>
            <li>
                <a href="/staff/tickets">
                    <span class="live-number" data-live="open-tickets">{move || n(counts().open_tickets)}</span>
                    " تیکت باز"
                </a>
            </li>
            <li class=move || { if counts().overdue_tickets > 0 { "overdue" } else { "" } }>
                <a href="/staff/tickets?overdue=1">
                    <span class="live-number" data-live="overdue-tickets">{move || n(counts().overdue_tickets)}</span>
                    " تیکت دیرکرددار"
                </a>
            </li>
            <li>
                <a href="/staff/messages?status=unread">
                    <span class="live-number" data-live="unread-messages">{move || n(counts().unread_messages)}</span>
                    " پیام خوانده‌نشده"
                </a>
            </li>
        </ul>
    }
}
