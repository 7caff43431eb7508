//! Publishing end to end: the real clients, the app's pages and its job runner against fake
//! LinkedIn and Mastodon servers, on SQLite and PostgreSQL.

mod counts;
mod counts_linkedin;
mod jobs;
mod outcome;
mod pages;
mod working_time;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use amtfluencer::channels::{Channels, LINKEDIN};
use amtfluencer::config::Config;
use amtfluencer::db::{self, connections::NewConnection, entities::planned_post};
use amtfluencer::i18n::I18n;
use amtfluencer::jobs::publishing::{MediaLoader, PublishJob, Publishing, enqueue_publish};
use amtfluencer::jobs::{Registry, Worker};
use amtfluencer::tenancy::TenantId;
use amtfluencer_channels::HttpOptions;
use amtfluencer_channels::fake::linkedin::{self as li, FakeLinkedIn};
use amtfluencer_channels::fake::mastodon::{self as md, FakeMastodon};
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection};

use crate::support::{TestApp, TestDb, test_config};

pub const AMBASSADOR: &str = "katharina.brenner@musterstadt.example";

/// Photos kept in memory, by storage key.
#[derive(Default, Clone)]
pub struct MemoryMedia(pub Arc<std::sync::Mutex<HashMap<String, Vec<u8>>>>);

impl MediaLoader for MemoryMedia {
    fn load<'a>(
        &'a self,
        key: &'a str,
    ) -> Pin<Box<dyn Future<Output = anyhow::Result<Vec<u8>>> + Send + 'a>> {
        let found = self.0.lock().unwrap().get(key).cloned();
        Box::pin(async move { found.ok_or_else(|| anyhow::anyhow!("no photo {key}")) })
    }
}

/// The demo authority wired to fresh fakes.
pub struct Setup {
    pub app: TestApp,
    pub li: FakeLinkedIn,
    pub md: FakeMastodon,
    pub media: MemoryMedia,
    pub publishing: Publishing,
    pub tenant: TenantId,
    pub ambassador_id: i64,
}

impl Setup {
    pub async fn all() -> Vec<Self> {
        Self::all_with(|_| {}).await
    }

    /// With the configuration changed after the fakes are wired in.
    pub async fn all_with(adjust: impl Fn(&mut Config)) -> Vec<Self> {
        let mut v = Vec::new();
        for tdb in TestDb::all().await {
            v.push(Self::on_with(tdb, &adjust).await);
        }
        v
    }

