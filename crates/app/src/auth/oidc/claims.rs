//! The claims of a verified ID token turned into a person: subject, email address and its
//! domain, display name, and the role from the mapped claim values.

use std::collections::BTreeMap;

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::Email;
use serde_json::Value;

use super::{OidcError, Rejection};

/// When several claim values map to roles, the first of these wins.
const ROLE_PRECEDENCE: [Role; 4] = [
    Role::Admin,
    Role::Leadership,
    Role::Council,
    Role::Ambassador,
];

/// The strings at a claim path: the claim itself if a top-level claim has this exact name
/// (names may contain dots), else a walk through nested objects. An array gives its strings,
/// a string gives itself.
pub fn claim_values(claims: &Value, path: &str) -> Vec<String> {
    let found = claims.get(path).or_else(|| {
        path.split('.')
            .try_fold(claims, |v, part| v.as_object()?.get(part))
    });
    match found {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The role for these claim values: the most privileged mapped one, else the default.
pub fn pick_role(
    values: &[String],
    mapping: &BTreeMap<String, Role>,
    default: Option<Role>,
) -> Option<Role> {
    let mapped: Vec<Role> = values
        .iter()
        .filter_map(|v| mapping.get(v).copied())
        .collect();
    ROLE_PRECEDENCE
        .into_iter()
        .find(|r| mapped.contains(r))
        .or(default)
}

/// The person's email address: `email` (Keycloak; skipped when the provider says it is not
/// verified), else `preferred_username` or `upn` when they are addresses (Entra ID).
pub fn email_from(claims: &Value) -> Option<Email> {
    let verified = claims.get("email_verified").and_then(Value::as_bool) != Some(false);
    let email = claims
        .get("email")
        .and_then(Value::as_str)
        .filter(|_| verified)
        .and_then(|e| Email::parse(e).ok());
    email.or_else(|| {
        ["preferred_username", "upn"]
            .iter()
            .filter_map(|k| claims.get(*k).and_then(Value::as_str))
            .find_map(|e| Email::parse(e).ok())
    })
}

/// Whether the address belongs to one of the domains.
pub fn domain_allowed(email: &Email, domains: &[String]) -> bool {
    email
        .as_str()
        .rsplit_once('@')
        .is_some_and(|(_, d)| domains.iter().any(|a| a == d))
}

/// The name to show: `name`, else given and family name, else the address's local part.
pub fn display_name(claims: &Value, email: &Email) -> String {
    let s = |k: &str| {
        claims
            .get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let name = s("name")
        .map(str::to_owned)
        .or_else(|| match (s("given_name"), s("family_name")) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (g, f) => g.or(f).map(str::to_owned),
        })
        .unwrap_or_else(|| {
            email
                .as_str()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned()
        });
    name.chars().take(200).collect()
}

/// The subject of a verified token.
pub fn subject(claims: &Value) -> Result<String, OidcError> {
    claims
        .get("sub")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or(OidcError::Rejected(Rejection::MissingClaim))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::oidc::parse_mapping;
    use serde_json::json;

    #[test]
    fn claim_values_follow_dotted_paths_and_accept_strings_and_arrays() {
        let c = json!({
            "groups": ["/Amtfluencer", 7],
            "realm_access": {"roles": ["amtfluencer-team", "offline_access"]},
            "roles": "Amtfluencer.Council",
            "https://example.org/claims.roles": ["x"]
        });
        assert_eq!(claim_values(&c, "groups"), vec!["/Amtfluencer"]);
        assert_eq!(
            claim_values(&c, "realm_access.roles"),
            vec!["amtfluencer-team", "offline_access"]
        );
        assert_eq!(claim_values(&c, "roles"), vec!["Amtfluencer.Council"]);
        assert_eq!(
            claim_values(&c, "https://example.org/claims.roles"),
            vec!["x"]
        );
        assert!(claim_values(&c, "realm_access.missing").is_empty());
    }

    #[test]
    fn the_most_privileged_mapped_role_wins_else_the_default() {
        let m = parse_mapping("team = admin\nall = ambassador\nrat = council").unwrap();
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(pick_role(&v(&["all", "team"]), &m, None), Some(Role::Admin));
        assert_eq!(
            pick_role(&v(&["all", "rat"]), &m, None),
            Some(Role::Council)
        );
        assert_eq!(
            pick_role(&v(&["other"]), &m, Some(Role::Ambassador)),
            Some(Role::Ambassador)
        );
        assert_eq!(pick_role(&v(&[]), &m, None), None);
    }

    #[test]
    fn the_email_comes_from_email_or_from_the_entra_username() {
        let kc = json!({"email": "Anna.Beispiel@Musterstadt.example", "preferred_username": "abeispiel"});
        assert_eq!(
            email_from(&kc).unwrap().as_str(),
            "anna.beispiel@musterstadt.example"
        );
        let entra = json!({"preferred_username": "anna@musterstadt.example", "upn": "x"});
        assert_eq!(
            email_from(&entra).unwrap().as_str(),
            "anna@musterstadt.example"
        );
        let unverified = json!({"email": "chef@musterstadt.example", "email_verified": false});
        assert!(email_from(&unverified).is_none());
        assert!(email_from(&json!({"preferred_username": "abeispiel"})).is_none());
        let e = Email::parse("a@musterstadt.example").unwrap();
        assert!(domain_allowed(&e, &["musterstadt.example".into()]));
        assert!(!domain_allowed(&e, &["stadt.example".into()]));
        let sub = Email::parse("a@x.musterstadt.example").unwrap();
        assert!(!domain_allowed(&sub, &["musterstadt.example".into()]));
    }

    #[test]
    fn display_names_fall_back_to_the_address() {
        let e = Email::parse("anna.beispiel@musterstadt.example").unwrap();
        assert_eq!(display_name(&json!({"name": "Anna B."}), &e), "Anna B.");
        assert_eq!(
            display_name(
                &json!({"given_name": "Anna", "family_name": "Beispiel"}),
                &e
            ),
            "Anna Beispiel"
        );
        assert_eq!(display_name(&json!({}), &e), "anna.beispiel");
    }
}
