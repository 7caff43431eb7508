//! Whether a post may leave the tool: the photo's alt text, the consent of every person in the
//! photo (a guardian's for someone under 18), and, where the authority asks for it, a second
//! look at exactly the text that is published. One rule set for every way out: marking a post
//! published by hand, scheduling it, and the publish job at the minute it runs (a consent can
//! be withdrawn after the post was scheduled).

crate::text_enum! {
    /// Whether an authority asks for a second look before posts go out.
    pub enum ReviewPolicy {
        /// Authenticity first: nobody reads along (the default).
        Off = "off",
        /// Only posts on topics marked for review.
        Topics = "topics",
        /// Every post.
        All = "all",
    }
}

crate::text_enum! {
    /// Who a person in a photo is.
    pub enum PersonKind {
        Colleague = "colleague",
        Citizen = "citizen",
    }
}

crate::text_enum! {
    /// A step of the second look, as recorded.
    pub enum ReviewAction {
        /// The author asks for a second look.
        Requested = "requested",
        /// The author took the request back to keep writing.
        Withdrawn = "withdrawn",
        /// The reviewer asks for changes (with a comment).
        Changes = "changes",
        /// The reviewer approves this text.
        Approved = "approved",
    }
}

impl ReviewPolicy {
    /// Whether a post on a topic (marked for review or not) needs a second look.
    pub fn requires(self, topic_marked: bool) -> bool {
        match self {
            Self::Off => false,
            Self::Topics => topic_marked,
            Self::All => true,
        }
    }
}

/// One person in a photo and what is on record for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInPhoto {
    pub name: String,
    pub kind: PersonKind,
    /// Under 18: the consent is given by a guardian.
    pub minor: bool,
    /// The guardian who signed, for a minor.
    pub guardian: Option<String>,
    /// A signed consent is on record.
    pub consent_given: bool,
    /// The consent was withdrawn (this stops the photo for good).
    pub withdrawn: bool,
}

impl PersonInPhoto {
    /// A consent that counts: given, not withdrawn, and for a minor signed by a guardian.
    pub fn consent_valid(&self) -> bool {
        self.consent_given
            && !self.withdrawn
            && (!self.minor
                || self
                    .guardian
                    .as_deref()
                    .is_some_and(|g| !g.trim().is_empty()))
    }
}

/// The photo of a post as far as publishing is concerned.
#[derive(Debug, Clone, Default)]
pub struct PhotoFacts {
    pub alt_text: String,
    /// The answer to "Are people in the photo?"; `None` while unanswered.
    pub people_in_photo: Option<bool>,
    pub people: Vec<PersonInPhoto>,
}

/// The second look as it stands for the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewState {
    /// The authority does not ask for one.
    NotRequired,
    /// Required, and nothing was asked yet (or the request was taken back).
    NotRequested,
    /// Asked for, not answered yet.
    Pending,
    /// The reviewer asked for changes and the author has not asked again.
    ChangesRequested,
    /// Approved, but the text was changed afterwards.
    Outdated,
    /// Approved for exactly this text.
    Approved,
}

impl ReviewState {
    /// The state from the recorded steps (oldest first) and whether each approval was for the
    /// text as it is now.
    pub fn from_steps(required: bool, steps: &[(ReviewAction, bool)]) -> Self {
        let last = steps.last();
        let state = match last {
            None | Some((ReviewAction::Withdrawn, _)) => Self::NotRequested,
            Some((ReviewAction::Requested, _)) => Self::Pending,
            Some((ReviewAction::Changes, _)) => Self::ChangesRequested,
            Some((ReviewAction::Approved, true)) => Self::Approved,
            Some((ReviewAction::Approved, false)) => Self::Outdated,
        };
        if required { state } else { Self::NotRequired }
    }
}

/// Why a post cannot be published yet. Each says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    AltTextMissing,
    PeopleQuestionOpen,
    /// "Yes, people" but nobody is listed.
    NobodyListed,
    ConsentMissing(String),
    GuardianMissing(String),
    ConsentWithdrawn(String),
    ReviewNotRequested,
    ReviewPending,
    ReviewChangesRequested,
    ReviewOutdated,
}

