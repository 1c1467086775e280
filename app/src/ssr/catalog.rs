//! The built-in price catalog as the server sends it: the file `make prices`
//! builds (prices/catalog.json), compiled into the server only, with an
//! entity tag that changes whenever a price does.

use sha2::{Digest, Sha256};
use std::sync::LazyLock;

pub const CATALOG_JSON: &str = include_str!("../../../prices/catalog.json");

/// `"<first 16 hex digits of the file's SHA-256>"`.
pub fn catalog_etag() -> &'static str {
    static ETAG: LazyLock<String> = LazyLock::new(|| {
        let digest = Sha256::digest(CATALOG_JSON.as_bytes());
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("\"{hex}\"")
    });
    &ETAG
}
