//! From flags, the config file and a replayed report to the runs to make: one
//! per store, each with its settings resolved (flags win over the file).

use std::path::{Path, PathBuf};

use shopspec_client::Token;
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;

use super::config::{self, Config, StoreConfig};
use super::{Args, filter_of, replay};
use shopspec_conformance::{Case, CaseFilter, Suite};

/// Where a run sends its requests.
pub(super) enum Source {
    /// The embedded sandbox, every API unless narrowed.
    Embedded {
        api: Option<Api>,
        version: Option<ApiVersion>,
    },
    /// One API of a store.
    Store {
        api: Api,
        base_url: String,
        token: Token,
        version: Option<ApiVersion>,
    },
}

/// One run, settings resolved.
pub(super) struct StoreRun {
    /// The store's name in the config file.
    pub(super) name: Option<String>,
    pub(super) source: Source,
    pub(super) user_agent: Option<String>,
    pub(super) email_domain: String,
    pub(super) allow_writes: bool,
    pub(super) strict: bool,
    pub(super) concurrency: u16,
    pub(super) only: CaseFilter,
    pub(super) report_json: Option<PathBuf>,
    pub(super) report_html: Option<PathBuf>,
    pub(super) junit: Option<PathBuf>,
    pub(super) baseline: Option<PathBuf>,
    pub(super) write_baseline: Option<PathBuf>,
    /// The state file of the store (customers earlier runs created).
    pub(super) state: Option<PathBuf>,
    pub(super) max_creates: Option<usize>,
    /// The ids a replay runs again.
    pub(super) replay: Option<Vec<String>>,
    /// How many slices of this store's cases run at once (`--shard`): each
    /// paces itself at this fraction of the documented rate.
    pub(super) share: u32,
}

impl StoreRun {
    /// The (API, version) pairs the run checks, one per target.
    pub(super) fn scopes(&self) -> Vec<(Api, ApiVersion)> {
        match &self.source {
            Source::Embedded { api, version } => Api::ALL
                .into_iter()
                .filter(|a| api.is_none_or(|x| x == *a))
                .flat_map(|a| {
                    let versions: Vec<ApiVersion> = match (a, version) {
                        (Api::Myshopline, Some(v)) => vec![*v],
                        (Api::Myshopline, None) => ApiVersion::SUPPORTED.to_vec(),
                        _ => vec![ApiVersion::LATEST_STABLE],
                    };
                    versions.into_iter().map(move |v| (a, v))
                })
                .collect(),
            Source::Store { api, version, .. } => {
                vec![(*api, version.unwrap_or(ApiVersion::LATEST_STABLE))]
            }
        }
    }

    /// How many cases the run selects (after `--only` or a replay's ids).
    pub(super) fn selected(&self) -> usize {
        self.scopes()
            .into_iter()
            .map(|(api, version)| Suite::cases_for(api, version, &self.only).len())
            .sum()
    }

    /// The cases the run selects, in suite order.
    pub(super) fn selected_cases(&self) -> Vec<Case> {
        self.scopes()
            .into_iter()
            .flat_map(|(api, version)| Suite::cases_for(api, version, &self.only))
            .collect()
    }

    /// The requests a case is expected to send: none when it is skipped for
    /// its writes, else the request and the creates it may need.
    pub(super) fn expected_requests_of(&self, case: &Case) -> u64 {
        if case.writes && !self.allow_writes {
            0
        } else if case.writes {
            1 + u64::try_from(case.creates_at_most()).unwrap_or(u64::MAX)
        } else {
            1
        }
    }

    /// The requests the run is expected to send.
    pub(super) fn expected_requests(&self) -> u64 {
        self.selected_cases()
            .iter()
            .map(|c| self.expected_requests_of(c))
            .sum()
    }

