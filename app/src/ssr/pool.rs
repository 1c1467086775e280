//! A bounded pool for CPU-bound work that anyone can request (an analysis
//! with its Monte Carlo, a chart): at most `workers` run at once, on
//! blocking threads, and at most `queue` wait for one; past that the caller
//! hears at once that the server is busy (503 with Retry-After) instead of
//! piling up threads and memory.

use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

pub struct WorkPool {
    running: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
}

/// The pool and its queue are full: come back later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the server is busy")]
pub struct Busy;

/// Counts one waiter for as long as it waits, even if its request is
/// dropped while waiting (a client that hung up).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl WorkPool {
    pub fn new(workers: usize, queue: usize) -> WorkPool {
        WorkPool {
            running: Semaphore::new(workers),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// Runs `work` on a blocking thread once a worker is free; `Busy` at once
    /// when none is and the queue is full.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<Result<T, tokio::task::JoinError>, Busy> {
        let permit = match self.running.try_acquire() {
            Ok(permit) => permit,
            Err(_) => {
                if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
                    self.waiting.fetch_sub(1, Ordering::SeqCst);
                    return Err(Busy);
                }
                let _waiting = Waiting(&self.waiting);
                self.running.acquire().await.map_err(|_| Busy)?
            }
        };
        let done = tokio::task::spawn_blocking(work).await;
        drop(permit);
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn past_its_workers_and_queue_the_pool_is_busy_at_once() {
        let pool = Arc::new(WorkPool::new(1, 1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let first = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(move || hold.recv().is_ok()).await }
        });
        // wait until the first holds the worker
        while pool.running.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let second = tokio::spawn({
            let pool = pool.clone();
            async move { pool.run(|| 2).await }
        });
        while pool.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        // one running, one waiting: a third is refused without waiting
        assert_eq!(pool.run(|| 3).await.unwrap_err(), Busy);
        release.send(()).unwrap();
        assert!(first.await.unwrap().unwrap().unwrap());
        assert_eq!(second.await.unwrap().unwrap().unwrap(), 2);
        assert_eq!(pool.waiting.load(Ordering::SeqCst), 0);
        assert_eq!(pool.run(|| 4).await.unwrap().unwrap(), 4);
    }

    #[tokio::test]
    async fn a_waiter_that_gives_up_leaves_the_queue() {
        let pool = WorkPool::new(0, 1);
        let gave_up =
            tokio::time::timeout(std::time::Duration::from_millis(20), pool.run(|| 1)).await;
        assert!(gave_up.is_err(), "no worker: it waits");
        assert_eq!(pool.waiting.load(Ordering::SeqCst), 0);
    }
}
