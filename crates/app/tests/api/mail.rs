//! Tests of the mail area over HTTP: invitations, password reset, the outbox, and delivery
//! through a real (tiny) SMTP server that the test starts on localhost.

mod delivery;
mod invitations;
mod outbox;
mod reset;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use amtfluencer::db::entities::{audit_entry, job};
use amtfluencer::db::{self, tenants::NewTenant, users::NewUser};
use amtfluencer::demo::PASSWORD;
use amtfluencer::jobs::{Registry, Worker};
use amtfluencer::state::AppState;
use amtfluencer::tenancy::TenantId;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, FederalState, Slug};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::support::{TestApp, TestDb, test_config};

/// A message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub rcpt: Vec<String>,
    pub data: String,
}

/// Just enough SMTP for lettre: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl SmtpServer {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(converse(stream, store.clone()));
            }
        });
        Self {
            port,
            received,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn converse(stream: tokio::net::TcpStream, store: Arc<Mutex<Vec<Received>>>) {
    let (r, mut w) = stream.into_split();
    let mut r = BufReader::new(r);
    let mut rcpt = Vec::new();
    let mut line = String::new();
    w.write_all(b"220 localhost test ESMTP\r\n").await.unwrap();
    loop {
        line.clear();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let cmd = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if cmd.starts_with("EHLO") {
            b"250-localhost\r\n250 8BITMIME\r\n"
        } else if cmd.starts_with("RCPT TO:") {
            rcpt.push(line.trim_end()[8..].trim().to_owned());
            b"250 OK\r\n"
        } else if cmd == "DATA" {
            w.write_all(b"354 go ahead\r\n").await.unwrap();
            let mut data = String::new();
            loop {
                line.clear();
                if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                // Dot-stuffing: a leading ".." stands for ".".
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            let rcpt = std::mem::take(&mut rcpt);
            store.lock().unwrap().push(Received { rcpt, data });
            b"250 queued\r\n"
        } else if cmd == "QUIT" {
            w.write_all(b"221 bye\r\n").await.unwrap();
            return;
        } else {
            // HELO, MAIL FROM, RSET, NOOP
            b"250 OK\r\n"
        };
        w.write_all(reply).await.unwrap();
    }
}

/// A port on which nothing listens: connections are refused.
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// The demo authority on every backend, with mail going to `smtp` or, without it, to an
/// outbox folder of the test's own.
pub async fn mail_apps(smtp: Option<&str>) -> Vec<(TestApp, tempfile::TempDir)> {
    let mut v = Vec::new();
    for tdb in TestDb::all().await {
        amtfluencer::demo::seed(&tdb.db, 1).await.unwrap();
        let outbox = tempfile::tempdir().unwrap();
        v.push((app_with(tdb, smtp, outbox.path()), outbox));
    }
    v
}

pub fn app_with(tdb: TestDb, smtp: Option<&str>, outbox: &std::path::Path) -> TestApp {
    let mut config = test_config(&tdb.url);
    config.smtp_url = smtp.map(str::to_owned);
    config.outbox_dir = outbox.join("outbox");
    TestApp {
        state: AppState::new(tdb.db.clone(), config).unwrap(),
        tdb,
        cookies: HashMap::new(),
        accept_language: None,
        peer: None,
    }
}

/// Runs the queue until it has nothing due; returns how many jobs ran.
pub async fn run_jobs(app: &TestApp) -> usize {
    let registry = Registry::standard(&app.state.config).unwrap();
    let worker = Worker::new(app.state.db.clone(), registry, app.state.metrics.clone());
    let mut n = 0;
    while worker.run_one().await.unwrap() {
        n += 1;
    }
    n
}

pub async fn mail_jobs(app: &TestApp) -> Vec<job::Model> {
    job::Entity::find()
        .filter(job::Column::Kind.eq("send_mail"))
        .order_by_asc(job::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

pub async fn audit_actions(app: &TestApp) -> Vec<String> {
    audit_entry::Entity::find()
        .order_by_asc(audit_entry::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// The body of a received message, decoded from quoted-printable where it is.
pub fn body_text(raw: &str) -> String {
    let qp = raw.contains("Content-Transfer-Encoding: quoted-printable");
    let body = raw.split_once("\r\n\r\n").map_or(raw, |(_, b)| b);
    if !qp {
        return body.replace("\r\n", "\n");
    }
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&joined[i + 1..i + 3], 16).ok())
            .flatten();
        if let Some(b) = escaped {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

/// The token of the first link `{base_url}{path}{token}` in a text.
pub fn token_after(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no link {prefix} in:\n{text}"))
        + prefix.len();
    let token: String = text[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{text}");
    token
}

/// Posts the admin's invitation form; returns the response.
pub async fn invite(
    app: &mut TestApp,
    email: &str,
    name: &str,
    role: &str,
) -> crate::support::Page {
    let path = "/t/musterstadt/invitations";
    app.post_form(
        path,
        path,
        &[("email", email), ("name", name), ("role", role)],
    )
    .await
}

/// A second authority with its own programme team (`admin@nachbarstadt.example`).
pub async fn neighbour(app: &TestApp) {
    let db = &app.state.db;
    let t = db::tenants::create(
        db,
        NewTenant {
            slug: Slug::parse("nachbarstadt").unwrap(),
            name: "Gemeinde Nachbarstadt".into(),
            federal_state: FederalState::NW,
            time_zone: "Europe/Berlin".into(),
        },
    )
    .await
    .unwrap();
    let hash = amtfluencer::auth::password::hash(PASSWORD.into())
        .await
        .unwrap();
    let email = Email::parse("admin@nachbarstadt.example").unwrap();
    let new = NewUser {
        email: &email,
        display_name: "Nina Nachbar",
        password_hash: Some(hash),
        is_operator: false,
    };
    let u = db::users::create(db, new).await.unwrap();
    db::users::add_membership(db, TenantId(t.id), u.id, Role::Admin)
        .await
        .unwrap();
}