    /// Every file the run writes, with the flag or key that names it.
    pub(super) fn outputs(&self) -> Vec<(&'static str, &Path)> {
        let state = match self.source {
            Source::Store { .. } => self.state.as_deref(),
            Source::Embedded { .. } => None,
        };
        [
            ("the JSON report", self.report_json.as_deref()),
            ("the HTML report", self.report_html.as_deref()),
            ("the JUnit report", self.junit.as_deref()),
            ("the baseline to write", self.write_baseline.as_deref()),
            ("the state file", state),
        ]
        .into_iter()
        .filter_map(|(what, p)| p.map(|p| (what, p)))
        .collect()
    }
}

/// The default state file of a flags-only run, keyed by API, version and base
/// URL: `.shopspec/state/<api>[-<version>]-<host>[-<port>][-<path>].json`.
pub(super) fn default_state(api: Api, version: Option<ApiVersion>, base_url: &str) -> PathBuf {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest)
        .trim_end_matches('/');
    let mut key: String = rest
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() {
        key.push_str("store");
    }
    let name = match version {
        Some(v) => format!("{api}-{v}-{key}.json"),
        None => format!("{api}-{key}.json"),
    };
    Path::new(".shopspec/state").join(name)
}

/// A loaded config file and the directory its relative paths start from.
pub(super) struct Loaded {
    config: Config,
    /// The file, for messages.
    file: PathBuf,
    dir: PathBuf,
}

impl Loaded {
    fn store(&self, name: &str) -> Result<&StoreConfig, String> {
        self.config
            .store(name)
            .map_err(|m| format!("{}: {m}", self.file.display()))
    }

    /// A path of the file, relative to the file's directory.
    fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_owned()
        } else {
            self.dir.join(p)
        }
    }

    /// The api and version of a store, for `--list`.
    pub(super) fn api_of(&self, name: &str) -> Result<(Option<Api>, Option<ApiVersion>), String> {
        let s = self.store(name)?;
        Ok((s.api, s.api_version))
    }
}

/// Reads the config file: the one given with `--config`, else `shopspec.toml`
/// in the current directory when a store is named (or a report names one).
pub(super) fn load_config(args: &Args) -> Result<Option<Loaded>, String> {
    let path = match &args.config {
        Some(p) => p.clone(),
        None => {
            let default = PathBuf::from(config::DEFAULT_FILE);
            if args.store.is_empty() && !(args.replay.is_some() && default.is_file()) {
                return Ok(None);
            }
            if !default.is_file() {
                return Err(format!(
                    "--store needs a config file: no {} in the current directory (or give --config FILE)",
                    config::DEFAULT_FILE
                ));
            }
            default
        }
    };
    let config = Config::load(&path).map_err(|e| e.to_string())?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    Ok(Some(Loaded {
        config,
        file: path,
        dir,
    }))
}

