use super::*;

const ACTIVITY: u64 = 7_123_456_789_012_345_678;

fn key(kind: PostIdKind, id: u64) -> Option<PostKey> {
    Some(PostKey { kind, id })
}

#[test]
fn every_form_of_an_activity_link_gives_the_same_key() {
    let want = key(PostIdKind::Activity, ACTIVITY);
    for form in [
        "urn:li:activity:7123456789012345678",
        "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/",
        "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678",
        "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7123456789012345678",
        "http://linkedin.com/feed/update/urn:li:activity:7123456789012345678/?utm_source=share",
        "https://www.linkedin.com/posts/jana-beispiel-4a1b2c_kita-rheinpromenade-activity-7123456789012345678-AbCd?utm_source=share&utm_medium=member_desktop",
        "https://de.linkedin.com/posts/stadt-musterstadt_bauen-activity-7123456789012345678-x9Yz/",
        "  URN:LI:ACTIVITY:7123456789012345678  ",
    ] {
        assert_eq!(PostKey::parse(form), want, "{form}");
    }
}

#[test]
fn share_and_ugc_post_keys_keep_their_kind() {
    assert_eq!(
        PostKey::parse(
            "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567"
        ),
        key(PostIdKind::Share, 7_012_345_678_901_234_567)
    );
    assert_eq!(
        PostKey::parse("urn:li:ugcPost:7012345678901234567"),
        key(PostIdKind::UgcPost, 7_012_345_678_901_234_567)
    );
    assert_eq!(
        PostKey::parse("https://www.linkedin.com/posts/jana_text-ugcPost-7012345678901234567-Qw3e"),
        key(PostIdKind::UgcPost, 7_012_345_678_901_234_567)
    );
}

#[test]
fn links_that_name_no_post_give_no_key() {
    for other in [
        "",
        "https://lnkd.in/eXaMpLe",
        "https://www.linkedin.com/company/stadt-musterstadt/",
        "https://www.linkedin.com/posts/jana_share-2-tipps-activity-12-x",
        "urn:li:person:782bbtaQ",
        "urn:li:activity:",
        "7123456789012345678",
        "%%%",
    ] {
        assert_eq!(PostKey::parse(other), None, "{other}");
    }
}

#[test]
fn a_key_prints_as_its_urn_and_round_trips_through_serde_text() {
    let k = PostKey {
        kind: PostIdKind::UgcPost,
        id: 42_000_000_000,
    };
    assert_eq!(k.to_string(), "urn:li:ugcPost:42000000000");
    assert_eq!(
        k.url(),
        "https://www.linkedin.com/feed/update/urn:li:ugcPost:42000000000/"
    );
    assert_eq!("urn:li:ugcPost:42000000000".parse::<PostKey>(), Ok(k));
    assert!("kein Link".parse::<PostKey>().is_err());
}

#[test]
fn the_id_carries_its_creation_time() {
    // 2023-10-24 in the upper 41 bits.
    let ms: u64 = 1_698_148_800_000;
    let k = PostKey {
        kind: PostIdKind::Activity,
        id: (ms << 22) | 12345,
    };
    assert_eq!(
        k.created_at().map(|t| t.timestamp_millis()),
        Some(1_698_148_800_000)
    );
    assert_eq!(
        PostKey {
            kind: PostIdKind::Share,
            id: 12
        }
        .created_at(),
        None
    );
}

#[test]
fn ids_of_different_kinds_created_seconds_apart_are_probably_the_same_post() {
    let ms: u64 = 1_698_148_800_000;
    let activity = PostKey {
        kind: PostIdKind::Activity,
        id: (ms << 22) | 1,
    };
    let share = PostKey {
        kind: PostIdKind::Share,
        id: ((ms + 900) << 22) | 7,
    };
    let later = PostKey {
        kind: PostIdKind::Share,
        id: ((ms + 3_600_000) << 22) | 7,
    };
    assert!(activity.is_probably_same(&share));
    assert!(!activity.is_probably_same(&later));
    assert!(!activity.is_probably_same(&activity));
    assert!(activity.is_same(&activity));
}
