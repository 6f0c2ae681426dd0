//! Request counters per API and operation, and customers created per API.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use shopspec_model::{Api, Operation};

const APIS: usize = Api::ALL.len();
const OPS: usize = Operation::ALL.len();

fn api_index(api: Api) -> usize {
    match api {
        Api::Fecify => 0,
        Api::Shopline => 1,
        Api::Myshopline => 2,
    }
}

fn op_index(op: Operation) -> usize {
    match op {
        Operation::CreateCustomer => 0,
        Operation::UpdateCustomer => 1,
    }
}

/// Customers created per API, counted by the database writer when a COMMIT
/// that holds them returns, so the count equals what the database gained even
/// when the request that made a customer is cancelled before it answers.
#[derive(Debug, Default)]
pub(crate) struct CreatedCounts([AtomicU64; APIS]);

impl CreatedCounts {
    pub(crate) fn add(&self, api: Api) {
        self.0[api_index(api)].fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self, api: Api) -> u64 {
        self.0[api_index(api)].load(Ordering::Relaxed)
    }
}

/// Live counters, shared by every handler.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    requests: [[AtomicU64; OPS]; APIS],
    succeeded: [[AtomicU64; OPS]; APIS],
    created: Arc<CreatedCounts>,
}

impl Counters {
    pub(crate) fn request(&self, api: Api, op: Operation) {
        self.requests[api_index(api)][op_index(op)].fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn success(&self, api: Api, op: Operation) {
        self.succeeded[api_index(api)][op_index(op)].fetch_add(1, Ordering::Relaxed);
    }

    /// The created-customer counts, for the database writer to increment.
    pub(crate) fn created(&self) -> Arc<CreatedCounts> {
        Arc::clone(&self.created)
    }

    pub(crate) fn snapshot(&self) -> Stats {
        let mut operations = Vec::with_capacity(APIS * OPS);
        for api in Api::ALL {
            for op in Operation::ALL {
                let (a, o) = (api_index(api), op_index(op));
                operations.push(OperationStats {
                    api,
                    operation: op,
                    requests: self.requests[a][o].load(Ordering::Relaxed),
                    succeeded: self.succeeded[a][o].load(Ordering::Relaxed),
                });
            }
        }
        let created = Api::ALL
            .iter()
            .map(|&api| CreatedStats {
                api,
                customers: self.created.get(api),
            })
            .collect();
        Stats {
            operations,
            created,
        }
    }
}

/// Counters of one API operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OperationStats {
    /// The API.
    pub api: Api,
    /// The operation.
    pub operation: Operation,
    /// Requests routed to the operation, whatever their outcome (auth failures,
    /// rate-limit answers and injected faults included).
    pub requests: u64,
    /// Requests answered with success.
    pub succeeded: u64,
}

/// Customers created through one API since start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CreatedStats {
    /// The API.
    pub api: Api,
    /// Customers created (committed to the database) since the sandbox started.
    pub customers: u64,
}

/// A snapshot of the sandbox's counters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    operations: Vec<OperationStats>,
    created: Vec<CreatedStats>,
}

impl Stats {
    /// Requests routed to `api`/`operation`.
    pub fn requests(&self, api: Api, operation: Operation) -> u64 {
        self.find(api, operation).map_or(0, |s| s.requests)
    }

    /// Successful answers of `api`/`operation`.
    pub fn succeeded(&self, api: Api, operation: Operation) -> u64 {
        self.find(api, operation).map_or(0, |s| s.succeeded)
    }

    /// Customers created through `api` since start.
    pub fn customers_created(&self, api: Api) -> u64 {
        self.created
            .iter()
            .find(|c| c.api == api)
            .map_or(0, |c| c.customers)
    }

    /// Requests routed to any operation.
    pub fn total_requests(&self) -> u64 {
        self.operations.iter().map(|s| s.requests).sum()
    }

    /// Every operation's counters.
    pub fn operations(&self) -> &[OperationStats] {
        &self.operations
    }

    fn find(&self, api: Api, operation: Operation) -> Option<&OperationStats> {
        self.operations
            .iter()
            .find(|s| s.api == api && s.operation == operation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_api_and_operation() {
        let c = Counters::default();
        c.request(Api::Shopline, Operation::CreateCustomer);
        c.request(Api::Shopline, Operation::CreateCustomer);
        c.success(Api::Shopline, Operation::CreateCustomer);
        c.request(Api::Fecify, Operation::UpdateCustomer);
        c.success(Api::Fecify, Operation::UpdateCustomer);
        // Creations are counted by the database writer, not by answers.
        c.created().add(Api::Shopline);
        let s = c.snapshot();
        assert_eq!(s.requests(Api::Shopline, Operation::CreateCustomer), 2);
        assert_eq!(s.succeeded(Api::Shopline, Operation::CreateCustomer), 1);
        assert_eq!(s.customers_created(Api::Shopline), 1);
        assert_eq!(s.customers_created(Api::Fecify), 0);
        assert_eq!(s.requests(Api::Myshopline, Operation::CreateCustomer), 0);
        assert_eq!(s.total_requests(), 3);
    }
}
