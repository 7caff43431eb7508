//! Each post's latest figures in one row, so that the dashboards read one row per post
//! instead of grouping every snapshot ever taken (about twenty per post). Snapshots stay the
//! record; `post_figures` is derived from them and rebuilt here from what is stored. The two
//! figures every dashboard needs (impressions, interactions) are also kept on the post, in
//! the index the dashboards read, so that reading a period's posts touches that index only.
//!
//! Also the indexes the dashboards and imports need at scale: the freshness of the figures
//! (`MAX(observed_at)`) and the snapshots of one import moment are found through an index
//! instead of a scan of every snapshot; the posts of a period are read from an index that
//! holds every column the dashboards group by (it replaces the one on tenant and date); and
//! "has this person published yet" is answered from the person's index alone, which now
//! holds the status too (without it, SQLite preferred scanning the period index).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::build::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000012_post_figures"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("post_figures")
            .if_not_exists()
            .col(big_integer("post_id").primary_key())
            .col(big_integer("tenant_id"))
            .col(timestamp_with_time_zone("observed_at"))
            .col(big_integer("impressions"))
            .col(big_integer_null("members_reached"))
            .col(big_integer("reactions"))
            .col(big_integer("comments"))
            .col(big_integer("reposts"))
            .col(big_integer_null("clicks"))
            .foreign_key(&mut fk(
                "post_figures",
                "post_id",
                "posts",
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut fk(
                "post_figures",
                "tenant_id",
                "tenants",
                ForeignKeyAction::Cascade,
            ));
        m.create_table(t).await?;
        m.create_index(index("post_figures", &["tenant_id", "post_id"]))
            .await?;
        m.create_index(index(
            "post_metrics",
            &["tenant_id", "observed_at", "source"],
        ))
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_posts_tenant_id_published_at")
                .table("posts")
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_posts_tenant_id_ambassador_id_published_at")
                .table("posts")
                .to_owned(),
        )
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
        for i in new_post_indexes() {
            m.create_index(i).await?;
        }
        // The figures already stored: the largest of each post's snapshots, as the
        // dashboards have always read them.
        m.get_connection()
            .execute_unprepared(
                "INSERT INTO post_figures (post_id, tenant_id, observed_at, impressions, \
                 members_reached, reactions, comments, reposts, clicks) \
                 SELECT post_id, MIN(tenant_id), MAX(observed_at), MAX(impressions), \
                 MAX(members_reached), MAX(reactions), MAX(comments), MAX(reposts), \
                 MAX(clicks) FROM post_metrics GROUP BY post_id",
            )
            .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE posts SET figures_impressions = (SELECT f.impressions FROM post_figures f \
                 WHERE f.post_id = posts.id), figures_interactions = (SELECT f.reactions + \
                 f.comments + f.reposts + COALESCE(f.clicks, 0) FROM post_figures f \
                 WHERE f.post_id = posts.id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for i in new_post_indexes() {
            let name = i.get_index_spec().get_name().unwrap_or_default().to_owned();
            m.drop_index(Index::drop().name(name).table("posts").to_owned())
                .await?;
        }
        for col in ["figures_interactions", "figures_impressions"] {
            m.alter_table(Table::alter().table("posts").drop_column(col).to_owned())
                .await?;
        }
        m.create_index(index("posts", &["tenant_id", "published_at"]))
            .await?;
        m.create_index(index(
            "posts",
            &["tenant_id", "ambassador_id", "published_at"],
        ))
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_post_metrics_tenant_id_observed_at_source")
                .table("post_metrics")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("post_figures").if_exists().to_owned())
            .await
    }
}

fn new_post_indexes() -> Vec<IndexCreateStatement> {
    let mut facts = index(
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
    facts.name("ix_posts_published_facts");
    vec![
        facts,
        index(
            "posts",
            &["tenant_id", "ambassador_id", "published_at", "status"],
        ),
    ]
}
