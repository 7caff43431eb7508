//! The lifecycles of the programme: people, cohorts, candidates and posts, with the
//! transitions each allows.

crate::text_enum! {
    /// The career path a participant is on; apprentices may be minors.
    pub enum Track {
        Employee = "employee",
        Apprentice = "apprentice",
        WorkingStudent = "working_student",
    }
}

crate::text_enum! {
    pub enum AmbassadorStatus {
        Candidate = "candidate",
        Onboarding = "onboarding",
        Active = "active",
        Paused = "paused",
        Alumni = "alumni",
    }
}

impl AmbassadorStatus {
    /// candidate → onboarding → active ⇄ paused → alumni; anyone may leave to alumni.
    pub fn can_become(self, next: AmbassadorStatus) -> bool {
        use AmbassadorStatus::*;
        matches!(
            (self, next),
            (Candidate, Onboarding)
                | (Onboarding, Active)
                | (Active, Paused)
                | (Paused, Active)
                | (Candidate | Onboarding | Active | Paused, Alumni)
        )
    }
}

crate::text_enum! {
    pub enum CohortStatus {
        Planned = "planned",
        Running = "running",
        Evaluating = "evaluating",
        Closed = "closed",
    }
}

impl CohortStatus {
    pub fn can_become(self, next: CohortStatus) -> bool {
        use CohortStatus::*;
        matches!(
            (self, next),
            (Planned, Running) | (Running, Evaluating) | (Evaluating, Closed)
        )
    }

    /// The team hands the evaluation to leadership once, while the cohort is being evaluated.
    pub fn can_submit_evaluation(self, already_submitted: bool) -> bool {
        self == CohortStatus::Evaluating && !already_submitted
    }
}

/// Leadership decides on the continuation once, and only on an evaluation it was given.
pub fn can_decide_cohort(evaluation_submitted: bool, already_decided: bool) -> bool {
    evaluation_submitted && !already_decided
}

crate::text_enum! {
    pub enum CohortDecision {
        Approved = "approved",
        Declined = "declined",
    }
}

crate::text_enum! {
    pub enum CandidateStatus {
        Interested = "interested",
        Invited = "invited",
        Attended = "attended",
        Applied = "applied",
        Selected = "selected",
        Declined = "declined",
    }
}

impl CandidateStatus {
    /// interested → invited (to the info event) → attended → applied → selected; anyone still
    /// open may decline (or be declined). Selected and declined are final.
    pub fn can_become(self, next: CandidateStatus) -> bool {
        use CandidateStatus::*;
        matches!(
            (self, next),
            (Interested, Invited)
                | (Invited, Attended)
                | (Attended, Applied)
                | (Applied, Selected)
                | (Interested | Invited | Attended | Applied, Declined)
        )
    }

    /// Still on the way: neither selected nor declined.
    pub fn is_open(self) -> bool {
        !matches!(self, CandidateStatus::Selected | CandidateStatus::Declined)
    }
}

crate::text_enum! {
    pub enum PostStatus {
        Idea = "idea",
        Draft = "draft",
        InReview = "in_review",
        Scheduled = "scheduled",
        Published = "published",
        Failed = "failed",
    }
}

impl PostStatus {
    /// idea → draft → in review → scheduled → published / failed; a failed or reviewed post
    /// goes back to draft, a scheduled one may be taken back.
    pub fn can_become(self, next: PostStatus) -> bool {
        use PostStatus::*;
        matches!(
            (self, next),
            (Idea, Draft)
                | (Draft, InReview)
                | (Draft, Scheduled)
                | (InReview, Draft)
                | (InReview, Scheduled)
                | (Scheduled, Draft)
                | (Scheduled, Published)
                | (Scheduled, Failed)
                | (Failed, Draft)
                | (Failed, Scheduled)
        )
    }
}

crate::text_enum! {
    pub enum Channel {
        LinkedIn = "linkedin",
        Mastodon = "mastodon",
    }
}

crate::text_enum! {
    pub enum EventKind {
        InfoEvent = "info_event",
        KickoffPhoto = "kickoff_photo",
        KickoffText = "kickoff_text",
        Webinar = "webinar",
        NetworkMeeting = "network_meeting",
    }
}

