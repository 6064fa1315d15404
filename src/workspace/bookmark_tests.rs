//! The bookmark operations (Starred) of the workspace store: the rules `bookmarks.ron` had,
//! now kept by `workspace.ron`.
use super::format::{BACKUP_NAME, FILE_NAME, LOCK_NAME};
use super::WorkspaceStore as BookmarkStore;
use crate::bookmarks::{encode, export, now, Bookmark};
use crate::durable::{Notice, StoreErrorKind};
use crate::model::{DocId, Document};

/// The starred ids a workspace file holds.
fn decode(bytes: &[u8]) -> Result<crate::bookmarks::format::Bookmarks, crate::durable::Problem> {
    super::format::decode(bytes).map(|ws| ws.bookmarks())
}
use crate::ingest::load_seeds;
use crate::model::{DocIndex, Library};
use std::fs;
use std::path::Path;
use std::sync::Arc;

fn seeds() -> Library {
    load_seeds().library
}

fn seed_004(library: &Library) -> &Document {
    library
        .find(&DocId("wcda-110485".into()))
        .expect("seed 004 is loaded")
}

/// A bookmark of a document that is not in the seeds.
fn stray(id: &str, date: Option<&str>, title: &str) -> Bookmark {
    Bookmark {
        id: DocId(id.into()),
        note: String::new(),
        added: now(),
        date: date.map(str::to_string),
        date_text: String::new(),
        title: title.into(),
        summary: "A summary.".into(),
        url: None,
        archive_ref: None,
        language: None,
        citation: None,
        credit: None,
        date_user: None,
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("lists the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The library document a stored bookmark is of, by the one rule the app uses.
fn locate_of(store: &BookmarkStore, id: &DocId, library: &Library) -> Option<DocIndex> {
    crate::bookmarks::locate_bookmark(store.get(id)?, library)
}

fn ids(store: &BookmarkStore) -> Vec<String> {
    store.list().iter().map(|b| b.id.0.clone()).collect()
}

#[test]
fn open_on_a_missing_folder_is_empty_and_creates_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("not-yet");
    let store = BookmarkStore::open(&dir);
    assert!(store.is_empty());
    assert!(store.notices().is_empty());
    assert!(!store.is_read_only());
    assert!(
        !dir.exists(),
        "the folder is created on the first change only"
    );
    assert_eq!(store.path(), dir.join(FILE_NAME));
}

#[test]
fn round_trip_through_the_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let doc = seed_004(&library);
    let mut store = BookmarkStore::open(tmp.path());
    store
        .add(Bookmark::from_document(
            doc,
            "Kim on military aid — «важно»",
        ))
        .expect("adds");
    store
        .add(stray("doc-1a2b3c4d5e6f7a8b", None, "Undated memo"))
        .expect("adds");
    let reopened = BookmarkStore::open(tmp.path());
    assert_eq!(reopened.len(), 2);
    assert_eq!(reopened.list(), store.list());
    let text = fs::read_to_string(store.path()).expect("file");
    assert!(text.contains("version: 1"), "{text}");
    assert!(text.contains("\"wcda-110485\": ("), "{text}");
    let added = reopened.get(&doc.id).expect("kept").added;
    assert!(text.contains(&format!(
        "added: \"{}\"",
        added.format("%Y-%m-%dT%H:%M:%SZ")
    )));
}

#[test]
fn toggle_add_again_and_note_rules() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let doc = seed_004(&library);
    let mut store = BookmarkStore::open(tmp.path());
    assert!(store.toggle(doc).expect("toggles on"));
    assert!(store.contains(&doc.id));
    store
        .set_note(&doc.id, "first note")
        .expect("sets the note");
    let first_added = store.get(&doc.id).expect("there").added;
    store
        .add(Bookmark::from_document(doc, ""))
        .expect("adds again");
    let again = store.get(&doc.id).expect("there");
    assert_eq!(
        again.note, "first note",
        "an empty new note keeps the old one"
    );
    assert_eq!(again.added, first_added, "keeps when it was first made");
    store
        .add(Bookmark::from_document(doc, "second"))
        .expect("adds again");
    assert_eq!(store.get(&doc.id).expect("there").note, "second");
    assert!(!store.toggle(doc).expect("toggles off"));
    assert!(store.is_empty());
    assert!(BookmarkStore::open(tmp.path()).is_empty());
}

#[test]
fn remove_returns_the_bookmark_for_undo() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    let mut b = stray("doc-00000000000000aa", Some("1950-06"), "A");
    b.note = "keep me".into();
    store.add(b.clone()).expect("adds");
    let removed = store.remove(&b.id).expect("removes").expect("was there");
    assert_eq!(removed, b);
    assert_eq!(store.remove(&b.id).expect("no-op"), None);
    store.add(removed).expect("undo");
    assert_eq!(BookmarkStore::open(tmp.path()).get(&b.id), Some(&b));
}

