//! The fields describing a candidate, shared by the team's nomination form and the
//! self-nomination form: what was typed, and its check into a new candidate.

use amtfluencer_domain::programme::Track;
use amtfluencer_domain::recruitment::{Gender, plausible_birth_year, staff_email_allowed};
use amtfluencer_domain::types::{Email, required_text};
use serde::Deserialize;

use super::{gender_label, this_year, track_label};
use crate::db::candidates::NewCandidate;
use crate::web::layout::PageCtx;

const NAME_MAX: usize = 80;
const TEXT_MAX: usize = 120;
const REASON_MAX: usize = 1000;

/// What was typed, kept as text so that a form with errors shows it again.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct PersonForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub department: String,
    pub job_title: String,
    pub track: String,
    pub birth_year: String,
    pub gender: String,
    pub reason: String,
    /// The self-nomination's agreement checkbox ("on" when ticked).
    pub agree: Option<String>,
}

pub type FieldErrors = Vec<(&'static str, String)>;

/// The message for one field, for the templates.
pub fn error_for<'a>(errors: &'a FieldErrors, field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

/// The choices of the form's selects, labelled in the page's language.
pub struct Choices {
    pub tracks: Vec<(&'static str, String)>,
    pub genders: Vec<(&'static str, String)>,
}

impl Choices {
    pub fn new(ctx: &PageCtx) -> Self {
        Self {
            tracks: Track::ALL
                .iter()
                .map(|t| (t.as_str(), track_label(ctx, t.as_str())))
                .collect(),
            genders: Gender::ALL
                .iter()
                .map(|g| (g.as_str(), gender_label(ctx, g.as_str())))
                .collect(),
        }
    }
}

/// A checked form: the candidate and the reason (or motivation) given.
pub struct Checked {
    pub candidate: NewCandidate,
    pub reason: String,
}

/// Checks the form; `staff_domains` (if any) restrict the email address to the authority's.
pub fn check(
    ctx: &PageCtx,
    f: &PersonForm,
    self_nominated: bool,
    staff_domains: &[String],
) -> Result<Checked, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut text = |field: &'static str, value: &str, max: usize| {
        required_text(value, max)
            .map_err(|_| {
                let msg = ctx.t1("recruitment-error-required", "max", &max.to_string());
                errors.push((field, msg));
            })
            .ok()
    };
    let first_name = text("first_name", &f.first_name, NAME_MAX);
    let last_name = text("last_name", &f.last_name, NAME_MAX);
    let department = text("department", &f.department, TEXT_MAX);
    let job_title = text("job_title", &f.job_title, TEXT_MAX);
    let reason = text("reason", &f.reason, REASON_MAX);
    let email = match Email::parse(&f.email) {
        Ok(e) if staff_email_allowed(&e, staff_domains) => Some(e),
        Ok(_) => {
            let domains = staff_domains.join(", ");
            let msg = ctx.t1("recruitment-error-email-domain", "domains", &domains);
            errors.push(("email", msg));
            None
        }
        Err(_) => {
            errors.push(("email", ctx.t("recruitment-error-email")));
            None
        }
    };
    let track = f.track.parse::<Track>().ok();
    if track.is_none() {
        errors.push(("track", ctx.t("recruitment-error-track")));
    }
    let birth_year = match f.birth_year.trim() {
        "" => Some(None),
        y => y
            .parse::<i32>()
            .ok()
            .filter(|y| plausible_birth_year(*y, this_year()))
            .map(Some),
    };
    if birth_year.is_none() {
        errors.push(("birth_year", ctx.t("recruitment-error-birth-year")));
    }
    let gender = match f.gender.trim() {
        "" => Some(None),
        g => g.parse::<Gender>().ok().map(Some),
    };
    if gender.is_none() {
        errors.push(("gender", ctx.t("recruitment-error-gender")));
    }
    if self_nominated && f.agree.is_none() {
        errors.push(("agree", ctx.t("recruitment-error-agree")));
    }
    match (
        first_name, last_name, email, department, job_title, track, birth_year, gender, reason,
    ) {
        (
            Some(first_name),
            Some(last_name),
            Some(email),
            Some(department),
            Some(job_title),
            Some(track),
            Some(birth_year),
            Some(gender),
            Some(reason),
        ) if errors.is_empty() => Ok(Checked {
            candidate: NewCandidate {
                first_name,
                last_name,
                email,
                department,
                job_title,
                track,
                gender,
                birth_year,
                self_nominated,
            },
            reason,
        }),
        _ => Err(errors),
    }
}
