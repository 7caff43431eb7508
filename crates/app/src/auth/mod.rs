//! Signing in: password hashes, random tokens, database sessions and CSRF tokens.

pub mod oidc;
pub mod password;
pub mod throttle;
pub mod tokens;
