//! JSON Lines in bulk: one payload per line, validated on several threads,
//! results rendered in line order, memory bounded by a few chunks per thread.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;

use crate::{ParseError, Report, Target};

/// What one line of a JSON Lines input is.
#[derive(Debug, Clone, PartialEq)]
pub enum LineOutcome {
    /// JSON that breaks no documented rule (warnings are not looked for).
    Valid,
    /// JSON that breaks a documented rule: the full report, warnings included.
    Invalid(Report),
    /// Not JSON.
    Unparseable(ParseError),
}

/// Counts of a JSON Lines run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines with a payload (blank lines are not counted).
    pub lines: u64,
    /// Valid payloads.
    pub valid: u64,
    /// Payloads that break a documented rule.
    pub invalid: u64,
    /// Lines that are not JSON.
    pub unparseable: u64,
}

impl Summary {
    fn add(&mut self, other: Summary) {
        self.lines += other.lines;
        self.valid += other.valid;
        self.invalid += other.invalid;
        self.unparseable += other.unparseable;
    }
}

/// Validates JSON Lines: each non-blank line is one payload of the target.
///
/// Lines are read in chunks of whole lines. With more than one job, each
/// thread reads the next chunk itself (one at a time, so chunks keep their
/// order), validates it and hands its output to the calling thread, which
/// writes the outputs in chunk order: the output is the same for any number
/// of jobs, and as no thread may run more than a few chunks ahead of the
/// writer, memory holds a few chunks per thread whatever the input size.
///
/// ```
/// use shopspec_validate::{Api, JsonLines, LineOutcome, Operation, Target};
///
/// let input = b"{\"gender\": \"female\"}\n\n{\"gender\": 1}\nnot json\n";
/// let mut out = Vec::new();
/// let summary = JsonLines::new(Target::new(Api::Shopline, Operation::UpdateCustomer))
///     .jobs(2)
///     .run(&input[..], &mut out, |line, outcome, out| {
///         let what = match outcome {
///             LineOutcome::Invalid(report) => report.errors[0].rule.to_string(),
///             LineOutcome::Unparseable(_) => "not JSON".to_owned(),
///             LineOutcome::Valid => unreachable!("valid lines are not rendered"),
///         };
///         out.extend_from_slice(format!("{line}: {what}\n").as_bytes());
///     })
///     .unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "3: type\n4: not JSON\n");
/// assert_eq!((summary.lines, summary.valid, summary.invalid, summary.unparseable), (3, 1, 1, 1));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JsonLines {
    target: Target,
    jobs: NonZeroUsize,
    chunk_bytes: usize,
}

/// Lines per chunk are read until a chunk holds this many bytes.
const CHUNK_BYTES: usize = 256 * 1024;
/// Chunks a thread may be ahead of the writer, per thread.
const AHEAD_PER_JOB: usize = 4;

/// What a thread gives back for a chunk: its counts and the rendering of its
/// lines that are not valid.
struct Done {
    summary: Summary,
    rendered: Vec<u8>,
}

/// The input and the writer's progress, shared by the threads.
struct Shared<R> {
    input: R,
    /// The number of the next line to read.
    next_line: u64,
    /// The index of the next chunk to read.
    next_chunk: u64,
    /// Chunks written so far.
    written: u64,
    /// The input ended, failed, or the writer failed: read no more.
    stop: bool,
    /// The read error, if reading failed.
    failed: Option<io::Error>,
}

/// Stops every thread when the thread that holds it panics.
struct StopOnPanic<'a, R> {
    shared: &'a Mutex<Shared<R>>,
    room: &'a Condvar,
}

