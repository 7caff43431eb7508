//! Addresses of posts as people copy them from the browser or the app, read back into the
//! network's id: for the studio's "Ich habe es gepostet" and for a post whose fate was unknown.

use amtfluencer_channels::MastodonInstance;
use amtfluencer_imports::PostKey;

/// A LinkedIn post address (or URN); `None` for anything else, addresses of other hosts and
/// plain `http` included.
pub fn linkedin_post(text: &str) -> Option<PostKey> {
    let t = text.trim();
    if !t.starts_with("urn:li:") {
        let u = url::Url::parse(t).ok()?;
        let host = u.host_str()?;
        let linkedin = host == "linkedin.com" || host.ends_with(".linkedin.com");
        if u.scheme() != "https" || !linkedin {
            return None;
        }
    }
    PostKey::parse(t)
}

/// A status on a Mastodon instance: its id there and its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MastodonStatus {
    pub id: String,
    pub url: String,
}

/// The address of a status on `instance` (the connected one): `https://host/@name/123` as the
/// web shows it, or `https://host/users/name/statuses/123` as the status's `uri`. A status of
/// another instance, a profile or any other page is `None`.
pub fn mastodon_status(text: &str, instance: &MastodonInstance) -> Option<MastodonStatus> {
    let u = url::Url::parse(text.trim()).ok()?;
    // The instance is https (plain http only for this machine), so the same origin is too.
    if u.origin() != instance.url().origin() {
        return None;
    }
    let segments: Vec<&str> = u.path().trim_end_matches('/').split('/').skip(1).collect();
    let id = match segments.as_slice() {
        [account, id] if account.len() > 1 && account.starts_with('@') => *id,
        ["users", name, "statuses", id] if !name.is_empty() => *id,
        _ => return None,
    };
    let numeric = !id.is_empty() && id.len() <= 24 && id.bytes().all(|b| b.is_ascii_digit());
    if !numeric {
        return None;
    }
    let mut clean = u.clone();
    clean.set_query(None);
    clean.set_fragment(None);
    Some(MastodonStatus {
        id: id.to_owned(),
        url: clean.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_linkedin_post_addresses_are_accepted() {
        let k = linkedin_post(
            "https://www.linkedin.com/feed/update/urn:li:activity:7260000000000000000/",
        )
        .unwrap();
        assert_eq!(k.urn(), "urn:li:activity:7260000000000000000");
        assert!(linkedin_post("https://www.linkedin.com/posts/katharina-brenner_bauamt-activity-7260000000000000000-AbCd").is_some());
        assert!(
            linkedin_post("https://evil.example/feed/update/urn:li:activity:7260000000000000000/")
                .is_none()
        );
        assert!(
            linkedin_post(
                "http://www.linkedin.com/feed/update/urn:li:activity:7260000000000000000/"
            )
            .is_none()
        );
        assert!(linkedin_post("https://www.linkedin.com/in/katharina-brenner").is_none());
        assert!(linkedin_post("gepostet!").is_none());
    }

    fn bund() -> MastodonInstance {
        MastodonInstance::parse("social.bund.de").unwrap()
    }

    #[test]
    fn a_status_address_of_the_connected_instance_gives_its_id() {
        let s = mastodon_status(
            " https://social.bund.de/@stadt/113312345678901234?x=1 ",
            &bund(),
        )
        .unwrap();
        assert_eq!(s.id, "113312345678901234");
        assert_eq!(s.url, "https://social.bund.de/@stadt/113312345678901234");
        let s = mastodon_status(
            "https://social.bund.de/users/stadt/statuses/113312345678901234",
            &bund(),
        )
        .unwrap();
        assert_eq!(s.id, "113312345678901234");
    }

    #[test]
    fn other_instances_profiles_and_plain_http_are_no_status_of_ours() {
        for text in [
            "https://mastodon.social/@stadt/113312345678901234",
            "http://social.bund.de/@stadt/113312345678901234",
            "https://social.bund.de/@stadt",
            "https://social.bund.de/@stadt/media",
            "https://social.bund.de/@/113312345678901234",
            "https://social.bund.de/about/113312345678901234",
            "113312345678901234",
        ] {
            assert!(mastodon_status(text, &bund()).is_none(), "{text}");
        }
    }
}
