//! The few browser facilities the page uses: localStorage (edit keys, the
//! list of my scenarios, the unsaved draft), the URL fragment and the
//! clipboard. Called only from effects and event handlers, never during SSR.

use serde::{Deserialize, Serialize};

const DRAFT: &str = "breakeven:draft";
const MINE: &str = "breakeven:mine";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key_slot(id: &str) -> String {
    format!("breakeven:key:{id}")
}

/// A scenario whose edit key this browser holds.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MyScenario {
    pub id: String,
    pub name: String,
}

pub fn stored_key(id: &str) -> Option<String> {
    storage()?.get_item(&key_slot(id)).ok()?
}

/// Remembers an edit key and lists the scenario under "My scenarios".
pub fn remember(id: &str, key: &str, name: &str) {
    let Some(storage) = storage() else { return };
    let _ = storage.set_item(&key_slot(id), key);
    let mut mine = my_scenarios();
    mine.retain(|m| m.id != id);
    mine.insert(
        0,
        MyScenario {
            id: id.to_string(),
            name: name.to_string(),
        },
    );
    if let Ok(json) = serde_json::to_string(&mine) {
        let _ = storage.set_item(MINE, &json);
    }
}

pub fn my_scenarios() -> Vec<MyScenario> {
    storage()
        .and_then(|s| s.get_item(MINE).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// The edit key carried by an owner link (`#key=...`), which browsers never
/// send to the server.
pub fn key_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#key=")
        .filter(|k| !k.is_empty())
        .map(str::to_string)
}

/// Removes the key from the address bar so that it is not shared by accident.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(path) = window.location().pathname() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

pub fn save_draft(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(DRAFT, json);
    }
}

pub fn load_draft() -> Option<String> {
    storage()?.get_item(DRAFT).ok()?
}

const CATALOG: &str = "breakeven:catalog";

/// An imported price catalog (Breakeven's own JSON), if one was kept.
pub fn load_catalog() -> Option<String> {
    storage()?.get_item(CATALOG).ok()?
}

/// Keeps an imported catalog; `None` goes back to the built-in one. Returns
/// false when the browser refused (storage full or disabled).
pub fn save_catalog(json: Option<&str>) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    match json {
        Some(json) => storage.set_item(CATALOG, json).is_ok(),
        None => storage.remove_item(CATALOG).is_ok(),
    }
}

/// Today's date in the browser, YYYY-MM-DD (UTC).
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

// The page's two on-demand modules, loaded by one snippet (each snippet is
// a file of the first page's download).
#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function open_picker(what, details, kind, current, imported, today, pick) {
    return import('/picker.js').then((m) => m.open(what, details, kind, current, imported, today, pick));
}
export function litellm(text, name, today) {
    return import('/litellm.js').then((m) => JSON.stringify(m.fromLiteLLM(text, name, today)));
}"
)]
extern "C" {
    fn open_picker(
        what: &str,
        details: &wasm_bindgen::JsValue,
        kind: &str,
        current: &str,
        imported: &str,
        today: &str,
        pick: &wasm_bindgen::JsValue,
    ) -> js_sys::Promise;
    fn litellm(text: &str, name: &str, today: &str) -> js_sys::Promise;
}

/// What a list of `public/picker.js` shows: models for a card, or GPU presets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PickerList {
    Models,
    GpuPresets,
}

/// Draws a picker's list into the `<details>` element just toggled open,
/// with `public/picker.js` (loaded when a picker first opens, with the
/// catalog it fetches: neither is part of the first page). `pick` gets each
/// choice as JSON. `imported` is the catalog imported into this browser
/// (Breakeven's JSON), or empty for the server's.
pub fn show_picker_list(
    list: PickerList,
    details: &wasm_bindgen::JsValue,
    kind: &str,
    current: &str,
    imported: &str,
    pick: std::sync::Arc<dyn Fn(String) + Send + Sync>,
) {
    let what = match list {
        PickerList::Models => "model",
        PickerList::GpuPresets => "gpu",
    };
    // one closure per opening, kept by the list's click handler
    let pick = wasm_bindgen::closure::Closure::<dyn FnMut(String)>::new(move |json| pick(json))
        .into_js_value();
    let _ = open_picker(what, details, kind, current, imported, &today(), &pick);
}

