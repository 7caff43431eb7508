//! Reading export files built in the tests (XLSX) or committed as fixtures (XLS, see
//! `tests/fixtures/README.md`). All data is fictional: the town is Stadt Musterstadt am Rhein.

mod build;
mod detect;
mod hostile;
mod member_analytics;
mod page_content;
mod page_followers;
mod shares;
