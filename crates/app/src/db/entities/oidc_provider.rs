//! The `oidc_provider` entity (see the accounts migration).