/// A rejected promise's message, or `fallback`.
fn message_of(error: wasm_bindgen::JsValue, fallback: &str) -> String {
    js_sys::Error::from(error)
        .message()
        .as_string()
        .unwrap_or_else(|| fallback.to_string())
}

/// The name and text of the file picked in a file input.
pub async fn read_picked_file(input: &web_sys::HtmlInputElement) -> Option<(String, String)> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    Some((file.name(), text.as_string()?))
}

/// The name, release and date of a catalog in Breakeven's JSON (an imported
/// one, as stored), read by the browser's JSON parser: the page needs no
/// catalog reader of its own.
pub fn catalog_head(json: &str) -> Option<crate::catalog::CatalogHead> {
    let catalog = js_sys::JSON::parse(json).ok()?;
    let get = |name: &str| js_sys::Reflect::get(&catalog, &wasm_bindgen::JsValue::from_str(name));
    let field = |name: &str| get(name).ok()?.as_string();
    let name = field("name")?;
    let models = js_sys::Array::from(&get("models").ok()?).length();
    Some(crate::catalog::CatalogHead {
        version: field("version").unwrap_or_else(|| name.clone()),
        as_of: field("as_of")?,
        name,
        models,
    })
}

/// A LiteLLM price file converted to Breakeven's catalog JSON by
/// `public/litellm.js` (fetched on first use: the converter is not part of
/// the page's first download), or why the file was refused.
pub async fn litellm_to_catalog(text: &str, name: &str, today: &str) -> Result<String, String> {
    match wasm_bindgen_futures::JsFuture::from(litellm(text, name, today)).await {
        Ok(json) => json
            .as_string()
            .ok_or_else(|| "not a price file".to_string()),
        Err(error) => Err(message_of(error, "the converter could not be loaded")),
    }
}

/// The scenario carried by a "share without saving" link (`#scenario=...`).
pub fn shared_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#scenario=").map(str::to_string)
}

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// The chart theme the stylesheet shows (it follows the system's).
pub fn system_theme() -> crate::chart::theme::Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|query| query.matches());
    if dark {
        crate::chart::theme::Theme::Dark
    } else {
        crate::chart::theme::Theme::Light
    }
}

type ThemeListener = (
    web_sys::MediaQueryList,
    wasm_bindgen::closure::Closure<dyn Fn()>,
);

thread_local! {
    /// The live theme listeners by handle; the page is single-threaded.
    static THEME_LISTENERS: std::cell::RefCell<Vec<(u32, ThemeListener)>> =
        Default::default();
}

/// Calls `changed` whenever the system switches between light and dark,
/// until `stop_following_system_theme` is given the returned handle.
pub fn on_system_theme_change(changed: impl Fn(crate::chart::theme::Theme) + 'static) -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let handle = NEXT.fetch_add(1, Ordering::Relaxed);
    let Some(query) = web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
    else {
        return handle;
    };
    let listener = Closure::<dyn Fn()>::new(move || changed(system_theme()));
    let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    THEME_LISTENERS.with(|all| all.borrow_mut().push((handle, (query, listener))));
    handle
}

/// Removes a listener added by `on_system_theme_change`.
pub fn stop_following_system_theme(handle: u32) {
    use wasm_bindgen::JsCast;
    let removed = THEME_LISTENERS.with(|all| {
        let mut all = all.borrow_mut();
        let at = all.iter().position(|(h, _)| *h == handle)?;
        Some(all.swap_remove(at).1)
    });
    if let Some((query, listener)) = removed {
        let _ =
            query.remove_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    }
}
