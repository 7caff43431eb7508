//! The dashboards' facts of each published post in a narrow table of their own
//! (`post_facts`: authority, date, person, topic, impressions, interactions), kept current
//! from the posts by triggers and from `post_figures` by every write of figures.
//!
//! Before, impressions and interactions were copied onto the post itself, inside the
//! dashboards' index: an import that raised 100,000 posts' figures wrote a new version of
//! each post into all six of the posts' indexes (4.3 s of a PostgreSQL import at the demo
//! ×100; the same update of the narrow table takes 0.7 s). The posts keep an index on the
//! columns other reads filter by, without the figures.
//!
//! Also: the foreign key from snapshots to the authority is dropped on PostgreSQL, where
//! each inserted snapshot checked it one by one (0.7 s per 100,000 rows); the snapshot's
//! post already belongs to the authority and cascades with it. SQLite cannot drop a
//! constraint without rebuilding the table, and its check costs little there. The index of
//! `post_figures` by authority is dropped on both: the two reads by authority (a rebuild
//! after seeding, the figures of every post) read the whole table anyway.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::build::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000013_post_facts"
    }
}

/// What the triggers and the backfill insert for one published post `NEW`/`p`: its facts
/// and the figures it already has.
pub(crate) const FACT_COLS: &str =
    "post_id, tenant_id, published_at, ambassador_id, topic_id, impressions, interactions";

fn facts_index() -> IndexCreateStatement {
    let mut i = index(
        "post_facts",
        &[
            "tenant_id",
            "published_at",
            "ambassador_id",
            "topic_id",
            "impressions",
            "interactions",
            "post_id",
        ],
    );
    i.name("ix_post_facts_period");
    i
}

fn posts_period_index() -> IndexCreateStatement {
    let mut i = index(
        "posts",
        &[
            "tenant_id",
            "published_at",
            "status",
            "ambassador_id",
            "topic_id",
        ],
    );
    i.name("ix_posts_published");
    i
}

/// A post's facts, from the row `p` (`NEW` in a trigger) and its figures, if any.
pub(crate) fn select_facts(p: &str) -> String {
    format!(
        "SELECT {p}.id, {p}.tenant_id, {p}.published_at, {p}.ambassador_id, {p}.topic_id, \
         (SELECT f.impressions FROM post_figures f WHERE f.post_id = {p}.id), \
         (SELECT f.reactions + f.comments + f.reposts + COALESCE(f.clicks, 0) \
          FROM post_figures f WHERE f.post_id = {p}.id)"
    )
}

/// The columns whose change moves a post into, out of or within the facts.
const WATCHED: [&str; 5] = [
    "tenant_id",
    "status",
    "published_at",
    "ambassador_id",
    "topic_id",
];

pub(crate) fn changed(distinct: &str) -> String {
    WATCHED
        .iter()
        .map(|c| format!("OLD.{c} {distinct} NEW.{c}"))
        .collect::<Vec<_>>()
        .join(" OR ")
}

pub(crate) fn sqlite_triggers() -> Vec<String> {
    let published = "NEW.status = 'published' AND NEW.published_at IS NOT NULL";
    vec![
        format!(
            "CREATE TRIGGER tr_posts_facts_insert AFTER INSERT ON posts \
             WHEN {published} BEGIN \
             INSERT INTO post_facts ({FACT_COLS}) {}; END",
            select_facts("NEW")
        ),
        format!(
            "CREATE TRIGGER tr_posts_facts_update AFTER UPDATE ON posts \
             WHEN {} BEGIN \
             DELETE FROM post_facts WHERE post_id = OLD.id; \
             INSERT INTO post_facts ({FACT_COLS}) {} WHERE {published}; END",
            changed("IS NOT"),
            select_facts("NEW")
        ),
    ]
}

