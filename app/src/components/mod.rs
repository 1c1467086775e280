//! UI building blocks shared by the pages.

pub mod answer;
pub mod catalog;
pub mod charts;
pub mod context;
pub mod editor;
pub mod fields;
pub mod input;
pub mod readiness;
pub mod workspace;
