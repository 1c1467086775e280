//! The server's calendar day (UTC), for what changes daily: the price
//! catalog's age on a page, and the page cache's key.

/// Days since 1970-01-01.
pub fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64)
}