    async fn on_with(tdb: TestDb, adjust: &dyn Fn(&mut Config)) -> Self {
        amtfluencer::demo::seed(&tdb.db, 1).await.unwrap();
        let (li_fake, md_fake) = (FakeLinkedIn::start().await, FakeMastodon::start().await);
        let mut config = test_config(&tdb.url);
        config.base_url = "https://amt.example".into();
        config.secret_key = Some([7u8; 32]);
        config.linkedin.api_base_url = li_fake.base.clone();
        config.linkedin.oauth_base_url = li_fake.base.clone();
        config.linkedin.client_id = Some(li::CLIENT_ID.into());
        config.linkedin.client_secret = Some(li::CLIENT_SECRET.into());
        config.linkedin.version = li::VERSION.into();
        adjust(&mut config);
        // A network that never answers is given up on quickly.
        let options = HttpOptions {
            connect_timeout: std::time::Duration::from_secs(5),
            timeout: std::time::Duration::from_millis(800),
        };
        let channels = Channels::with_http(&config, options)
            .unwrap()
            .with_media_polling(5, std::time::Duration::from_millis(10));
        let mut app = TestApp::with_config(tdb, config).await;
        app.state.channels = Arc::new(channels.clone());
        let tenant = TenantId(
            db::tenants::by_slug(&app.tdb.db, "musterstadt")
                .await
                .unwrap()
                .unwrap()
                .id,
        );
        let user = db::users::by_email(
            &app.tdb.db,
            &amtfluencer_domain::types::Email::parse(AMBASSADOR).unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        let ambassador_id = db::ambassadors::of_user(&app.tdb.db, tenant, user.id)
            .await
            .unwrap()
            .unwrap()
            .id;
        let media = MemoryMedia::default();
        let publishing = Publishing {
            channels: Arc::new(channels),
            media: Arc::new(media.clone()),
            i18n: Arc::new(I18n::load().unwrap()),
        };
        Self {
            app,
            li: li_fake,
            md: md_fake,
            media,
            publishing,
            tenant,
            ambassador_id,
        }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.app.tdb.db
    }

    pub fn worker(&self, id: &str) -> Worker {
        let registry = Registry::default().with_publishing(self.publishing.clone());
        let mut w = Worker::new(self.db().clone(), registry, self.app.state.metrics.clone());
        w.id = id.to_owned();
        w
    }

    /// A connected account with the fake's token, sealed as the app seals it.
    pub async fn connect(&self, channel: &'static str) -> i64 {
        let token = if channel == LINKEDIN {
            li::TOKEN
        } else {
            md::TOKEN
        };
        self.connect_with(channel, token, "w_member_social").await
    }

    /// A connected account with this token and these granted scopes.
    pub async fn connect_with(&self, channel: &'static str, token: &str, scopes: &str) -> i64 {
        let (account, instance) = if channel == LINKEDIN {
            (format!("urn:li:person:{}", li::SUB), None)
        } else {
            ("14715".to_owned(), Some(self.md.base.clone()))
        };
        let sealed = self.publishing.channels.seal(token).unwrap();
        db::connections::save(
            self.db(),
            self.tenant,
            NewConnection {
                ambassador_id: self.ambassador_id,
                channel,
                instance_url: instance,
                external_account_id: account,
                display_name: "Katharina Brenner".into(),
                account_url: None,
                access_token_enc: sealed,
                token_expires_at: (channel == LINKEDIN)
                    .then(|| db::now() + chrono::Duration::days(60)),
                scopes: scopes.into(),
            },
        )
        .await
        .unwrap()
        .id
    }

    /// A draft of the ambassador's.
    pub async fn draft(&self, channel: &str, body: &str) -> planned_post::Model {
        let t = db::now();
        planned_post::ActiveModel {
            tenant_id: Set(self.tenant.0),
            ambassador_id: Set(self.ambassador_id),
            channel: Set(channel.to_owned()),
            status: Set("draft".into()),
            body: Set(body.to_owned()),
            created_at: Set(t),
            updated_at: Set(t),
            ..Default::default()
        }
        .insert(self.db())
        .await
        .unwrap()
    }

    /// A post scheduled for now, with its job on the queue; returns the post and its time.
    pub async fn due(&self, channel: &str, body: &str) -> (i64, DateTime<Utc>) {
        let post = self.draft(channel, body).await;
        let at = db::now().trunc_subsecs(0) - chrono::Duration::seconds(1);
        assert!(
            db::publishing::schedule(self.db(), self.tenant, post.id, at)
                .await
                .unwrap()
        );
        let job = PublishJob {
            post_id: post.id,
            scheduled_at: at,
            round: 1,
        };
        enqueue_publish(self.db(), self.tenant.0, job, at)
            .await
            .unwrap()
            .unwrap();
        (post.id, at)
    }

    pub async fn post(&self, id: i64) -> planned_post::Model {
        db::publishing::get(self.db(), self.tenant, id)
            .await
            .unwrap()
            .unwrap()
    }

    /// Runs the queue until nothing publishing-related is due (mails are left queued).
    pub async fn run_publishing(&self) -> usize {
        let w = self.worker("w-test");
        let mut n = 0;
        while self.due_publish_jobs().await > 0 {
            assert!(w.run_one().await.unwrap());
            n += 1;
            assert!(n < 20, "the queue does not come to rest");
        }
        n
    }

    async fn due_publish_jobs(&self) -> usize {
        use sea_orm::{ConnectionTrait, Statement};
        let backend = self.db().get_database_backend();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => {
                "SELECT COUNT(*) AS n FROM jobs WHERE status = 'queued' AND run_at <= $1 AND kind <> 'send_mail'"
            }
            _ => {
                "SELECT COUNT(*) AS n FROM jobs WHERE status = 'queued' AND run_at <= ?1 AND kind <> 'send_mail'"
            }
        };
        let row = self
            .db()
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [db::now().into()],
            ))
            .await
            .unwrap()
            .unwrap();
        usize::try_from(row.try_get::<i64>("", "n").unwrap()).unwrap()
    }

    /// Moves every waiting job to now, as if the wait had passed; returns how far ahead the
    /// latest of them was.
    pub async fn let_time_pass(&self) -> chrono::Duration {
        use sea_orm::{ConnectionTrait, Statement};
        let jobs = db::jobs::count_by_status(self.db()).await.unwrap();
        assert!(jobs.iter().any(|(s, _)| s == "queued"));
        let backend = self.db().get_database_backend();
        let latest_sql = "SELECT run_at FROM jobs WHERE status = 'queued' AND kind = 'publish_post' ORDER BY run_at DESC";
        let row = self
            .db()
            .query_one_raw(Statement::from_string(backend, latest_sql))
            .await
            .unwrap()
            .unwrap();
        let latest: DateTime<Utc> = row.try_get("", "run_at").unwrap();
        let now = db::now();
        let sql = match backend {
            sea_orm::DbBackend::Postgres => {
                "UPDATE jobs SET run_at = $1 WHERE status = 'queued' AND kind = 'publish_post'"
            }
            _ => "UPDATE jobs SET run_at = ?1 WHERE status = 'queued' AND kind = 'publish_post'",
        };
        self.db()
            .execute_raw(Statement::from_sql_and_values(backend, sql, [now.into()]))
            .await
            .unwrap();
        latest - now
    }

    /// The mails on the queue, as (to, subject, text).
    pub async fn mails(&self) -> Vec<(String, String, String)> {
        use amtfluencer::db::entities::job;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        job::Entity::find()
            .filter(job::Column::Kind.eq("send_mail"))
            .all(self.db())
            .await
            .unwrap()
            .into_iter()
            .map(|j| {
                let m: serde_json::Value = serde_json::from_str(&j.payload).unwrap();
                (
                    m["to"].as_str().unwrap_or_default().to_owned(),
                    m["subject"].as_str().unwrap_or_default().to_owned(),
                    m["text"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// The details of the audit entries with this action, oldest first.
    pub async fn audit(&self, action: &str) -> Vec<serde_json::Value> {
        use amtfluencer::db::entities::audit_entry;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq(action))
            .order_by_asc(audit_entry::Column::Id)
            .all(self.db())
            .await
            .unwrap()
            .into_iter()
            .map(|e| serde_json::from_str(&e.details).unwrap())
            .collect()
    }

    /// The jobs of a kind, whatever their state, oldest first.
    pub async fn jobs_of(&self, kind: &str) -> Vec<amtfluencer::db::entities::job::Model> {
        use amtfluencer::db::entities::job;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        job::Entity::find()
            .filter(job::Column::Kind.eq(kind))
            .order_by_asc(job::Column::Id)
            .all(self.db())
            .await
            .unwrap()
    }
}
