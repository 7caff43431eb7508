//! Tests of the configuration layering and its error messages.
use super::*;
use std::collections::HashMap;

fn load(o: &Overrides, vars: &[(&str, &str)]) -> anyhow::Result<Config> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::load(o, &|k| map.get(k).cloned())
}

#[test]
fn defaults_apply_without_any_source() {
    let c = load(&Overrides::default(), &[]).unwrap();
    assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
    assert_eq!(c.bind.to_string(), DEFAULT_BIND);
    assert!(c.worker);
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:1000\"\nworker = false\n").unwrap();
    let mut o = Overrides {
        config_file: Some(file),
        ..Default::default()
    };
    let c = load(&o, &[("AMTFLUENCER_BIND", "127.0.0.1:2000")]).unwrap();
    assert_eq!(c.bind.port(), 2000);
    assert!(!c.worker, "the file sets worker = false");
    o.bind = Some("127.0.0.1:3000".into());
    let c = load(&o, &[("AMTFLUENCER_BIND", "127.0.0.1:2000")]).unwrap();
    assert_eq!(c.bind.port(), 3000);
}

#[test]
fn plain_database_url_is_honoured_below_the_prefixed_one() {
    let o = Overrides::default();
    let c = load(&o, &[("DATABASE_URL", "postgres://db/a")]).unwrap();
    assert_eq!(c.database_url, "postgres://db/a");
    let c = load(
        &o,
        &[
            ("DATABASE_URL", "postgres://db/a"),
            ("AMTFLUENCER_DATABASE_URL", "postgres://db/b"),
        ],
    )
    .unwrap();
    assert_eq!(c.database_url, "postgres://db/b");
}

#[test]
fn a_password_in_the_database_url_is_never_shown() {
    let o = Overrides {
        database_url: Some("postgres://amt:geheim@db.example/amt".into()),
        ..Default::default()
    };
    let c = load(&o, &[]).unwrap();
    let shown = format!("{c} {c:?}");
    assert!(!shown.contains("geheim"), "{shown}");
    assert!(shown.contains("amt:***@db.example"), "{shown}");
    assert_eq!(mask_url("postgres://u:p w@h/x"), "postgres://u:***@h/x");
}

#[test]
fn bad_values_are_named_in_one_line() {
    let o = Overrides {
        database_url: Some("mysql://u:secret@h/x".into()),
        ..Default::default()
    };
    let e = load(&o, &[]).unwrap_err().to_string();
    assert!(e.contains("not supported") && !e.contains("secret"), "{e}");
    let o = Overrides {
        bind: Some("localhost".into()),
        ..Default::default()
    };
    assert!(load(&o, &[]).unwrap_err().to_string().contains("IP:PORT"));
    let o = Overrides::default();
    let e = load(&o, &[("AMTFLUENCER_WORKER", "vielleicht")]).unwrap_err();
    assert!(e.to_string().contains("AMTFLUENCER_WORKER"));
}

#[test]
fn the_secret_key_and_smtp_password_are_never_shown() {
    let key = "ab".repeat(32);
    let c = load(
        &Overrides::default(),
        &[
            ("AMTFLUENCER_SECRET_KEY", key.as_str()),
            (
                "AMTFLUENCER_SMTP_URL",
                "smtps://amt:postgeheim@mail.example:465",
            ),
        ],
    )
    .unwrap();
    assert_eq!(c.secret_key, Some([0xab; 32]));
    let shown = c.to_string();
    assert!(
        !shown.contains(&key) && !shown.contains("postgeheim"),
        "{shown}"
    );
    let e = load(&Overrides::default(), &[("AMTFLUENCER_SECRET_KEY", "kurz")]).unwrap_err();
    assert!(e.to_string().contains("64 hex digits"));
    let e = load(
        &Overrides::default(),
        &[("AMTFLUENCER_SMTP_URL", "http://x")],
    )
    .unwrap_err();
    assert!(e.to_string().contains("smtp://"));
}

#[test]
fn hsts_follows_the_public_address_unless_set() {
    let c = load(
        &Overrides::default(),
        &[("AMTFLUENCER_BASE_URL", "https://a.example")],
    )
    .unwrap();
    assert!(c.hsts);
    let c = load(&Overrides::default(), &[]).unwrap();
    assert!(!c.hsts);
}

#[test]
fn an_unknown_key_in_the_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(&file, "datbase_url = \"x\"\n").unwrap();
    let o = Overrides {
        config_file: Some(file),
        ..Default::default()
    };
    let e = load(&o, &[]).unwrap_err().to_string();
    assert!(e.contains("datbase_url"), "{e}");
}