fn postgres_triggers() -> Vec<String> {
    vec![
        format!(
            "CREATE FUNCTION post_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN \
               IF TG_OP = 'UPDATE' THEN DELETE FROM post_facts WHERE post_id = OLD.id; END IF; \
               IF NEW.status = 'published' AND NEW.published_at IS NOT NULL THEN \
                 INSERT INTO post_facts ({FACT_COLS}) {}; \
               END IF; \
               RETURN NULL; \
             END $$",
            select_facts("NEW")
        ),
        "CREATE TRIGGER tr_posts_facts_insert AFTER INSERT ON posts FOR EACH ROW \
         WHEN (NEW.status = 'published' AND NEW.published_at IS NOT NULL) \
         EXECUTE FUNCTION post_facts_sync()"
            .to_owned(),
        format!(
            "CREATE TRIGGER tr_posts_facts_update AFTER UPDATE ON posts FOR EACH ROW \
             WHEN ({}) EXECUTE FUNCTION post_facts_sync()",
            changed("IS DISTINCT FROM")
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = m.get_database_backend();
        let mut t = Table::create();
        t.table("post_facts")
            .if_not_exists()
            .col(big_integer("post_id").primary_key())
            .col(big_integer("tenant_id"))
            .col(timestamp_with_time_zone("published_at"))
            .col(big_integer("ambassador_id"))
            .col(big_integer_null("topic_id"))
            .col(big_integer_null("impressions"))
            .col(big_integer_null("interactions"))
            .foreign_key(&mut fk(
                "post_facts",
                "post_id",
                "posts",
                ForeignKeyAction::Cascade,
            ));
        m.create_table(t).await?;
        db.execute_unprepared(&format!(
            "INSERT INTO post_facts ({FACT_COLS}) {} FROM posts p \
             WHERE p.status = 'published' AND p.published_at IS NOT NULL",
            select_facts("p")
        ))
        .await?;
        m.create_index(facts_index()).await?;
        let triggers = match backend {
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        for sql in triggers {
            db.execute_unprepared(&sql).await?;
        }

        m.drop_index(
            Index::drop()
                .name("ix_posts_published_facts")
                .table("posts")
                .to_owned(),
        )
        .await?;
        m.create_index(posts_period_index()).await?;
        for col in ["figures_interactions", "figures_impressions"] {
            m.alter_table(Table::alter().table("posts").drop_column(col).to_owned())
                .await?;
        }
        m.drop_index(
            Index::drop()
                .name("ix_post_figures_tenant_id_post_id")
                .table("post_figures")
                .to_owned(),
        )
        .await?;
        if backend == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE post_metrics DROP CONSTRAINT IF EXISTS fk_post_metrics_tenant_id",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let backend = m.get_database_backend();
        if backend == DbBackend::Postgres {
            db.execute_unprepared(
                "ALTER TABLE post_metrics ADD CONSTRAINT fk_post_metrics_tenant_id \
                 FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE",
            )
            .await?;
        }
        m.create_index(index("post_figures", &["tenant_id", "post_id"]))
            .await?;
        for mut col in [
            big_integer_null("figures_impressions"),
            big_integer_null("figures_interactions"),
        ] {
            m.alter_table(
                Table::alter()
                    .table("posts")
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        db.execute_unprepared(
            "UPDATE posts SET figures_impressions = (SELECT f.impressions FROM post_facts f \
             WHERE f.post_id = posts.id), figures_interactions = (SELECT f.interactions \
             FROM post_facts f WHERE f.post_id = posts.id)",
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_posts_published")
                .table("posts")
                .to_owned(),
        )
        .await?;
        let mut old = index(
            "posts",
            &[
                "tenant_id",
                "published_at",
                "status",
                "ambassador_id",
                "topic_id",
                "figures_impressions",
                "figures_interactions",
            ],
        );
        old.name("ix_posts_published_facts");
        m.create_index(old).await?;
        for trigger in ["tr_posts_facts_insert", "tr_posts_facts_update"] {
            let sql = match backend {
                DbBackend::Postgres => format!("DROP TRIGGER IF EXISTS {trigger} ON posts"),
                _ => format!("DROP TRIGGER IF EXISTS {trigger}"),
            };
            db.execute_unprepared(&sql).await?;
        }
        if backend == DbBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS post_facts_sync()")
                .await?;
        }
        m.drop_table(Table::drop().table("post_facts").if_exists().to_owned())
            .await
    }
}