#[test]
fn saving_is_atomic_keeps_a_backup_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store
        .add(stray("doc-0000000000000001", Some("1956"), "One"))
        .expect("adds");
    assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME]);
    let first = fs::read(store.path()).expect("first version");
    store
        .add(stray("doc-0000000000000002", Some("1957"), "Two"))
        .expect("adds");
    assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME, BACKUP_NAME]);
    let backup = fs::read(tmp.path().join(BACKUP_NAME)).expect("backup");
    assert_eq!(backup, first, "the backup is the previous version");
    let second = fs::read(store.path()).expect("second version");
    assert_ne!(second, first);
    assert!(decode(&second).is_ok());
}

#[test]
fn a_failed_save_changes_nothing_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    store
        .add(stray("doc-0000000000000001", Some("1956"), "One"))
        .expect("adds");
    let before = fs::read(store.path()).expect("file");
    // A non-empty folder where the backup goes makes the backup, and so the save, fail.
    fs::create_dir_all(tmp.path().join(BACKUP_NAME).join("x")).expect("blocker");
    let err = store
        .add(stray("doc-0000000000000002", Some("1957"), "Two"))
        .expect_err("save fails");
    assert_eq!(err.kind, StoreErrorKind::Io);
    assert!(err.to_string().contains(BACKUP_NAME), "{err}");
    assert_eq!(fs::read(store.path()).expect("file"), before);
    assert_eq!(store.len(), 1, "memory still matches the file");
    assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME, BACKUP_NAME]);
}

#[test]
fn a_damaged_file_is_moved_aside_reported_and_never_emptied() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(FILE_NAME);
    let garbage = "(version: 1, bookmarks: { \"wcda-1\": (note: \"half a";
    fs::write(&path, garbage).expect("writes");
    let mut store = BookmarkStore::open(tmp.path());
    assert!(store.is_empty());
    assert!(!store.is_read_only());
    let [Notice::Damaged { file, moved_to, .. }] = store.notices() else {
        panic!("one Damaged notice, got {:?}", store.notices());
    };
    assert_eq!(file, &path);
    let name = moved_to
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let stamp = name.strip_prefix("workspace.ron.damaged-").expect("prefix");
    assert_eq!(stamp.len(), "20261123T184500Z".len(), "{name}");
    assert!(
        stamp.ends_with('Z') && stamp.as_bytes().get(8) == Some(&b'T'),
        "{name}"
    );
    assert_eq!(fs::read_to_string(moved_to).expect("kept"), garbage);
    let message = store.notices()[0].to_string();
    assert!(
        message.contains("damaged") && message.contains(&name),
        "{message}"
    );
    let moved_to = moved_to.clone();
    store
        .add(stray("doc-0000000000000003", None, "After"))
        .expect("keeps working");
    assert_eq!(BookmarkStore::open(tmp.path()).len(), 1);
    assert_eq!(fs::read_to_string(moved_to).expect("still kept"), garbage);
}

#[test]
fn binary_and_empty_files_count_as_damaged() {
    for bytes in [&b"\xff\xfe\x00garbage"[..], b"", b"(version: 0)"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(tmp.path().join(FILE_NAME), bytes).expect("writes");
        let store = BookmarkStore::open(tmp.path());
        assert!(
            matches!(store.notices(), [Notice::Damaged { .. }]),
            "{bytes:?}: {:?}",
            store.notices()
        );
        assert!(!tmp.path().join(FILE_NAME).exists());
    }
}

#[test]
fn a_newer_file_is_refused_left_untouched_and_writes_fail() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(FILE_NAME);
    let newer = "(version: 3, bookmarks: {}, collections: [(name: \"x\")])\n";
    fs::write(&path, newer).expect("writes");
    let mut store = BookmarkStore::open(tmp.path());
    assert!(store.is_read_only());
    assert_eq!(
        store.notices(),
        [Notice::NewerVersion {
            file: path.clone(),
            found: 3,
            supported: 1,
        }]
    );
    let message = store.notices()[0].to_string();
    assert!(
        message.contains(
            "workspace.ron was written by a newer archive-timeline (format 3; this one \
             reads up to 1): not changed"
        ),
        "{message}"
    );
    let err = store
        .add(stray("doc-0000000000000004", None, "No"))
        .expect_err("read-only");
    assert_eq!(err.kind, StoreErrorKind::ReadOnly);
    assert!(err.to_string().contains("format 3"), "{err}");
    assert!(store.set_note(&DocId("x".into()), "n").is_err());
    assert!(!store.reload_if_changed());
    assert_eq!(store.notices().len(), 1, "reported once");
    assert_eq!(fs::read_to_string(&path).expect("untouched"), newer);
    let left: Vec<String> = names_in(tmp.path())
        .into_iter()
        .filter(|n| n != LOCK_NAME)
        .collect();
    assert_eq!(left, [FILE_NAME], "not moved, no backup, no temp file");
}