/// The runs the arguments ask for.
pub(super) fn runs(args: &Args, config: Option<&Loaded>) -> Result<Vec<StoreRun>, String> {
    let replayed = match &args.replay {
        Some(path) => Some(replay::Source::read(path)?),
        None => None,
    };
    let mut stores = args.store.clone();
    if let Some(r) = &replayed
        && stores.is_empty()
        && args.base_url.is_none()
        && let Some(name) = &r.store
        && config.is_some_and(|c| c.config.store.contains_key(name))
    {
        stores.push(name.clone());
    }
    let ids = replayed.as_ref().map(|r| r.failed.clone());
    if replayed.as_ref().is_some_and(|r| r.failed.is_empty()) {
        // Nothing to run again: no run, and the caller says so.
        return Ok(Vec::new());
    }

    if !stores.is_empty() {
        if args.base_url.is_some() && stores.len() > 1 {
            return Err("--base-url overrides one store only; name a single --store".to_owned());
        }
        if replayed.is_some() && stores.len() > 1 {
            return Err("--replay runs against one store; name a single --store".to_owned());
        }
        let several = stores.len() > 1;
        if several {
            for (flag, path) in [
                ("--report-json", &args.report_json),
                ("--report-html", &args.report_html),
                ("--junit", &args.junit),
                ("--baseline", &args.baseline),
                ("--write-baseline", &args.write_baseline),
                ("--state", &args.state),
            ] {
                if let Some(p) = path
                    && !p.to_string_lossy().contains("{store}")
                {
                    return Err(format!(
                        "{flag} with several stores must contain {{store}}, or each store would overwrite the file"
                    ));
                }
            }
        }
        let Some(config) = config else {
            return Err("--store needs a config file".to_owned());
        };
        let mut seen = Vec::new();
        let mut runs = Vec::new();
        for name in &stores {
            if seen.contains(name) {
                continue;
            }
            seen.push(name.clone());
            let store = config.store(name)?;
            runs.push(store_run(
                args,
                Some((name, store, config)),
                ids.clone(),
                replayed.as_ref(),
            )?);
        }
        return Ok(runs);
    }
    if args.base_url.is_some() {
        return Ok(vec![store_run(args, None, ids, replayed.as_ref())?]);
    }
    if let Some(r) = &replayed
        && !r.embedded
    {
        // The store the report ran against, when it is not the embedded sandbox.
        return Ok(vec![store_run(args, None, ids, Some(r))?]);
    }
    if args.token.is_some() || args.token_env.is_some() {
        return Err(
            "--token and --token-env need --base-url (the sandbox makes its own tokens)".to_owned(),
        );
    }
    if args.state.is_some() {
        return Err(
            "--state needs --base-url or --store (the embedded sandbox starts empty every run)"
                .to_owned(),
        );
    }
    if let (Some(api), Some(_)) = (args.api, args.api_version)
        && api != Api::Myshopline
    {
        return Err("--api-version applies to --api myshopline only".to_owned());
    }
    Ok(vec![StoreRun {
        name: None,
        source: Source::Embedded {
            api: args.api,
            version: args.api_version,
        },
        user_agent: args.user_agent.clone(),
        email_domain: args
            .email_domain
            .clone()
            .unwrap_or_else(|| "example.com".to_owned()),
        // The sandbox is ours to write to.
        allow_writes: true,
        strict: args.strict,
        concurrency: args.concurrency.unwrap_or(8),
        only: filter_of(args.only.as_deref(), ids.as_deref()),
        report_json: args.report_json.clone(),
        report_html: args.report_html.clone(),
        junit: args.junit.clone(),
        baseline: args.baseline.clone(),
        write_baseline: args.write_baseline.clone(),
        state: None,
        max_creates: args.max_creates,
        replay: ids,
        share: 1,
    }])
}

