//! Who may see which figure. The staff council's conditions in code: per-person figures belong
//! to that person, the programme team sees them only with the person's consent, everyone else
//! sees aggregates of at least [`MIN_GROUP_SIZE`] people, and rankings of people exist only
//! when the authority switches them on and every listed person agreed.
//!
//! The app asks these functions before it queries: a per-person query needs a [`PersonAccess`],
//! which only [`PersonAccess::check`] hands out.

use crate::permissions::{Permission, Role, allows};

/// A breakdown (per topic, month, cohort, …) covering fewer people than this is not shown.
pub const MIN_GROUP_SIZE: usize = 5;

crate::text_enum! {
    /// The consents that concern figures (`consents.kind`).
    pub enum FigureConsent {
        /// The person shares their own figures with the programme team.
        FiguresToTeam = "figures_to_team",
        /// The person agrees to appear in a ranking, should the authority switch one on.
        Leaderboard = "leaderboard",
    }
}

/// Who is looking: the role in the authority and, for an Amtfluencer, their own person id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub role: Role,
    pub ambassador_id: Option<i64>,
}

/// Whose figures are asked for, with their current consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub ambassador_id: i64,
    /// An unwithdrawn `figures_to_team` consent.
    pub shares_with_team: bool,
}

/// Proof that a viewer may see one person's figures. Per-person queries take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonAccess {
    ambassador_id: i64,
    own: bool,
}

impl PersonAccess {
    /// The person themselves always; the programme team only with the person's consent;
    /// leadership, the council and everyone else never.
    pub fn check(viewer: &Viewer, subject: &Subject) -> Option<Self> {
        let own = viewer.ambassador_id == Some(subject.ambassador_id)
            && allows(viewer.role, Permission::ViewOwnFigures);
        let team = viewer.role == Role::Admin && subject.shares_with_team;
        (own || team).then_some(Self {
            ambassador_id: subject.ambassador_id,
            own,
        })
    }

    pub fn ambassador_id(&self) -> i64 {
        self.ambassador_id
    }

    /// Whether the viewer looks at their own figures (and may see their trend nudges).
    pub fn is_own(&self) -> bool {
        self.own
    }
}

/// Aggregates over the programme: the team, leadership and the council.
pub fn may_see_aggregates(role: Role) -> bool {
    allows(role, Permission::ViewAggregates)
}

/// The list of who has not posted yet (names, no figures) is for the team, to offer help.
pub fn may_see_participation(role: Role) -> bool {
    allows(role, Permission::ManageProgramme)
}

/// Proof that a viewer may see programme aggregates. Aggregate queries take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AggregateAccess(());

impl AggregateAccess {
    pub fn check(role: Role) -> Option<Self> {
        may_see_aggregates(role).then_some(Self(()))
    }
}

/// Proof that a viewer may see who has not posted yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParticipationAccess(());

impl ParticipationAccess {
    pub fn check(role: Role) -> Option<Self> {
        may_see_participation(role).then_some(Self(()))
    }
}

/// A figure of a group, or the note that the group is too small to show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown<T> {
    Value(T),
    /// Fewer than [`MIN_GROUP_SIZE`] people; only the number of people is said.
    Suppressed {
        people: usize,
    },
}

impl<T> Shown<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Self::Value(v) => Some(v),
            Self::Suppressed { .. } => None,
        }
    }

    pub fn is_suppressed(&self) -> bool {
        matches!(self, Self::Suppressed { .. })
    }
}

/// Shows `value` only when the group has at least [`MIN_GROUP_SIZE`] people. A group of nobody
/// has nothing to hide, and nothing to show either: it stays suppressed.
pub fn gate<T>(people: usize, value: T) -> Shown<T> {
    if people >= MIN_GROUP_SIZE {
        Shown::Value(value)
    } else {
        Shown::Suppressed { people }
    }
}

