//! Test databases on both backends and an in-process app with a cookie jar.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Once;

use amtfluencer::config::{Config, Overrides};
use amtfluencer::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use sea_orm::DatabaseConnection;
use tower::ServiceExt;

/// A fresh, migrated database that removes itself afterwards.
pub struct TestDb {
    pub db: DatabaseConnection,
    pub backend: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_schema: Option<(String, String)>,
}

static SKIP_NOTE: Once = Once::new();

/// The PostgreSQL server for tests, if configured; says so once when it is not.
pub fn pg_url() -> Option<String> {
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() {
        // Written to the terminal directly, past the test harness's output capture.
        SKIP_NOTE.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "NOTE: PostgreSQL tests skipped: TEST_DATABASE_URL is not set (SQLite tests ran)."
            );
        });
    }
    url
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = amtfluencer::db::connect(&url).await.unwrap();
        amtfluencer::db::migrate(&db).await.unwrap();
        Self {
            db,
            backend: "sqlite",
            url,
            _dir: Some(dir),
            pg_schema: None,
        }
    }

    /// A fresh schema on the test server, reached through `search_path`.
    pub async fn postgres() -> Option<Self> {
        let admin_url = pg_url()?;
        let schema = format!("t_{}", &amtfluencer::auth::tokens::random_token()[..16]);
        let admin = amtfluencer::db::connect(&admin_url).await.unwrap();
        use sea_orm::ConnectionTrait;
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await
            .unwrap();
        admin.close().await.ok();
        let sep = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{sep}options=-c%20search_path%3D{schema}");
        let db = amtfluencer::db::connect(&url).await.unwrap();
        amtfluencer::db::migrate(&db).await.unwrap();
        Some(Self {
            db,
            backend: "postgres",
            url,
            _dir: None,
            pg_schema: Some((admin_url, schema)),
        })
    }

    /// SQLite, and PostgreSQL when configured.
    pub async fn all() -> Vec<Self> {
        let mut v = vec![Self::sqlite().await];
        if let Some(pg) = Self::postgres().await {
            v.push(pg);
        }
        v
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, schema)) = self.pg_schema.take() {
            // Dropping runs inside the test's runtime; a separate thread may block.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sea_orm::ConnectionTrait;
                    if let Ok(db) = amtfluencer::db::connect(&admin_url).await {
                        let _ = db
                            .execute_unprepared(&format!("DROP SCHEMA {schema} CASCADE"))
                            .await;
                        db.close().await.ok();
                    }
                });
            })
            .join();
        }
    }
}

pub fn test_config(url: &str) -> Config {
    let o = Overrides {
        database_url: Some(url.to_owned()),
        ..Default::default()
    };
    let mut config = Config::load(&o, &|_| None).unwrap();
    // Each test's photos go to a folder of its own that outlives the test (the OS cleans up).
    let media = tempfile::tempdir().unwrap().keep();
    config.media_url = media.display().to_string();
    config
}

/// The app in-process, with a cookie jar like a browser's.
pub struct TestApp {
    pub tdb: TestDb,
    pub state: AppState,
    pub cookies: HashMap<String, String>,
    pub accept_language: Option<String>,
    /// The client's address as the server sees it.
    pub peer: Option<std::net::SocketAddr>,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    /// The body as sent (photos, files).
    pub bytes: axum::body::Bytes,
    pub set_cookies: Vec<String>,
    pub headers: axum::http::HeaderMap,
}

impl Page {
    pub fn headers_retry_after(&self) -> Option<u64> {
        self.headers
            .get(header::RETRY_AFTER)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// The CSRF token of the page's first form.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("page has a CSRF field") + marker.len();
        self.body[start..start + 64].to_owned()
    }
}

impl TestApp {
    pub async fn with_db(tdb: TestDb) -> Self {
        let config = test_config(&tdb.url);
        Self::with_config(tdb, config).await
    }

    pub async fn with_config(tdb: TestDb, config: Config) -> Self {
        let state = AppState::new(tdb.db.clone(), config).unwrap();
        Self {
            tdb,
            state,
            cookies: HashMap::new(),
            accept_language: None,
            peer: None,
        }
    }

