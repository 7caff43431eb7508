//! `send_mail`: hands a queued mail to the [`Mailer`] (SMTP or the outbox). A failed attempt
//! (the SMTP server is down or refuses) goes back to the queue with a growing delay; after the
//! last attempt the job waits as `dead` on the programme team's jobs page, so no mail is lost.

use std::sync::Arc;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

use super::{JobFuture, JobHandler, Registry};
use crate::config::Config;
use crate::db::{self, entities::job, jobs::NewJob};
use crate::mail::{Mailer, OutgoingMail};

pub const KIND: &str = "send_mail";

/// Attempts before a mail is parked: with the queue's backoff (10 s doubling, at most an
/// hour) this rides out an outage of about half a day.
pub const MAX_ATTEMPTS: i32 = 20;

struct SendMail {
    mailer: Arc<Mailer>,
}

impl JobHandler for SendMail {
    fn run<'a>(&'a self, _db: &'a DatabaseConnection, job: &'a job::Model) -> JobFuture<'a> {
        Box::pin(async move {
            let mail: OutgoingMail = serde_json::from_str(&job.payload)
                .map_err(|e| anyhow::anyhow!("the mail in job {} is unreadable: {e}", job.id))?;
            self.mailer.send(&mail).await
        })
    }
}

pub fn register(r: Registry, config: &Config) -> anyhow::Result<Registry> {
    let mailer = Arc::new(Mailer::from_config(config)?);
    Ok(r.with(KIND, SendMail { mailer }))
}

/// Puts a mail on the queue; call it inside the transaction of the write the mail is about.
pub async fn enqueue(db: &impl ConnectionTrait, mail: &OutgoingMail) -> Result<(), DbErr> {
    let payload = serde_json::to_value(mail).map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut job = NewJob::new(KIND, payload);
    job.tenant_id = mail.tenant_id;
    job.max_attempts = MAX_ATTEMPTS;
    db::jobs::enqueue(db, job).await?;
    Ok(())
}
