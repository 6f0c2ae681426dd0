//! The checks of the validator, the models and the clients' answer decoding.

use std::collections::BTreeSet;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER};
use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shopspec_client::{Error, Operation, Outcome, fecify, myshopline, shopline};
use shopspec_model::{fecify as fm, myshopline as mm, shopline as sm};
use shopspec_validate::{Api, Report, Rule, Target, validate_slice, validate_value};

use crate::{Finding, TOKEN, broken, targets};

/// `validate_slice` on a target chosen by the first byte: deterministic, in
/// agreement with `validate_value` and `findings`, and every error is complete.
pub(crate) fn validate(input: &[u8]) -> Result<(), Finding> {
    let Some((&selector, payload)) = input.split_first() else {
        return Ok(());
    };
    let all = targets();
    let target = all[usize::from(selector) % all.len()];
    let first = validate_slice(target, payload);
    let second = validate_slice(target, payload);
    if first != second {
        return Err(broken(format!(
            "{target}: validate_slice is not deterministic"
        )));
    }
    let parsed = serde_json::from_slice::<Value>(payload);
    match (&first, parsed) {
        (Ok(report), Ok(value)) => {
            let by_value = validate_value(target, &value);
            if &by_value != report {
                return Err(broken(format!(
                    "{target}: validate_slice and validate_value disagree: {:?} vs {:?}",
                    report.errors, by_value.errors
                )));
            }
            let found = shopspec_validate::findings(target, &value);
            let agree = |found: &[shopspec_validate::Finding],
                         reported: &[shopspec_validate::Violation]| {
                found.len() == reported.len()
                    && found.iter().zip(reported).all(|(f, v)| f.matches(v))
            };
            if !agree(&found.errors, &report.errors) || !agree(&found.warnings, &report.warnings) {
                return Err(broken(format!(
                    "{target}: findings and the report disagree: {:?} vs {:?}",
                    found.errors, report.errors
                )));
            }
            complete(target, report, &value)
        }
        (Ok(_), Err(e)) => Err(broken(format!(
            "{target}: validate_slice accepted text serde_json rejects ({e})"
        ))),
        (Err(e), Ok(_)) => Err(broken(format!(
            "{target}: validate_slice rejected JSON serde_json reads ({e})"
        ))),
        (Err(e), Err(_)) => {
            if e.message.is_empty() {
                return Err(broken(format!("{target}: a parse error without a message")));
            }
            Ok(())
        }
    }
}

/// Every error has a rule, a pointer into the payload (or to where a missing
/// field belongs) and a source.
fn complete(target: Target, report: &Report, value: &Value) -> Result<(), Finding> {
    for v in &report.errors {
        if v.source.is_empty() || v.message().is_empty() {
            return Err(broken(format!(
                "{target}: error without source or message at {:?}",
                v.pointer
            )));
        }
        if !v.pointer.is_empty() && !v.pointer.starts_with('/') {
            return Err(broken(format!(
                "{target}: {:?} is not a JSON pointer",
                v.pointer
            )));
        }
        let missing_allowed = matches!(
            v.rule,
            Rule::Required | Rule::OneOfRequired | Rule::RequiredWith
        );
        let resolves = value.pointer(&v.pointer).is_some();
        let parent_resolves = v
            .pointer
            .rsplit_once('/')
            .is_some_and(|(parent, _)| value.pointer(parent).is_some());
        if !(resolves || missing_allowed && parent_resolves) {
            return Err(broken(format!(
                "{target}: {} error at {:?}, which is not in the payload",
                v.rule.as_str(),
                v.pointer
            )));
        }
    }
    Ok(())
}

/// The (pointer, rule) pairs of a report's errors.
fn errors(report: &Report) -> BTreeSet<(String, &'static str)> {
    report
        .errors
        .iter()
        .map(|v| (v.pointer.clone(), v.rule.as_str()))
        .collect()
}

/// Rules about one value alone (not about other fields).
fn local(rule: &str) -> bool {
    matches!(
        rule,
        "type"
            | "enum"
            | "max_length"
            | "min_length"
            | "max_items"
            | "format"
            | "range"
            | "integer_range"
    )
}

