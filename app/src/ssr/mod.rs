//! Server-only code: the database and the state shared by handlers and server
//! functions. Compiled only with the `ssr` feature, never to wasm.

pub mod analyses;
pub mod cache;
pub mod catalog;
pub mod charts;
pub mod clock;
pub mod db;
pub mod glyphs;
pub mod memo;
pub mod pool;
pub mod security;
pub mod state;
pub mod store;

pub use db::{Backend, Database, DbError};
pub use state::AppState;
pub use store::{
    Created, Imported, RevisionInfo, RevisionRecord, ScenarioRecord, StoreError, StoredRevision,
    EXPORT_FORMAT,
};
