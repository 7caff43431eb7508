//! An authority's single sign-on settings as typed on the form: issuer, email domains, role
//! claim and role mapping, each parsed and checked with a message key for the field.

use std::collections::BTreeMap;

use amtfluencer_domain::permissions::Role;

/// A problem with one field of the settings form: the field, a message key of the `sso`
/// catalogue and an optional argument of that message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub field: &'static str,
    pub key: &'static str,
    pub arg: Option<(&'static str, String)>,
}

impl SettingsError {
    fn new(field: &'static str, key: &'static str) -> Self {
        Self {
            field,
            key,
            arg: None,
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.arg = Some((name, value.into()));
        self
    }
}

/// The issuer: an https URL, or http for a provider on this machine (development, tests).
pub fn parse_issuer(input: &str) -> Result<String, SettingsError> {
    let text = input.trim();
    let err = |key| SettingsError::new("issuer", key);
    if text.is_empty() {
        return Err(err("sso-err-issuer-missing"));
    }
    let url = url::Url::parse(text).map_err(|_| err("sso-err-issuer-invalid"))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(err("sso-err-issuer-invalid"));
    }
    if !allowed_endpoint(&url) {
        return Err(err("sso-err-issuer-insecure"));
    }
    Ok(text.to_owned())
}

/// https anywhere; http only to this machine.
pub(super) fn allowed_endpoint(url: &url::Url) -> bool {
    match url.scheme() {
        "https" => url.host().is_some(),
        "http" => match url.host() {
            Some(url::Host::Domain(d)) => d == "localhost",
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
        _ => false,
    }
}

/// Email domains, one per line (a leading `@` is dropped); at least one.
pub fn parse_domains(input: &str) -> Result<Vec<String>, SettingsError> {
    let mut out: Vec<String> = Vec::new();
    for line in input.lines() {
        let d = line.trim().trim_start_matches('@').to_lowercase();
        if d.is_empty() {
            continue;
        }
        let valid = d.len() <= 253
            && d.contains('.')
            && !d.starts_with(['.', '-'])
            && !d.ends_with(['.', '-'])
            && !d.contains("..")
            && d.chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if !valid {
            return Err(
                SettingsError::new("allowed_domains", "sso-err-domain-invalid")
                    .with("domain", line.trim()),
            );
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        return Err(SettingsError::new(
            "allowed_domains",
            "sso-err-domains-missing",
        ));
    }
    Ok(out)
}

/// The claim that carries groups or roles: a name, or a dotted path into nested objects.
pub fn parse_role_claim(input: &str) -> Result<String, SettingsError> {
    let c = input.trim();
    if c.is_empty() {
        return Err(SettingsError::new("role_claim", "sso-err-claim-missing"));
    }
    if c.len() > 200 || c.contains(char::is_whitespace) || c.split('.').any(str::is_empty) {
        return Err(SettingsError::new("role_claim", "sso-err-claim-invalid"));
    }
    Ok(c.to_owned())
}

/// Lines `value = role`; empty lines and lines starting with `#` are skipped. The value is
/// everything before the last `=`, so group paths and object ids need no quoting.
pub fn parse_mapping(input: &str) -> Result<BTreeMap<String, Role>, SettingsError> {
    let mut out = BTreeMap::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = (i + 1).to_string();
        let err = |key| SettingsError::new("role_mapping", key).with("line", n.clone());
        let (value, role) = line
            .rsplit_once('=')
            .ok_or_else(|| err("sso-err-mapping-line"))?;
        let (value, role) = (value.trim(), role.trim());
        if value.is_empty() {
            return Err(err("sso-err-mapping-line"));
        }
        let role = member_role(role).ok_or_else(|| err("sso-err-mapping-role"))?;
        if out.insert(value.to_owned(), role).is_some() {
            return Err(err("sso-err-mapping-duplicate"));
        }
    }
    Ok(out)
}

/// A role a membership can hold, by its stored name (never the operator).
pub fn member_role(text: &str) -> Option<Role> {
    text.trim()
        .to_lowercase()
        .parse()
        .ok()
        .filter(|r| *r != Role::Operator)
}

/// The mapping as the form shows it.
pub fn mapping_text(mapping: &BTreeMap<String, Role>) -> String {
    mapping
        .iter()
        .map(|(v, r)| format!("{v} = {r}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_must_be_https_except_on_this_machine() {
        assert!(parse_issuer("https://login.example/realms/amt").is_ok());
        assert!(parse_issuer(" https://login.microsoftonline.com/abc/v2.0 ").is_ok());
        assert!(parse_issuer("http://127.0.0.1:8081/realms/x").is_ok());
        assert!(parse_issuer("http://localhost:8081").is_ok());
        let key = |s: &str| parse_issuer(s).unwrap_err().key;
        assert_eq!(
            key("http://login.example/realms/amt"),
            "sso-err-issuer-insecure"
        );
        assert_eq!(key("http://10.0.0.1/"), "sso-err-issuer-insecure");
        assert_eq!(key("ftp://login.example"), "sso-err-issuer-insecure");
        assert_eq!(key("login.example"), "sso-err-issuer-invalid");
        assert_eq!(key("https://login.example/?a=b"), "sso-err-issuer-invalid");
        assert_eq!(key(""), "sso-err-issuer-missing");
    }

    #[test]
    fn domains_are_one_per_line_lowercased_and_required() {
        assert_eq!(
            parse_domains(
                "Musterstadt.example\n\n@rathaus.musterstadt.example\nmusterstadt.example"
            )
            .unwrap(),
            vec!["musterstadt.example", "rathaus.musterstadt.example"]
        );
        assert_eq!(
            parse_domains(" \n").unwrap_err().key,
            "sso-err-domains-missing"
        );
        let e = parse_domains("musterstadt.example\nkein domain").unwrap_err();
        assert_eq!(e.key, "sso-err-domain-invalid");
        assert_eq!(e.arg, Some(("domain", "kein domain".to_owned())));
    }

    #[test]
    fn a_mapping_names_a_value_and_a_member_role_per_line() {
        let m = parse_mapping(
            "# Keycloak\namtfluencer-team = admin\n/Amtfluencer=ambassador\n\n\
             6f1c0a2e-1111-4b7e-9c55-2d0b3c4d5e6f = council\n",
        )
        .unwrap();
        assert_eq!(m.get("amtfluencer-team"), Some(&Role::Admin));
        assert_eq!(m.get("/Amtfluencer"), Some(&Role::Ambassador));
        assert_eq!(m.len(), 3);
        assert_eq!(parse_mapping(&mapping_text(&m)).unwrap(), m);
        let e = parse_mapping("a = admin\nb = operator").unwrap_err();
        assert_eq!(
            (e.key, e.arg),
            ("sso-err-mapping-role", Some(("line", "2".into())))
        );
        assert_eq!(
            parse_mapping("nur text").unwrap_err().key,
            "sso-err-mapping-line"
        );
        assert_eq!(
            parse_mapping("a = admin\na = council").unwrap_err().key,
            "sso-err-mapping-duplicate"
        );
        assert!(parse_mapping("").unwrap().is_empty());
    }
}