/// One DTO: if `input` deserialises, it re-serialises, reads back equal, and
/// (for a request with `target`) is judged no worse and hides no broken rule
/// on a value it keeps.
fn dto<T>(name: &str, input: &[u8], target: Option<Target>) -> Result<(), Finding>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let Ok(typed) = serde_json::from_slice::<T>(input) else {
        return Ok(());
    };
    let again = serde_json::to_value(&typed)
        .map_err(|e| broken(format!("{name}: deserialised but does not serialise: {e}")))?;
    let back: T = serde_json::from_value(again.clone()).map_err(|e| {
        broken(format!(
            "{name}: its own serialisation does not read back: {e}"
        ))
    })?;
    if back != typed {
        return Err(broken(format!(
            "{name}: changes on a round trip: {typed:?} became {back:?}"
        )));
    }
    let Some(target) = target else {
        return Ok(());
    };
    // serde skips unknown fields without reading them as `Value` would (a lone
    // surrogate or `1e400` there is no error), and derived structs also read
    // arrays: the validator judges neither, so neither is compared.
    let Ok(original) = serde_json::from_slice::<Value>(input) else {
        return Ok(());
    };
    let object = match target.api {
        Api::Myshopline => original.get("customer").is_some_and(Value::is_object),
        _ => original.is_object(),
    };
    if !object {
        return Ok(());
    }
    let before = validate_value(target, &original);
    let after = validate_value(target, &again);
    let (before, after) = (errors(&before), errors(&after));
    // A field the original already broke may break another rule once the DTO
    // has read it (`null` becomes absent): only errors on fields that had
    // none are new.
    let broken_fields: BTreeSet<&str> = before.iter().map(|(p, _)| p.as_str()).collect();
    if let Some(new) = after
        .difference(&before)
        .find(|(p, _)| !broken_fields.contains(p.as_str()))
    {
        return Err(broken(format!(
            "{name}: re-serialising adds the error {new:?} (sent {original}, re-serialised {again})"
        )));
    }
    for (pointer, rule) in &before {
        let kept = !pointer.is_empty()
            && original.pointer(pointer).is_some()
            && original.pointer(pointer) == again.pointer(pointer);
        if kept && local(rule) && !after.contains(&(pointer.clone(), *rule)) {
            return Err(broken(format!(
                "{name}: the DTO keeps {pointer} but the {rule} error on it is gone"
            )));
        }
    }
    Ok(())
}

/// Every model DTO against the same text.
pub(crate) fn model(input: &[u8]) -> Result<(), Finding> {
    let t = |api, op| Some(Target::new(api, op));
    dto::<fm::CreateCustomerRequest>(
        "fecify::CreateCustomerRequest",
        input,
        t(Api::Fecify, Operation::CreateCustomer),
    )?;
    dto::<fm::UpdateCustomerRequest>(
        "fecify::UpdateCustomerRequest",
        input,
        t(Api::Fecify, Operation::UpdateCustomer),
    )?;
    dto::<fm::Customer>("fecify::Customer", input, None)?;
    dto::<fm::CreateCustomerResponse>("fecify::CreateCustomerResponse", input, None)?;
    dto::<fm::ErrorEnvelope>("fecify::ErrorEnvelope", input, None)?;
    dto::<sm::CreateCustomerRequest>(
        "shopline::CreateCustomerRequest",
        input,
        t(Api::Shopline, Operation::CreateCustomer),
    )?;
    dto::<sm::UpdateCustomerRequest>(
        "shopline::UpdateCustomerRequest",
        input,
        t(Api::Shopline, Operation::UpdateCustomer),
    )?;
    dto::<sm::Customer>("shopline::Customer", input, None)?;
    dto::<sm::DeliveryAddress>("shopline::DeliveryAddress", input, None)?;
    dto::<sm::ErrorBody>("shopline::ErrorBody", input, None)?;
    dto::<mm::CreateCustomerRequest>(
        "myshopline::CreateCustomerRequest",
        input,
        t(Api::Myshopline, Operation::CreateCustomer),
    )?;
    dto::<mm::UpdateCustomerRequest>(
        "myshopline::UpdateCustomerRequest",
        input,
        t(Api::Myshopline, Operation::UpdateCustomer),
    )?;
    dto::<mm::CreateCustomerResponse>("myshopline::CreateCustomerResponse", input, None)?;
    dto::<mm::Customer>("myshopline::Customer", input, None)?;
    dto::<mm::Address>("myshopline::Address", input, None)?;
    dto::<mm::AddressInput>("myshopline::AddressInput", input, None)?;
    dto::<mm::ErrorBody>("myshopline::ErrorBody", input, None)?;
    Ok(())
}

/// One client per API, configured with [`TOKEN`]; nothing is ever sent.
pub(crate) struct Clients {
    fecify: fecify::Client,
    shopline: shopline::Client,
    myshopline: myshopline::Client,
}

