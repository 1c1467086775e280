//! `/`: a new scenario, opened on the support-ticket example so there is an
//! answer before anyone types. Unsaved work survives a reload (localStorage);
//! "Save" stores it and opens its own page.

use crate::browser;
use crate::components::charts::ChartSource;
use crate::components::context::EditorContext;
use crate::components::workspace::Workspace;
use crate::format::escape_html;
use crate::model::examples::default_scenario;
use crate::model::{parse_scenario, Scenario};
use crate::server_fns::{server_action, CreateScenario};
use crate::share;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn HomePage() -> impl IntoView {
    // On the server the example's analysis is computed once per process: the
    // first page costs no analysis per view (in the browser it is computed
    // while hydrating).
    #[cfg(feature = "ssr")]
    let known = crate::ssr::analyses::example_analysis();
    #[cfg(not(feature = "ssr"))]
    let known = None;
    let ctx = EditorContext::with_known(default_scenario(), Signal::derive(|| false), known);
    let scenario = ctx.scenario;

    let message = RwSignal::new(String::new());
    // A draft that a shared link replaced, kept so that it can be brought back.
    let replaced_draft = RwSignal::new(None::<Scenario>);

    // Opens the scenario of a "share without saving" link in the address bar,
    // if there is one; the draft it replaces stays one click away.
    let open_shared = move || -> bool {
        let Some(payload) = browser::shared_from_fragment() else {
            return false;
        };
        browser::clear_fragment();
        match share::from_payload(&payload) {
            Ok(shared) => {
                // the stored draft is the work in progress (kept in step below)
                let previous = browser::load_draft()
                    .and_then(|d| parse_scenario(&d).ok())
                    .filter(|draft| *draft != shared);
                replaced_draft.set(previous);
                ctx.load(shared);
                message.set("Opened a shared scenario. It is not saved until you save it.".into());
            }
            Err(error) => message.set(format!("This share link could not be opened: {error}.")),
        }
        true
    };
    // A link pasted into this tab's address bar changes only the fragment.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        open_shared();
    });
    on_cleanup(move || listener.remove());

    // In the browser only: open a shared link or restore the draft once, then
    // keep the draft up to date.
    Effect::new(move |restored: Option<()>| {
        let json = scenario.with(|s| serde_json::to_string(s).unwrap_or_default());
        if restored.is_none() {
            if let Some(draft) = browser::load_draft().and_then(|d| parse_scenario(&d).ok()) {
                if draft != scenario.get_untracked() {
                    ctx.load(draft);
                }
            }
            open_shared();
            return;
        }
        browser::save_draft(&json);
    });

    let create = server_action::<CreateScenario>();
    let share_link = RwSignal::new(None::<String>);
    Effect::new(move |_| match create.value().get() {
        Some(Ok(Ok(created))) => {
            let name = scenario.with_untracked(|s| s.name.clone());
            browser::remember(&created.id, &created.edit_key, &name);
            use_navigate()(&format!("/s/{}", created.id), Default::default());
        }
        Some(Ok(Err(errors))) => {
            message.set(format!("Not saved: {} field(s) need fixing.", errors.len()))
        }
        Some(Err(error)) => message.set(format!("Not saved: {error}")),
        None => {}
    });
    let mine = RwSignal::new(Vec::<browser::MyScenario>::new());
    Effect::new(move |_| mine.set(browser::my_scenarios()));

    view! {
        <Workspace ctx source=ChartSource::Unsaved as_of=Signal::derive(move || format!("{} prices", ctx.prices_as_of()))>
            <button
                type="button"
                class="primary"
                data-testid="save"
                disabled=move || create.pending().get() || ctx.result.with(Result::is_err)
                on:click=move |_| {
                    create.dispatch(CreateScenario { scenario: scenario.get_untracked() });
                }
            >
                "Save and get a link"
            </button>
            <button
                type="button"
                data-testid="share-unsaved"
                disabled=move || ctx.result.with(Result::is_err)
                on:click=move |_| {
                    let link = format!(
                        "{}/#{}",
                        browser::origin(),
                        scenario.with_untracked(share::to_fragment)
                    );
                    browser::copy_to_clipboard(&link);
                    share_link.set(Some(link));
                    message.set("Link copied. It carries the whole scenario; nothing is stored.".into());
                }
            >
                "Share without saving"
            </button>
            // the gallery, rendered by the server (none of it is in the wasm)
            <a class="button" href="/examples" rel="external" data-testid="examples">
                "Start from an example"
            </a>
            <p class="status" role="status" data-testid="home-status">{move || message.get()}</p>
            {move || share_link.get().map(|link| view! {
                <div class="field wide">
                    <label for="share-link">"Share link (no save)"</label>
                    <input id="share-link" type="text" readonly value=link.clone() prop:value=link data-testid="share-link" />
                </div>
            })}
            {move || replaced_draft.get().map(|draft| view! {
                <button
                    type="button"
                    data-testid="restore-draft"
                    on:click=move |_| {
                        ctx.load(draft.clone());
                        replaced_draft.set(None);
                        message.set("Your previous draft is back.".into());
                    }
                >
                    "Back to my previous draft"
                </button>
            })}
            // written as text (a list of views cost the first page's wasm more)
            <nav
                class="my-scenarios"
                aria-label="My scenarios"
                hidden=move || mine.with(Vec::is_empty)
                inner_html=move || mine.with(|mine| my_scenarios_html(mine))
            ></nav>
        </Workspace>
    }
    .into_any()
}

/// "My scenarios": this browser's saved scenarios, as links.
fn my_scenarios_html(mine: &[browser::MyScenario]) -> String {
    let mut html = String::from("<h2>My scenarios</h2><ul>");
    for m in mine {
        html.push_str(&format!(
            "<li><a href=\"/s/{}\">{}</a></li>",
            escape_html(&m.id),
            escape_html(&m.name)
        ));
    }
    html.push_str("</ul>");
    html
}
