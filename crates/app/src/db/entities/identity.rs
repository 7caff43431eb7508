//! The `identity` entity (see the accounts migration).
