//! JSON Lines in bulk: one payload per line, validated on several threads,
//! results rendered in line order, memory bounded by a few chunks per thread.

use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use crate::{ParseError, Report, Target, validate_slice_if_invalid};

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
/// Lines are read in chunks of whole lines; with more than one job, chunks
/// go to the threads in turn and their output is written back in the same
/// turn, so the output is the same for any number of jobs, and memory holds
/// a few chunks per thread whatever the input size.
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
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks waiting per thread, in each direction.
const QUEUE: usize = 2;

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

    /// How many bytes of whole lines make a chunk (64 KiB by default).
    pub fn chunk_bytes(self, bytes: usize) -> Self {
        JsonLines {
            chunk_bytes: bytes.max(1),
            ..self
        }
    }

    /// Reads `input` to its end and writes what `render` makes of each line
    /// that is not valid (`render(line number, outcome, buffer)`; line
    /// numbers count blank lines too) to `out`, in line order.
    pub fn run<R, W, F>(&self, mut input: R, out: &mut W, render: F) -> io::Result<Summary>
    where
        R: BufRead + Send,
        W: Write,
        F: Fn(u64, &LineOutcome, &mut Vec<u8>) + Sync,
    {
        let mut next_line = 1;
        if self.jobs.get() == 1 {
            let mut summary = Summary::default();
            let mut rendered = Vec::new();
            while let Some(chunk) = self.read_chunk(&mut input, &mut next_line)? {
                rendered.clear();
                summary.add(self.check(&chunk, &render, &mut rendered));
                out.write_all(&rendered)?;
            }
            return Ok(summary);
        }
        let jobs = self.jobs.get();
        thread::scope(|scope| {
            let mut to_workers: Vec<SyncSender<Chunk>> = Vec::with_capacity(jobs);
            let mut from_workers: Vec<Receiver<(Summary, Vec<u8>)>> = Vec::with_capacity(jobs);
            for _ in 0..jobs {
                let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(QUEUE);
                let (done_tx, done_rx) = sync_channel::<(Summary, Vec<u8>)>(QUEUE);
                let render = &render;
                scope.spawn(move || {
                    for chunk in chunk_rx {
                        let mut rendered = Vec::new();
                        let summary = self.check(&chunk, render, &mut rendered);
                        if done_tx.send((summary, rendered)).is_err() {
                            break;
                        }
                    }
                });
                to_workers.push(chunk_tx);
                from_workers.push(done_rx);
            }
            // The reader deals chunk k to thread k % jobs; this thread takes the
            // results back in the same turn, so no reordering buffer is needed.
            let reader = scope.spawn(move || -> io::Result<()> {
                let mut k = 0;
                while let Some(chunk) = self.read_chunk(&mut input, &mut next_line)? {
                    // A closed thread means the writer stopped; its error is returned.
                    if to_workers[k % jobs].send(chunk).is_err() {
                        break;
                    }
                    k += 1;
                }
                Ok(())
            });
            let mut summary = Summary::default();
            let mut written = Ok(());
            let mut k = 0;
            while let Ok((counts, rendered)) = from_workers[k % jobs].recv() {
                summary.add(counts);
                if let Err(e) = out.write_all(&rendered) {
                    written = Err(e);
                    break;
                }
                k += 1;
            }
            // Dropping the receivers stops the threads if writing failed.
            drop(from_workers);
            let read = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            written.and(read).map(|()| summary)
        })
    }

    /// The next chunk of whole lines, `None` at the end of the input.
    fn read_chunk(
        &self,
        input: &mut impl BufRead,
        next_line: &mut u64,
    ) -> io::Result<Option<Chunk>> {
        let mut bytes = Vec::with_capacity(self.chunk_bytes + 1024);
        let first_line = *next_line;
        while bytes.len() < self.chunk_bytes {
            let n = input.read_until(b'\n', &mut bytes)?;
            if n == 0 {
                break;
            }
            *next_line += 1;
        }
        Ok((!bytes.is_empty()).then_some(Chunk { first_line, bytes }))
    }

    /// Validates the lines of a chunk, rendering the ones that are not valid.
    fn check<F>(&self, chunk: &Chunk, render: &F, rendered: &mut Vec<u8>) -> Summary
    where
        F: Fn(u64, &LineOutcome, &mut Vec<u8>),
    {
        let mut summary = Summary::default();
        let text = chunk.bytes.strip_suffix(b"\n").unwrap_or(&chunk.bytes);
        for (number, line) in (chunk.first_line..).zip(text.split(|&b| b == b'\n')) {
            // Keep leading blanks so that parse-error columns match the file.
            let line = line.trim_ascii_end();
            if !line.trim_ascii_start().is_empty() {
                summary.lines += 1;
                let outcome = match validate_slice_if_invalid(self.target, line) {
                    Ok(None) => LineOutcome::Valid,
                    Ok(Some(report)) => LineOutcome::Invalid(report),
                    Err(e) => LineOutcome::Unparseable(e),
                };
                match &outcome {
                    LineOutcome::Valid => summary.valid += 1,
                    LineOutcome::Invalid(_) => summary.invalid += 1,
                    LineOutcome::Unparseable(_) => summary.unparseable += 1,
                }
                if outcome != LineOutcome::Valid {
                    render(number, &outcome, rendered);
                }
            }
        }
        summary
    }
}
