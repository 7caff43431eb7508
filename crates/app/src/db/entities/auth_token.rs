//! The `auth_token` entity (see the accounts migration).
