//! A stable insertion sort for the few items the model orders (approaches,
//! sensitivity rows): std's sorts, instantiated for each item type, weighed
//! about 1 KB of the page's compressed wasm apiece.

/// Sorts `items` so that no item comes after one it goes `before`; equal
/// items keep their order. Quadratic: for a few dozen items at most.
pub(crate) fn insertion_sort_by<T>(items: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && before(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_items_in_order() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        insertion_sort_by(&mut items, |x, y| x.0 < y.0);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        insertion_sort_by(&mut empty, |x, y| x < y);
    }
}
