//! Hostile files and folders (issue 14, items 1–3): only regular files are read, reads are
//! bounded, folder walks survive symlink loops and read each real file once; standard input
//! and pasted text are read like files.

use archive_timeline::ingest::{
    load_paths, read_regular_file, save_pasted, ReadError, MAX_FILE_BYTES,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn copy_seed(to: &Path) {
    std::fs::copy(seed("003_21b55c225223fe86.txt"), to).expect("copy");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// Runs `f` on another thread and fails if it takes longer than `limit` (a hang).
fn finishes_within<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).expect("finished in time (no hang)")
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_reported_and_does_not_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seed(&dir.path().join("good.txt"));
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let folder = dir.path().to_path_buf();
    let loaded = finishes_within(Duration::from_secs(20), move || load_paths(&[folder]));
    assert_eq!(loaded.library.len(), 10);
    let messages: Vec<String> = loaded.diagnostics().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("pipe.txt: error: not a regular file (a FIFO)")),
        "{messages:?}"
    );
    // Named directly, too.
    let loaded = finishes_within(Duration::from_secs(20), move || load_paths(&[fifo]));
    assert_eq!(loaded.failed_files(), 1);
    let err = loaded.diagnostics().next().expect("a message").to_string();
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
}

#[cfg(unix)]
#[test]
fn device_symlinks_are_refused_however_they_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, target) in [("zero.txt", "/dev/zero"), ("random.txt", "/dev/urandom")] {
        let link = dir.path().join(name);
        std::os::unix::fs::symlink(target, &link).expect("symlink");
        let err = read_regular_file(&link, MAX_FILE_BYTES).expect_err("refused");
        assert!(matches!(err, ReadError::NotRegular { .. }), "{err}");
        assert!(
            err.to_string().contains(name),
            "the error names the path: {err}"
        );
    }
    let folder = dir.path().to_path_buf();
    let loaded = finishes_within(Duration::from_secs(20), move || load_paths(&[folder]));
    assert_eq!(loaded.failed_files(), 2);
    assert!(loaded.library.is_empty());
}

#[test]
fn reads_stop_at_the_limit_whatever_the_size_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, vec![b'x'; 4096]).expect("write");
    match read_regular_file(&path, 1000) {
        Err(ReadError::TooLarge { size, limit, .. }) => {
            assert_eq!(limit, 1000);
            assert!(size > 1000);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_finish_quickly_and_read_each_page_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let l = dir.path().join("L");
    std::fs::create_dir(&l).expect("mkdir");
    copy_seed(&l.join("page.txt"));
    std::os::unix::fs::symlink(".", l.join("a")).expect("ln -s . L/a");
    std::os::unix::fs::symlink(".", l.join("b")).expect("ln -s . L/b");
    let start = Instant::now();
    let root = l.clone();
    let loaded = finishes_within(Duration::from_secs(20), move || load_paths(&[root]));
    assert!(start.elapsed() < Duration::from_secs(10));
    let pages: Vec<_> = loaded.files.iter().filter(|f| !f.failed).collect();
    assert_eq!(pages.len(), 1, "the page is read once");
    assert_eq!(loaded.library.listing_count(), 10, "no listing multiplied");
    let loops: Vec<String> = loaded
        .diagnostics()
        .map(ToString::to_string)
        .filter(|m| m.contains("symlink loop"))
        .collect();
    assert_eq!(loops.len(), 2, "{loops:?}");
    assert!(loops.iter().any(|m| m.contains("L/a")), "{loops:?}");
}

#[cfg(unix)]
#[test]
fn one_loop_link_and_a_second_path_to_the_same_file_do_not_multiply_listings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let l = dir.path().join("L");
    std::fs::create_dir(&l).expect("mkdir");
    copy_seed(&l.join("page.txt"));
    std::os::unix::fs::symlink(".", l.join("loop")).expect("ln -s . L/loop");
    std::os::unix::fs::symlink(l.join("page.txt"), dir.path().join("alias.txt")).expect("ln -s");
    let loaded = load_paths(&[l.clone(), dir.path().join("alias.txt"), l.join("page.txt")]);
    assert_eq!(loaded.library.listing_count(), 10);
    assert_eq!(loaded.library.len(), 10);
}

