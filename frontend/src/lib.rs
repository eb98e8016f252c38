#![recursion_limit = "256"]
//! The browser entry point: hydrate the server-rendered page (`app::hydrate`: the shell,
//! then the page's lazily loaded code). Nothing else lives here.
//! Built only with the `hydrate` feature (cargo-leptos turns it on for the WASM), so that
//! `cargo test --workspace` never mixes browser features into the server build.

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}
