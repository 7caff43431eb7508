use super::*;

fn person(name: &str) -> PersonInPhoto {
    PersonInPhoto {
        name: name.into(),
        kind: PersonKind::Colleague,
        minor: false,
        guardian: None,
        consent_given: true,
        withdrawn: false,
    }
}

fn photo(people: Option<bool>, list: Vec<PersonInPhoto>) -> PhotoFacts {
    PhotoFacts {
        alt_text: "Zwei Kolleginnen am Bauzaun".into(),
        people_in_photo: people,
        people: list,
    }
}

#[test]
fn a_text_post_without_review_may_go() {
    assert!(blockers(None, ReviewState::NotRequired).is_empty());
}

#[test]
fn the_people_question_must_be_answered() {
    let p = photo(None, vec![]);
    assert_eq!(
        blockers(Some(&p), ReviewState::NotRequired),
        [Blocker::PeopleQuestionOpen]
    );
    let p = photo(Some(false), vec![]);
    assert!(blockers(Some(&p), ReviewState::NotRequired).is_empty());
    let p = photo(Some(true), vec![]);
    assert_eq!(
        blockers(Some(&p), ReviewState::NotRequired),
        [Blocker::NobodyListed]
    );
}

#[test]
fn every_person_needs_a_valid_consent() {
    let mut missing = person("Jonas Berger");
    missing.consent_given = false;
    let mut withdrawn = person("Aylin Demir");
    withdrawn.withdrawn = true;
    let mut minor = person("Lena Vogt");
    minor.minor = true;
    let mut p = photo(
        Some(true),
        vec![person("Katharina Brenner"), missing, withdrawn, minor],
    );
    p.alt_text = "  ".into();
    assert_eq!(
        blockers(Some(&p), ReviewState::NotRequired),
        [
            Blocker::AltTextMissing,
            Blocker::ConsentMissing("Jonas Berger".into()),
            Blocker::ConsentWithdrawn("Aylin Demir".into()),
            Blocker::GuardianMissing("Lena Vogt".into()),
        ]
    );
    p.people[3].guardian = Some("Petra Vogt".into());
    assert!(p.people[3].consent_valid());
}

#[test]
fn a_withdrawn_consent_stays_withdrawn_even_if_given_before() {
    let mut p = person("Aylin Demir");
    p.withdrawn = true;
    assert!(!p.consent_valid());
}

#[test]
fn review_follows_the_policy_and_the_last_step() {
    assert!(!ReviewPolicy::Off.requires(true));
    assert!(ReviewPolicy::Topics.requires(true));
    assert!(!ReviewPolicy::Topics.requires(false));
    assert!(ReviewPolicy::All.requires(false));
    use ReviewAction::*;
    let s = |steps: &[(ReviewAction, bool)]| ReviewState::from_steps(true, steps);
    assert_eq!(s(&[]), ReviewState::NotRequested);
    assert_eq!(s(&[(Requested, false)]), ReviewState::Pending);
    assert_eq!(
        s(&[(Requested, false), (Changes, false)]),
        ReviewState::ChangesRequested
    );
    assert_eq!(
        s(&[(Requested, false), (Approved, true)]),
        ReviewState::Approved
    );
    assert_eq!(
        s(&[(Requested, false), (Approved, false)]),
        ReviewState::Outdated
    );
    assert_eq!(
        s(&[(Requested, false), (Withdrawn, false)]),
        ReviewState::NotRequested
    );
    assert_eq!(
        ReviewState::from_steps(false, &[(Requested, false)]),
        ReviewState::NotRequired
    );
    assert_eq!(
        blockers(None, ReviewState::Outdated),
        [Blocker::ReviewOutdated]
    );
    assert!(blockers(None, ReviewState::Approved).is_empty());
}

#[test]
fn every_blocker_reads_in_both_languages() {
    let all = [
        Blocker::AltTextMissing,
        Blocker::PeopleQuestionOpen,
        Blocker::NobodyListed,
        Blocker::ConsentMissing("A".into()),
        Blocker::GuardianMissing("A".into()),
        Blocker::ConsentWithdrawn("A".into()),
        Blocker::ReviewNotRequested,
        Blocker::ReviewPending,
        Blocker::ReviewChangesRequested,
        Blocker::ReviewOutdated,
    ];
    let codes: std::collections::HashSet<_> = all.iter().map(Blocker::code).collect();
    assert_eq!(codes.len(), all.len());
    for b in &all {
        assert!(b.text_de().len() > 20 && b.text_en().len() > 20, "{b:?}");
    }
}
