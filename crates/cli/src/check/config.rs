//! `shopspec.toml`: named stores, so a nightly job runs `shopspec check --store
//! staging` instead of repeating every flag.
//!
//! The file names the variable that holds a token (`token_env`) and never the
//! token: a key that would hold one is refused, and no error message repeats a
//! value from the file.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use shopspec_model::Api;
use shopspec_model::myshopline::ApiVersion;

/// The file looked for in the current directory.
pub(super) const DEFAULT_FILE: &str = "shopspec.toml";

/// The parsed file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Config {
    /// `[store.<name>]` tables.
    #[serde(default)]
    pub(super) store: BTreeMap<String, StoreConfig>,
}

/// One `[store.<name>]` table. Every key is optional: flags fill in or override.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoreConfig {
    pub(super) api: Option<Api>,
    pub(super) base_url: Option<String>,
    pub(super) token_env: Option<String>,
    pub(super) api_version: Option<ApiVersion>,
    pub(super) user_agent: Option<String>,
    pub(super) email_domain: Option<String>,
    pub(super) allow_writes: Option<bool>,
    pub(super) strict: Option<bool>,
    pub(super) concurrency: Option<u16>,
    pub(super) baseline: Option<PathBuf>,
    pub(super) state: Option<PathBuf>,
    pub(super) max_creates: Option<usize>,
    #[serde(default)]
    pub(super) reports: Reports,
}

/// `[store.<name>.reports]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Reports {
    pub(super) json: Option<PathBuf>,
    pub(super) html: Option<PathBuf>,
    pub(super) junit: Option<PathBuf>,
}

/// Why the file cannot be used. Its `Display` never contains a value from the file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ConfigError {
    path: PathBuf,
    message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Keys that would hold a secret. `token_env` (a variable name) is the only
/// key with "token" in it that the file may have.
fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace('-', "_");
    (k.contains("token") && k != "token_env")
        || k.contains("secret")
        || k.contains("password")
        || k == "api_key"
        || k == "apikey"
}

/// An environment variable name: letters, digits and `_`, not starting with a digit.
pub(super) fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A store name: letters, digits, `-` and `_` (it names the state file).
fn is_store_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Config {
    /// Reads and checks the file at `path`.
    pub(super) fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_owned(),
            message: format!("cannot read it: {e}"),
        })?;
        Config::parse(crate::without_bom(&text)).map_err(|message| ConfigError {
            path: path.to_owned(),
            message,
        })
    }

    /// Parses the text of a config file; the error never quotes a value.
    pub(super) fn parse(text: &str) -> Result<Config, String> {
        // First untyped, to refuse secrets before any typed error could quote one.
        let table: toml::Table = text.parse().map_err(|e| describe(text, &e, &[]))?;
        secrets(&table, "")?;
        if let Some(toml::Value::Table(stores)) = table.get("store") {
            for (name, store) in stores {
                if !is_store_name(name) {
                    return Err(format!(
                        "store names are letters, digits, `-` and `_` (they name the state file); `store.{}` is not one",
                        name.escape_debug()
                    ));
                }
                if let Some(var) = store.get("token_env")
                    && !var.as_str().is_some_and(is_variable_name)
                {
                    return Err(format!(
                        "store.{name}.token_env: this is the name of the environment variable that holds the token \
                         (letters, digits and `_`), never the token itself"
                    ));
                }
            }
        }
        let mut values = Vec::new();
        leaf_values(&toml::Value::Table(table), &mut values);
        toml::from_str(text).map_err(|e| describe(text, &e, &values))
    }

    /// The store called `name`.
    pub(super) fn store(&self, name: &str) -> Result<&StoreConfig, String> {
        self.store.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.store.keys().map(String::as_str).collect();
            if known.is_empty() {
                format!("no store `{name}`: the file defines no [store.<name>] table")
            } else {
                format!("no store `{name}` (the file defines: {})", known.join(", "))
            }
        })
    }
}

