pub mod home;
pub mod saved;
