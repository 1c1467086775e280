//! `/`: a new scenario, opened on the support-ticket example so there is an
//! answer before anyone types. Unsaved work survives a reload (localStorage);
//! "Save" stores it and opens its own page.

use crate::browser;
use crate::components::charts::ChartSource;
use crate::components::editor::EditorContext;
use crate::components::workspace::Workspace;
use crate::model::examples::default_scenario;
use crate::model::parse_scenario;
use crate::server_fns::CreateScenario;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn HomePage() -> impl IntoView {
    let ctx = EditorContext::new(default_scenario(), Signal::derive(|| false));
    let scenario = ctx.scenario;

    // In the browser only: restore the draft once, then keep it up to date.
    Effect::new(move |restored: Option<()>| {
        let json = scenario.with(|s| serde_json::to_string(s).unwrap_or_default());
        if restored.is_none() {
            if let Some(draft) = browser::load_draft().and_then(|d| parse_scenario(&d).ok()) {
                if draft != scenario.get_untracked() {
                    ctx.load(draft);
                }
                return;
            }
        }
        browser::save_draft(&json);
    });

    let create = ServerAction::<CreateScenario>::new();
    let message = RwSignal::new(String::new());
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
        <Workspace ctx source=ChartSource::Unsaved as_of="mid-2025 list prices".to_string()>
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
            <button type="button" on:click=move |_| ctx.load(default_scenario())>
                "Start from the example"
            </button>
            <p class="status" role="status">{move || message.get()}</p>
            <Show when=move || mine.with(|m| !m.is_empty())>
                <nav class="my-scenarios" aria-label="My scenarios">
                    <h2>"My scenarios"</h2>
                    <ul>
                        {move || {
                            mine.get()
                                .into_iter()
                                .map(|m| view! { <li><a href=format!("/s/{}", m.id)>{m.name}</a></li> })
                                .collect_view()
                        }}
                    </ul>
                </nav>
            </Show>
        </Workspace>
    }
    .into_any()
}
