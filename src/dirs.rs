//! Where user data and settings live: the platform dirs (XDG on Linux) unless the command line
//! names a data dir. Owns path resolution only; never reads or writes files.

use std::path::{Path, PathBuf};

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "archive-timeline")
}

/// The data dir: `explicit` when given, else the platform data dir
/// (`$XDG_DATA_HOME/archive-timeline`, usually `~/.local/share/archive-timeline`), else
/// `./archive-timeline-data` when the platform has no home directory.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    match explicit {
        Some(dir) => dir.to_path_buf(),
        None => project().map_or_else(
            || PathBuf::from("archive-timeline-data"),
            |p| p.data_dir().to_path_buf(),
        ),
    }
}

/// The user's own themes file, `$XDG_CONFIG_HOME/archive-timeline/themes.ron`.
pub fn user_themes_file() -> Option<PathBuf> {
    project().map(|p| p.config_dir().join("themes.ron"))
}

/// Where the library cache lives: `$XDG_CACHE_HOME/archive-timeline` (usually
/// `~/.cache/archive-timeline`); `None` when the platform has no home directory.
pub fn cache_dir() -> Option<PathBuf> {
    project().map(|p| p.cache_dir().to_path_buf())
}
