//! The working area of both pages: the form on one side, the live answer on
//! the other, and the page's own actions above the answer.

use super::answer::Answer;
use super::catalog::CatalogBar;
use super::charts::{ChartSource, Charts};
use super::editor::{EditorContext, ScenarioEditor};
use super::readiness::FineTuneAnswer;
use crate::catalog::Catalog;
use crate::model::{analyze, Analysis, Scenario};
use leptos::prelude::*;
use std::sync::Arc;

impl EditorContext {
    /// A context whose analysis re-runs (in wasm, in the browser) on every edit.
    pub fn new(scenario: Scenario, read_only: Signal<bool>) -> EditorContext {
        EditorContext::with_known(scenario, read_only, None)
    }

    /// The same, starting from an analysis already known for `scenario` (a
    /// saved revision's, from the server's cache): it is used for as long as
    /// the scenario is unchanged, instead of being computed again.
    pub fn with_known(
        scenario: Scenario,
        read_only: Signal<bool>,
        known: Option<Arc<Analysis>>,
    ) -> EditorContext {
        let known = known.map(|analysis| (scenario.clone(), analysis));
        let scenario = RwSignal::new(scenario);
        EditorContext {
            scenario,
            version: RwSignal::new(0),
            result: Memo::new(move |_| {
                scenario.with(|current| match &known {
                    Some((original, analysis)) if original == current => {
                        Ok(analysis.as_ref().clone())
                    }
                    _ => analyze(current),
                })
            }),
            read_only,
            catalog: RwSignal::new(Catalog::builtin()),
        }
    }

    /// Replaces the whole scenario (a draft, a revision) and re-renders the form.
    pub fn load(&self, scenario: Scenario) {
        self.scenario.set(scenario);
        self.version.update(|v| *v += 1);
    }
}

#[component]
pub fn Workspace(
    ctx: EditorContext,
    #[prop(into)] source: Signal<ChartSource>,
    #[prop(into)] as_of: Signal<String>,
    children: Children,
) -> impl IntoView {
    let answer = move || {
        ctx.result.with(|result| match result {
            Ok(analysis) => view! {
                <Answer scenario=ctx.scenario.get() analysis=analysis.clone() />
                <FineTuneAnswer analysis=analysis.clone() />
                <Charts
                    scenario=ctx.scenario.get()
                    analysis=analysis.clone()
                    source=source.get()
                    as_of=as_of.get()
                />
            }
            .into_any(),
            Err(errors) => view! {
                <section class="answer invalid" aria-live="polite" data-testid="answer">
                    <p data-testid="headline">
                        {format!(
                            "Fix {} highlighted field{} to see the answer.",
                            errors.len(),
                            if errors.len() == 1 { "" } else { "s" }
                        )}
                    </p>
                </section>
            }
            .into_any(),
        })
    };
    view! {
        <div class="workspace">
            <div class="editor-column">
                <CatalogBar ctx />
                <ScenarioEditor ctx />
            </div>
            <aside class="answer-column">
                <div class="actions">{children()}</div>
                {answer}
            </aside>
        </div>
    }
    .into_any()
}