    /// A second client (own cookie jar) on the same app and database.
    pub async fn with_db_shared(other: &TestApp) -> SharedClient {
        SharedClient {
            state: other.state.clone(),
        }
    }

    /// The demo authority on every backend.
    pub async fn demo_all() -> Vec<Self> {
        let mut v = Vec::new();
        for tdb in TestDb::all().await {
            amtfluencer::demo::seed(&tdb.db, 1).await.unwrap();
            v.push(Self::with_db(tdb).await);
        }
        v
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Page {
        if let Some(peer) = self.peer {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        let res = amtfluencer::web::router(self.state.clone())
            .oneshot(req)
            .await
            .unwrap();
        let headers = res.headers().clone();
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        let set_cookies: Vec<String> = res
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for c in &set_cookies {
            let pair = c.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || c.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
            set_cookies,
            headers,
        }
    }

    pub fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let c: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            b = b.header(header::COOKIE, c.join("; "));
        }
        if let Some(l) = &self.accept_language {
            b = b.header(header::ACCEPT_LANGUAGE, l);
        }
        b
    }

    /// Like `get`, named for tests that look at headers.
    pub async fn get_full(&mut self, path: &str) -> Page {
        self.get(path).await
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = self.request("GET", path).body(Body::empty()).unwrap();
        self.send(req).await
    }

    /// An API call with an optional bearer token (and the jar's cookies, if any).
    pub async fn api(&mut self, method: &str, path: &str, bearer: Option<&str>) -> Page {
        let mut b = self.request(method, path);
        if let Some(t) = bearer {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = b.body(Body::empty()).unwrap();
        self.send(req).await
    }

    /// An API call with the session cookie and the CSRF token from the account page.
    pub async fn api_with_csrf(&mut self, method: &str, path: &str) -> Page {
        let csrf = self.get("/account").await.csrf();
        let req = self
            .request(method, path)
            .header("x-csrf-token", csrf)
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// Posts a form as a browser would, without adding anything.
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let req = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// A write token of a demo user, for API calls.
    pub async fn token_for(&self, email: &str) -> String {
        let tenant = amtfluencer::db::tenants::by_slug(&self.tdb.db, "musterstadt")
            .await
            .unwrap()
            .unwrap();
        let user = amtfluencer::db::users::by_email(
            &self.tdb.db,
            &amtfluencer_domain::types::Email::parse(email).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        amtfluencer::db::api_tokens::create(
            &self.tdb.db,
            amtfluencer::tenancy::TenantId(tenant.id),
            amtfluencer::db::api_tokens::NewToken {
                user_id: user.id,
                name: "test",
                scope: amtfluencer::db::api_tokens::Scope::Write,
                valid_for: chrono::Duration::days(1),
            },
        )
        .await
        .unwrap()
        .0
    }

    /// A JSON request with a bearer token.
    pub async fn json_as(&mut self, method: &str, path: &str, bearer: &str, body: &str) -> Page {
        let req = self
            .request(method, path)
            .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    /// Posts a multipart form (file uploads): text fields, then files as (field, name, bytes).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Page {
        let boundary = "----amtfluencer-test-boundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (name, file_name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = self
            .request("POST", path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Posts a form from the page at `from`, with that page's CSRF token.
    pub async fn post_form(&mut self, from: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(from).await.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn login(&mut self, email: &str) -> Page {
        self.post_form(
            "/login",
            "/login",
            &[("email", email), ("password", amtfluencer::demo::PASSWORD)],
        )
        .await
    }
}

/// A client without a database of its own, for requests next to a `TestApp`.
pub struct SharedClient {
    state: AppState,
}

impl SharedClient {
    /// A JSON request with a bearer token.
    pub async fn json(&mut self, method: &str, path: &str, bearer: &str, body: &str) -> Page {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    pub async fn api(&mut self, method: &str, path: &str, bearer: Option<&str>) -> Page {
        let mut b = Request::builder().method(method).uri(path);
        if let Some(t) = bearer {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    async fn send(&mut self, req: Request<Body>) -> Page {
        let res = amtfluencer::web::router(self.state.clone())
            .oneshot(req)
            .await
            .unwrap();
        let headers = res.headers().clone();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location: None,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
            set_cookies: Vec::new(),
            headers,
        }
    }
}
