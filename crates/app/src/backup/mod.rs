//! Backup and restore of one instance: the database and the photos of a folder media store,
//! written into one folder with a manifest that names every file with its size and SHA-256.
//!
//! ```text
//! DIR/amtfluencer.db     online copy of the SQLite database (VACUUM INTO); absent for PostgreSQL
//! DIR/media/<key>        every photo of a folder store, under the key it has in the store
//! DIR/manifest.json      format version, app version, time, database kind, every file's hash
//! ```
//!
//! The manifest is written last, so a folder without one is an interrupted backup and restore
//! refuses it. Restore checks the whole backup (format, every size and hash, the database copy's
//! integrity and schema, what is in the way at the target) before it writes anything, writes each
//! file under a temporary name and renames it into place, and never deletes: a database or photo
//! it replaces is moved aside. PostgreSQL and S3 stores keep their own backups (pg_dump, bucket
//! versioning); for them the commands say so instead of pretending.

mod create;
mod files;
mod manifest;
mod restore;
mod sqlite;

use std::fmt;
use std::path::{Path, PathBuf};

pub use create::create;
pub use manifest::FORMAT_VERSION;
pub use restore::restore;

/// The database copy inside a backup folder.
pub const DATABASE_FILE: &str = "amtfluencer.db";
/// The folder of photos inside a backup folder.
pub const MEDIA_DIR: &str = "media";
/// The manifest inside a backup folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The pg_dump file next to a backup folder's manifest, as the hints name it.
const PG_DUMP_FILE: &str = "amtfluencer.dump";

/// How PostgreSQL is backed up, for the messages of both commands.
fn pg_dump_hint(file: &Path) -> String {
    format!(
        "pg_dump --format=custom --file={} \"$DATABASE_URL\"",
        file.display()
    )
}

fn pg_restore_hint(file: &Path) -> String {
    format!(
        "pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" {}",
        file.display()
    )
}

/// What `backup` wrote, for the summary it prints.
#[derive(Debug, Clone, Default)]
pub struct BackupReport {
    /// The backup folder (or the single database file of the old form).
    pub target: PathBuf,
    /// Whether the database is in the backup (SQLite) or not (PostgreSQL: pg_dump).
    pub database_included: bool,
    pub database_bytes: u64,
    /// Whether the photos are in the backup (a folder store) or not (S3, or the old form).
    pub photos_included: bool,
    pub photos: usize,
    pub photo_bytes: u64,
    /// Where the photos came from, e.g. `folder media`.
    pub media_source: String,
    /// One line each: what is not in the backup and what the operator has to do about it.
    pub notes: Vec<String>,
}

impl fmt::Display for BackupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Backup written to {}", self.target.display())?;
        if self.database_included {
            writeln!(f, "  database: {}", human_bytes(self.database_bytes))?;
        } else {
            writeln!(f, "  database: not included")?;
        }
        if self.photos_included {
            writeln!(
                f,
                "  photos:   {} ({}) from the {}",
                self.photos,
                human_bytes(self.photo_bytes),
                self.media_source
            )?;
        } else {
            writeln!(f, "  photos:   not included")?;
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        Ok(())
    }
}

/// What `restore` did, for the summary it prints.
#[derive(Debug, Clone, Default)]
pub struct RestoreReport {
    pub source: PathBuf,
    /// Where the database was put (SQLite only).
    pub database: Option<PathBuf>,
    /// Where the database that was there before now is.
    pub moved_aside: Option<PathBuf>,
    /// Migrations applied to bring a copy from an older release up to date.
    pub migrations_applied: usize,
    /// Photos written into the store.
    pub photos: usize,
    pub photo_bytes: u64,
    /// Photos that were in the store already with the same content.
    pub photos_unchanged: usize,
    /// Photos that differed and were replaced (`--replace`); the old ones are moved aside.
    pub photos_replaced: usize,
    pub notes: Vec<String>,
}

impl fmt::Display for RestoreReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Restored from {}", self.source.display())?;
        if let Some(db) = &self.database {
            writeln!(f, "  database: {}", db.display())?;
            if let Some(old) = &self.moved_aside {
                writeln!(f, "  the previous database is kept as {}", old.display())?;
            }
            if self.migrations_applied > 0 {
                writeln!(
                    f,
                    "  {} migration(s) applied to bring it up to date",
                    self.migrations_applied
                )?;
            }
        }
        writeln!(
            f,
            "  photos:   {} written ({}), {} already there, {} replaced",
            self.photos,
            human_bytes(self.photo_bytes),
            self.photos_unchanged,
            self.photos_replaced
        )?;
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        Ok(())
    }
}

/// `1.4 MB`, `820 KB`, `12 bytes`: enough precision for a summary line.
fn human_bytes(n: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a summary shows one decimal")]
    let x = n as f64;
    if n >= 1_000_000_000 {
        format!("{:.1} GB", x / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.1} MB", x / 1e6)
    } else if n >= 1_000 {
        format!("{:.0} KB", x / 1e3)
    } else {
        format!("{n} bytes")
    }
}

/// A time stamp for names of files moved aside: `20260301T020000Z`.
fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string()
}

/// `path` with `suffix` appended to its file name (`a.db` + `-wal` → `a.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_round_units() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(820_400), "820 KB");
        assert_eq!(human_bytes(1_440_000), "1.4 MB");
        assert_eq!(human_bytes(2_000_000_000), "2.0 GB");
    }

    #[test]
    fn a_suffix_goes_onto_the_file_name() {
        assert_eq!(
            with_suffix(Path::new("/var/lib/a.db"), "-wal"),
            PathBuf::from("/var/lib/a.db-wal")
        );
    }
}
