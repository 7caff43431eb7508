//! `amtfluencer backup` and `restore` as an operator runs them: the default SQLite file and
//! media folder in the working directory, a summary on success, one `error:` line and a
//! non-zero exit on refusal, and nothing overwritten or deleted without `--replace`.

use std::path::Path;

use crate::cli::amtfluencer;

const PHOTO_KEY: &str = "1/2026/03/a1b2c3d4e5f60718293a4b5c6d7e8f90.jpg";
const PHOTO: &[u8] = b"\xFF\xD8 a photo of the town hall \xFF\xD9";

/// Runs the binary in `dir`: (success, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = amtfluencer(dir).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a command that must fail and returns its one line of error output.
fn refused(dir: &Path, args: &[&str]) -> String {
    let (ok, out, err) = run(dir, args);
    assert!(!ok, "{args:?} succeeded: {out}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{args:?} printed: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    lines[0].to_owned()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ok, out, err) = run(d, &["demo"]);
    assert!(ok, "{out}{err}");
    // A photo where the folder store keeps it: media/<key>.
    let photo = d.join("media").join(PHOTO_KEY);
    std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
    std::fs::write(&photo, PHOTO).unwrap();

    std::fs::create_dir(d.join("used")).unwrap();
    std::fs::write(d.join("used/old.txt"), b"x").unwrap();
    let e = refused(d, &["backup", "--to", "used"]);
    assert!(e.contains("used is not empty"), "{e}");

    let (ok, out, err) = run(d, &["backup", "--to", "nightly"]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("Backup written to nightly"), "{out}");
    let line = format!("photos:   1 ({} bytes) from the folder media", PHOTO.len());
    assert!(out.contains(&line), "{out}");
    assert_eq!(
        entries(&d.join("nightly")),
        ["amtfluencer.db", "manifest.json", "media"]
    );
    let e = refused(d, &["backup", "--to", "nightly"]);
    assert!(e.contains("is not empty"), "{e}");

    // The database is there: no restore over it without --replace.
    let e = refused(d, &["restore", "--from", "nightly"]);
    assert!(
        e.contains("exists already") && e.contains("--replace"),
        "{e}"
    );

    // With the database gone and the photo changed, the photo is not overwritten either, and
    // the refusal comes before the database is written.
    std::fs::remove_file(d.join("amtfluencer.db")).unwrap();
    // A journal left from the removed database would be applied to the restored one.
    std::fs::write(d.join("amtfluencer.db-wal"), b"stale").unwrap();
    let e = refused(d, &["restore", "--from", "nightly"]);
    assert!(
        e.contains("amtfluencer.db-wal of an earlier database"),
        "{e}"
    );
    std::fs::remove_file(d.join("amtfluencer.db-wal")).unwrap();
    std::fs::write(&photo, b"another picture").unwrap();
    let e = refused(d, &["restore", "--from", "nightly"]);
    assert!(e.contains(PHOTO_KEY) && e.contains("--replace"), "{e}");
    assert!(!d.join("amtfluencer.db").exists());

    // --replace keeps what it replaces.
    let (ok, out, err) = run(d, &["restore", "--from", "nightly", "--replace"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("1 written") && out.contains("1 replaced"),
        "{out}"
    );
    assert_eq!(std::fs::read(&photo).unwrap(), PHOTO);
    let kept: Vec<String> = entries(&d.join("media"))
        .into_iter()
        .filter(|n| n.starts_with(".before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", entries(&d.join("media")));
    assert_eq!(
        std::fs::read(d.join("media").join(&kept[0]).join(PHOTO_KEY)).unwrap(),
        b"another picture"
    );

    // Over an existing database with --replace: the old file is moved aside, not deleted.
    let (ok, out, err) = run(d, &["restore", "--from", "nightly", "--replace"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("1 already there") && out.contains("kept as"),
        "{out}"
    );
    let aside: Vec<String> = entries(d)
        .into_iter()
        .filter(|n| n.starts_with("amtfluencer.db.before-restore-"))
        .collect();
    assert_eq!(aside.len(), 1, "{:?}", entries(d));
    let (ok, out, err) = run(
        d,
        &[
            "token",
            "create",
            "--tenant",
            "musterstadt",
            "--email",
            "admin@musterstadt.example",
        ],
    );
    assert!(
        ok && out.starts_with("amtf_"),
        "the restored database works: {out}{err}"
    );
}

#[test]
fn the_old_single_file_form_says_that_it_holds_no_photos() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run(d, &["migrate"]).0);
    let (ok, out, err) = run(d, &["backup", "--to", "copy.sqlite"]);
    assert!(ok && d.join("copy.sqlite").is_file(), "{out}{err}");
    assert!(
        out.contains("database only") && out.contains("--to DIR"),
        "{out}"
    );
    let e = refused(d, &["restore", "--from", "copy.sqlite"]);
    assert!(e.contains("single database file"), "{e}");

    // No database where the configuration points: an error, not an empty backup.
    let e = refused(
        d,
        &[
            "backup",
            "--to",
            "b",
            "--database-url",
            "sqlite://nowhere.db",
        ],
    );
    assert!(e.contains("no database at nowhere.db"), "{e}");
    assert!(!d.join("b").exists() && !d.join("nowhere.db").exists());
}
