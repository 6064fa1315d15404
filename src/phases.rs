//! The phases of a load, timed when a benchmark asks ([`enable`]): reading, merging,
//! classifying, the cache's read and decode, each as one named figure in milliseconds. Off by
//! default, when a mark costs one relaxed load. Knows nothing of what it times.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Instant;

static ON: AtomicBool = AtomicBool::new(false);
static LOG: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());
static ENABLED_AT: OnceLock<Instant> = OnceLock::new();

/// Starts recording phases in this process (the start probe).
pub fn enable() {
    ENABLED_AT.get_or_init(Instant::now);
    ON.store(true, Ordering::Relaxed);
}

/// Records the moment `name` happened, as milliseconds since [`enable`] (the first time only).
pub fn mark(name: &'static str) {
    let Some(at) = ENABLED_AT.get().filter(|_| ON.load(Ordering::Relaxed)) else {
        return;
    };
    let ms = at.elapsed().as_secs_f64() * 1000.0;
    let mut log = LOG.lock().unwrap_or_else(PoisonError::into_inner);
    if !log.iter().any(|(n, _)| *n == name) {
        log.push((name, ms));
    }
}

/// A phase under way: [`Phase::done`] records it.
#[must_use]
pub struct Phase {
    name: &'static str,
    started: Option<Instant>,
}

/// Starts timing `name` (nothing is kept unless recording is on).
pub fn start(name: &'static str) -> Phase {
    Phase {
        name,
        started: ON.load(Ordering::Relaxed).then(Instant::now),
    }
}

impl Phase {
    /// Records the phase's time; a phase recorded twice adds up.
    pub fn done(self) {
        let Some(started) = self.started else { return };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut log = LOG.lock().unwrap_or_else(PoisonError::into_inner);
        match log.iter_mut().find(|(n, _)| *n == self.name) {
            Some(entry) => entry.1 += ms,
            None => log.push((self.name, ms)),
        }
    }
}

/// The phases recorded so far, in the order they first ended.
pub fn recorded() -> Vec<(&'static str, f64)> {
    LOG.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_add_up_by_name_in_order_once_enabled() {
        let off = start("before");
        off.done();
        enable();
        let a = start("a");
        std::thread::sleep(std::time::Duration::from_millis(2));
        a.done();
        start("b").done();
        start("a").done();
        let log = recorded();
        let names: Vec<&str> = log.iter().map(|p| p.0).collect();
        // Tests share the process: other phases may be recorded meanwhile, but never "before".
        assert!(!names.contains(&"before"));
        let a_at = names.iter().position(|n| *n == "a");
        let b_at = names.iter().position(|n| *n == "b");
        assert!(a_at < b_at, "{names:?}");
        assert_eq!(names.iter().filter(|n| **n == "a").count(), 1);
        assert!(log.iter().any(|p| p.0 == "a" && p.1 >= 2.0), "{log:?}");
    }
}
