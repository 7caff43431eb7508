//! The binary itself: `serve --demo` in an empty folder, graceful stop, and one clear line
//! for each kind of bad configuration.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_amtfluencer");

pub(crate) fn amtfluencer(dir: &std::path::Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("AMTFLUENCER_DATABASE_URL")
        .env_remove("AMTFLUENCER_BIND")
        .env("RUST_LOG", "warn");
    c
}

fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split(' ').nth(1).unwrap().parse().unwrap();
    let body = out.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    (status, body)
}

/// Starts `serve` and returns the child and the address it printed.
fn start(dir: &std::path::Path, args: &[&str]) -> (Child, String) {
    let mut child = amtfluencer(dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("serve printed nothing").unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    let rest: Vec<String> = lines.take(7).map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l.contains("admin@musterstadt.example")) || !args.contains(&"--demo"),
        "{rest:?}"
    );
    (child, addr)
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_demo_comes_up_in_an_empty_folder_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = start(dir.path(), &["--demo"]);
    assert_eq!(http_get(&addr, "/healthz"), (200, "ok".to_owned()));
    assert_eq!(http_get(&addr, "/readyz"), (200, "ready".to_owned()));
    assert!(
        dir.path().join("amtfluencer.db").exists(),
        "the default SQLite file"
    );
    assert!(terminate(&mut child).success());

    // The second start finds the demo and does not seed it again.
    let (mut child, addr) = start(dir.path(), &["--demo"]);
    assert_eq!(http_get(&addr, "/healthz").0, 200);
    assert!(terminate(&mut child).success());
}

/// Runs a command that must fail and returns its single line of error output.
fn fails(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = amtfluencer(dir.path()).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{args:?} printed: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    lines[0].to_owned()
}

#[test]
fn an_unparseable_database_url_is_named() {
    let e = fails(&["serve", "--database-url", "postgres://admin:geheim@:::/x"]);
    assert!(
        e.contains("not a valid URL") && !e.contains("geheim"),
        "{e}"
    );
    let e = fails(&["migrate", "--database-url", "mysql://localhost/x"]);
    assert!(e.contains("not supported"), "{e}");
}

#[test]
fn an_unreachable_postgres_is_named_without_its_password() {
    let e = fails(&[
        "serve",
        "--database-url",
        "postgres://amt:geheim@127.0.0.1:1/amt",
    ]);
    assert!(e.contains("cannot connect to PostgreSQL"), "{e}");
    assert!(
        e.contains("amt:***@127.0.0.1:1") && !e.contains("geheim"),
        "{e}"
    );
}

#[test]
fn an_unwritable_sqlite_path_is_named() {
    let e = fails(&["serve", "--database-url", "sqlite:///no/such/folder/amt.db"]);
    assert!(
        e.contains("cannot open SQLite database /no/such/folder/amt.db"),
        "{e}"
    );
}

#[test]
fn a_port_in_use_is_named() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let e = fails(&["serve", "--bind", &addr, "--database-url", &db]);
    assert!(e.contains(&format!("cannot listen on {addr}")), "{e}");
}

#[test]
fn serve_without_a_secret_key_names_the_setting_outside_demo_mode() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("a.db").display());
    let e = fails(&["serve", "--bind", "127.0.0.1:0", "--database-url", &db]);
    assert!(e.contains("AMTFLUENCER_SECRET_KEY"), "{e}");
}

#[test]
fn a_bad_bind_address_and_a_bad_config_file_are_named() {
    assert!(fails(&["serve", "--bind", "localhost"]).contains("IP:PORT"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("amtfluencer.toml");
    std::fs::write(&file, "bind = 8080\n").unwrap();
    let e = fails(&["check-config", "--config", file.to_str().unwrap()]);
    assert!(e.contains("amtfluencer.toml is invalid"), "{e}");
}

#[test]
fn check_config_shows_the_settings_with_the_password_masked() {
    let dir = tempfile::tempdir().unwrap();
    let out = amtfluencer(dir.path())
        .args(["check-config"])
        .env("AMTFLUENCER_BIND", "127.0.0.1:9999")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("127.0.0.1:9999") && text.contains("Configuration is valid."),
        "{text}"
    );
}

#[test]
fn tenants_users_and_backups_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = amtfluencer(dir.path()).args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = run(&[
        "tenant",
        "create",
        "--slug",
        "beispielkreis",
        "--name",
        "Kreis Beispiel",
        "--state",
        "SH",
    ]);
    assert!(ok && out.contains("/t/beispielkreis/"), "{out}");
    let (ok, out) = run(&[
        "tenant",
        "create",
        "--slug",
        "beispielkreis",
        "--name",
        "x",
        "--state",
        "SH",
    ]);
    assert!(!ok && out.contains("exists already"), "{out}");
    let (ok, out) = run(&[
        "tenant", "create", "--slug", "x2", "--name", "x", "--state", "XX",
    ]);
    assert!(!ok && out.contains("--state"), "{out}");
    let (ok, out) = run(&[
        "user",
        "create",
        "--email",
        "team@kreis.example",
        "--name",
        "Team",
        "--tenant",
        "beispielkreis",
        "--role",
        "admin",
    ]);
    assert!(ok && out.contains("Initial password (shown once)"), "{out}");
    let (ok, out) = run(&[
        "user",
        "create",
        "--email",
        "x@kreis.example",
        "--name",
        "X",
        "--tenant",
        "beispielkreis",
        "--role",
        "king",
    ]);
    assert!(!ok && out.contains("--role"), "{out}");
    let (ok, out) = run(&["backup", "--to", "copy.db"]);
    assert!(ok && dir.path().join("copy.db").exists(), "{out}");
}
