//! Small builders shared by the migrations, so that every table is declared the same way.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// A table with a big-integer primary key `id`.
pub fn table(name: &'static str) -> TableCreateStatement {
    Table::create()
        .table(name)
        .if_not_exists()
        .col(big_pk_auto("id"))
        .take()
}

/// A tenant-owned table: `id`, `tenant_id` (cascading delete with the authority).
pub fn tenant_table(name: &'static str) -> TableCreateStatement {
    let mut t = table(name);
    t.col(big_integer("tenant_id")).foreign_key(&mut fk(
        name,
        "tenant_id",
        "tenants",
        ForeignKeyAction::Cascade,
    ));
    t
}

/// `created_at` and `updated_at`.
pub fn timestamps(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

pub fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from_table}_{from_col}"))
        .from(from_table, from_col)
        .to(to_table, "id")
        .on_delete(on_delete)
        .take()
}

/// An index named after its table and columns.
pub fn index(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(format!("ix_{table}_{}", cols.join("_")))
        .table(table)
        .if_not_exists();
    for c in cols {
        idx.col(*c);
    }
    idx
}

pub fn unique(table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = index(table, cols);
    idx.name(format!("ux_{table}_{}", cols.join("_"))).unique();
    idx
}

/// Runs raw statements, in order.
pub async fn run_all<S: AsRef<str>>(m: &SchemaManager<'_>, statements: &[S]) -> Result<(), DbErr> {
    for sql in statements {
        m.get_connection().execute_unprepared(sql.as_ref()).await?;
    }
    Ok(())
}

/// Runs raw statements, in order, as one batch on one connection: for a migration that drops
/// an object of SQLite and creates another of the same name. SQLite migrations run without a
/// transaction, so separate statements may go to different connections of the pool, and one
/// whose copy of the schema is older than the drop refuses the create ("already exists").
pub async fn run_batch<S: AsRef<str>>(
    m: &SchemaManager<'_>,
    statements: &[S],
) -> Result<(), DbErr> {
    let batch: Vec<&str> = statements.iter().map(AsRef::as_ref).collect();
    m.get_connection()
        .execute_unprepared(&batch.join(";\n"))
        .await
        .map(|_| ())
}

/// Runs raw statements on PostgreSQL only (for changes SQLite does not need or cannot make).
pub async fn on_postgres<S: AsRef<str>>(
    m: &SchemaManager<'_>,
    statements: &[S],
) -> Result<(), DbErr> {
    if m.get_database_backend() != sea_orm_migration::sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    run_all(m, statements).await
}

/// Declares a migration that runs raw statements on PostgreSQL only (for changes SQLite does
/// not need or cannot make): `postgres_only!("m…_name", UP, DOWN);`, where `UP` and `DOWN`
/// are lists of statements (or calls that return them).
macro_rules! postgres_only {
    ($name:literal, $up:expr, $down:expr) => {
        pub struct Migration;

        impl MigrationName for Migration {
            fn name(&self) -> &str {
                $name
            }
        }

        #[async_trait::async_trait]
        impl MigrationTrait for Migration {
            async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
                crate::build::on_postgres(m, &$up).await
            }

            async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
                crate::build::on_postgres(m, &$down).await
            }
        }
    };
}
pub(crate) use postgres_only;
