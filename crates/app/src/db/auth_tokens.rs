//! Invitation and password-reset tokens: single use, expiring, stored hashed.
