//! Analyses of saved revisions, computed once per process. An analysis is a
//! pure function of the revision's scenario (the Monte Carlo is seeded), so
//! the REST API and the server-rendered page can share one per revision
//! instead of re-running the 10,000-sample Monte Carlo on every request.

use super::cache::BoundedCache;
use crate::model::{analyze, Analysis, FieldError, Scenario};
use std::sync::Arc;

pub const ANALYSIS_CACHE_ENTRIES: usize = 1024;

#[derive(Clone)]
pub struct AnalysisCache(BoundedCache<(String, u32), Arc<Analysis>>);

impl Default for AnalysisCache {
    fn default() -> Self {
        AnalysisCache(BoundedCache::new(ANALYSIS_CACHE_ENTRIES))
    }
}

impl AnalysisCache {
    /// The analysis of revision `revision` of scenario `id`, whose content is
    /// `scenario`.
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
}
