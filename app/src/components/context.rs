//! The one context the scenario form reads and writes through. Edits are
//! typed and name an approach by its id, never by a position captured when a
//! card was drawn: an event that arrives after its card was removed or moved
//! finds no approach (or the right one) and does nothing wrong.

use crate::catalog::{current, CatalogHead};
use crate::model::{
    analyze, analyze_without_uncertainty, Analysis, Approach, FieldError, Scenario,
};
use leptos::prelude::*;
use std::sync::Arc;

pub type Checked = Result<Analysis, Vec<FieldError>>;

/// The full analysis (Monte Carlo included) of one version of the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub scenario: Scenario,
    pub analysis: Arc<Analysis>,
}

#[derive(Clone, Copy)]
pub struct EditorContext {
    pub scenario: RwSignal<Scenario>,
    /// Bumped by a structural edit (add, remove, reorder, kind, sections,
    /// model): the cards whose shape changed are drawn again. Keystrokes do
    /// not bump it, so inputs keep their focus and caret.
    pub structure: RwSignal<u64>,
    /// Bumped when a whole scenario is loaded: everything is drawn again.
    pub loaded: RwSignal<u64>,
    /// The scenario's analysis without the Monte Carlo, recomputed on every
    /// edit: validation, the card figures, the answer and the cost charts.
    pub result: Memo<Checked>,
    /// The full analysis of the scenario as it was when typing last paused
    /// (see `Workspace`): the probabilities and the uncertainty and
    /// sensitivity charts come from it, so a keystroke never waits for the
    /// 10,000-sample Monte Carlo.
    pub settled: RwSignal<Option<Settled>>,
    /// The one chart theme the browser shows; `None` (on the server) draws
    /// both and lets the stylesheet choose.
    pub theme: RwSignal<Option<crate::chart::theme::Theme>>,
    pub read_only: Signal<bool>,
    /// A price catalog imported into this browser, which the pickers offer
    /// instead of the server's (`None`: the server's, which the pickers'
    /// lists fetch themselves: see `browser::show_picker_list`).
    pub catalog: RwSignal<Option<CatalogHead>>,
}

/// The chart theme to draw: in the browser the system's, known from the
/// start so that hydration is not followed by a redraw of every chart.
fn initial_theme() -> Option<crate::chart::theme::Theme> {
    #[cfg(feature = "hydrate")]
    {
        Some(crate::browser::system_theme())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

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
        // The server renders the full analysis. Hydrating adopts what it
        // rendered without running the Monte Carlo again (`None` until it
        // has run, just after hydration: see `Workspace`).
        let settled = known
            .or_else(|| {
                (!crate::hydrating())
                    .then(|| analyze(&scenario).ok().map(Arc::new))
                    .flatten()
            })
            .map(|analysis| Settled {
                scenario: scenario.clone(),
                analysis,
            });
        let known = settled.clone();
        let scenario = RwSignal::new(scenario);
        EditorContext {
            scenario,
            structure: RwSignal::new(0),
            loaded: RwSignal::new(0),
            result: Memo::new(move |_| {
                scenario.with(|current| match &known {
                    Some(known) if known.scenario == *current => {
                        Ok(known.analysis.as_ref().clone())
                    }
                    _ => analyze_without_uncertainty(current),
                })
            }),
            settled: RwSignal::new(settled),
            theme: RwSignal::new(initial_theme()),
            read_only,
            catalog: RwSignal::new(None),
        }
    }

    /// The date of the prices the pickers offer: an imported catalog's, or
    /// the built-in one's (known without fetching it).
    pub fn prices_as_of(&self) -> String {
        self.catalog.with(|c| {
            c.as_ref()
                .map_or_else(|| current::AS_OF.to_string(), |c| c.as_of.clone())
        })
    }

    /// Replaces the whole scenario (a draft, a revision) and redraws the form.
    pub fn load(&self, scenario: Scenario) {
        self.scenario.set(scenario);
        self.loaded.update(|v| *v += 1);
    }

    /// The message of the first error naming one of `paths`.
    pub fn error_for(
        &self,
        paths: Vec<String>,
    ) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let result = self.result;
        move || {
            result.with(|r| {
                r.as_ref().err().and_then(|errors| {
                    errors
                        .iter()
                        .find(|e| paths.contains(&e.path))
                        .map(|e| e.message.clone())
                })
            })
        }
    }

    /// Reads the approach with this id as it is now, without tracking it
    /// (what a component draws from once); `None` when it is gone.
    pub fn approach_now<T>(&self, id: &str, read: impl FnOnce(&Approach) -> T) -> Option<T> {
        self.snapshot(id).as_ref().map(read)
    }

    /// One copy of the approach: one reader in the wasm for every caller
    /// (generic readers would each be compiled apart).
    fn snapshot(&self, id: &str) -> Option<Approach> {
        self.scenario
            .with_untracked(|s| s.approaches.iter().find(|a| a.id == id).cloned())
    }

    /// Reads the approach with this id and follows its changes (a live
    /// readout); `None` when it is gone.
    pub fn approach<T>(&self, id: &str, read: impl FnOnce(&Approach) -> T) -> Option<T> {
        self.scenario
            .with(|s| s.approaches.iter().find(|a| a.id == id).map(read))
    }

    /// A keystroke-sized edit of the scenario.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) {
        self.scenario.update(change);
    }

    /// A keystroke-sized edit of the approach with this id; nothing when it
    /// is gone.
    pub fn edit_approach(&self, id: &str, change: impl FnOnce(&mut Approach)) {
        self.scenario.update(|s| {
            if let Some(approach) = s.approaches.iter_mut().find(|a| a.id == id) {
                change(approach)
            }
        });
    }

    /// A structural edit of the scenario: applied, then the form is redrawn
    /// where its shape changed.
    pub fn restructure(&self, change: impl FnOnce(&mut Scenario)) {
        self.scenario.update(|s| {
            change(s);
            // a removed incumbent hands over to the first approach
            if let Some(id) = &s.incumbent {
                if !s.approaches.iter().any(|a| &a.id == id) {
                    s.incumbent = None;
                }
            }
        });
        self.structure.update(|v| *v += 1);
    }

    /// A structural edit of the approach with this id (its position at the
    /// time of the event is `position`); nothing when it is gone.
    pub fn restructure_approach(&self, id: &str, change: impl FnOnce(&mut Vec<Approach>, usize)) {
        self.restructure(|s| {
            if let Some(position) = s.approaches.iter().position(|a| a.id == id) {
                change(&mut s.approaches, position)
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;

    #[test]
    fn an_edit_for_a_card_that_went_away_does_nothing() {
        // the server's reactive arena, as a request gets it
        Owner::new_root(None).with(edits_for_a_removed_card);
    }

    fn edits_for_a_removed_card() {
        let scenario = default_scenario();
        let ctx = EditorContext::new(scenario.clone(), Signal::derive(|| false));
        let gone = scenario.approaches[1].id.clone();
        ctx.restructure(|s| {
            s.approaches.remove(1);
        });
        let before = ctx.scenario.get_untracked();
        // a keystroke and a click that were in flight for the removed card
        ctx.edit_approach(&gone, |a| a.setup_usd = 1.0);
        ctx.restructure_approach(&gone, |approaches, at| {
            approaches.remove(at);
        });
        assert_eq!(ctx.scenario.get_untracked(), before);
        // the card that took its place is edited by its own id
        let next = before.approaches[1].id.clone();
        ctx.edit_approach(&next, |a| a.setup_usd = 7.0);
        assert_eq!(ctx.scenario.get_untracked().approaches[1].setup_usd, 7.0);
    }
}
