//! The per-store state file (`.shopspec/state/<store>.json`): the customers
//! earlier runs created, so later runs update those instead of creating more.
//! The APIs cannot delete a customer; this file is how a nightly job keeps its
//! footprint bounded. It holds ids and emails, never a token.

use std::path::Path;

use serde::{Deserialize, Serialize};
use shopspec_conformance::RunReport;
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;

/// The format version written into every state file.
const FORMAT: u32 = 1;

/// The state of one store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct State {
    /// Format version (1).
    pub(super) shopspec_state: u32,
    /// Every customer a run created, oldest first.
    pub(super) customers: Vec<Known>,
}

/// A customer a run created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Known {
    pub(super) api: Api,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) version: Option<ApiVersion>,
    /// The base URL of the store it lives in.
    pub(super) base_url: String,
    pub(super) id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) email: Option<String>,
    /// The case whose request created it (none: a customer shared by several cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) case: Option<String>,
    /// The run that created it.
    pub(super) run_id: String,
}

impl Default for State {
    fn default() -> Self {
        State {
            shopspec_state: FORMAT,
            customers: Vec::new(),
        }
    }
}

impl State {
    /// Reads the file; a missing file is an empty state.
    pub(super) fn load(path: &Path) -> Result<State, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(crate::without_bom(&text)).map_err(|e| {
                format!(
                    "{}: not a shopspec state file ({e}); move it away to start afresh",
                    path.display()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::default()),
            Err(e) => Err(format!("cannot read the state {}: {e}", path.display())),
        }
    }

    /// The known customers of `api` at `base_url`.
    pub(super) fn customers_of<'a>(
        &'a self,
        api: Api,
        base_url: &'a str,
    ) -> impl Iterator<Item = &'a Known> + 'a {
        self.customers
            .iter()
            .filter(move |k| k.api == api && same_url(&k.base_url, base_url))
    }

    /// Adds the customers `report` created (each once).
    pub(super) fn record(&mut self, report: &RunReport) {
        for created in &report.created {
            let Some(target) = report
                .targets
                .iter()
                .find(|t| t.api == created.api && t.version == created.version)
            else {
                continue;
            };
            let known = self.customers.iter().any(|k| {
                k.api == created.api
                    && same_url(&k.base_url, &target.base_url)
                    && k.id == created.id
            });
            if !known {
                self.customers.push(Known {
                    api: created.api,
                    version: created.version,
                    base_url: target.base_url.clone(),
                    id: created.id.clone(),
                    email: created.email.clone(),
                    case: created.case.clone(),
                    run_id: report.run_id.clone(),
                });
            }
        }
    }

    /// Writes the file (and its directory).
    pub(super) fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        super::write_file(path, format!("{text}\n").as_bytes())
    }
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use shopspec_conformance::{Created, Summary, TargetRecord};

    fn report(run: &str, ids: &[&str]) -> RunReport {
        RunReport {
            run_id: run.to_owned(),
            targets: vec![TargetRecord {
                label: "shopline".to_owned(),
                api: Api::Shopline,
                version: None,
                base_url: "http://127.0.0.1:1/".to_owned(),
                allow_writes: true,
            }],
            summary: Summary::default(),
            cases: Vec::new(),
            created: ids
                .iter()
                .map(|id| Created {
                    api: Api::Shopline,
                    version: None,
                    id: (*id).to_owned(),
                    email: Some(format!("{id}@example.com")),
                    case: Some("shopline.create.echo".to_owned()),
                })
                .collect(),
            errors: Vec::new(),
        }
    }

    #[test]
    fn records_each_customer_once_per_store() {
        let mut state = State::default();
        state.record(&report("r1", &["a", "b"]));
        state.record(&report("r2", &["b", "c"]));
        let ids: Vec<&str> = state
            .customers_of(Api::Shopline, "http://127.0.0.1:1")
            .map(|k| k.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(state.customers[1].run_id, "r1", "kept from its first run");
        assert_eq!(
            state
                .customers_of(Api::Shopline, "http://127.0.0.1:2")
                .count(),
            0,
            "another store's customers are not reused"
        );
        assert_eq!(
            state
                .customers_of(Api::Fecify, "http://127.0.0.1:1")
                .count(),
            0
        );

        let dir = std::env::temp_dir().join(format!("shopspec-state-{}", std::process::id()));
        let path = dir.join("nested/s.json");
        state.save(&path).expect("written with its directory");
        assert_eq!(State::load(&path).expect("reads back"), state);
        assert_eq!(
            State::load(&dir.join("absent.json")).expect("empty"),
            State::default()
        );
        std::fs::write(&path, "not json").expect("written");
        assert!(
            State::load(&path).is_err(),
            "a broken file is not overwritten"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
