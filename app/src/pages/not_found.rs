use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The Persian 404 page. On the server it also sets the response status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="صفحه پیدا نشد"/>
        <article class="page">
            <h1>"صفحه‌ای که خواستید پیدا نشد"</h1>
            <p>"ممکن است نشانی را اشتباه نوشته باشید یا این صفحه جابه‌جا شده باشد."</p>
            <p>
                <A href="/">"بازگشت به صفحه‌ی نخست"</A>
            </p>
        </article>
    }
}
