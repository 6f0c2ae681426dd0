//! `JsonLines` gives, for any chunk size and any number of jobs, what
//! validating each line on its own gives: the same outcomes, the same line
//! numbers, in line order, and the same counts.

use proptest::prelude::*;
use shopspec_validate::{
    Api, JsonLines, LineOutcome, Operation, Summary, Target, validate_slice_if_invalid,
};

fn target() -> Target {
    Target::new(Api::Shopline, Operation::UpdateCustomer)
}

/// One line of input, as bytes (some are not UTF-8).
fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(br#"{"gender": "female"}"#.to_vec()),
        Just(br#"{"gender": "f"}"#.to_vec()),
        Just(
            "  {\"first_name\": \"Zoë\", \"is_member\": true}"
                .as_bytes()
                .to_vec()
        ),
        Just(br#"{"is_member": "true"}"#.to_vec()),
        Just(b"not json".to_vec()),
        Just(b"".to_vec()),
        Just(b"   \t".to_vec()),
        Just(b"{\"first_name\": \"\xff\xfe\"}".to_vec()),
        Just(b"{\"note\": \"caf\xc3\"}".to_vec()),
        "[a-z\"{}:, ]{0,12}".prop_map(String::into_bytes),
    ]
}

/// What each line gives on its own: `(line number, rendered outcome)`.
fn expected(lines: &[Vec<u8>]) -> (String, Summary) {
    let mut out = String::new();
    let mut summary = Summary::default();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_ascii_end();
        if line.trim_ascii_start().is_empty() {
            continue;
        }
        summary.lines += 1;
        match validate_slice_if_invalid(target(), line) {
            Ok(None) => summary.valid += 1,
            Ok(Some(report)) => {
                summary.invalid += 1;
                out.push_str(&render(i as u64 + 1, &LineOutcome::Invalid(report)));
            }
            Err(e) => {
                summary.unparseable += 1;
                out.push_str(&render(i as u64 + 1, &LineOutcome::Unparseable(e)));
            }
        }
    }
    (out, summary)
}

fn render(number: u64, outcome: &LineOutcome) -> String {
    format!("{number}: {outcome:?}\n")
}

fn run(input: &[u8], jobs: usize, chunk_bytes: usize) -> (String, Summary) {
    let mut out = Vec::new();
    let summary = JsonLines::new(target())
        .jobs(jobs)
        .chunk_bytes(chunk_bytes)
        .run(input, &mut out, |number, outcome, out| {
            out.extend_from_slice(render(number, outcome).as_bytes());
        })
        .unwrap_or_else(|e| panic!("{e}"));
    (String::from_utf8_lossy(&out).into_owned(), summary)
}

proptest! {
    #[test]
    fn any_chunking_and_jobs_give_each_line_its_own_outcome(
        lines in prop::collection::vec(line(), 0..40),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
        jobs in 1usize..4,
        chunk_bytes in 1usize..200,
    ) {
        let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut input = lines.join(end);
        if final_newline && !lines.is_empty() {
            input.extend_from_slice(end);
        }
        let (want, want_summary) = expected(&lines);
        let (got, summary) = run(&input, jobs, chunk_bytes);
        prop_assert_eq!(got, want);
        prop_assert_eq!(summary, want_summary);
    }
}

#[test]
fn a_line_that_is_not_utf8_is_unparseable_and_its_neighbours_are_judged() {
    let input =
        b"{\"gender\": \"f\"}\n{\"note\": \"\xff\"}\n{\"gender\": \"male\"}\n{\"gender\": 1}";
    let (out, summary) = run(input, 2, 1 << 16);
    let numbers: Vec<&str> = out
        .lines()
        .map(|l| l.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["1", "2", "4"]);
    assert!(
        out.lines()
            .nth(1)
            .is_some_and(|l| l.contains("Unparseable"))
    );
    assert_eq!(
        (
            summary.lines,
            summary.valid,
            summary.invalid,
            summary.unparseable
        ),
        (4, 1, 2, 1)
    );
}

/// A writer that fails once it has taken `room` bytes.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::other("disk full"));
        }
        self.room -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that fails after `good` bytes of invalid lines.
struct BrokenPipe {
    good: Vec<u8>,
    at: usize,
}

impl std::io::Read for BrokenPipe {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.good.len() {
            return Err(std::io::Error::other("pipe broke"));
        }
        let n = buf.len().min(self.good.len() - self.at).min(100);
        buf[..n].copy_from_slice(&self.good[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// `n` lines that each break the `gender` enum.
fn invalid_lines(n: usize) -> Vec<u8> {
    b"{\"gender\": \"f\"}\n".repeat(n)
}

#[test]
fn a_failing_writer_or_reader_is_an_error_for_any_number_of_jobs() {
    for jobs in [1, 2, 3] {
        let input = invalid_lines(5_000);
        let written = JsonLines::new(target()).jobs(jobs).chunk_bytes(512).run(
            &input[..],
            &mut FullDisk { room: 1000 },
            |n, o, out| {
                out.extend_from_slice(render(n, o).as_bytes());
            },
        );
        assert_eq!(
            written.map_err(|e| e.to_string()),
            Err("disk full".to_owned()),
            "{jobs} jobs"
        );
        let read = JsonLines::new(target()).jobs(jobs).chunk_bytes(512).run(
            std::io::BufReader::new(BrokenPipe {
                good: invalid_lines(300),
                at: 0,
            }),
            &mut Vec::new(),
            |n, o, out| out.extend_from_slice(render(n, o).as_bytes()),
        );
        assert_eq!(
            read.map_err(|e| e.to_string()),
            Err("pipe broke".to_owned()),
            "{jobs} jobs"
        );
    }
}

#[test]
fn a_panic_in_render_reaches_the_caller_instead_of_hanging() {
    for jobs in [1, 2, 3] {
        let input = invalid_lines(5_000);
        let result = std::panic::catch_unwind(|| {
            JsonLines::new(target()).jobs(jobs).chunk_bytes(512).run(
                &input[..],
                &mut Vec::new(),
                |n, _, _| {
                    assert!(n != 1_000, "render failed on line {n}");
                },
            )
        });
        assert!(result.is_err(), "{jobs} jobs: the panic was lost");
    }
}
