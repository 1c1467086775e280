//! A small bounded cache for things derived from saved revisions, which never
//! change: rendered charts, analyses. Per process (several servers each keep
//! their own, which is correct because the keys name immutable revisions).
//! When full it starts over, which is cheap and good enough for a working set
//! of recent revisions.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct BoundedCache<K, V> {
    entries: Arc<Mutex<HashMap<K, V>>>,
    capacity: usize,
}

impl<K: Eq + Hash, V: Clone> BoundedCache<K, V> {
    pub fn new(capacity: usize) -> Self {
        BoundedCache {
            entries: Arc::new(Mutex::new(HashMap::new())),
            capacity,
        }
    }

    pub fn get(&self, key: &K) -> Option<V> {
        self.entries.lock().ok()?.get(key).cloned()
    }

    pub fn put(&self, key: K, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BoundedCache;

    #[test]
    fn keeps_values_and_stays_bounded() {
        let cache = BoundedCache::new(2);
        cache.put(1, "a");
        cache.put(2, "b");
        assert_eq!(cache.get(&1), Some("a"));
        cache.put(3, "c"); // full: starts over
        assert_eq!(cache.get(&1), None);
        assert_eq!(cache.get(&3), Some("c"));
    }
}
