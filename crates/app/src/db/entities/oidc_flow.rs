//! The `oidc_flow` entity (see the accounts migration).