impl<R> Drop for StopOnPanic<'_, R> {
    fn drop(&mut self) {
        if thread::panicking() {
            lock(self.shared).stop = true;
            self.room.notify_all();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A thread that panicked left the counters whole; the panic itself is
    // re-raised when the scope joins it.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One chunk of whole lines and the number of its first line.
struct Chunk {
    first_line: u64,
    bytes: Vec<u8>,
}

impl JsonLines {
    /// Validation against `target`, on as many threads as the machine has cores.
    pub fn new(target: Target) -> Self {
        JsonLines {
            target,
            jobs: thread::available_parallelism().unwrap_or(NonZeroUsize::MIN),
            chunk_bytes: CHUNK_BYTES,
        }
    }

    /// The number of threads that validate (at least 1; 1 runs on the caller's thread).
    pub fn jobs(self, jobs: usize) -> Self {
        JsonLines {
            jobs: NonZeroUsize::new(jobs).unwrap_or(NonZeroUsize::MIN),
            ..self
        }
    }

    /// How many bytes of whole lines make a chunk (256 KiB by default).
    pub fn chunk_bytes(self, bytes: usize) -> Self {
        JsonLines {
            chunk_bytes: bytes.max(1),
            ..self
        }
    }

    /// Reads `input` to its end and writes what `render` makes of each line
    /// that is not valid (`render(line number, outcome, buffer)`; line
    /// numbers count blank lines too) to `out`, in line order.
    pub fn run<R, W, F>(&self, input: R, out: &mut W, render: F) -> io::Result<Summary>
    where
        R: BufRead + Send,
        W: Write,
        F: Fn(u64, &LineOutcome, &mut Vec<u8>) + Sync,
    {
        let next_line = 1;
        if self.jobs.get() == 1 {
            let (mut input, mut next_line) = (input, next_line);
            let mut summary = Summary::default();
            let mut rendered = Vec::new();
            let mut buffer = Vec::new();
            while let Some(chunk) = self.read_chunk(&mut input, &mut next_line, buffer)? {
                rendered.clear();
                summary.add(self.check(&chunk, &render, &mut rendered));
                out.write_all(&rendered)?;
                buffer = chunk.bytes;
            }
            return Ok(summary);
        }
        let jobs = self.jobs.get();
        // Each thread reads its own chunks (under a lock, in turn) and
        // validates them: the bytes are validated on the core that copied them
        // in, and no thread is only a reader. This thread writes the results
        // back in chunk order. A thread may run at most AHEAD chunks ahead of
        // the writer, which bounds memory whatever the input.
        let ahead = (jobs * AHEAD_PER_JOB) as u64;
        let shared = Mutex::new(Shared {
            input,
            next_line,
            next_chunk: 0,
            written: 0,
            stop: false,
            failed: None,
        });
        let room = Condvar::new();
        let (done_tx, done_rx) = sync_channel::<(u64, Done)>(jobs * AHEAD_PER_JOB);
        thread::scope(|scope| {
            for _ in 0..jobs {
                let done_tx = done_tx.clone();
                let (shared, room, render) = (&shared, &room, &render);
                scope.spawn(move || {
                    // A panic (in `render`, say) must not leave the writer waiting
                    // for this thread's chunk: stop everyone; the scope re-raises it.
                    let _stop_on_panic = StopOnPanic { shared, room };
                    let mut buffer = Vec::new();
                    loop {
                        let (index, chunk) = {
                            let mut s = lock(shared);
                            while !s.stop && s.next_chunk - s.written >= ahead {
                                s = room.wait(s).unwrap_or_else(PoisonError::into_inner);
                            }
                            if s.stop {
                                return;
                            }
                            let Shared {
                                input, next_line, ..
                            } = &mut *s;
                            match self.read_chunk(input, next_line, std::mem::take(&mut buffer)) {
                                Ok(Some(chunk)) => {
                                    s.next_chunk += 1;
                                    (s.next_chunk - 1, chunk)
                                }
                                Ok(None) => {
                                    s.stop = true;
                                    room.notify_all();
                                    return;
                                }
                                Err(e) => {
                                    s.failed = Some(e);
                                    s.stop = true;
                                    room.notify_all();
                                    return;
                                }
                            }
                        };
                        let mut rendered = Vec::new();
                        let summary = self.check(&chunk, render, &mut rendered);
                        buffer = chunk.bytes;
                        if done_tx.send((index, Done { summary, rendered })).is_err() {
                            return;
                        }
                    }
                });
            }
            // The threads hold the only senders: the loop ends when all have stopped.
            drop(done_tx);
            let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
            let mut summary = Summary::default();
            let mut written = 0u64;
            let mut result = Ok(());
            for (index, done) in &done_rx {
                waiting.insert(index, done);
                while let Some(done) = waiting.remove(&written) {
                    summary.add(done.summary);
                    if let Err(e) = out.write_all(&done.rendered) {
                        result = Err(e);
                        break;
                    }
                    written += 1;
                }
                let mut s = lock(&shared);
                s.written = written;
                s.stop |= result.is_err();
                room.notify_all();
                if result.is_err() {
                    break;
                }
            }
            drop(done_rx);
            result?;
            match lock(&shared).failed.take() {
                Some(e) => Err(e),
                None => Ok(summary),
            }
        })
    }

    /// The next chunk of whole lines, `None` at the end of the input.
    ///
    /// Whole buffers are copied up to the chunk size, then the rest of the
    /// last line: one copy per buffer instead of one search and copy per line,
    /// which keeps the reading thread out of the validating threads' way.
    fn read_chunk(
        &self,
        input: &mut impl BufRead,
        next_line: &mut u64,
        mut bytes: Vec<u8>,
    ) -> io::Result<Option<Chunk>> {
        bytes.clear();
        bytes.reserve(self.chunk_bytes + 1024);
        let first_line = *next_line;
        while bytes.len() < self.chunk_bytes {
            let buffer = input.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            let take = buffer.len().min(self.chunk_bytes - bytes.len());
            bytes.extend_from_slice(&buffer[..take]);
            input.consume(take);
        }
        if bytes.last().is_some_and(|&b| b != b'\n') {
            input.read_until(b'\n', &mut bytes)?;
        }
        if bytes.is_empty() {
            return Ok(None);
        }
        // A chunk ends with a newline, or at the end of the input.
        *next_line += memchr::memchr_iter(b'\n', &bytes).count() as u64;
        Ok(Some(Chunk { first_line, bytes }))
    }

    /// Validates the lines of a chunk, rendering the ones that are not valid.
    fn check<F>(&self, chunk: &Chunk, render: &F, rendered: &mut Vec<u8>) -> Summary
    where
        F: Fn(u64, &LineOutcome, &mut Vec<u8>),
    {
        // One UTF-8 check per chunk instead of one per line; a chunk that fails
        // it is checked line by line, so each bad line gets its own error.
        match simdutf8::basic::from_utf8(&chunk.bytes) {
            Ok(text) => self.check_lines(
                chunk.first_line,
                text.split('\n'),
                render,
                rendered,
                |line: &str| {
                    crate::engine::invalid_str(
                        self.target.api,
                        self.target.operation,
                        self.target.version,
                        line,
                    )
                },
            ),
            Err(_) => self.check_lines(
                chunk.first_line,
                chunk.bytes.split(|&b| b == b'\n'),
                render,
                rendered,
                |line: &[u8]| {
                    crate::engine::invalid_slice(
                        self.target.api,
                        self.target.operation,
                        self.target.version,
                        line,
                    )
                },
            ),
        }
    }

    fn check_lines<'a, L, F>(
        &self,
        first_line: u64,
        lines: impl Iterator<Item = &'a L>,
        render: &F,
        rendered: &mut Vec<u8>,
        validate: impl Fn(&'a L) -> Result<Option<Report>, serde_json::Error>,
    ) -> Summary
    where
        L: Line + ?Sized + 'a,
        F: Fn(u64, &LineOutcome, &mut Vec<u8>),
    {
        let mut summary = Summary::default();
        for (number, line) in (first_line..).zip(lines) {
            // Keep leading blanks so that parse-error columns match the file.
            let line = line.trim_end();
            if line.is_blank() {
                continue;
            }
            summary.lines += 1;
            let outcome = match validate(line) {
                Ok(None) => {
                    summary.valid += 1;
                    continue;
                }
                Ok(Some(report)) => {
                    summary.invalid += 1;
                    LineOutcome::Invalid(report)
                }
                Err(e) => {
                    summary.unparseable += 1;
                    LineOutcome::Unparseable(ParseError::from(e))
                }
            };
            render(number, &outcome, rendered);
        }
        summary
    }
}

/// A line of a chunk: text, or bytes when the chunk is not UTF-8.
trait Line {
    /// The line without trailing ASCII whitespace (a `\r` of CRLF included).
    fn trim_end(&self) -> &Self;
    /// `true` for a line of ASCII whitespace only.
    fn is_blank(&self) -> bool;
}

impl Line for str {
    fn trim_end(&self) -> &str {
        self.trim_ascii_end()
    }
    fn is_blank(&self) -> bool {
        self.trim_ascii_start().is_empty()
    }
}

impl Line for [u8] {
    fn trim_end(&self) -> &[u8] {
        self.trim_ascii_end()
    }
    fn is_blank(&self) -> bool {
        self.trim_ascii_start().is_empty()
    }
}
