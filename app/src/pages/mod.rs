pub mod compare;
pub mod home;
pub mod saved;