/// One store: the config entry (if any) with the flags on top.
fn store_run(
    args: &Args,
    file: Option<(&String, &StoreConfig, &Loaded)>,
    ids: Option<Vec<String>>,
    replayed: Option<&replay::Source>,
) -> Result<StoreRun, String> {
    let empty = StoreConfig::default();
    let (name, cfg) = match file {
        Some((name, cfg, _)) => (Some(name.as_str()), cfg),
        None => (None, &empty),
    };
    let in_file = |p: &Option<PathBuf>| -> Option<PathBuf> {
        let (_, _, loaded) = file?;
        p.as_deref().map(|p| loaded.path(p))
    };
    let named = |p: Option<PathBuf>| -> Option<PathBuf> {
        p.map(|p| match name {
            Some(n) => PathBuf::from(p.to_string_lossy().replace("{store}", n)),
            None => p,
        })
    };
    // Where a missing setting can come from: the config file only when one is in use.
    let hint = |key: &str, flag: &str| match file {
        Some(_) => format!("{key} in the file, or {flag}"),
        None => flag.to_owned(),
    };
    let label = match name {
        Some(n) => format!("store `{n}`"),
        None => "the store".to_owned(),
    };
    let target = replayed.and_then(|r| r.target.as_ref());

    let api = args
        .api
        .or(cfg.api)
        .or(target.map(|t| t.api))
        .ok_or_else(|| {
            format!(
                "{label} needs an API: {}",
                hint("api = \"...\"", "--api API")
            )
        })?;
    let base_url = args
        .base_url
        .clone()
        .or_else(|| cfg.base_url.clone())
        .or_else(|| target.map(|t| t.base_url.clone()))
        .ok_or_else(|| {
            format!(
                "{label} needs a base URL: {}",
                hint("base_url = \"...\"", "--base-url URL")
            )
        })?;
    let token = match (
        &args.token,
        args.token_env.as_ref().or(cfg.token_env.as_ref()),
    ) {
        (Some(t), _) => t.clone(),
        (None, Some(var)) => {
            if !config::is_variable_name(var) {
                return Err(
                    "--token-env takes the name of an environment variable, not a token".to_owned(),
                );
            }
            match std::env::var(var) {
                Ok(t) if !t.trim().is_empty() => Token::new(t),
                _ => return Err(format!("the environment variable {var} holds no token")),
            }
        }
        (None, None) => {
            // A report keeps no token: a replay names the variable again.
            let why = if replayed.is_some() {
                " (a report keeps no token)"
            } else {
                ""
            };
            return Err(format!(
                "{label} needs a token{why}: {}",
                hint(
                    "token_env = \"VAR\"",
                    "--token-env VAR, the environment variable that holds it"
                )
            ));
        }
    };
    let version = args
        .api_version
        .or(cfg.api_version)
        .or(target.and_then(|t| t.version));
    if version.is_some() && api != Api::Myshopline {
        return Err("--api-version (api_version) applies to the myshopline API only".to_owned());
    }
    if let Some(v) = version
        && !v.is_supported()
    {
        return Err(format!("API version {v} is not supported"));
    }
    let concurrency = args.concurrency.or(cfg.concurrency).unwrap_or(8);
    if !(1..=256).contains(&concurrency) {
        return Err(format!(
            "{label}: concurrency must be between 1 and 256, not {concurrency}"
        ));
    }
    // A replayed failure ran, so its store allowed writes then.
    let replay_writes = target.is_some_and(|t| t.allow_writes);
    let state = if args.no_state {
        None
    } else {
        named(args.state.clone().or_else(|| in_file(&cfg.state))).or_else(|| match file {
            // A named store remembers its customers beside the config file.
            Some((name, _, loaded)) => {
                Some(loaded.path(&Path::new(".shopspec/state").join(format!("{name}.json"))))
            }
            // A flags-only run, in the current directory.
            None => Some(default_state(
                api,
                (api == Api::Myshopline).then(|| version.unwrap_or(ApiVersion::LATEST_STABLE)),
                &base_url,
            )),
        })
    };
    Ok(StoreRun {
        name: name.map(str::to_owned),
        source: Source::Store {
            api,
            base_url,
            token,
            version,
        },
        user_agent: args.user_agent.clone().or_else(|| cfg.user_agent.clone()),
        email_domain: args
            .email_domain
            .clone()
            .or_else(|| cfg.email_domain.clone())
            .unwrap_or_else(|| "example.com".to_owned()),
        allow_writes: args.allow_writes || cfg.allow_writes.unwrap_or(false) || replay_writes,
        strict: args.strict || cfg.strict.unwrap_or(false),
        concurrency,
        only: filter_of(args.only.as_deref(), ids.as_deref()),
        report_json: named(
            args.report_json
                .clone()
                .or_else(|| in_file(&cfg.reports.json)),
        ),
        report_html: named(
            args.report_html
                .clone()
                .or_else(|| in_file(&cfg.reports.html)),
        ),
        junit: named(args.junit.clone().or_else(|| in_file(&cfg.reports.junit))),
        baseline: named(args.baseline.clone().or_else(|| in_file(&cfg.baseline))),
        write_baseline: named(args.write_baseline.clone()),
        state,
        max_creates: args.max_creates.or(cfg.max_creates),
        replay: ids,
        share: 1,
    })
}
