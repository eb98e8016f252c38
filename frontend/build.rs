//! With `cargo leptos build --split`, keep the linker from merging the WASM's data segments:
//! merged (and tail-merged) strings are shared between pages, and the splitter then leaves
//! all of the data in the main module instead of each page's chunk (cargo-leptos #679).

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a.starts_with("wasm"));
    if wasm {
        println!("cargo:rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
