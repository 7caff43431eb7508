//! PostgreSQL: the foreign key from snapshots to their import becomes a trigger on the
//! imports.
//!
//! PostgreSQL checks a foreign key row by row, and every check locks the referenced row: an
//! import of 100,000 rows checked and locked the same import row 100,000 times (about 1.1 s of
//! a 100,000-row import at the demo ×100, the most expensive single item of its write). The
//! check guards nothing there: a snapshot names an import only when it is written in the
//! transaction that creates that import (`imports::apply`), where no other transaction can
//! see, let alone delete, the import. What the key also did, setting the snapshots' import to
//! NULL when an import is deleted, a trigger on the imports now does.
//!
//! SQLite keeps the key: it cannot drop a constraint without rebuilding the table of millions
//! of snapshots, and its check costs little there.

use sea_orm_migration::prelude::*;

const UP: [&str; 3] = [
    "ALTER TABLE post_metrics DROP CONSTRAINT IF EXISTS fk_post_metrics_import_id",
    "CREATE FUNCTION post_metrics_import_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN \
       UPDATE post_metrics SET import_id = NULL WHERE import_id = OLD.id; \
       RETURN NULL; \
     END $$",
    "CREATE TRIGGER tr_imports_snapshots_deleted AFTER DELETE ON imports FOR EACH ROW \
     EXECUTE FUNCTION post_metrics_import_deleted()",
];

const DOWN: [&str; 3] = [
    "DROP TRIGGER IF EXISTS tr_imports_snapshots_deleted ON imports",
    "DROP FUNCTION IF EXISTS post_metrics_import_deleted()",
    "ALTER TABLE post_metrics ADD CONSTRAINT fk_post_metrics_import_id \
     FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE SET NULL",
];

crate::build::postgres_only!("m20261207_000014_snapshot_import_key", UP, DOWN);
