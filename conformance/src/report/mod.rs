//! What a finished run becomes: the run's data ([`RunReport`] and its parts,
//! the `--report-json` shape) and everything that turns it into output (HTML,
//! JUnit XML, curl commands, baseline comparisons, secret masking).
//!
//! This module depends only on the run's data: nothing here names a case
//! family, the executor or the runner, and those name no writer.

mod baseline;
mod curl;
mod data;
mod html;
pub mod junit;
mod mask;

pub use baseline::{Baseline, BaselineComparison, KnownFailure};
pub use curl::{TOKEN_VARIABLE, curl_command};
pub use data::{
    CaseKind, CaseResult, Created, Exchange, RequestRecord, ResponseRecord, RunReport, Status,
    Summary, TargetRecord,
};
pub use html::HtmlReport;

impl RunReport {
    /// The report of a finished run. Every secret (each of 3 characters or
    /// more) is masked in the results and the created list before anything
    /// else reads them; each case with a request then gets the curl command
    /// that sends it again to its target, and the summary counts the cases.
    /// [`RunReport::errors`] starts empty.
    pub(crate) fn finished(
        run_id: String,
        targets: Vec<TargetRecord>,
        mut cases: Vec<CaseResult>,
        mut created: Vec<Created>,
        secrets: &[String],
    ) -> RunReport {
        mask::mask_results(&mut cases, &mut created, secrets);
        for case in &mut cases {
            let target = targets
                .iter()
                .find(|t| t.api == case.api && t.version == case.version);
            if let (Some(t), Some(request)) = (target, &case.request) {
                case.curl = Some(curl_command(&t.base_url, request));
            }
        }
        RunReport {
            run_id,
            targets,
            summary: Summary::of(&cases),
            cases,
            created,
            errors: Vec::new(),
        }
    }
}
