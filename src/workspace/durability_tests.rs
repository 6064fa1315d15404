//! The workspace store (through its bookmarks) against hostile files and bad days: FIFOs and devices under its names,
//! a damaged main file with a good backup, links into synced folders, temporaries left by
//! killed processes, and random operation sequences with a crash at any write step.

use super::format::{BACKUP_NAME, FILE_NAME};
use super::WorkspaceStore as BookmarkStore;
use crate::bookmarks::{now, Bookmark, Notice};

fn decode(bytes: &[u8]) -> Result<crate::bookmarks::format::Bookmarks, crate::durable::Problem> {
    super::format::decode(bytes).map(|ws| ws.bookmarks())
}
use crate::durable::fsio::{STEPS_BEFORE_CRASH, TEMP_SUFFIX};
use crate::model::DocId;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

fn mark(n: usize) -> Bookmark {
    Bookmark {
        id: DocId(format!("doc-{n:016x}")),
        note: String::new(),
        added: now(),
        date: Some(format!("{}", 1945 + n % 50)),
        date_text: String::new(),
        title: format!("Document {n}"),
        summary: String::new(),
        url: None,
        archive_ref: None,
        language: None,
        citation: None,
        credit: None,
        date_user: None,
    }
}

fn ids_in_file(path: &Path) -> Option<BTreeSet<String>> {
    let bytes = fs::read(path).ok()?;
    decode(&bytes)
        .ok()
        .map(|m| m.keys().map(|id| id.0.clone()).collect())
}

/// The text of every damaged copy the store moved aside in `dir`.
fn damaged_copies_text(dir: &Path) -> String {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
                .filter_map(|e| fs::read(e.path()).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn store_ids(store: &BookmarkStore) -> BTreeSet<String> {
    store.list().iter().map(|b| b.id.0.clone()).collect()
}

/// Runs `f` on another thread and fails the test if it has not returned in time: a guard
/// against a hang, not a speed limit (the operations under test do no waiting at all).
fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the operation hung")
}

#[cfg(unix)]
use crate::durable::fsio::mkfifo;

#[cfg(unix)]
#[test]
fn a_fifo_named_bookmarks_ron_is_refused_not_waited_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    mkfifo(&tmp.path().join(FILE_NAME));
    let dir = tmp.path().to_path_buf();
    let (notices, read_only, add) = without_hanging(move || {
        let mut store = BookmarkStore::open(&dir);
        let add = store.add(mark(1)).map_err(|e| e.to_string());
        (
            store
                .notices()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            store.is_read_only(),
            add,
        )
    });
    assert!(read_only);
    assert!(notices[0].contains("FIFO"), "{notices:?}");
    assert!(add.expect_err("refused").contains("FIFO"));
    // The FIFO is left as it was.
    assert!(!tmp.path().join(FILE_NAME).is_file());
}

#[cfg(unix)]
#[test]
fn importing_a_fifo_or_a_device_fails_at_once_with_the_path() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fifo = tmp.path().join("import.ron");
    mkfifo(&fifo);
    let zero = tmp.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let dir = tmp.path().join("data");
    let (a, b) = without_hanging(move || {
        let mut store = BookmarkStore::open(&dir);
        (
            store.import_file(&fifo).map_err(|e| e.to_string()),
            store.import_file(&zero).map_err(|e| e.to_string()),
        )
    });
    let a = a.expect_err("FIFO refused");
    assert!(a.contains("import.ron") && a.contains("FIFO"), "{a}");
    let b = b.expect_err("device refused");
    assert!(b.contains("zero.json") && b.contains("device"), "{b}");
}

