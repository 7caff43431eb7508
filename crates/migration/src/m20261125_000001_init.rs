//! The whole data model of the first release.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index, table, tenant_table, timestamps, unique};

use ForeignKeyAction::{Cascade, SetNull};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_init"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            m.create_table(t).await?;
        }
        for i in indexes() {
            m.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in tables().iter().rev() {
            if let Some(name) = t.get_table_name() {
                m.drop_table(Table::drop().table(name.clone()).if_exists().to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    let mut v = vec![
        accounts(),
        users(),
        memberships(),
        cohorts(),
        ambassadors(),
        candidates(),
        nominations(),
        events(),
        attendance(),
        consents(),
        topics(),
        posts(),
        media(),
        imports(),
        post_metrics(),
        page_metrics(),
        costs(),
        short_links(),
        link_clicks(),
        channel_accounts(),
    ];
    v.extend([jobs(), audit_log(), api_tokens(), sessions()]);
    v
}

fn accounts() -> TableCreateStatement {
    let mut t = table("tenants");
    t.col(string_uniq("slug"))
        .col(string("name"))
        .col(string_len("federal_state", 2))
        .col(string("time_zone"))
        .col(text("settings"));
    timestamps(&mut t).take()
}

fn users() -> TableCreateStatement {
    let mut t = table("users");
    t.col(string_uniq("email"))
        .col(string("display_name"))
        .col(string_null("password_hash"))
        .col(string_len_null("locale", 5))
        .col(boolean("is_operator").default(false))
        .col(timestamp_with_time_zone_null("disabled_at"));
    timestamps(&mut t).take()
}

fn memberships() -> TableCreateStatement {
    let mut t = tenant_table("memberships");
    t.col(big_integer("user_id"))
        .col(string("role"))
        .foreign_key(&mut fk("memberships", "user_id", "users", Cascade));
    timestamps(&mut t).take()
}

fn cohorts() -> TableCreateStatement {
    let mut t = tenant_table("cohorts");
    t.col(string("name"))
        .col(string("phase"))
        .col(date("starts_on"))
        .col(date("ends_on"))
        .col(string("status"))
        .col(timestamp_with_time_zone_null("evaluation_submitted_at"))
        .col(string_null("decision"))
        .col(text_null("decision_comment"))
        .col(big_integer_null("decided_by"))
        .col(timestamp_with_time_zone_null("decided_at"))
        .foreign_key(&mut fk("cohorts", "decided_by", "users", SetNull));
    timestamps(&mut t).take()
}

/// Columns describing a person in the programme, shared by ambassadors and candidates.
fn person(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(string("first_name"))
        .col(string("last_name"))
        .col(string_null("email"))
        .col(string("department"))
        .col(string("job_title"))
        .col(string("track"))
        .col(string_len_null("gender", 1))
        .col(integer_null("birth_year"))
}

fn ambassadors() -> TableCreateStatement {
    let mut t = tenant_table("ambassadors");
    person(&mut t)
        .col(big_integer_null("user_id"))
        .col(big_integer_null("cohort_id"))
        .col(string("status"))
        .col(date_null("paused_until"))
        .col(integer("monthly_goal").default(2))
        .col(string_null("linkedin_url"))
        .col(text("bio"))
        .col(text("ask_me_about"))
        .col(boolean("public_profile").default(false))
        .foreign_key(&mut fk("ambassadors", "user_id", "users", SetNull))
        .foreign_key(&mut fk("ambassadors", "cohort_id", "cohorts", SetNull));
    timestamps(&mut t).take()
}

fn candidates() -> TableCreateStatement {
    let mut t = tenant_table("candidates");
    person(&mut t)
        .col(big_integer_null("cohort_id"))
        .col(string("status"))
        .col(boolean("self_nominated").default(false))
        .col(text("team_note"))
        .foreign_key(&mut fk("candidates", "cohort_id", "cohorts", SetNull));
    timestamps(&mut t).take()
}

fn nominations() -> TableCreateStatement {
    let mut t = tenant_table("nominations");
    t.col(big_integer("candidate_id"))
        .col(big_integer_null("nominated_by"))
        .col(text("reason"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk(
            "nominations",
            "candidate_id",
            "candidates",
            Cascade,
        ))
        .foreign_key(&mut fk("nominations", "nominated_by", "users", SetNull))
        .take()
}

fn events() -> TableCreateStatement {
    let mut t = tenant_table("events");
    t.col(big_integer_null("cohort_id"))
        .col(string("kind"))
        .col(string("title"))
        .col(timestamp_with_time_zone("starts_at"))
        .col(timestamp_with_time_zone("ends_at"))
        .col(string("location"))
        .col(string_null("video_url"))
        .col(integer_null("capacity"))
        .foreign_key(&mut fk("events", "cohort_id", "cohorts", SetNull));
    timestamps(&mut t).take()
}

fn attendance() -> TableCreateStatement {
    let mut t = tenant_table("attendance");
    t.col(big_integer("event_id"))
        .col(big_integer_null("ambassador_id"))
        .col(big_integer_null("candidate_id"))
        .col(string_null("rsvp"))
        .col(boolean("attended").default(false))
        .col(timestamp_with_time_zone("updated_at"))
        .foreign_key(&mut fk("attendance", "event_id", "events", Cascade))
        .foreign_key(&mut fk(
            "attendance",
            "ambassador_id",
            "ambassadors",
            Cascade,
        ))
        .foreign_key(&mut fk("attendance", "candidate_id", "candidates", Cascade))
        .take()
}

fn consents() -> TableCreateStatement {
    let mut t = tenant_table("consents");
    t.col(big_integer_null("ambassador_id"))
        .col(big_integer_null("candidate_id"))
        .col(string("kind"))
        .col(string("text_version"))
        .col(boolean("by_guardian").default(false))
        .col(timestamp_with_time_zone("given_at"))
        .col(timestamp_with_time_zone_null("withdrawn_at"))
        .foreign_key(&mut fk("consents", "ambassador_id", "ambassadors", Cascade))
        .foreign_key(&mut fk("consents", "candidate_id", "candidates", Cascade))
        .take()
}

fn topics() -> TableCreateStatement {
    let mut t = tenant_table("topics");
    t.col(string("title"))
        .col(text("description"))
        .col(text("prompt"))
        .col(text("photo_idea"))
        .col(string("category"))
        .col(text("tags"))
        .col(string("status"))
        .col(big_integer_null("proposed_by"))
        .col(big_integer_null("merged_into"))
        .col(boolean("shared_with_network").default(false))
        .foreign_key(&mut fk("topics", "proposed_by", "users", SetNull))
        .foreign_key(&mut fk("topics", "merged_into", "topics", SetNull));
    timestamps(&mut t).take()
}

fn posts() -> TableCreateStatement {
    let mut t = tenant_table("posts");
    t.col(big_integer("ambassador_id"))
        .col(big_integer_null("topic_id"))
        .col(string("channel"))
        .col(string("status"))
        .col(text("body"))
        .col(timestamp_with_time_zone_null("scheduled_at"))
        .col(timestamp_with_time_zone_null("published_at"))
        .col(string_null("external_id"))
        .col(string_null("external_url"))
        .col(text_null("failure_reason"))
        .foreign_key(&mut fk("posts", "ambassador_id", "ambassadors", Cascade))
        .foreign_key(&mut fk("posts", "topic_id", "topics", SetNull));
    timestamps(&mut t).take()
}

fn media() -> TableCreateStatement {
    let mut t = tenant_table("media");
    t.col(big_integer_null("post_id"))
        .col(big_integer_null("ambassador_id"))
        .col(string("storage_key"))
        .col(string("content_type"))
        .col(integer("width"))
        .col(integer("height"))
        .col(big_integer("byte_size"))
        .col(text("alt_text"))
        .col(string("consent_state"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("media", "post_id", "posts", SetNull))
        .foreign_key(&mut fk("media", "ambassador_id", "ambassadors", SetNull))
        .take()
}

fn imports() -> TableCreateStatement {
    let mut t = tenant_table("imports");
    t.col(string("kind"))
        .col(string("file_name"))
        .col(string_len("file_hash", 64))
        .col(big_integer_null("uploaded_by"))
        .col(integer("rows_imported"))
        .col(integer("rows_updated"))
        .col(integer("rows_skipped"))
        .col(text("report"))
        .col(date_null("covers_from"))
        .col(date_null("covers_until"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("imports", "uploaded_by", "users", SetNull))
        .take()
}

fn post_metrics() -> TableCreateStatement {
    let mut t = tenant_table("post_metrics");
    t.col(big_integer("post_id"))
        .col(timestamp_with_time_zone("observed_at"))
        .col(string("source"))
        .col(big_integer_null("import_id"))
        .col(big_integer("impressions"))
        .col(big_integer_null("members_reached"))
        .col(big_integer("reactions"))
        .col(big_integer("comments"))
        .col(big_integer("reposts"))
        .col(big_integer_null("clicks"))
        .foreign_key(&mut fk("post_metrics", "post_id", "posts", Cascade))
        .foreign_key(&mut fk("post_metrics", "import_id", "imports", SetNull))
        .take()
}

fn page_metrics() -> TableCreateStatement {
    let mut t = tenant_table("page_metrics");
    t.col(string("channel"))
        .col(date("day"))
        .col(string("source"))
        .col(big_integer_null("import_id"))
        .col(big_integer("followers"))
        .col(big_integer("new_followers"))
        .col(big_integer("impressions"))
        .col(big_integer_null("unique_impressions"))
        .col(big_integer_null("clicks"))
        .col(big_integer("reactions"))
        .col(big_integer("comments"))
        .col(big_integer("reposts"))
        .foreign_key(&mut fk("page_metrics", "import_id", "imports", SetNull))
        .take()
}

fn costs() -> TableCreateStatement {
    let mut t = tenant_table("costs");
    t.col(big_integer_null("cohort_id"))
        .col(string("category"))
        .col(string("description"))
        .col(big_integer("amount_cents"))
        .col(date("spent_on"))
        .col(text("note"))
        .foreign_key(&mut fk("costs", "cohort_id", "cohorts", SetNull));
    timestamps(&mut t).take()
}

fn short_links() -> TableCreateStatement {
    let mut t = tenant_table("short_links");
    t.col(string_uniq("code"))
        .col(big_integer_null("post_id"))
        .col(text("target_url"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("short_links", "post_id", "posts", SetNull))
        .take()
}

fn link_clicks() -> TableCreateStatement {
    let mut t = tenant_table("link_clicks");
    t.col(big_integer("short_link_id"))
        .col(timestamp_with_time_zone("clicked_at"))
        .col(string_null("referrer_host"))
        .foreign_key(&mut fk(
            "link_clicks",
            "short_link_id",
            "short_links",
            Cascade,
        ))
        .take()
}

fn channel_accounts() -> TableCreateStatement {
    let mut t = tenant_table("channel_accounts");
    t.col(big_integer_null("ambassador_id"))
        .col(string("channel"))
        .col(string_null("instance_url"))
        .col(string("external_account_id"))
        .col(string("display_name"))
        .col(blob("access_token_enc"))
        .col(blob_null("refresh_token_enc"))
        .col(timestamp_with_time_zone_null("token_expires_at"))
        .col(string("scopes"))
        .col(string("status"))
        .col(timestamp_with_time_zone_null("last_checked_at"))
        .foreign_key(&mut fk(
            "channel_accounts",
            "ambassador_id",
            "ambassadors",
            Cascade,
        ));
    timestamps(&mut t).take()
}

fn jobs() -> TableCreateStatement {
    let mut t = table("jobs");
    t.col(big_integer_null("tenant_id"))
        .col(string("kind"))
        .col(text("payload"))
        .col(string("status"))
        .col(integer("attempts").default(0))
        .col(integer("max_attempts"))
        .col(timestamp_with_time_zone("run_at"))
        .col(string_null("locked_by"))
        .col(timestamp_with_time_zone_null("locked_until"))
        .col(text_null("last_error"))
        .col(string_null("idempotency_key"))
        .col(timestamp_with_time_zone_null("finished_at"))
        .foreign_key(&mut fk("jobs", "tenant_id", "tenants", Cascade));
    timestamps(&mut t).take()
}

fn audit_log() -> TableCreateStatement {
    let mut t = table("audit_log");
    t.col(big_integer_null("tenant_id"))
        .col(big_integer_null("actor_user_id"))
        .col(string("action"))
        .col(string("object_type"))
        .col(string_null("object_id"))
        .col(text("details"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("audit_log", "tenant_id", "tenants", Cascade))
        .foreign_key(&mut fk("audit_log", "actor_user_id", "users", SetNull))
        .take()
}

fn api_tokens() -> TableCreateStatement {
    let mut t = tenant_table("api_tokens");
    t.col(big_integer("user_id"))
        .col(string("name"))
        .col(string_len_uniq("token_hash", 64))
        .col(string("prefix"))
        .col(string("scope"))
        .col(timestamp_with_time_zone_null("expires_at"))
        .col(timestamp_with_time_zone_null("last_used_at"))
        .col(timestamp_with_time_zone_null("revoked_at"))
        .col(timestamp_with_time_zone("created_at"))
        .foreign_key(&mut fk("api_tokens", "user_id", "users", Cascade))
        .take()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table("sessions")
        .if_not_exists()
        .col(string_len("id", 64).primary_key())
        .col(big_integer("user_id"))
        .col(big_integer_null("tenant_id"))
        .col(string_len("csrf_token", 64))
        .col(string_null("user_agent"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("last_seen_at"))
        .col(timestamp_with_time_zone("expires_at"))
        .foreign_key(&mut fk("sessions", "user_id", "users", Cascade))
        .foreign_key(&mut fk("sessions", "tenant_id", "tenants", Cascade))
        .take()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        unique("memberships", &["tenant_id", "user_id"]),
        index("memberships", &["user_id"]),
        index("cohorts", &["tenant_id", "starts_on"]),
        index("ambassadors", &["tenant_id", "status"]),
        index("ambassadors", &["tenant_id", "cohort_id"]),
        unique("ambassadors", &["tenant_id", "user_id"]),
        index("candidates", &["tenant_id", "status"]),
        index("nominations", &["tenant_id", "candidate_id"]),
        index("events", &["tenant_id", "starts_at"]),
        unique("attendance", &["tenant_id", "event_id", "ambassador_id"]),
        unique("attendance", &["tenant_id", "event_id", "candidate_id"]),
        index("consents", &["tenant_id", "ambassador_id", "kind"]),
        index("topics", &["tenant_id", "status", "category"]),
        index("posts", &["tenant_id", "status", "scheduled_at"]),
        index("posts", &["tenant_id", "ambassador_id", "published_at"]),
        index("posts", &["tenant_id", "published_at"]),
        index("posts", &["tenant_id", "topic_id"]),
        unique("posts", &["tenant_id", "channel", "external_id"]),
        index("media", &["tenant_id", "post_id"]),
        unique("imports", &["tenant_id", "file_hash"]),
        unique(
            "post_metrics",
            &["tenant_id", "post_id", "source", "observed_at"],
        ),
        unique("page_metrics", &["tenant_id", "channel", "day", "source"]),
        index("costs", &["tenant_id", "cohort_id"]),
        index("short_links", &["tenant_id", "post_id"]),
        index("link_clicks", &["tenant_id", "short_link_id", "clicked_at"]),
        index("channel_accounts", &["tenant_id", "ambassador_id"]),
        index("jobs", &["status", "run_at", "id"]),
        unique("jobs", &["idempotency_key"]),
        index("jobs", &["tenant_id", "status"]),
        index("audit_log", &["tenant_id", "created_at"]),
        index("api_tokens", &["tenant_id", "user_id"]),
        index("sessions", &["user_id"]),
    ]
}
