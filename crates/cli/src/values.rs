//! Value parsers that name the values an option takes, so that `--help` lists
//! them and shell completions (`shopspec completions`) offer them instead of
//! file names.

use std::ffi::OsStr;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::OnceLock;

use clap::builder::{PossibleValue, TypedValueParser};
use shopspec_model::myshopline::ApiVersion;
use shopspec_model::{Api, Operation};

/// Parses with `T::from_str` (its errors unchanged) and offers `values`.
#[derive(Clone)]
pub(crate) struct Offered<T> {
    values: &'static [&'static str],
    parsed: PhantomData<fn() -> T>,
}

impl<T> TypedValueParser for Offered<T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        (|s: &str| s.parse::<T>()).parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(|v| PossibleValue::new(*v))))
    }
}

/// `--api`: fecify, shopline, myshopline.
pub(crate) fn api() -> Offered<Api> {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    Offered {
        values: NAMES.get_or_init(|| Api::ALL.iter().map(|a| a.as_str()).collect()),
        parsed: PhantomData,
    }
}

/// `--op`: create-customer, update-customer.
pub(crate) fn operation() -> Offered<Operation> {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    Offered {
        values: NAMES.get_or_init(|| Operation::ALL.iter().map(|o| o.as_str()).collect()),
        parsed: PhantomData,
    }
}

/// `--api-version`: the supported versions are offered; any `vYYYYMMDD` parses,
/// so that an unsupported one is answered with the list of supported ones.
pub(crate) fn api_version() -> Offered<ApiVersion> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    static VIEWS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        ApiVersion::SUPPORTED
            .iter()
            .map(ToString::to_string)
            .collect()
    });
    Offered {
        values: VIEWS.get_or_init(|| names.iter().map(String::as_str).collect()),
        parsed: PhantomData,
    }
}
