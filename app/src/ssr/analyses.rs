//! Analyses of saved revisions, computed once per process. An analysis is a
//! pure function of the revision's scenario (the Monte Carlo is seeded), so
//! the REST API and the server-rendered page can share one per revision
//! instead of re-running the 10,000-sample Monte Carlo on every request.
//!
//! A revision's first analysis runs on the saved revisions' own bounded
//! pool (`AppState::saved_work`): anyone can ask for a saved page, so its
//! work is bounded like an unsaved analysis's, but in a lane of its own, so
//! that a flood of unsaved analyses never keeps a team from its pages.

use super::cache::BoundedCache;
use super::pool::{Busy, WorkPool};
use crate::model::{analyze, Analysis, FieldError, Scenario};
use std::sync::Arc;

pub const ANALYSIS_CACHE_ENTRIES: usize = 1024;

#[derive(Clone)]
pub struct AnalysisCache(BoundedCache<(String, u32), Arc<Analysis>>);

/// Why a saved revision has no analysis.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The revision breaks rules that tightened since it was saved.
    #[error("invalid scenario")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error("the analysis stopped: {0}")]
    Stopped(#[from] tokio::task::JoinError),
}

impl From<Vec<FieldError>> for AnalysisError {
    fn from(errors: Vec<FieldError>) -> Self {
        AnalysisError::Invalid(errors)
    }
}

impl Default for AnalysisCache {
    fn default() -> Self {
        AnalysisCache(BoundedCache::new(ANALYSIS_CACHE_ENTRIES))
    }
}

impl AnalysisCache {
    /// The analysis of revision `revision` of scenario `id`, whose content is
    /// `scenario`, computed here if it is not cached (for callers already off
    /// the async runtime, or sure to find it cached).
    pub fn analysis(
        &self,
        id: &str,
        revision: u32,
        scenario: &Scenario,
    ) -> Result<Arc<Analysis>, Vec<FieldError>> {
        let key = (id.to_string(), revision);
        if let Some(analysis) = self.0.get(&key) {
            return Ok(analysis);
        }
        let analysis = Arc::new(analyze(scenario)?);
        self.0.put(key, analysis.clone());
        Ok(analysis)
    }

    /// The same from async code: a cached analysis at once, otherwise
    /// computed on `pool` (`Busy` when it is full).
    pub async fn analysis_on(
        &self,
        pool: &WorkPool,
        id: &str,
        revision: u32,
        scenario: Scenario,
    ) -> Result<Arc<Analysis>, AnalysisError> {
        if let Some(analysis) = self.0.get(&(id.to_string(), revision)) {
            return Ok(analysis);
        }
        // Requests for one new revision (a page and its charts) queue
        // together; those behind the first find its analysis cached.
        let (cache, id) = (self.clone(), id.to_string());
        Ok(pool
            .run(move || cache.analysis(&id, revision, &scenario))
            .await???)
    }
}

/// The first page's analysis (the example scenario's, valid as the tests
/// check), computed once per process: every view of `/` renders it.
pub fn example_analysis() -> Option<Arc<Analysis>> {
    static EXAMPLE: std::sync::LazyLock<Option<Arc<Analysis>>> = std::sync::LazyLock::new(|| {
        let example = crate::model::examples::default_scenario();
        analyze(&example).ok().map(Arc::new)
    });
    EXAMPLE.clone()
}

/// One entry of the gallery: the example, its scenario and its analysis.
pub type GalleryEntry = (
    crate::model::examples::Example,
    crate::model::Scenario,
    Arc<Analysis>,
);

/// Every shipped example with its analysis, computed once per process: the
/// gallery (`/examples`) shows them on every view.
pub fn gallery() -> &'static [GalleryEntry] {
    static GALLERY: std::sync::LazyLock<Vec<GalleryEntry>> = std::sync::LazyLock::new(|| {
        crate::model::examples::ALL
            .iter()
            .filter_map(|example| {
                let scenario = crate::model::examples::example(example.json);
                let analysis = analyze(&scenario).ok()?;
                Some((*example, scenario, Arc::new(analysis)))
            })
            .collect()
    });
    &GALLERY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;

    #[test]
    fn a_revision_is_analysed_once() {
        let cache = AnalysisCache::default();
        let scenario = default_scenario();
        let first = cache.analysis("a", 1, &scenario).unwrap();
        let second = cache.analysis("a", 1, &scenario).unwrap();
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(*first, analyze(&scenario).unwrap());
        let other = cache.analysis("a", 2, &scenario).unwrap();
        assert!(!Arc::ptr_eq(&first, &other));
    }

    #[tokio::test]
    async fn a_new_revision_waits_for_the_pool_and_a_cached_one_does_not() {
        let cache = AnalysisCache::default();
        let scenario = default_scenario();
        // no worker and no queue: only what is cached can be answered
        let full = WorkPool::new(0, 0);
        let busy = cache.analysis_on(&full, "a", 1, scenario.clone()).await;
        assert!(matches!(busy, Err(AnalysisError::Busy(_))), "{busy:?}");
        let pool = WorkPool::new(1, 0);
        let first = cache
            .analysis_on(&pool, "a", 1, scenario.clone())
            .await
            .unwrap();
        let again = cache.analysis_on(&full, "a", 1, scenario).await.unwrap();
        assert!(Arc::ptr_eq(&first, &again));
    }
}
