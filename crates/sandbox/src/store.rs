//! Customer storage on embedded SQLite.
//!
//! One dedicated writer thread owns the only connection, so SQLite never runs on
//! the async executor. Handlers send jobs over a channel and await the reply.
//! The thread takes every job waiting in the channel, runs each in its own
//! savepoint inside one transaction, and COMMITs once (group commit). Replies go
//! out only after COMMIT returned, so an acknowledged write is on disk. With
//! `journal_mode=WAL` and `synchronous=FULL`, COMMIT syncs the WAL file, so the
//! write survives `kill -9` and power loss.
//!
//! There are no read endpoints. The rare inspection reads ([`Store::get`],
//! [`Store::count`]) go through the same thread, so an in-memory database and a
//! file behave the same.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};
use serde_json::{Map, Value};
use shopspec_model::Api;
use tokio::sync::oneshot;

use crate::stats::CreatedCounts;

/// A stored customer: the documented state and everything else that was sent.
pub(crate) type Doc = Map<String, Value>;

/// Most jobs committed in one transaction. Large enough to amortise the fsync
/// under load, small enough to keep the latency of one batch low.
const MAX_BATCH: usize = 512;

/// Why a store operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum StoreError {
    /// Another customer of the same API has this email (UNIQUE index).
    #[error("a customer with this email already exists")]
    DuplicateEmail,
    /// No customer with this id.
    #[error("no customer with this id")]
    NotFound,
    /// The writer thread has stopped.
    #[error("the store is closed")]
    Closed,
    /// SQLite failed.
    #[error("database error: {0}")]
    Database(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(err, msg) = &e
            && err.code == ErrorCode::ConstraintViolation
            && msg.as_deref().is_some_and(|m| m.contains("email"))
        {
            return StoreError::DuplicateEmail;
        }
        StoreError::Database(e.to_string())
    }
}

/// Named id sequences, allocated inside the job's transaction.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Sequence {
    /// Fecify customer ids (integers; the docs' example is 574).
    FecifyCustomer,
    /// myshopline customer ids (numeric strings; the docs' example is 4211465524).
    MyshoplineCustomer,
    /// myshopline address ids (the docs' request example is 207119551).
    MyshoplineAddress,
}

impl Sequence {
    fn name(self) -> &'static str {
        match self {
            Sequence::FecifyCustomer => "fecify.customer",
            Sequence::MyshoplineCustomer => "myshopline.customer",
            Sequence::MyshoplineAddress => "myshopline.address",
        }
    }
}

/// Allocates ids from [`Sequence`]s inside the running transaction.
pub(crate) struct IdSource<'a> {
    conn: &'a Connection,
}

impl IdSource<'_> {
    pub(crate) fn next(&self, seq: Sequence) -> Result<i64, StoreError> {
        let value = self.conn.query_row(
            "UPDATE sequences SET value = value + 1 WHERE name = ?1 RETURNING value",
            params![seq.name()],
            |row| row.get(0),
        )?;
        Ok(value)
    }
}

