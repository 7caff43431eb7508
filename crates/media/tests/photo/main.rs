//! The photo pipeline end to end, on pictures built in the tests.

mod formats;
mod images;
mod metadata;
mod refusals;