crate::text_enum! {
    /// The answer to an invitation; no answer yet is stored as nothing.
    pub enum Rsvp {
        Yes = "yes",
        No = "no",
    }
}

crate::text_enum! {
    pub enum ConsentKind {
        /// Taking part in the programme and the processing of one's data for it.
        Participation = "participation",
        /// The social-media guidelines were read and acknowledged.
        Guidelines = "guidelines",
        /// Per-person figures may be shown to the programme team.
        FiguresToTeam = "figures_to_team",
        /// A public profile on the authority's Amtfluencer page.
        PublicProfile = "public_profile",
        /// Photos showing this person may be used.
        Photos = "photos",
    }
}

crate::text_enum! {
    pub enum CostCategory {
        Training = "training",
        Photography = "photography",
        Material = "material",
        Software = "software",
        Catering = "catering",
        Other = "other",
    }
}

/// Whether someone born in `birth_year` may be a minor in `year` (consents then need a
/// guardian). Without a birth year nobody is flagged; with one we err on the side of caution.
pub fn may_be_minor(birth_year: Option<i32>, year: i32) -> bool {
    birth_year.is_some_and(|b| year - b <= 18)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paused_ambassador_can_come_back() {
        assert!(AmbassadorStatus::Active.can_become(AmbassadorStatus::Paused));
        assert!(AmbassadorStatus::Paused.can_become(AmbassadorStatus::Active));
    }

    #[test]
    fn an_alumna_does_not_silently_become_active_again() {
        assert!(!AmbassadorStatus::Alumni.can_become(AmbassadorStatus::Active));
    }

    #[test]
    fn a_published_post_cannot_be_scheduled_again() {
        assert!(!PostStatus::Published.can_become(PostStatus::Scheduled));
        assert!(PostStatus::Failed.can_become(PostStatus::Scheduled));
    }

    #[test]
    fn a_cohort_moves_forward_only() {
        assert!(CohortStatus::Running.can_become(CohortStatus::Evaluating));
        assert!(!CohortStatus::Closed.can_become(CohortStatus::Running));
    }

    #[test]
    fn a_candidate_moves_along_the_pipeline_one_step_at_a_time() {
        use CandidateStatus::*;
        for (from, to) in [
            (Interested, Invited),
            (Invited, Attended),
            (Attended, Applied),
            (Applied, Selected),
        ] {
            assert!(from.can_become(to), "{from} → {to}");
        }
        assert!(
            !Interested.can_become(Applied),
            "no skipping the info event"
        );
        assert!(!Invited.can_become(Selected));
        assert!(!Applied.can_become(Interested), "no way back");
        assert!(!Interested.can_become(Interested));
    }

    #[test]
    fn a_candidate_may_decline_from_any_open_status_and_final_ones_stay() {
        use CandidateStatus::*;
        for s in [Interested, Invited, Attended, Applied] {
            assert!(s.is_open());
            assert!(s.can_become(Declined), "{s}");
        }
        for s in [Selected, Declined] {
            assert!(!s.is_open());
            for next in CandidateStatus::ALL {
                assert!(!s.can_become(*next), "{s} → {next}");
            }
        }
    }

    #[test]
    fn an_evaluation_is_submitted_once_and_only_while_evaluating() {
        assert!(CohortStatus::Evaluating.can_submit_evaluation(false));
        assert!(!CohortStatus::Evaluating.can_submit_evaluation(true));
        assert!(!CohortStatus::Running.can_submit_evaluation(false));
    }

    #[test]
    fn leadership_decides_once_on_a_submitted_evaluation() {
        assert!(can_decide_cohort(true, false));
        assert!(!can_decide_cohort(false, false));
        assert!(!can_decide_cohort(true, true));
    }

    #[test]
    fn an_apprentice_born_2009_may_be_a_minor_in_2026() {
        assert!(may_be_minor(Some(2009), 2026));
        assert!(!may_be_minor(Some(2000), 2026));
        assert!(!may_be_minor(None, 2026));
    }
}