impl Clients {
    pub(crate) fn new() -> Clients {
        // Port 9 (discard): the clients decode answers and never connect.
        let base = "http://127.0.0.1:9";
        Clients {
            fecify: fecify::Client::builder()
                .base_url(format!("{base}/site"))
                .token(TOKEN)
                .build()
                .expect("a valid fecify client"),
            shopline: shopline::Client::builder()
                .base_url(base)
                .token(TOKEN)
                .build()
                .expect("a valid shopline client"),
            myshopline: myshopline::Client::builder()
                .base_url(base)
                .token(TOKEN)
                .build()
                .expect("a valid myshopline client"),
        }
    }

    fn decode(
        &self,
        api: Api,
        op: Operation,
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> (Result<(), Error>, String) {
        macro_rules! run {
            ($client:expr) => {{
                let r = $client.decode_answer(op, status, headers.clone(), body.clone());
                let shown = match &r {
                    Ok(ok) => format!("{:?} {:?}", ok.value(), ok.status()),
                    Err(e) => format!("{e} {e:?}"),
                };
                (r.map(|_| ()), shown)
            }};
        }
        match api {
            Api::Fecify => run!(self.fecify),
            Api::Shopline => run!(self.shopline),
            Api::Myshopline => run!(self.myshopline),
        }
    }

    /// `decode_answer` of the client and operation the first byte selects.
    pub(crate) fn check(&self, input: &[u8]) -> Result<(), Finding> {
        if input.len() < 4 {
            return Ok(());
        }
        let api = Api::ALL[usize::from(input[0] / 2) % Api::ALL.len()];
        let op = if input[0].is_multiple_of(2) {
            Operation::CreateCustomer
        } else {
            Operation::UpdateCustomer
        };
        let Ok(status) = StatusCode::from_u16(u16::from_be_bytes([input[1], input[2]])) else {
            return Ok(());
        };
        let headers = headers(input[3]);
        let body = Bytes::copy_from_slice(&input[4..]);
        let (result, shown) = self.decode(api, op, status, &headers, &body);
        let (again, shown_again) = self.decode(api, op, status, &headers, &body);
        if shown != shown_again || result.is_ok() != again.is_ok() {
            return Err(broken(format!("{api}: decoding is not deterministic")));
        }
        if shown.contains(TOKEN) {
            return Err(broken(format!(
                "{api} {op} HTTP {status}: the token shows in the result: {shown}"
            )));
        }
        match result {
            Ok(()) if !status.is_success() => Err(broken(format!(
                "{api} {op}: HTTP {status} decoded as a success"
            ))),
            Ok(()) => Ok(()),
            Err(e) => outcome_matches(api, op, status, &e),
        }
    }
}

/// The outcome rules of the client docs: 4xx rejected, 5xx unknown, 429 rate
/// limited, a 2xx that fails is a vendor failure (rejected) or unreadable (unknown).
fn outcome_matches(api: Api, op: Operation, status: StatusCode, e: &Error) -> Result<(), Finding> {
    let fail = |why: &str| {
        Err(broken(format!(
            "{api} {op} HTTP {status}: {why}, got {:?} ({e})",
            e.outcome()
        )))
    };
    if e.status() != Some(status) {
        return fail("the error does not carry the answer's status");
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        return match e {
            Error::RateLimited(_) => Ok(()),
            _ => fail("429 is not a RateLimited error"),
        };
    }
    let expected = match e {
        Error::Api(_) if status.is_success() || status.is_client_error() => Outcome::Rejected,
        Error::Decode(_) if status.is_client_error() => Outcome::Rejected,
        Error::Api(_) | Error::Decode(_) => Outcome::Unknown,
        _ => return fail("not an Api or Decode error"),
    };
    if e.outcome() != expected {
        return fail(&format!("expected {expected:?}"));
    }
    Ok(())
}

/// Answer headers chosen by one byte.
fn headers(selector: u8) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let traceid = HeaderName::from_static("traceid");
    match selector {
        0..=199 => {}
        200..=209 => {
            h.insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        210..=219 => {
            h.insert(
                RETRY_AFTER,
                HeaderValue::from_static("99999999999999999999"),
            );
        }
        220..=229 => {
            h.insert(
                RETRY_AFTER,
                HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
            );
        }
        230..=239 => {
            h.insert(RETRY_AFTER, HeaderValue::from_static("-1"));
        }
        240..=247 => {
            h.insert(
                traceid,
                HeaderValue::from_static("0af7651916cd43dd8448eb211c80319c"),
            );
        }
        _ => {
            if let Ok(v) = HeaderValue::from_bytes(b"\xff\xfe") {
                h.insert(traceid, v);
            }
            h.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        }
    }
    h
}
