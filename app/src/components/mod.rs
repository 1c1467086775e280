//! UI building blocks shared by the pages.

pub mod answer;
pub mod catalog;
pub mod charts;
pub mod editor;
pub mod format;
pub mod input;
pub mod readiness;
pub mod workspace;
