//! Files the command line writes (#25 §6, #26 §3): a bare `--out` name works, outputs get the
//! usual mode while the workspace stays private, no `--out` replaces the workspace, its backup
//! or lock, a file being read, a FIFO or a device, a killed write's temporary is swept, and a
//! closed pipe ends a command quietly.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_archive-timeline");

/// Runs the binary in `cwd` with umask 022 (as a usual login has).
fn run_in(cwd: &Path, data: &Path, args: &[&str]) -> Output {
    let mut script = String::from("umask 022; exec \"$0\" --data-dir \"$1\"");
    for i in 0..args.len() {
        script.push_str(&format!(" \"${}\"", i + 2));
    }
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .arg(data)
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("binary runs")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_bare_output_name_is_written_with_the_usual_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    for name in ["x.svg", "x.png"] {
        let out = run_in(dir.path(), &data, &["render", "--out", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let file = dir.path().join(name);
        assert!(std::fs::metadata(&file).expect("written").len() > 100);
        assert_eq!(mode(&file), 0o644, "{name}");
    }
    // A handout of the bookmarks, bare name too.
    let out = run_in(dir.path(), &data, &["bookmarks", "add", "wcda-110485"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run_in(dir.path(), &data, &["handout", "starred", "--out", "h.pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&dir.path().join("h.pdf")), 0o644);
    // The workspace itself stays private.
    assert_eq!(mode(&data.join("workspace.ron")), 0o600);
    // No temporary file is left.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".at-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn no_output_replaces_the_workspace_its_backup_or_lock() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let d = &data;
    for args in [
        &["collections", "create", "C1"][..],
        &["collections", "add", "C1", "wcda-110485"],
        &["collections", "add", "C1", "doc-64774b47c483ee3a"],
    ] {
        let out = run_in(dir.path(), d, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    let workspace = data.join("workspace.ron");
    let before = std::fs::read(&workspace).expect("workspace");
    for target in ["workspace.ron", "workspace.ron.bak", "workspace.lock"] {
        let path = data.join(target);
        let path = path.to_string_lossy();
        for args in [
            vec!["lesson", "export", "C1", "--out", &path],
            vec!["render", "--out", &path],
        ] {
            let out = run_in(dir.path(), d, &args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let said = stderr(&out);
            assert!(said.contains("refusing to replace it"), "{args:?}: {said}");
        }
    }
    assert_eq!(std::fs::read(&workspace).expect("workspace"), before);
    // The workspace still reads.
    let out = run_in(dir.path(), d, &["collections", "show", "C1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn no_output_replaces_a_source_a_fifo_or_a_device() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "May 1, 1950\n\nTelegram\n\nA summary.\n").expect("page");
    let page_arg = page.to_string_lossy().into_owned();
    let out = run_in(
        dir.path(),
        &data,
        &["render", "--out", &page_arg, &page_arg],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("a file this command is reading"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::read_to_string(&page)
        .expect("page")
        .starts_with("May 1, 1950"));

    let fifo = dir.path().join("pipe.svg");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let out = run_in(dir.path(), &data, &["render", "--out", "pipe.svg"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("it is a FIFO, not a regular file"),
        "{}",
        stderr(&out)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type()
        .is_fifo());

    let out = run_in(dir.path(), &data, &["render", "--out", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("character device"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_killed_writes_temporary_is_swept_by_the_next_write_of_that_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let stale = dir.path().join(".x.svg.AbC123.at-tmp");
    let other = dir.path().join(".y.svg.AbC123.at-tmp");
    for f in [&stale, &other] {
        std::fs::write(f, vec![b'x'; 2048]).expect("temp");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(f)
            .and_then(|h| h.set_modified(old))
            .expect("age it");
    }
    let out = run_in(dir.path(), &data, &["render", "--out", "x.svg"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stale.exists(), "the stale temporary of x.svg is removed");
    assert!(other.exists(), "another output's temporary is not touched");
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    for args in [
        &["export", "--format", "json"][..],
        &["export", "--format", "csv"],
        &["check", "seeds"],
    ] {
        let mut child = Command::new(BIN)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Close the reading end at once, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