/// Refuses any key, at any depth, that would hold a secret.
fn secrets(table: &toml::Table, at: &str) -> Result<(), String> {
    for (key, value) in table {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        if is_secret_key(key) {
            return Err(format!(
                "{path}: a token or other secret must never be written in the config file (the value is not shown); \
                 put it in an environment variable and name that variable with token_env = \"SHOP_TOKEN\""
            ));
        }
        if let toml::Value::Table(inner) = value {
            secrets(inner, &path)?;
        }
    }
    Ok(())
}

/// Every string (and other scalar) value of the file, to keep them out of messages.
fn leaf_values(value: &toml::Value, out: &mut Vec<String>) {
    match value {
        toml::Value::Table(t) => t.values().for_each(|v| leaf_values(v, out)),
        toml::Value::Array(a) => a.iter().for_each(|v| leaf_values(v, out)),
        toml::Value::String(s) => out.push(s.clone()),
        other => out.push(other.to_string()),
    }
}

/// A parse or type error with its line, without the source snippet and with
/// the file's values removed: serde's "invalid type: string \"...\"" and
/// "unknown variant `...`" quote them. Key names stay.
fn describe(text: &str, e: &toml::de::Error, values: &[String]) -> String {
    let line = e.span().map(|span| {
        text.as_bytes()[..span.start.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    });
    let mut message = redact_quoted(e.message().trim());
    let mut values: Vec<&String> = values.iter().filter(|v| v.len() >= 3).collect();
    // Longest first, so a value that contains another is removed whole.
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    for v in values {
        message = message.replace(v.as_str(), "...");
    }
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message,
    }
}

fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("...\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "tok-config-test-5b1e";

    #[test]
    fn a_store_with_every_key_reads() {
        let config = Config::parse(
            r#"
            [store.staging]
            api = "myshopline"
            base_url = "https://shop.example"
            token_env = "STAGING_TOKEN"
            api_version = "v20220901"
            user_agent = "my-app"
            email_domain = "qa.example"
            allow_writes = true
            strict = false
            concurrency = 4
            baseline = "baseline.json"
            state = "state.json"
            max_creates = 10
            [store.staging.reports]
            json = "r.json"
            html = "r.html"
            junit = "r.xml"

            [store.other]
            api = "fecify"
            "#,
        )
        .expect("valid");
        let s = config.store("staging").expect("present");
        assert_eq!(s.api, Some(Api::Myshopline));
        assert_eq!(s.api_version, Some(ApiVersion::V20220901));
        assert_eq!(s.concurrency, Some(4));
        assert_eq!(s.reports.html.as_deref(), Some(Path::new("r.html")));
        assert!(
            config
                .store("nope")
                .expect_err("absent")
                .contains("other, staging")
        );
    }

    #[test]
    fn a_token_in_the_file_is_refused_without_echo() {
        for text in [
            format!("[store.a]\napi = \"fecify\"\ntoken = \"{SECRET}\"\n"),
            format!("[store.a]\naccess-token = \"{SECRET}\"\n"),
            format!("[store.a.reports]\nsecret = \"{SECRET}\"\n"),
            format!("[store.a]\ntoken_env = \"{SECRET}\"\n"),
            format!("[store.a]\ntoken_env = \"Bearer x{SECRET}\"\n"),
            // A wrongly typed value is described, not quoted.
            format!("[store.a]\nconcurrency = \"{SECRET}\"\n"),
            format!("[store.a]\napi = \"{SECRET}\"\n"),
            format!("[store.a]\napi = {SECRET}\n"),
        ] {
            let err = Config::parse(&text).expect_err("refused");
            assert!(!err.contains(SECRET), "{err}");
            assert!(!err.contains("5b1e"), "{err}");
        }
        let err = Config::parse(&format!("[store.a]\ntoken = \"{SECRET}\"\n")).expect_err("x");
        assert!(
            err.contains("store.a.token") && err.contains("token_env"),
            "{err}"
        );
        let err = Config::parse("[store.a]\nconcurency = 3\n").expect_err("typo");
        assert!(
            err.contains("line 2") && err.contains("concurency"),
            "{err}"
        );
    }
}