/// A ranking of people exists only when the authority switched it on, at least
/// [`MIN_GROUP_SIZE`] people would be listed, and every one of them agreed to be listed.
pub fn leaderboard_allowed(switched_on: bool, listed_consents: &[bool]) -> bool {
    switched_on && listed_consents.len() >= MIN_GROUP_SIZE && listed_consents.iter().all(|c| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, me: Option<i64>) -> Viewer {
        Viewer {
            role,
            ambassador_id: me,
        }
    }

    const SHY: Subject = Subject {
        ambassador_id: 7,
        shares_with_team: false,
    };
    const OPEN: Subject = Subject {
        ambassador_id: 8,
        shares_with_team: true,
    };

    #[test]
    fn a_person_always_sees_their_own_figures() {
        let me = viewer(Role::Ambassador, Some(7));
        let access = PersonAccess::check(&me, &SHY).unwrap();
        assert_eq!(access.ambassador_id(), 7);
        assert!(access.is_own());
    }

    #[test]
    fn an_ambassador_never_sees_a_colleagues_figures_even_with_consent() {
        let me = viewer(Role::Ambassador, Some(7));
        assert_eq!(PersonAccess::check(&me, &OPEN), None);
    }

    #[test]
    fn the_team_sees_a_persons_figures_only_with_consent() {
        let team = viewer(Role::Admin, None);
        assert_eq!(PersonAccess::check(&team, &SHY), None);
        let access = PersonAccess::check(&team, &OPEN).unwrap();
        assert!(!access.is_own());
    }

    #[test]
    fn leadership_and_council_never_see_per_person_figures() {
        for role in [Role::Leadership, Role::Council, Role::Operator] {
            assert_eq!(
                PersonAccess::check(&viewer(role, None), &OPEN),
                None,
                "{role}"
            );
            assert_eq!(
                PersonAccess::check(&viewer(role, Some(8)), &OPEN),
                None,
                "{role}"
            );
        }
    }

    #[test]
    fn team_leadership_and_council_see_aggregates_but_ambassadors_do_not() {
        assert!(may_see_aggregates(Role::Admin));
        assert!(may_see_aggregates(Role::Leadership));
        assert!(may_see_aggregates(Role::Council));
        assert!(!may_see_aggregates(Role::Ambassador));
        assert!(!may_see_aggregates(Role::Operator));
        assert!(AggregateAccess::check(Role::Council).is_some());
        assert!(AggregateAccess::check(Role::Ambassador).is_none());
    }

    #[test]
    fn only_the_team_sees_who_has_not_posted_yet() {
        assert!(may_see_participation(Role::Admin));
        for role in [Role::Ambassador, Role::Leadership, Role::Council] {
            assert!(!may_see_participation(role), "{role}");
            assert!(ParticipationAccess::check(role).is_none(), "{role}");
        }
    }

    #[test]
    fn a_group_of_four_people_is_suppressed_and_five_are_shown() {
        assert_eq!(gate(4, 1234), Shown::Suppressed { people: 4 });
        assert_eq!(gate(5, 1234), Shown::Value(1234));
        assert!(gate(0, ()).is_suppressed());
        assert_eq!(gate(9, 3).value(), Some(&3));
    }

    #[test]
    fn there_is_no_leaderboard_unless_switched_on_and_everyone_listed_agreed() {
        let all_agree = [true; 6];
        assert!(!leaderboard_allowed(false, &all_agree));
        assert!(leaderboard_allowed(true, &all_agree));
        assert!(!leaderboard_allowed(
            true,
            &[true, true, true, true, true, false]
        ));
        assert!(!leaderboard_allowed(true, &[true; 3]), "too few to list");
    }

    #[test]
    fn consent_kinds_are_stored_as_text() {
        assert_eq!(FigureConsent::FiguresToTeam.as_str(), "figures_to_team");
        assert_eq!(
            "leaderboard".parse::<FigureConsent>(),
            Ok(FigureConsent::Leaderboard)
        );
    }
}