/// The scenario, step by step: 20 bookmarks (the backup holds 19), the file cut in
/// half, then two adds. Before the fix the second add overwrote the good backup with one
/// bookmark and 19 were gone for good.
#[test]
fn a_damaged_file_is_recovered_from_the_backup_which_is_never_overwritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(FILE_NAME);
    let backup = tmp.path().join(BACKUP_NAME);
    let mut store = BookmarkStore::open(tmp.path());
    for n in 0..20 {
        store.add(mark(n)).expect("adds");
    }
    assert_eq!(ids_in_file(&backup).expect("backup").len(), 19);

    // Cut the file in half.
    let bytes = fs::read(&path).expect("file");
    fs::write(&path, &bytes[..bytes.len() / 2]).expect("truncate");
    let backup_before = fs::read(&backup).expect("backup");

    // `bookmarks add X`: damage reported, file moved aside, the backup's 19 taken.
    let mut cli = BookmarkStore::open(tmp.path());
    assert_eq!(cli.len(), 19);
    assert!(cli.moved_a_damaged_file());
    let message = cli.notices()[0].to_string();
    assert!(
        message.contains("damaged") && message.contains("19 workspace items were recovered"),
        "{message}"
    );
    let Notice::Recovered {
        moved_to: Some(moved_to),
        ..
    } = &cli.notices()[0]
    else {
        panic!("a Recovered notice: {:?}", cli.notices());
    };
    assert_eq!(
        fs::read(moved_to).expect("damaged copy"),
        &bytes[..bytes.len() / 2]
    );
    cli.add(mark(100)).expect("adds X");
    assert_eq!(
        fs::read(&backup).expect("backup"),
        backup_before,
        "untouched"
    );

    // `bookmarks add Y`: the main file is good again, so it becomes the backup.
    let mut cli = BookmarkStore::open(tmp.path());
    assert!(cli.notices().is_empty(), "{:?}", cli.notices());
    cli.add(mark(101)).expect("adds Y");
    assert_eq!(ids_in_file(&path).expect("main").len(), 21);
    assert_eq!(ids_in_file(&backup).expect("backup").len(), 20);
}

#[test]
fn a_missing_file_with_a_sound_backup_takes_the_backup() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store.add(mark(1)).expect("adds");
    store.add(mark(2)).expect("adds");
    fs::remove_file(tmp.path().join(FILE_NAME)).expect("remove");
    let store = BookmarkStore::open(tmp.path());
    assert_eq!(store.len(), 1);
    assert!(matches!(
        store.notices(),
        [Notice::Recovered { moved_to: None, .. }]
    ));
    // Listing does not count as a damaged file moved aside.
    assert!(!store.moved_a_damaged_file());
}

#[test]
fn a_damaged_backup_is_moved_aside_not_overwritten() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store.add(mark(1)).expect("adds");
    fs::write(tmp.path().join(BACKUP_NAME), "(version: 1, bookm").expect("damage");
    store.add(mark(2)).expect("adds");
    let aside: Vec<String> = fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("workspace.ron.bak.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        fs::read_to_string(tmp.path().join(&aside[0])).expect("kept"),
        "(version: 1, bookm"
    );
    assert_eq!(
        ids_in_file(&tmp.path().join(BACKUP_NAME))
            .expect("new backup")
            .len(),
        1
    );
}

#[test]
fn restore_from_backup_swaps_so_nothing_is_lost() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store.add(mark(1)).expect("adds");
    store.add(mark(2)).expect("adds");
    assert_eq!(store.restore_from_backup().expect("restores"), 1);
    assert_eq!(store.len(), 1);
    // The state it replaced is now the backup: restoring again undoes the restore.
    assert_eq!(store.restore_from_backup().expect("restores"), 2);
    assert_eq!(BookmarkStore::open(tmp.path()).len(), 2);
}

#[cfg(unix)]
#[test]
fn a_linked_bookmarks_file_is_written_through_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let synced = tmp.path().join("Sync");
    let data = tmp.path().join("data");
    fs::create_dir_all(&synced).expect("mkdir");
    fs::create_dir_all(&data).expect("mkdir");
    let real = synced.join("workspace.ron");
    let mut first = BookmarkStore::open(&synced);
    first.add(mark(1)).expect("adds");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).expect("chmod");
    std::os::unix::fs::symlink(&real, data.join(FILE_NAME)).expect("link");

    let mut store = BookmarkStore::open(&data);
    assert_eq!(store.len(), 1);
    store.add(mark(2)).expect("adds through the link");

    let link = fs::symlink_metadata(data.join(FILE_NAME)).expect("link");
    assert!(link.file_type().is_symlink(), "the link is still a link");
    assert_eq!(ids_in_file(&real).expect("target").len(), 2);
    let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the mode is kept");
}

#[test]
fn temporaries_left_by_a_killed_process_are_removed_on_open_and_nothing_else() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store.add(mark(1)).expect("adds");
    // What a process killed mid-save leaves, and files that are not ours.
    let stale = [
        format!(".workspace.ron.a1B2c3{TEMP_SUFFIX}"),
        format!(".workspace.ron.bak.x9Y8z7{TEMP_SUFFIX}"),
    ];
    let foreign = [".bookmarks.tmp", "notes.txt", ".library.ron.a1B2c3.tmp"];
    for name in stale.iter().map(String::as_str).chain(foreign) {
        fs::write(tmp.path().join(name), "x").expect("write");
    }
    let store = BookmarkStore::open(tmp.path());
    assert_eq!(store.len(), 1);
    for name in &stale {
        assert!(!tmp.path().join(name).exists(), "{name} removed");
    }
    for name in foreign {
        assert!(tmp.path().join(name).exists(), "{name} kept");
    }
}

