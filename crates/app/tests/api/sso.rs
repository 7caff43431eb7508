//! Tests of the sso area.