#[test]
fn bookmarks_of_documents_not_loaded_are_kept_and_listed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let mut store = BookmarkStore::open(tmp.path());
    store
        .add(Bookmark::from_document(seed_004(&library), ""))
        .expect("adds");
    let gone = stray("wcda-999999", Some("1991-12-25"), "Gorbachev resigns");
    store.add(gone.clone()).expect("adds");
    store
        .add(stray("doc-00000000000000ff", None, "Undated note"))
        .expect("adds");
    let store = BookmarkStore::open(tmp.path());
    assert_eq!(
        ids(&store),
        ["wcda-110485", "wcda-999999", "doc-00000000000000ff"]
    );
    assert_eq!(locate_of(&store, &gone.id, &library), None);
    assert_eq!(store.get(&gone.id), Some(&gone));
    let md = export::export(&store.list(), export::ExportFormat::Markdown);
    assert!(md.contains("Gorbachev resigns"), "{md}");
}

#[test]
fn two_stores_on_one_folder_lose_no_change() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = BookmarkStore::open(tmp.path());
    let mut cli = BookmarkStore::open(tmp.path());
    app.add(stray("doc-000000000000000a", Some("1950"), "From the app"))
        .expect("adds");
    cli.add(stray("doc-000000000000000b", Some("1951"), "From the CLI"))
        .expect("adds");
    assert_eq!(cli.len(), 2, "the CLI saw the app's change before writing");
    assert!(app.reload_if_changed());
    assert!(!app.reload_if_changed(), "nothing new the second time");
    assert_eq!(ids(&app), ids(&cli));
    assert_eq!(BookmarkStore::open(tmp.path()).len(), 2);
}

#[test]
fn remove_in_one_store_and_set_note_in_another() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let x = stray("doc-000000000000000c", Some("1960"), "X");
    let y = stray("doc-000000000000000d", Some("1961"), "Y");
    let mut app = BookmarkStore::open(tmp.path());
    app.add(x.clone()).expect("adds");
    app.add(y.clone()).expect("adds");
    let mut cli = BookmarkStore::open(tmp.path());
    assert_eq!(cli.len(), 2);
    cli.remove(&x.id).expect("removes");
    let err = app.set_note(&x.id, "too late").expect_err("x is gone");
    assert_eq!(err.kind, StoreErrorKind::NotBookmarked);
    app.set_note(&y.id, "noted").expect("y is there");
    assert!(cli.reload_if_changed());
    assert!(
        !cli.contains(&x.id),
        "the removal is not undone by the stale store"
    );
    assert_eq!(cli.get(&y.id).expect("y").note, "noted");
    let fresh = BookmarkStore::open(tmp.path());
    assert_eq!(ids(&fresh), [y.id.as_str()]);
}

