//! The onboarding checklist of one person, derived from real records (consents, attendance,
//! the profile, the first post), never ticked by hand.

/// What the records say about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Participation consent given for the current text version and not withdrawn.
    pub consent_current: bool,
    /// The current guidelines version acknowledged.
    pub guidelines_current: bool,
    pub info_event_attended: bool,
    pub photo_workshop_attended: bool,
    pub text_workshop_attended: bool,
    /// LinkedIn profile URL present and checked by the team.
    pub profile_checked: bool,
    pub first_post_published: bool,
}

/// The steps in the order a person takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Consent,
    Guidelines,
    InfoEvent,
    PhotoWorkshop,
    TextWorkshop,
    Profile,
    FirstPost,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Consent,
        Step::Guidelines,
        Step::InfoEvent,
        Step::PhotoWorkshop,
        Step::TextWorkshop,
        Step::Profile,
        Step::FirstPost,
    ];

    /// The message-catalogue key naming the step.
    pub fn key(self) -> &'static str {
        match self {
            Step::Consent => "onboarding-consent",
            Step::Guidelines => "onboarding-guidelines",
            Step::InfoEvent => "onboarding-info-event",
            Step::PhotoWorkshop => "onboarding-photo-workshop",
            Step::TextWorkshop => "onboarding-text-workshop",
            Step::Profile => "onboarding-profile",
            Step::FirstPost => "onboarding-first-post",
        }
    }

    pub fn done(self, f: &Facts) -> bool {
        match self {
            Step::Consent => f.consent_current,
            Step::Guidelines => f.guidelines_current,
            Step::InfoEvent => f.info_event_attended,
            Step::PhotoWorkshop => f.photo_workshop_attended,
            Step::TextWorkshop => f.text_workshop_attended,
            Step::Profile => f.profile_checked,
            Step::FirstPost => f.first_post_published,
        }
    }
}

/// Each step with whether it is done.
pub fn checklist(f: &Facts) -> Vec<(Step, bool)> {
    Step::ALL.iter().map(|s| (*s, s.done(f))).collect()
}

/// "Your next step": the first step not done, or none when onboarding is complete.
pub fn next_step(f: &Facts) -> Option<Step> {
    Step::ALL.into_iter().find(|s| !s.done(f))
}

/// How many of the steps are done.
pub fn progress(f: &Facts) -> (usize, usize) {
    let done = Step::ALL.iter().filter(|s| s.done(f)).count();
    (done, Step::ALL.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_person_starts_with_the_consent() {
        assert_eq!(next_step(&Facts::default()), Some(Step::Consent));
        assert_eq!(progress(&Facts::default()), (0, 7));
    }

    #[test]
    fn the_next_step_is_the_first_one_missing_even_if_later_ones_are_done() {
        let f = Facts {
            consent_current: true,
            guidelines_current: true,
            text_workshop_attended: true,
            first_post_published: true,
            ..Facts::default()
        };
        assert_eq!(next_step(&f), Some(Step::InfoEvent));
        assert_eq!(progress(&f), (4, 7));
    }

    #[test]
    fn a_person_with_every_record_is_done() {
        let f = Facts {
            consent_current: true,
            guidelines_current: true,
            info_event_attended: true,
            photo_workshop_attended: true,
            text_workshop_attended: true,
            profile_checked: true,
            first_post_published: true,
        };
        assert_eq!(next_step(&f), None);
        assert!(checklist(&f).iter().all(|(_, done)| *done));
    }
}
