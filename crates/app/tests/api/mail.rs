//! Tests of the mail area.
