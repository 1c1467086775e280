pub mod compare;
pub mod examples;
pub mod home;
pub mod measure;
pub mod saved;

use crate::model::{analyze, Analysis, FieldError};
use crate::server_fns::SavedScenario;
use std::sync::Arc;

/// The analysis of a saved revision: on the server from the per-revision
/// cache that the REST API and the chart exports share, in the browser
/// computed.
pub(crate) fn saved_analysis(saved: &SavedScenario) -> Result<Arc<Analysis>, Vec<FieldError>> {
    #[cfg(feature = "ssr")]
    if let Some(state) = leptos::prelude::use_context::<crate::ssr::AppState>() {
        return state
            .analyses
            .analysis(&saved.id, saved.revision, &saved.scenario);
    }
    analyze(&saved.scenario).map(Arc::new)
}