impl Blocker {
    pub fn code(&self) -> &'static str {
        match self {
            Self::AltTextMissing => "alt_text_missing",
            Self::PeopleQuestionOpen => "people_question_open",
            Self::NobodyListed => "nobody_listed",
            Self::ConsentMissing(_) => "consent_missing",
            Self::GuardianMissing(_) => "guardian_missing",
            Self::ConsentWithdrawn(_) => "consent_withdrawn",
            Self::ReviewNotRequested => "review_not_requested",
            Self::ReviewPending => "review_pending",
            Self::ReviewChangesRequested => "review_changes_requested",
            Self::ReviewOutdated => "review_outdated",
        }
    }

    pub fn text_de(&self) -> String {
        match self {
            Self::AltTextMissing => {
                "Das Foto braucht einen Alternativtext, damit auch Menschen mit Screenreader \
                 wissen, was zu sehen ist."
                    .into()
            }
            Self::PeopleQuestionOpen => {
                "Bitte beantworten Sie beim Foto die Frage „Sind Personen auf dem Foto?“.".into()
            }
            Self::NobodyListed => {
                "Sie haben angegeben, dass Personen auf dem Foto sind: Bitte tragen Sie jede \
                 Person mit ihrer Einwilligung ein."
                    .into()
            }
            Self::ConsentMissing(n) => {
                format!("Für {n} liegt noch keine Einwilligung vor.")
            }
            Self::GuardianMissing(n) => format!(
                "{n} ist unter 18: Die Einwilligung muss eine erziehungsberechtigte Person \
                 geben. Bitte tragen Sie ihren Namen ein."
            ),
            Self::ConsentWithdrawn(n) => format!(
                "{n} hat die Einwilligung widerrufen. Das Foto darf nicht veröffentlicht \
                 werden: Bitte wählen Sie ein anderes Foto."
            ),
            Self::ReviewNotRequested => {
                "Ihre Behörde wünscht vor der Veröffentlichung einen zweiten Blick: Bitte \
                 bitten Sie um Freigabe."
                    .into()
            }
            Self::ReviewPending => {
                "Der zweite Blick steht noch aus. Sie erhalten die Rückmeldung hier im Studio."
                    .into()
            }
            Self::ReviewChangesRequested => {
                "Beim zweiten Blick wurden Änderungen erbeten: Bitte überarbeiten Sie den Text \
                 und bitten Sie erneut um Freigabe."
                    .into()
            }
            Self::ReviewOutdated => {
                "Der Text wurde nach der Freigabe geändert: Bitte bitten Sie erneut um Freigabe."
                    .into()
            }
        }
    }

    pub fn text_en(&self) -> String {
        match self {
            Self::AltTextMissing => {
                "The photo needs an alt text so that people using a screen reader know what it \
                 shows."
                    .into()
            }
            Self::PeopleQuestionOpen => {
                "Please answer the question \u{201c}Are people in the photo?\u{201d}.".into()
            }
            Self::NobodyListed => {
                "You said there are people in the photo: please list each person with their \
                 consent."
                    .into()
            }
            Self::ConsentMissing(n) => format!("There is no consent from {n} yet."),
            Self::GuardianMissing(n) => format!(
                "{n} is under 18: a guardian must give the consent. Please enter the \
                 guardian's name."
            ),
            Self::ConsentWithdrawn(n) => format!(
                "{n} withdrew their consent. The photo must not be published: please choose \
                 another photo."
            ),
            Self::ReviewNotRequested => {
                "Your authority asks for a second look before publishing: please ask for \
                 approval."
                    .into()
            }
            Self::ReviewPending => {
                "The second look is still pending. The answer will appear here in the studio."
                    .into()
            }
            Self::ReviewChangesRequested => {
                "Changes were asked for: please revise the text and ask for approval again.".into()
            }
            Self::ReviewOutdated => {
                "The text was changed after it was approved: please ask for approval again.".into()
            }
        }
    }
}

/// Everything that stops the post, in the order a person would fix it. Empty: it may go.
pub fn blockers(photo: Option<&PhotoFacts>, review: ReviewState) -> Vec<Blocker> {
    let mut out = Vec::new();
    if let Some(p) = photo {
        if p.alt_text.trim().is_empty() {
            out.push(Blocker::AltTextMissing);
        }
        match p.people_in_photo {
            None => out.push(Blocker::PeopleQuestionOpen),
            Some(false) => {}
            Some(true) => {
                if p.people.is_empty() {
                    out.push(Blocker::NobodyListed);
                }
                for person in &p.people {
                    let name = person.name.clone();
                    if person.withdrawn {
                        out.push(Blocker::ConsentWithdrawn(name));
                    } else if !person.consent_given {
                        out.push(Blocker::ConsentMissing(name));
                    } else if !person.consent_valid() {
                        out.push(Blocker::GuardianMissing(name));
                    }
                }
            }
        }
    }
    match review {
        ReviewState::NotRequired | ReviewState::Approved => {}
        ReviewState::NotRequested => out.push(Blocker::ReviewNotRequested),
        ReviewState::Pending => out.push(Blocker::ReviewPending),
        ReviewState::ChangesRequested => out.push(Blocker::ReviewChangesRequested),
        ReviewState::Outdated => out.push(Blocker::ReviewOutdated),
    }
    out
}

#[cfg(test)]
mod tests;
