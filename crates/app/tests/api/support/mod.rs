//! Test databases on both backends (`db`) and an in-process app with a cookie jar.

mod db;

pub use db::{TestDb, ids, scalar, test_config, write_snapshots};

use std::collections::HashMap;

use amtfluencer::config::Config;
use amtfluencer::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

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
        let page = respond(&self.state, req).await;
        for c in &page.set_cookies {
            let pair = c.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || c.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        page
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
        respond(&self.state, req).await
    }
}

/// One request through the app's router, answered as a [`Page`].
async fn respond(state: &AppState, req: Request<Body>) -> Page {
    let res = amtfluencer::web::router(state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let headers = res.headers().clone();
    let status = res.status();
    let location = headers
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    let set_cookies: Vec<String> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
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