/// A simulated crash after `steps` write steps of the next operation (None: no crash).
fn crash_after(steps: Option<usize>) {
    STEPS_BEFORE_CRASH.with(|s| s.set(steps));
}

#[derive(Clone, Debug)]
enum Op {
    Add(usize),
    Remove(usize),
    Note(usize),
    /// Damage the main file: cut it at this fraction (per mille) of its length.
    Damage(u16),
    /// Crash the next operation after this many write steps.
    CrashNext(usize),
    Restart,
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0usize..12).prop_map(Op::Add),
        2 => (0usize..12).prop_map(Op::Remove),
        1 => (0usize..12).prop_map(Op::Note),
        1 => (0u16..1000).prop_map(Op::Damage),
        2 => (0usize..6).prop_map(Op::CrashNext),
        1 => Just(Op::Restart),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// No bookmark ever present in the main file or the backup disappears without a remove:
    /// after every step, each one is still in the store's state, or it is in a damaged copy
    /// the store moved aside (byte-identical, for the user to look at).
    #[test]
    fn no_bookmark_disappears_without_a_remove(ops in proptest::collection::vec(op(), 1..40)) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let main = dir.join(FILE_NAME);
        let backup = dir.join(BACKUP_NAME);
        let mut store = BookmarkStore::open(dir);
        // Every id ever seen in the main file or the backup, and not removed since.
        let mut must_keep: BTreeSet<String> = BTreeSet::new();
        // Ids only the damaged copies hold (the user was told where).
        let mut in_damaged_copies: BTreeSet<String> = BTreeSet::new();
        // Ids the user removed (and has not added again): they may go.
        let mut removed: BTreeSet<String> = BTreeSet::new();
        let mut crash_next: Option<usize> = None;
        for op in ops {
            let armed = crash_next.is_some();
            crash_after(crash_next.take());
            match &op {
                Op::Add(n) => {
                    if store.add(mark(*n)).is_ok() {
                        removed.remove(&mark(*n).id.0);
                    }
                }
                Op::Remove(n) => {
                    let id = mark(*n).id;
                    if store.remove(&id).is_ok() {
                        must_keep.remove(&id.0);
                        in_damaged_copies.remove(&id.0);
                        removed.insert(id.0);
                    }
                }
                Op::Note(n) => {
                    let _ = store.set_note(&mark(*n).id, "a note");
                }
                Op::Damage(at) => {
                    if let Ok(bytes) = fs::read(&main) {
                        let cut = bytes.len() * usize::from(*at) / 1000;
                        fs::write(&main, &bytes[..cut]).expect("damage");
                        if decode(&bytes[..cut]).is_err() {
                            // What only the damaged file holds is kept aside, not in the store;
                            // what the cut destroyed outright no program can keep.
                            let in_backup = ids_in_file(&backup).unwrap_or_default();
                            let left = String::from_utf8_lossy(&bytes[..cut]).into_owned();
                            if let Ok(m) = decode(&bytes) {
                                for id in m.keys().filter(|id| !in_backup.contains(&id.0)) {
                                    if left.contains(id.as_str()) {
                                        in_damaged_copies.insert(id.0.clone());
                                    } else {
                                        must_keep.remove(&id.0);
                                    }
                                }
                            }
                        }
                    }
                }
                Op::CrashNext(steps) => crash_next = Some(*steps),
                Op::Restart => {}
            }
            crash_after(None);
            if armed || matches!(op, Op::Restart | Op::Damage(_)) {
                // A crash, a restart or a damaged file: a new process opens the folder.
                store = BookmarkStore::open(dir);
            }
            for file in [&main, &backup] {
                if let Some(ids) = ids_in_file(file) {
                    must_keep.extend(ids.into_iter().filter(|id| !removed.contains(id)));
                }
            }
            let held = store_ids(&store);
            let damaged_copies = damaged_copies_text(dir);
            for id in &must_keep {
                let kept_aside = in_damaged_copies.contains(id) && damaged_copies.contains(id.as_str());
                proptest::prop_assert!(
                    held.contains(id) || kept_aside,
                    "{id} disappeared after {op:?}; store holds {held:?}"
                );
            }
        }
        // Whatever the crashes, the store tidies its temporaries when it opens.
        drop(store);
        let _ = BookmarkStore::open(dir);
        let left = fs::read_dir(dir).expect("dir").flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(TEMP_SUFFIX))
            .count();
        proptest::prop_assert_eq!(left, 0);
    }
}