#[cfg(unix)]
#[test]
fn a_linked_folder_overlapping_roots_and_a_linked_root_read_each_file_once() {
    use archive_timeline::ingest::collect_paths;
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("A");
    let b = dir.path().join("B");
    std::fs::create_dir_all(a.join("sub")).expect("mkdir");
    std::fs::create_dir(&b).expect("mkdir");
    copy_seed(&a.join("sub").join("page.txt"));
    copy_seed(&b.join("other.txt"));
    // B/into-a -> A/sub: the same page by a second way; R -> A: the whole folder again.
    std::os::unix::fs::symlink(a.join("sub"), b.join("into-a")).expect("ln -s");
    std::os::unix::fs::symlink(&a, dir.path().join("R")).expect("ln -s");
    let (files, problems) = collect_paths(&[
        b.clone(),
        a.clone(),
        a.join("sub"),
        dir.path().join("R"),
        a.join("sub").join("page.txt"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    // Each real file once, by the first way the walk met it.
    assert_eq!(names, ["B/into-a/page.txt", "B/other.txt"], "{names:?}");
}

#[test]
fn standard_input_is_read_as_one_page() {
    let run = |args: &[&str], input: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        child.wait_with_output().expect("finishes")
    };
    let page = std::fs::read(seed("003_21b55c225223fe86.txt")).expect("seed");
    let out = run(&["check", "-"], &page);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("-: 10 entries"), "{text}");
    assert!(
        text.ends_with("total: 10 documents, 10 listings, 1 file, 0 errors\n"),
        "{text}"
    );
    let out = run(&["export", "--format", "json", "-"], &page);
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(docs.as_array().map(Vec::len), Some(10));
    assert_eq!(docs[0]["sources"][0]["file"], "-");
}

#[test]
fn pasted_text_is_saved_atomically_and_reads_like_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(seed("003_21b55c225223fe86.txt")).expect("seed");
    let path = save_pasted(dir.path(), &text).expect("saved");
    assert!(path.starts_with(dir.path().join("pasted")));
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("txt"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    let leftovers = std::fs::read_dir(dir.path().join("pasted"))
        .expect("dir")
        .count();
    assert_eq!(leftovers, 1, "no temporary file left behind");
    assert_eq!(load_paths(&[path]).library.len(), 10);
    let html = save_pasted(
        dir.path(),
        "<html><body><p>May 1, 1950</p><p>T</p></body></html>",
    )
    .expect("saved");
    assert_eq!(html.extension().and_then(|e| e.to_str()), Some("html"));
}

#[test]
fn a_file_of_no_known_format_gets_one_clear_error_and_the_others_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seed(&dir.path().join("good.txt"));
    std::fs::write(dir.path().join("notes.json"), "{\"hello\": \"world\"}").expect("write");
    std::fs::write(dir.path().join("image.csv"), b"\x89PNG\r\n\x1a\n\0\0").expect("write");
    let loaded = load_paths(&[dir.path().to_path_buf()]);
    assert_eq!(loaded.library.len(), 10);
    assert_eq!(loaded.failed_files(), 2);
    for f in loaded.files.iter().filter(|f| f.failed) {
        let errors: Vec<String> = f.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("not an archive page or a reference file"),
            "{errors:?}"
        );
    }
}

#[test]
fn a_held_load_waits_until_released() {
    use archive_timeline::ingest::{load_sources, Progress, SourceList};
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seed(&dir.path().join("a.txt"));
    let progress = Arc::new(Progress::default());
    progress.hold();
    let sources = SourceList {
        seeds: false,
        paths: vec![dir.path().to_path_buf()],
    };
    let worker = Arc::clone(&progress);
    let handle = std::thread::spawn(move || load_sources(&sources, &worker));
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(progress.snapshot(), (0, 1, 0), "held before the first file");
    progress.release();
    let loaded = handle.join().expect("loader");
    assert_eq!(loaded.library.len(), 10);
}