#[test]
fn concurrent_adds_from_threads_all_survive() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir: Arc<Path> = Arc::from(tmp.path());
    let workers: Vec<_> = (0..3)
        .map(|w| {
            let dir = Arc::clone(&dir);
            std::thread::spawn(move || {
                let mut store = BookmarkStore::open(&dir);
                for i in 0..10 {
                    let id = format!("doc-{w:08x}{i:08x}");
                    store.add(stray(&id, Some("1970"), &id)).expect("adds");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker finished");
    }
    assert_eq!(BookmarkStore::open(&dir).len(), 30);
}

#[test]
fn locate_by_id_then_by_date_and_title() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let doc = seed_004(&library);
    let mut store = BookmarkStore::open(tmp.path());
    store.add(Bookmark::from_document(doc, "")).expect("adds");
    let index = library.index_of(&doc.id).expect("indexed");
    assert_eq!(locate_of(&store, &doc.id, &library), Some(index));

    // Bookmarked under an older derived id, with the title spelled a little differently.
    let mut old = Bookmark::from_document(doc, "");
    old.id = DocId("doc-1a2b3c4d5e6f7a8b".into());
    old.title = old.title.to_uppercase().replace(' ', "  ");
    store.add(old.clone()).expect("adds");
    assert_eq!(locate_of(&store, &old.id, &library), Some(index));

    // Not found when the date differs, or when two documents match.
    let mut other_date = old.clone();
    other_date.id = DocId("doc-0000000000000077".into());
    other_date.date = Some("1962-08".into());
    store.add(other_date.clone()).expect("adds");
    assert_eq!(locate_of(&store, &other_date.id, &library), None);
    let mut twin = doc.clone();
    twin.id = DocId("doc-twin".into());
    let doubled = Library::new(vec![doc.clone(), twin]);
    assert_eq!(locate_of(&store, &old.id, &doubled), None);
    assert_eq!(
        locate_of(&store, &DocId("not-bookmarked".into()), &library),
        None
    );
}

#[test]
fn toggle_finds_a_bookmark_made_under_an_older_id() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let doc = seed_004(&library);
    let mut store = BookmarkStore::open(tmp.path());
    let mut old = Bookmark::from_document(doc, "made before the record id was known");
    old.id = DocId("doc-1a2b3c4d5e6f7a8b".into());
    store.add(old.clone()).expect("adds");
    assert_eq!(store.bookmark_of(doc), Some(&old));
    assert!(!store.toggle(doc).expect("toggles off"), "the star was on");
    assert!(store.is_empty());
    assert!(store.toggle(doc).expect("toggles on"));
    assert!(store.contains(&doc.id));
}

#[test]
fn import_ron_merges_without_duplicates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(&tmp.path().join("data"));
    let x = stray("doc-00000000000000e1", Some("1980"), "X");
    store.add(x.clone()).expect("adds");
    let mut x_with_note = x.clone();
    x_with_note.note = "from the other machine".into();
    x_with_note.title = "X renamed".into();
    let z = stray("doc-00000000000000e2", Some("1981"), "Z");
    let file = tmp.path().join("exported.ron");
    fs::write(&file, encode([&x_with_note, &z]).expect("encodes")).expect("writes");
    assert_eq!(store.import_file(&file).expect("imports"), 1);
    assert_eq!(store.len(), 2);
    let kept = store.get(&x.id).expect("x");
    assert_eq!(kept.title, "X", "the existing bookmark is kept");
    assert_eq!(
        kept.note, "from the other machine",
        "its empty note is filled"
    );
    assert_eq!(store.import_file(&file).expect("imports again"), 0);
    assert_eq!(BookmarkStore::open(&tmp.path().join("data")).len(), 2);
}

#[test]
fn import_json_forms_without_duplicates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = seeds();
    let mut marks: Vec<Bookmark> = library
        .docs()
        .iter()
        .take(5)
        .map(|d| Bookmark::from_document(d, "n"))
        .collect();
    marks.push(Bookmark::from_document(seed_004(&library), "seed 4"));
    let refs: Vec<&Bookmark> = marks.iter().collect();
    let csl = tmp.path().join("bookmarks.json");
    fs::write(&csl, export::export(&refs, export::ExportFormat::CslJson)).expect("writes");
    let mut store = BookmarkStore::open(&tmp.path().join("a"));
    assert_eq!(store.import_file(&csl).expect("imports CSL-JSON"), 6);
    assert_eq!(store.import_file(&csl).expect("again"), 0);
    let got = store.get(&DocId("wcda-110485".into())).expect("seed 004");
    assert_eq!(got.note, "seed 4");
    assert_eq!(got.date.as_deref(), Some("1962-08-14"));
    assert_eq!(got.url, marks[5].url);
    assert_eq!(got.archive_ref, marks[5].archive_ref);

    let plain = tmp.path().join("plain.json");
    fs::write(&plain, serde_json::to_string(&marks).expect("json")).expect("writes");
    let mut other = BookmarkStore::open(&tmp.path().join("b"));
    assert_eq!(other.import_file(&plain).expect("imports a JSON array"), 6);
    assert_eq!(other.get(&marks[5].id), Some(&marks[5]));
    assert_eq!(other.import_file(&csl).expect("CSL over plain"), 0);
}

#[test]
fn import_refuses_what_it_cannot_read_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = BookmarkStore::open(tmp.path());
    let cases = [
        ("bad.json", "[{\"type\": \"manuscript\"}]", "id"),
        ("bad.ron", "(nonsense", "neither"),
        ("newer.ron", "(version: 9, bookmarks: {})", "format 9"),
        ("bin.ron", "\u{0}\u{1}", "neither"),
    ];
    for (name, text, expected) in cases {
        let file = tmp.path().join(name);
        fs::write(&file, text).expect("writes");
        let err = store.import_file(&file).expect_err(name);
        assert_eq!(err.kind, StoreErrorKind::Import, "{name}");
        let message = err.to_string();
        assert!(
            message.contains(expected) && message.contains(name),
            "{message}"
        );
    }
    let missing = store
        .import_file(&tmp.path().join("missing.ron"))
        .expect_err("missing");
    assert!(missing.to_string().contains("missing.ron"), "{missing}");
    assert!(store.is_empty());
    assert!(!tmp.path().join(FILE_NAME).exists());
}
