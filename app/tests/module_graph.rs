//! The crate's files import one another in one direction only: no two
//! sibling or cousin modules reach each other through any chain of `use`s,
//! `model/` uses nothing of the page, and `chart/` uses nothing of the
//! components or the server. (A module and its own parent or children are
//! left out: a parent declares its children and re-exports them.)
//!
//! References are read from the source text: `crate::a::b`, `super::x`, and
//! names a parent module re-exports (`pub use child::Name`), followed to
//! the file that defines them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("model::cost") -> its source text.
fn modules() -> BTreeMap<String, String> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let mut found = BTreeMap::new();
    walk(&root, &root, &mut found);
    found
}

fn walk(root: &Path, dir: &Path, found: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            walk(root, &path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("below src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            found.insert(parts.join("::"), text);
        }
    }
}

/// The source without `#[cfg(test)]` modules and comments (tests may reach
/// anywhere; comments mention modules without using them).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parent_of(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(p, _)| p.to_string())
}

/// Every path a module names: `crate::…` and `super::…` made absolute,
/// including each name inside `{…}` groups.
fn named_paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let tokens: Vec<char> = code.chars().collect();
    let text: String = tokens.iter().collect();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(start) {
            let begin = from + at;
            from = begin + start.len();
            let before = text[..begin].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest: String = text[begin..]
                .chars()
                .take_while(|c| {
                    c.is_alphanumeric() || matches!(c, '_' | ':' | '{' | '}' | ',' | ' ' | '\n')
                })
                .collect();
            for path in expand(&rest) {
                let mut segments: Vec<String> = path
                    .split("::")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let mut base: Vec<String> = Vec::new();
                match segments.first().map(String::as_str) {
                    Some("crate") => {
                        segments.remove(0);
                    }
                    Some("super") => {
                        let mut parent = module.to_string();
                        while segments.first().is_some_and(|s| s == "super") {
                            segments.remove(0);
                            parent = parent_of(&parent);
                        }
                        base = parent
                            .split("::")
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                    _ => continue,
                }
                base.extend(segments);
                paths.push(base);
            }
        }
    }
    paths
}

/// "a::{b, c::{d}}" -> ["a::b", "a::c::d"] (stops at the first unmatched brace).
fn expand(text: &str) -> Vec<String> {
    let text = text.trim();
    let Some(open) = text.find('{') else {
        let plain: String = text
            .split(|c: char| c == ',' || c == '}' || c.is_whitespace())
            .next()
            .unwrap_or_default()
            .to_string();
        return vec![plain];
    };
    let prefix = &text[..open];
    if prefix.contains(',') || prefix.contains('}') {
        return expand(&text[..text.find([',', '}']).unwrap_or(text.len())]);
    }
    let mut depth = 0;
    let mut items = Vec::new();
    let mut current = String::new();
    for c in text[open + 1..].chars() {
        match c {
            '{' => {
                depth += 1;
                current.push(c)
            }
            '}' if depth == 0 => break,
            '}' => {
                depth -= 1;
                current.push(c)
            }
            ',' if depth == 0 => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .filter(|item| !item.trim().is_empty())
        .flat_map(|item| expand(item))
        .map(|tail| format!("{prefix}{tail}"))
        .collect()
}

/// The file module a path reaches: the longest known module prefix, then
/// through the parent's `pub use child::Name` re-exports.
fn target_of(path: &[String], modules: &BTreeMap<String, String>) -> Option<String> {
    let mut best = None;
    for length in (0..=path.len()).rev() {
        let candidate = path[..length].join("::");
        if modules.contains_key(&candidate) {
            best = Some((candidate, length));
            break;
        }
    }
    let (module, length) = best?;
    if let Some(name) = path.get(length) {
        let code = code_of(&modules[&module]);
        for line in code
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("pub use "))
        {
            let reexport = line.trim_start_matches("pub use ").trim_end_matches(';');
            for item in expand(reexport) {
                let segments: Vec<&str> = item.split("::").map(str::trim).collect();
                if segments.last() == Some(&name.as_str()) && segments.len() > 1 {
                    let child = if segments[0] == "super" {
                        format!("{}::{}", parent_of(&module), segments[1])
                    } else if module.is_empty() {
                        segments[0].to_string()
                    } else {
                        format!("{module}::{}", segments[0])
                    };
                    if modules.contains_key(&child) {
                        return Some(child);
                    }
                }
            }
        }
    }
    Some(module)
}

fn related(a: &str, b: &str) -> bool {
    let within =
        |child: &str, parent: &str| parent.is_empty() || child.starts_with(&format!("{parent}::"));
    a == b || within(a, b) || within(b, a)
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &modules {
        let code = code_of(text);
        for path in named_paths(module, &code) {
            if let Some(target) = target_of(&path, &modules) {
                if !related(module, &target) {
                    edges.entry(module.clone()).or_default().insert(target);
                }
            }
        }
    }
    edges
}

/// A cycle through the graph, if any.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_module_graph_has_no_cycles() {
    let edges = graph();
    assert!(
        edges.values().map(BTreeSet::len).sum::<usize>() > 50,
        "the reader finds the imports: {edges:#?}"
    );
    assert_eq!(find_cycle(&edges), None, "{edges:#?}");
}

#[test]
fn the_model_and_the_charts_import_nothing_above_them() {
    for (module, targets) in graph() {
        for target in targets {
            if module.starts_with("model") {
                assert!(
                    target.starts_with("model"),
                    "{module} imports {target}: the model is pure"
                );
            }
            if module.starts_with("chart") {
                assert!(
                    !target.starts_with("components") && !target.starts_with("ssr"),
                    "{module} imports {target}"
                );
            }
        }
    }
}

#[test]
fn the_reader_sees_a_cycle_when_there_is_one() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_cycle(&edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let paths = named_paths("model::cost", "use super::params::{CostParams, Field};");
    assert_eq!(
        paths,
        [
            vec!["model", "params", "CostParams"],
            vec!["model", "params", "Field"]
        ]
    );
}
