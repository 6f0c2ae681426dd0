//! [`CustomerPool`]: the customers that update cases lease instead of each
//! creating its own, so a run creates only what its create cases must create.
//!
//! A lease is exclusive: while a case holds a customer nobody else changes it, so
//! the state the pool remembers (the last answer the store gave for it) is what
//! the case compares the store's next answer with. A case hands the customer
//! back with the state the store now keeps; a case that ends without doing so
//! (a timeout) drops it from the pool, since its state is then unknown.

use std::sync::Mutex;

use serde_json::Value;
use tokio::sync::{Semaphore, SemaphorePermit};

/// A customer the run may update: its id and, once known, its state.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Known {
    pub(crate) id: String,
    /// The customer object of the store's last answer (`None` until read).
    pub(crate) state: Option<Value>,
}

/// The customers of one target.
pub(crate) struct CustomerPool {
    idle: Mutex<Vec<Known>>,
    /// At most this many customers are leased (and so created) at once.
    permits: Semaphore,
}

/// One leased customer; give it back with [`Lease::release`].
pub(crate) struct Lease<'a> {
    pool: &'a CustomerPool,
    pub(crate) known: Known,
    _permit: SemaphorePermit<'a>,
}

impl CustomerPool {
    /// A pool that leases at most `size` customers at once.
    pub(crate) fn new(size: usize) -> CustomerPool {
        CustomerPool {
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(size.max(1)),
        }
    }

    /// Adds customers the run may update (their state is read on first lease).
    pub(crate) fn seed(&self, ids: impl IntoIterator<Item = String>) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        idle.extend(ids.into_iter().map(|id| Known { id, state: None }));
    }

    /// Waits for a free slot and takes an idle customer, or `None` when the
    /// caller must create one (it then holds the slot through [`Slot::fill`]).
    pub(crate) async fn acquire(&self) -> Slot<'_> {
        // The semaphore is never closed, so acquiring cannot fail.
        let permit = self
            .permits
            .acquire()
            .await
            .expect("the pool's semaphore is never closed");
        let known = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        Slot {
            pool: self,
            known,
            permit,
        }
    }

    /// The number of idle customers (for tests and reports).
    #[cfg(test)]
    pub(crate) fn idle(&self) -> usize {
        self.idle.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

/// A slot in the pool: an idle customer to lease, or room to create one.
pub(crate) struct Slot<'a> {
    pool: &'a CustomerPool,
    pub(crate) known: Option<Known>,
    permit: SemaphorePermit<'a>,
}

impl<'a> Slot<'a> {
    /// Leases `known` (the idle customer, or one the caller just created).
    pub(crate) fn fill(self, known: Known) -> Lease<'a> {
        Lease {
            pool: self.pool,
            known,
            _permit: self.permit,
        }
    }
}

impl Lease<'_> {
    /// Hands the customer back with the state the store now keeps.
    pub(crate) fn release(mut self, state: Option<Value>) {
        self.known.state = state;
        let known = self.known.clone();
        self.pool
            .idle
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(known);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn a_released_customer_is_leased_again_with_its_new_state() {
        let pool = CustomerPool::new(1);
        let slot = pool.acquire().await;
        assert!(
            slot.known.is_none(),
            "an empty pool asks the caller to create"
        );
        let lease = slot.fill(Known {
            id: "7".into(),
            state: Some(json!({"id": "7"})),
        });
        lease.release(Some(json!({"id": "7", "note": "x"})));
        let again = pool.acquire().await;
        assert_eq!(
            again.known,
            Some(Known {
                id: "7".into(),
                state: Some(json!({"id": "7", "note": "x"}))
            })
        );
    }

    #[tokio::test]
    async fn a_lease_dropped_without_release_leaves_the_pool() {
        let pool = CustomerPool::new(1);
        pool.seed(["1".to_owned()]);
        let lease = pool.acquire().await;
        let known = lease.known.clone().expect("seeded");
        drop(lease.fill(known));
        assert_eq!(pool.idle(), 0);
        // The slot itself is free again.
        let slot = tokio::time::timeout(std::time::Duration::from_secs(5), pool.acquire()).await;
        assert!(slot.is_ok_and(|s| s.known.is_none()));
    }
}
