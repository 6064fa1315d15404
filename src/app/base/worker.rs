//! Work off the UI thread, one way for all of it: loading, the search index, the bookmarks
//! store and file dialogs each run on a named thread that delivers its results into an
//! [`Inbox`] the app polls once per frame. Every delivery calls the app's [`Wake`], which asks
//! egui for a repaint and lets a test wait for the next delivery instead of sleeping.
//!
//! Owns threads, channels and waking; must not know what the work is. No egui beyond the
//! repaint request.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Wakes the UI when a worker delivers: a repaint for egui, a count for whoever waits.
#[derive(Clone, Default)]
pub struct Wake {
    inner: Arc<WakeInner>,
}

#[derive(Default)]
struct WakeInner {
    ctx: Mutex<Option<egui::Context>>,
    deliveries: Mutex<u64>,
    delivered: Condvar,
}

impl Wake {
    /// Repaints go to `ctx` from now on (set on the first frame, or by eframe at creation).
    pub fn set_context(&self, ctx: &egui::Context) {
        *self
            .inner
            .ctx
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(ctx.clone());
    }

    /// Whether a context to repaint is known yet.
    pub fn has_context(&self) -> bool {
        self.inner
            .ctx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Called by workers after each delivery.
    pub fn wake(&self) {
        if let Some(ctx) = &*self
            .inner
            .ctx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
        {
            ctx.request_repaint();
        }
        let mut n = self
            .inner
            .deliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *n += 1;
        self.inner.delivered.notify_all();
    }

    /// How many deliveries there have been; pass it to [`Wake::wait_after`].
    pub fn deliveries(&self) -> u64 {
        *self
            .inner
            .deliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Blocks until a delivery after the `seen`-th one, or `limit` passes (a guard against a
    /// hung worker, not a way to synchronise); true when one came.
    pub fn wait_after(&self, seen: u64, limit: Duration) -> bool {
        let guard = self
            .inner
            .deliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (n, _) = self
            .inner
            .delivered
            .wait_timeout_while(guard, limit, |n| *n <= seen)
            .unwrap_or_else(PoisonError::into_inner);
        *n > seen
    }
}

/// The sending end a worker holds: each [`Outbox::send`] wakes the UI.
pub struct Outbox<T> {
    tx: Sender<T>,
    wake: Wake,
}

impl<T> Clone for Outbox<T> {
    fn clone(&self) -> Self {
        Outbox {
            tx: self.tx.clone(),
            wake: self.wake.clone(),
        }
    }
}

impl<T> Outbox<T> {
    /// Delivers `value`; false when the app has gone (nothing more to do then).
    pub fn send(&self, value: T) -> bool {
        let sent = self.tx.send(value).is_ok();
        self.wake.wake();
        sent
    }
}

/// What [`Inbox::poll`] found.
pub enum Polled<T> {
    Ready(T),
    /// Nothing yet; the worker is still at it.
    Pending,
    /// Nothing, and nothing will come: every worker holding an outbox has finished.
    Closed,
}

/// The receiving end the app polls.
pub struct Inbox<T> {
    rx: Receiver<T>,
}

impl<T> Inbox<T> {
    /// A connected outbox and inbox.
    pub fn new(wake: &Wake) -> (Outbox<T>, Inbox<T>) {
        let (tx, rx) = mpsc::channel();
        (
            Outbox {
                tx,
                wake: wake.clone(),
            },
            Inbox { rx },
        )
    }

    /// The next delivery, without waiting.
    pub fn poll(&self) -> Polled<T> {
        match self.rx.try_recv() {
            Ok(value) => Polled::Ready(value),
            Err(TryRecvError::Empty) => Polled::Pending,
            Err(TryRecvError::Disconnected) => Polled::Closed,
        }
    }

    /// The next delivery, waiting for it at most `limit` (a guard against a hung worker).
    pub fn wait(&self, limit: Duration) -> Polled<T> {
        match self.rx.recv_timeout(limit) {
            Ok(value) => Polled::Ready(value),
            Err(mpsc::RecvTimeoutError::Timeout) => Polled::Pending,
            Err(mpsc::RecvTimeoutError::Disconnected) => Polled::Closed,
        }
    }

    /// Every delivery waiting now.
    pub fn drain(&self) -> impl Iterator<Item = T> + '_ {
        self.rx.try_iter()
    }
}

/// Runs `work` on a thread named `name`, with an outbox for its results (here a new inbox).
/// Fails only when the system has no thread to give.
pub fn spawn<T: Send + 'static>(
    name: &str,
    wake: &Wake,
    work: impl FnOnce(Outbox<T>) + Send + 'static,
) -> std::io::Result<Inbox<T>> {
    let (outbox, inbox) = Inbox::new(wake);
    spawn_into(name, outbox, work)?;
    Ok(inbox)
}

/// Runs `work` on a thread named `name`, delivering into an inbox that already exists (the
/// app's inbox of dialog answers, shared by every dialog).
pub fn spawn_into<T: Send + 'static>(
    name: &str,
    outbox: Outbox<T>,
    work: impl FnOnce(Outbox<T>) + Send + 'static,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || work(outbox))
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_arrives_and_wakes_a_waiter() {
        let wake = Wake::default();
        let seen = wake.deliveries();
        let inbox = spawn("test", &wake, |out| {
            out.send(42);
        })
        .expect("a thread");
        assert!(wake.wait_after(seen, Duration::from_secs(60)));
        // The value is in the channel before the wake: it is there now.
        let got = match inbox.poll() {
            Polled::Ready(v) => Some(v),
            Polled::Pending | Polled::Closed => None,
        };
        assert_eq!(got, Some(42));
    }

    #[test]
    fn an_inbox_closes_when_its_workers_finish() {
        let wake = Wake::default();
        let (outbox, inbox) = Inbox::<u8>::new(&wake);
        drop(outbox);
        assert!(matches!(inbox.poll(), Polled::Closed));
    }
}
