//! `/s/{id}`: a saved scenario. Rendered on the server (readable without
//! JavaScript), then hydrated. Whoever holds the edit key (from an owner link's
//! `#key=` fragment or this browser's localStorage) can edit and save; everyone
//! else sees it read-only and can fork it.

use crate::browser;
use crate::components::charts::ChartSource;
use crate::components::context::EditorContext;
use crate::components::workspace::Workspace;
use crate::server_fns::{
    check_edit_key, load_scenario, server_action, ForkScenario, RevisionSummary, SaveOutcome,
    SaveScenario, SavedScenario,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn SavedPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let loaded = Resource::new(id, |id| load_scenario(id, None));
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| view! { <p class="loading">"Loading the scenario…"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(Some(saved)) => view! { <SavedScenarioView saved /> }.into_any(),
                    Ok(None) => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                            response.set_status(axum::http::StatusCode::NOT_FOUND);
                        }
                        view! {
                            <section class="not-found">
                                <h1>"No such scenario"</h1>
                                <p>"It may have been deleted, or the link is incomplete. " <a href="/">"Start a new one"</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <p class="error">"Could not load the scenario: " {error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The server's public base URL (e.g. https://breakeven.example.com), when
/// configured; empty otherwise.
fn public_url() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::ssr::AppState>()
            .map(|s| s.public_url.clone())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

#[component]
fn SavedScenarioView(saved: SavedScenario) -> impl IntoView {
    let id = saved.id.clone();
    let owner_key = RwSignal::new(None::<String>);
    let read_only = Signal::derive(move || owner_key.with(Option::is_none));
    // On the server the revision's analysis comes from the shared cache;
    // hydration adopts what the server rendered from it.
    let known = (!crate::hydrating())
        .then(|| super::saved_analysis(&saved).ok())
        .flatten();
    let ctx = EditorContext::with_known(saved.scenario.clone(), read_only, known.clone());
    let base_revision = RwSignal::new(saved.latest_revision);
    let revisions = RwSignal::new(saved.revisions.clone());
    let message = RwSignal::new(String::new());

    // In the browser: take the key from an owner link or from localStorage,
    // and keep it if the server confirms it.
    {
        let id = id.clone();
        let name = saved.scenario.name.clone();
        Effect::new(move |_| {
            let from_link = browser::key_from_fragment();
            if from_link.is_some() {
                browser::clear_fragment();
            }
            let Some(key) = from_link.or_else(|| browser::stored_key(&id)) else {
                return;
            };
            let (id, name) = (id.clone(), name.clone());
            spawn_local(async move {
                if let Ok(true) = check_edit_key(id.clone(), key.clone()).await {
                    browser::remember(&id, &key, &name);
                    owner_key.set(Some(key));
                }
            });
        });
    }

    let save = server_action::<SaveScenario>();
    Effect::new(move |_| {
        match save.value().get() {
        Some(Ok(SaveOutcome::Saved { revision })) => {
            base_revision.set(revision);
            revisions.update(|r| {
                r.push(RevisionSummary {
                    revision,
                    created_at: "just now".into(),
                })
            });
            message.set(format!("Saved as revision {revision}."));
        }
        Some(Ok(SaveOutcome::Conflict { current })) => message.set(format!(
            "Not saved: someone saved revision {current} meanwhile. Reload to see it; copy your changes first."
        )),
        Some(Ok(SaveOutcome::Invalid(errors))) => {
            message.set(format!("Not saved: {} field(s) need fixing.", errors.len()))
        }
        Some(Ok(SaveOutcome::Forbidden)) => message.set("Not saved: the edit key does not match.".into()),
        Some(Ok(SaveOutcome::Gone)) => message.set("Not saved: this scenario was deleted.".into()),
        Some(Err(error)) => message.set(format!("Not saved: {error}")),
        None => {}
    }
    });
    let dispatch_save = {
        let id = id.clone();
        move || {
            if let Some(key) = owner_key.get_untracked() {
                save.dispatch(SaveScenario {
                    id: id.clone(),
                    edit_key: key,
                    base_revision: base_revision.get_untracked(),
                    scenario: ctx.scenario.get_untracked(),
                });
            }
        }
    };

    let fork = server_action::<ForkScenario>();
    Effect::new(move |_| match fork.value().get() {
        Some(Ok(Some(created))) => {
            let name = ctx.scenario.with_untracked(|s| s.name.clone());
            browser::remember(&created.id, &created.edit_key, &name);
            use_navigate()(&format!("/s/{}", created.id), Default::default());
        }
        Some(Ok(None)) => message.set("This scenario no longer exists.".into()),
        Some(Err(error)) => message.set(format!("Could not fork: {error}")),
        None => {}
    });

    // Restoring adds the old revision's scenario as a new revision.
    let restore = {
        let id = id.clone();
        let dispatch_save = dispatch_save.clone();
        move |revision: u32| {
            let id = id.clone();
            let dispatch_save = dispatch_save.clone();
            spawn_local(async move {
                match load_scenario(id, Some(revision)).await {
                    Ok(Some(old)) => {
                        ctx.load(old.scenario);
                        dispatch_save();
                    }
                    _ => message.set(format!("Could not load revision {revision}.")),
                }
            });
        }
    };

    let read_link = {
        let id = id.clone();
        move || format!("{}/s/{id}", browser::origin())
    };
    let owner_link = {
        let read_link = read_link.clone();
        move || {
            owner_key
                .get()
                .map(|key| format!("{}#key={key}", read_link()))
        }
    };
    let fork_id = id.clone();
    // leptos_meta writes <title> text unescaped during SSR: a name holding
    // "</title>" must not be able to close it, so angle brackets become
    // look-alike quotation marks in the title (the page shows the real name).
    let safe_name = saved.scenario.name.replace('<', "‹").replace('>', "›");
    let title = format!("{safe_name} · Breakeven");
    // Link unfurlers need an absolute image URL; the page's own origin is
    // not known during SSR, so the image path is made absolute by the
    // `public_url` the server was configured with (relative without it).
    let og_image = format!(
        "{}/api/v1/scenarios/{}/chart/amortization.png",
        public_url(),
        saved.id
    );
    let og_description = ctx
        .result
        .with_untracked(|result| {
            result
                .as_ref()
                .ok()
                .map(|analysis| crate::components::answer::headline(&saved.scenario, analysis))
        })
        .unwrap_or_default();
    // The charts are the server's images of the loaded revision for as long
    // as the page shows it unchanged.
    let chart_source = {
        let (id, loaded_revision, loaded) =
            (saved.id.clone(), saved.revision, saved.scenario.clone());
        Memo::new(move |_| {
            let revision = base_revision.get();
            ChartSource::Saved {
                id: id.clone(),
                revision,
                unchanged: revision == loaded_revision && ctx.scenario.with(|s| *s == loaded),
            }
        })
    };
    let as_of: String = saved.updated_at.chars().take(10).collect();
    let compare_id = saved.id.clone();
    // the decision memo of the latest revision (Markdown, for a wiki or an
    // issue); a fixed link, since a reactive one weighed 0.6 KB of the wasm
    let memo_link = format!("/api/v1/scenarios/{}/memo.md", saved.id);
    let revision_items = move || {
        let compare_id = compare_id.clone();
        let latest = base_revision.get();
        revisions
            .get()
            .into_iter()
            .rev()
            .map(|r| {
                let restore = restore.clone();
                let number = r.revision;
                view! {
                    <li>
                        <span>"Revision " {number} " · " {r.created_at}</span>
                        // (revision 1, the list's last, has none: hidden by the stylesheet)
                        <a
                            class="previous"
                            href=format!("/compare?a={compare_id}&ra={}&b={compare_id}&rb={number}", number.saturating_sub(1))
                            rel="external"
                        >
                            "Compare with the previous revision"
                        </a>
                        <Show when=move || owner_key.with(Option::is_some) && number != latest>
                            <button type="button" class="link" on:click={
                                let restore = restore.clone();
                                move |_| restore(number)
                            }>
                                "Restore this revision"
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <Title text=title.clone() />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:description" content=og_description />
        <Meta property="og:image" content=og_image.clone() />
        <Meta property="og:image:width" content="1200" />
        <Meta property="og:image:height" content="630" />
        <Meta name="twitter:card" content="summary_large_image" />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:image" content=og_image />
        <Workspace ctx source=chart_source as_of=as_of>
            <Show
                when=move || owner_key.with(Option::is_some)
                fallback={
                    let fork_id = fork_id.clone();
                    move || {
                        let fork_id = fork_id.clone();
                        view! {
                            <p class="read-only-note" data-testid="read-only">"Read-only: you do not hold this scenario's edit key."</p>
                            <button
                                type="button"
                                class="primary"
                                data-testid="fork"
                                on:click=move |_| {
                                    fork.dispatch(ForkScenario { id: fork_id.clone() });
                                }
                            >
                                "Fork to edit"
                            </button>
                        }
                    }
                }
            >
                <button
                    type="button"
                    class="primary"
                    data-testid="save"
                    disabled=move || save.pending().get() || ctx.result.with(Result::is_err)
                    on:click={
                        let dispatch_save = dispatch_save.clone();
                        move |_| dispatch_save()
                    }
                >
                    "Save revision"
                </button>
                <button
                    type="button"
                    data-testid="copy-owner-link"
                    on:click={
                        let owner_link = owner_link.clone();
                        move |_| {
                            if let Some(link) = owner_link() {
                                browser::copy_to_clipboard(&link);
                                message.set("Owner link copied: whoever has it can edit.".into());
                            }
                        }
                    }
                >
                    "Copy owner link"
                </button>
            </Show>
            <button
                type="button"
                data-testid="copy-link"
                on:click={
                    let read_link = read_link.clone();
                    move |_| {
                        browser::copy_to_clipboard(&read_link());
                        message.set("Read-only link copied.".into());
                    }
                }
            >
                "Copy read-only link"
            </button>
            <a class="button" href=memo_link download rel="external" data-testid="download-memo">
                "Download memo"
            </a>
            <p class="status" role="status" data-testid="status">{move || message.get()}</p>
            <details class="revisions">
                <summary>"Revisions (latest " {move || base_revision.get()} ")"</summary>
                <ol reversed>{revision_items}</ol>
            </details>
        </Workspace>
    }
    .into_any()
}