type CreateFn = Box<dyn FnOnce(&IdSource<'_>) -> Result<(String, Doc), StoreError> + Send>;
type UpdateFn = Box<dyn FnOnce(&mut Doc, &IdSource<'_>) -> Result<(), StoreError> + Send>;

enum Work {
    Create {
        api: Api,
        build: CreateFn,
    },
    Update {
        api: Api,
        id: String,
        apply: UpdateFn,
    },
    Get {
        api: Api,
        id: String,
    },
    Count {
        api: Api,
    },
    Shutdown,
}

enum Reply {
    Doc(Doc),
    Count(u64),
    Done,
}

struct Job {
    work: Work,
    reply: oneshot::Sender<Result<Reply, StoreError>>,
}

/// Handle on the writer thread.
#[derive(Debug)]
pub(crate) struct Store {
    jobs: Sender<Job>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl Store {
    /// Opens (and if needed creates) the database and starts the writer thread.
    /// `None` keeps everything in memory. The writer adds every customer it
    /// commits to `created`.
    pub(crate) async fn open(
        path: Option<PathBuf>,
        created: Arc<CreatedCounts>,
    ) -> Result<Store, StoreError> {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = oneshot::channel();
        // The writer logs to the subscriber of whoever opened the store, as the
        // runtime's tasks do, so a scoped subscriber (a test's) sees its lines too.
        let dispatch = tracing::dispatcher::get_default(|current| current.clone());
        let thread = std::thread::Builder::new()
            .name("shopspec-sandbox-db".into())
            .spawn(move || {
                tracing::dispatcher::with_default(&dispatch, || {
                    match open_connection(path.as_deref()) {
                        Ok(conn) => {
                            let _ = ready_tx.send(Ok(()));
                            writer_loop(conn, rx, &created);
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                })
            })
            .map_err(|e| StoreError::Database(format!("cannot start the writer thread: {e}")))?;
        match ready_rx.await {
            Ok(Ok(())) => Ok(Store {
                jobs,
                thread: Mutex::new(Some(thread)),
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(StoreError::Database(
                "the writer thread stopped while opening the database".into(),
            )),
        }
    }

    async fn call(&self, work: Work) -> Result<Reply, StoreError> {
        let (reply, rx) = oneshot::channel();
        self.jobs
            .send(Job { work, reply })
            .map_err(|_| StoreError::Closed)?;
        rx.await.map_err(|_| StoreError::Closed)?
    }

    /// Creates a customer. `build` runs in the transaction and returns the id
    /// and the document; the email UNIQUE index decides duplicates.
    pub(crate) async fn create(
        &self,
        api: Api,
        build: impl FnOnce(&IdSource<'_>) -> Result<(String, Doc), StoreError> + Send + 'static,
    ) -> Result<Doc, StoreError> {
        match self
            .call(Work::Create {
                api,
                build: Box::new(build),
            })
            .await?
        {
            Reply::Doc(doc) => Ok(doc),
            _ => Err(StoreError::Database("unexpected reply".into())),
        }
    }

    /// Reads, changes and writes back one customer in a single transaction.
    pub(crate) async fn update(
        &self,
        api: Api,
        id: String,
        apply: impl FnOnce(&mut Doc, &IdSource<'_>) -> Result<(), StoreError> + Send + 'static,
    ) -> Result<Doc, StoreError> {
        match self
            .call(Work::Update {
                api,
                id,
                apply: Box::new(apply),
            })
            .await?
        {
            Reply::Doc(doc) => Ok(doc),
            _ => Err(StoreError::Database("unexpected reply".into())),
        }
    }

    /// The stored document of a customer.
    pub(crate) async fn get(&self, api: Api, id: String) -> Result<Option<Doc>, StoreError> {
        match self.call(Work::Get { api, id }).await {
            Ok(Reply::Doc(doc)) => Ok(Some(doc)),
            Err(StoreError::NotFound) => Ok(None),
            Ok(_) => Err(StoreError::Database("unexpected reply".into())),
            Err(e) => Err(e),
        }
    }

    /// How many customers `api` has.
    pub(crate) async fn count(&self, api: Api) -> Result<u64, StoreError> {
        match self.call(Work::Count { api }).await? {
            Reply::Count(n) => Ok(n),
            _ => Err(StoreError::Database("unexpected reply".into())),
        }
    }

    /// Stops the writer after the jobs already queued, and waits for it.
    pub(crate) async fn close(&self) {
        let _ = self.call(Work::Shutdown).await;
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Let the writer finish what is queued and close the database.
        let (reply, _rx) = oneshot::channel();
        let _ = self.jobs.send(Job {
            work: Work::Shutdown,
            reply,
        });
    }
}

fn open_connection(path: Option<&Path>) -> Result<Connection, StoreError> {
    let conn = match path {
        Some(p) => Connection::open(p),
        None => Connection::open_in_memory(),
    }
    .map_err(|e| StoreError::Database(format!("cannot open the database: {e}")))?;
    conn.busy_timeout(Duration::from_secs(5))?;
    if path.is_some() {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Database(format!(
                "cannot switch the database to WAL (journal mode is {mode})"
            )));
        }
        // FULL: COMMIT syncs the WAL, so every acknowledged write survives a crash.
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS customers (
             api   TEXT NOT NULL,
             id    TEXT NOT NULL,
             email TEXT,
             doc   TEXT NOT NULL,
             PRIMARY KEY (api, id)
         );
         -- Email uniqueness per API is the database's job: concurrent creates with
         -- one email give exactly one success. NULL (no email) never collides.
         CREATE UNIQUE INDEX IF NOT EXISTS customers_api_email ON customers (api, email);
         CREATE TABLE IF NOT EXISTS sequences (
             name  TEXT PRIMARY KEY,
             value INTEGER NOT NULL
         );
         INSERT OR IGNORE INTO sequences (name, value) VALUES
             ('fecify.customer', 573),
             ('myshopline.customer', 4211465523),
             ('myshopline.address', 207119550);",
    )?;
    Ok(conn)
}

fn writer_loop(mut conn: Connection, rx: Receiver<Job>, created: &CreatedCounts) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut previous_batch = 0;
    let (mut jobs, mut commits) = (0u64, 0u64);
    while let Ok(first) = rx.recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // Every COMMIT costs a sync. When requests arrive concurrently, wait a
        // moment for more of them so one sync covers many (as PostgreSQL's
        // commit_delay does when other transactions are active); a lone
        // sequential client never waits.
        if batch.len() > 1 || previous_batch > 1 {
            collect_more(&rx, &mut batch);
        }
        previous_batch = batch.len();
        jobs += batch.len() as u64;
        commits += 1;
        let stop = batch.iter().any(|j| matches!(j.work, Work::Shutdown));
        commit_batch(&mut conn, &mut batch, created);
        if stop {
            break;
        }
    }
    tracing::debug!(jobs, commits, "database writer stopped");
    // Dropping the connection checkpoints the WAL.
    drop(conn);
}

/// Longest a batch waits for more jobs.
const COLLECT_WINDOW: Duration = Duration::from_millis(2);
/// A batch stops waiting when no job arrived for this long.
const COLLECT_GAP: Duration = Duration::from_micros(250);

fn collect_more(rx: &Receiver<Job>, batch: &mut Vec<Job>) {
    let deadline = Instant::now() + COLLECT_WINDOW;
    while batch.len() < MAX_BATCH {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || batch.iter().any(|j| matches!(j.work, Work::Shutdown)) {
            break;
        }
        match rx.recv_timeout(left.min(COLLECT_GAP)) {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
}

fn commit_batch(conn: &mut Connection, batch: &mut Vec<Job>, created: &CreatedCounts) {
    let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            let err = StoreError::from(e);
            for job in batch.drain(..) {
                let _ = job.reply.send(Err(err.clone()));
            }
            return;
        }
    };
    let mut done = Vec::with_capacity(batch.len());
    for job in batch.drain(..) {
        // SQLite rolls the whole transaction back by itself on some errors (I/O,
        // disk full); jobs run after that would commit on their own, unseen.
        let creates = match job.work {
            Work::Create { api, .. } => Some(api),
            _ => None,
        };
        if tx.is_autocommit() {
            let err = StoreError::Database("the transaction was rolled back".into());
            done.push((job.reply, creates, Err(err)));
            continue;
        }
        let result = run_in_savepoint(&tx, job.work);
        done.push((job.reply, creates, result));
    }
    match tx.commit() {
        Ok(()) => {
            for (reply, creates, result) in done {
                // Counted here, not by the handler: a request cancelled after
                // this COMMIT still made a customer.
                if let (Some(api), Ok(_)) = (creates, &result) {
                    created.add(api);
                }
                let _ = reply.send(result);
            }
        }
        Err(e) => {
            // Nothing of this batch is durable: no job may be acknowledged.
            let err = StoreError::Database(format!("commit failed: {e}"));
            for (reply, _, result) in done {
                let _ = reply.send(result.and(Err(err.clone())));
            }
        }
    }
}

/// Runs one job in its own savepoint, so a duplicate email rolls back only that
/// job (its id allocations included). The savepoint statements are cached:
/// parsing them for every job was the largest SQLite cost under load.
fn run_in_savepoint(conn: &Connection, work: Work) -> Result<Reply, StoreError> {
    conn.prepare_cached("SAVEPOINT job")?.execute([])?;
    let result = execute(conn, work);
    if result.is_err() {
        conn.prepare_cached("ROLLBACK TO job")?.execute([])?;
    }
    conn.prepare_cached("RELEASE job")?.execute([])?;
    result
}

fn email_key(doc: &Doc) -> Option<&str> {
    // An empty email is no email: it must not collide with other customers
    // without one (SHOPLINE and myshopline allow phone-only customers).
    doc.get("email")
        .and_then(Value::as_str)
        .filter(|e| !e.is_empty())
}

fn execute(conn: &Connection, work: Work) -> Result<Reply, StoreError> {
    let ids = IdSource { conn };
    match work {
        Work::Create { api, build } => {
            let (id, doc) = build(&ids)?;
            let text = serde_json::to_string(&doc)
                .map_err(|e| StoreError::Database(format!("cannot encode the customer: {e}")))?;
            conn.prepare_cached(
                "INSERT INTO customers (api, id, email, doc) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![api.as_str(), id, email_key(&doc), text])?;
            Ok(Reply::Doc(doc))
        }
        Work::Update { api, id, apply } => {
            let mut doc = load(conn, api, &id)?.ok_or(StoreError::NotFound)?;
            apply(&mut doc, &ids)?;
            let text = serde_json::to_string(&doc)
                .map_err(|e| StoreError::Database(format!("cannot encode the customer: {e}")))?;
            conn.prepare_cached(
                "UPDATE customers SET email = ?3, doc = ?4 WHERE api = ?1 AND id = ?2",
            )?
            .execute(params![api.as_str(), id, email_key(&doc), text])?;
            Ok(Reply::Doc(doc))
        }
        Work::Get { api, id } => load(conn, api, &id)?
            .map(Reply::Doc)
            .ok_or(StoreError::NotFound),
        Work::Count { api } => {
            let n: i64 = conn.query_row(
                "SELECT COUNT(*) FROM customers WHERE api = ?1",
                params![api.as_str()],
                |r| r.get(0),
            )?;
            Ok(Reply::Count(u64::try_from(n).unwrap_or(0)))
        }
        Work::Shutdown => Ok(Reply::Done),
    }
}

fn load(conn: &Connection, api: Api, id: &str) -> Result<Option<Doc>, StoreError> {
    let text: Option<String> = conn
        .prepare_cached("SELECT doc FROM customers WHERE api = ?1 AND id = ?2")?
        .query_row(params![api.as_str(), id], |r| r.get(0))
        .optional()?;
    match text {
        None => Ok(None),
        Some(t) => serde_json::from_str(&t)
            .map(Some)
            .map_err(|e| StoreError::Database(format!("stored customer is not JSON: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: Value) -> Doc {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[tokio::test]
    async fn unique_email_per_api_and_sequences() {
        let store = Store::open(None, Arc::default()).await.unwrap();
        let mk = |email: &'static str| {
            move |ids: &IdSource<'_>| {
                let id = ids.next(Sequence::FecifyCustomer)?;
                Ok((id.to_string(), doc(json!({"id": id, "email": email}))))
            }
        };
        let a = store.create(Api::Fecify, mk("a@x.io")).await.unwrap();
        assert_eq!(a["id"], json!(574));
        assert_eq!(
            store.create(Api::Fecify, mk("a@x.io")).await,
            Err(StoreError::DuplicateEmail)
        );
        // Same email on another API is fine.
        let other = store
            .create(Api::Shopline, |_: &IdSource<'_>| {
                Ok(("x".to_string(), doc(json!({"email": "a@x.io"}))))
            })
            .await;
        assert!(other.is_ok());
        // The failed create rolled back its id: the next id is 575.
        let b = store.create(Api::Fecify, mk("b@x.io")).await.unwrap();
        assert_eq!(b["id"], json!(575));
        assert_eq!(store.count(Api::Fecify).await.unwrap(), 2);
        store.close().await;
    }

    #[tokio::test]
    async fn update_missing_and_duplicate() {
        let store = Store::open(None, Arc::default()).await.unwrap();
        for (id, email) in [("1", "one@x.io"), ("2", "two@x.io")] {
            store
                .create(Api::Myshopline, move |_: &IdSource<'_>| {
                    Ok((id.to_string(), doc(json!({"email": email}))))
                })
                .await
                .unwrap();
        }
        let missing = store
            .update(Api::Myshopline, "3".into(), |_, _| Ok(()))
            .await;
        assert_eq!(missing, Err(StoreError::NotFound));
        let dup = store
            .update(Api::Myshopline, "2".into(), |d, _| {
                d.insert("email".into(), json!("one@x.io"));
                Ok(())
            })
            .await;
        assert_eq!(dup, Err(StoreError::DuplicateEmail));
        let kept = store.get(Api::Myshopline, "2".into()).await.unwrap();
        assert_eq!(kept.unwrap()["email"], json!("two@x.io"));
        store.close().await;
    }

    #[tokio::test]
    async fn phone_only_customers_do_not_collide() {
        let store = Store::open(None, Arc::default()).await.unwrap();
        for id in ["a", "b", "c"] {
            let r = store
                .create(Api::Shopline, move |_: &IdSource<'_>| {
                    Ok((
                        id.to_string(),
                        doc(json!({"email": "", "mobile_phone": "1"})),
                    ))
                })
                .await;
            assert!(r.is_ok());
        }
        assert_eq!(store.count(Api::Shopline).await.unwrap(), 3);
    }
}