/// A workspace with every timestamp zeroed: what two applications of one operation agree on.
fn timeless(ws: &crate::workspace::Workspace) -> crate::workspace::Workspace {
    let mut ws = ws.clone();
    let zero = chrono::DateTime::UNIX_EPOCH;
    for c in &mut ws.collections {
        for e in &mut c.entries {
            e.added = zero;
        }
    }
    for r in ws.documents.values_mut() {
        if let Some(d) = &mut r.date_user {
            d.set = zero;
        }
    }
    for l in &mut ws.links {
        l.added = zero;
    }
    ws
}

fn work_op() -> impl proptest::strategy::Strategy<Value = (crate::workspace::Op, Option<usize>)> {
    use crate::workspace::{DocCard, Op as W};
    use proptest::prelude::*;
    let id = |n: usize| DocId(format!("doc-{n:016x}"));
    let card = |n: usize| {
        Some(DocCard {
            date: Some(format!("{}", 1945 + n)),
            title: format!("Document {n}"),
            ..DocCard::default()
        })
    };
    let names = ["Starred", "chapter 3", "to translate"];
    let op = prop_oneof![
        (0usize..3).prop_map(move |c| W::CreateCollection {
            name: names[c].to_string(),
            colour: None,
            description: String::new(),
        }),
        (0usize..3, 0usize..8).prop_map(move |(c, n)| W::AddToCollection {
            name: names[c].to_string(),
            id: id(n),
            card: card(n),
            note: None,
        }),
        (0usize..3, 0usize..8).prop_map(move |(c, n)| W::RemoveFromCollection {
            name: names[c].to_string(),
            id: id(n),
        }),
        (0usize..3, 0usize..8, 0usize..8).prop_map(move |(c, n, to)| W::MoveEntry {
            name: names[c].to_string(),
            id: id(n),
            to,
        }),
        (0usize..8, 0usize..4).prop_map(move |(n, d)| W::SetDate {
            id: id(n),
            card: card(n),
            edtf: ["1957~", "1956-08/1956-10", "../1957-03", "195X"][d].to_string(),
            reason: "content".into(),
        }),
        (0usize..8).prop_map(move |n| W::ClearDate { id: id(n) }),
        (0usize..8).prop_map(move |n| W::SetNote {
            id: id(n),
            card: card(n),
            note: format!("note {n}"),
        }),
        (0usize..8, 0usize..8).prop_map(move |(a, b)| W::Link {
            from: id(a),
            from_card: card(a),
            to: id(b),
            to_card: card(b),
            label: "replies to".into(),
        }),
        (0usize..8, 0usize..8).prop_map(move |(a, b)| W::Unlink {
            from: id(a),
            to: id(b),
            label: None,
        }),
        (0usize..8).prop_map(move |n| W::SetLane {
            id: id(n),
            card: card(n),
            lane: Some("Mine".into()),
        }),
    ];
    (op, proptest::option::weighted(0.3, 0usize..6))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any sequence of workspace operations, each possibly cut by a crash at any write step:
    /// after every one, a new process finds exactly the workspace before the operation or the
    /// one after it, never a mix and never less; operations that reported success are all
    /// there.
    #[test]
    fn workspace_operations_survive_crashes_whole(
        ops in proptest::collection::vec(work_op(), 1..30)
    ) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        let mut model = crate::workspace::Workspace::default();
        for (op, crash) in ops {
            let mut next = model.clone();
            let expected = op.apply(&mut next);
            crash_after(crash);
            let result = store_apply(dir, &op);
            crash_after(None);
            let found = timeless(crate::workspace::WorkspaceStore::open(dir).workspace());
            match (&expected, &result) {
                (Ok(_), Ok(())) => proptest::prop_assert_eq!(&found, &timeless(&next)),
                (Err(_), _) => proptest::prop_assert_eq!(&found, &timeless(&model)),
                (Ok(_), Err(_)) => proptest::prop_assert!(
                    found == timeless(&model) || found == timeless(&next),
                    "a crashed {op:?} left neither the old nor the new workspace"
                ),
            }
            model = if found == timeless(&next) { next } else { model };
        }
    }
}

/// One operation by a process that opens the folder, applies it and ends.
fn store_apply(dir: &Path, op: &crate::workspace::Op) -> Result<(), String> {
    crate::workspace::WorkspaceStore::open(dir)
        .apply(op)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
