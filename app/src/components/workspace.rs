//! The working area of both pages: the form on one side, the live answer on
//! the other, and the page's own actions above the answer.

use super::answer::Answer;
use super::catalog::CatalogBar;
use super::charts::{ChartSource, LiveCharts};
use super::context::{EditorContext, Settled};
use super::editor::ScenarioEditor;
use super::readiness::FineTuneAnswer;
use crate::model::{analyze, Analysis};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use std::sync::Arc;

/// How long after a keystroke the Monte Carlo runs (unless another keystroke
/// comes first): long enough for the browser to paint the keystroke's answer
/// and charts, short enough that at a typing pace (a key every 100-200 ms)
/// every keystroke gets its own probabilities.
const SETTLE_AFTER: std::time::Duration = std::time::Duration::from_millis(60);

/// The quick analysis with the probabilities of the settled one, when both
/// are about the same approaches (the probabilities then lag the keystroke by
/// `SETTLE_AFTER` and the simulation).
fn with_probabilities(quick: &Analysis, settled: Option<&Settled>) -> Analysis {
    let same_approaches = |settled: &&Settled| {
        settled.analysis.approaches.len() == quick.approaches.len()
            && (settled.analysis.approaches.iter())
                .zip(&quick.approaches)
                .all(|(a, b)| a.id == b.id)
    };
    Analysis {
        uncertainty: settled
            .filter(same_approaches)
            .and_then(|settled| settled.analysis.uncertainty.clone()),
        ..quick.clone()
    }
}

/// Browser only: follows the system theme, and re-runs the full analysis
/// `SETTLE_AFTER` a keystroke (at once when there is nothing to simulate).
/// Hydration adopts the server's probabilities and charts without running
/// the Monte Carlo, so it runs `SETTLE_AFTER` hydration too.
fn settle_in_the_background(ctx: EditorContext) {
    Effect::new(move |_| {
        let listener =
            crate::browser::on_system_theme_change(move |theme| _ = ctx.theme.try_set(Some(theme)));
        on_cleanup(move || crate::browser::stop_following_system_theme(listener));
    });
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // The scenario whose probabilities and charts hydration adopted from the
    // server without simulating it: its Monte Carlo, just after hydration,
    // gives the same figures, so it is stored without redrawing anything.
    let mut adopted = (crate::hydrating() && ctx.settled.with_untracked(Option::is_none))
        .then(|| ctx.scenario.get_untracked());
    Effect::new(move |_| {
        let valid = ctx.result.with(Result::is_ok);
        let scenario = ctx.scenario.get();
        if let Some(timer) = pending.get_value() {
            timer.clear();
        }
        let current = ctx
            .settled
            .with_untracked(|settled| settled.as_ref().is_some_and(|s| s.scenario == scenario));
        if !valid || current {
            return;
        }
        let simulate = scenario.has_ranges();
        let quietly = adopted.take().is_some_and(|adopted| adopted == scenario);
        let settle = move || {
            if let Ok(analysis) = analyze(&scenario) {
                let settled = Some(Settled {
                    scenario,
                    analysis: Arc::new(analysis),
                });
                if quietly {
                    ctx.settled.update_untracked(|s| *s = settled);
                } else {
                    ctx.settled.set(settled);
                }
            }
        };
        if simulate {
            pending.set_value(set_timeout_with_handle(settle, SETTLE_AFTER).ok());
        } else {
            settle();
        }
    });
}

#[component]
pub fn Workspace(
    ctx: EditorContext,
    #[prop(into)] source: Signal<ChartSource>,
    #[prop(into)] as_of: Signal<String>,
    children: Children,
) -> impl IntoView {
    settle_in_the_background(ctx);
    // Only a change between valid and invalid replaces the answer column;
    // within it, each part follows the analysis it is drawn from.
    let valid = Memo::new(move |_| ctx.result.with(Result::is_ok));
    let answer = move || {
        ctx.result.with(|result| {
            result.as_ref().ok().map(|quick| {
                let settled = ctx.settled.read();
                let analysis = with_probabilities(quick, settled.as_ref());
                let scenario = ctx.scenario.get();
                // the probabilities lag a keystroke by `SETTLE_AFTER` and the
                // simulation: meanwhile they say they are being updated
                let updating = settled.as_ref().is_some_and(|s| s.scenario != scenario);
                view! {
                    <Answer scenario analysis=analysis.clone() updating />
                    <FineTuneAnswer analysis />
                }
            })
        })
    };
    let error_count = move || ctx.result.with(|r| r.as_ref().err().map_or(0, Vec::len));
    let column = move || {
        if valid.get() {
            view! {
                {answer}
                <LiveCharts ctx source as_of />
            }
            .into_any()
        } else {
            view! {
                <section class="answer invalid" aria-live="polite" data-testid="answer">
                    <p data-testid="headline">
                        {move || {
                            let count = error_count();
                            format!(
                                "Fix {count} highlighted field{} to see the answer.",
                                if count == 1 { "" } else { "s" },
                            )
                        }}
                    </p>
                </section>
            }
            .into_any()
        }
    };
    view! {
        <div class="workspace">
            <div class="editor-column">
                <CatalogBar ctx />
                <ScenarioEditor ctx />
            </div>
            <aside class="answer-column">
                <div class="actions">{children()}</div>
                {column}
            </aside>
        </div>
    }
    .into_any()
}
