//! Sending mail: SMTP when configured, otherwise an outbox folder the operator can read.
