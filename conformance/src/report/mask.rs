//! Masks secrets in results: a store that echoes a token must not leak it into
//! reports, JUnit files or terminals.

use serde_json::Value;

use crate::report::{CaseResult, Created, Exchange, RequestRecord, ResponseRecord};

/// What replaces a secret.
pub(crate) const MASK: &str = "***";

/// Replaces every secret (3 characters or more) in `text`.
pub(crate) fn mask_str(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        if out.contains(s.as_str()) {
            out = out.replace(s.as_str(), MASK);
        }
    }
    out
}

fn mask_value(value: &mut Value, secrets: &[String]) {
    match value {
        Value::String(s) => *s = mask_str(s, secrets),
        Value::Array(items) => items.iter_mut().for_each(|v| mask_value(v, secrets)),
        Value::Object(map) => {
            let masked: serde_json::Map<String, Value> = std::mem::take(map)
                .into_iter()
                .map(|(k, mut v)| {
                    mask_value(&mut v, secrets);
                    (mask_str(&k, secrets), v)
                })
                .collect();
            *map = masked;
        }
        _ => {}
    }
}

fn mask_request(r: &mut RequestRecord, secrets: &[String]) {
    r.path = mask_str(&r.path, secrets);
    for v in r.headers.values_mut() {
        *v = mask_str(v, secrets);
    }
    if let Some(body) = &mut r.body {
        mask_value(body, secrets);
    }
}

fn mask_response(r: &mut ResponseRecord, secrets: &[String]) {
    for v in r.headers.values_mut() {
        *v = mask_str(v, secrets);
    }
    mask_value(&mut r.body, secrets);
}

fn mask_exchange(e: &mut Exchange, secrets: &[String]) {
    mask_request(&mut e.request, secrets);
    if let Some(r) = &mut e.response {
        mask_response(r, secrets);
    }
}

/// Masks every secret in the results and the created list.
pub(crate) fn mask_results(cases: &mut [CaseResult], created: &mut [Created], secrets: &[String]) {
    for c in cases {
        c.message = mask_str(&c.message, secrets);
        if let Some(r) = &mut c.request {
            mask_request(r, secrets);
        }
        if let Some(r) = &mut c.response {
            mask_response(r, secrets);
        }
        for e in &mut c.setup {
            mask_exchange(e, secrets);
        }
    }
    for c in created {
        c.id = mask_str(&c.id, secrets);
        c.email = c.email.as_deref().map(|e| mask_str(e, secrets));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_masked_everywhere_in_values() {
        let secrets = vec!["tok-123".to_owned(), "x".to_owned()];
        let mut v = json!({"echo": "Bearer tok-123", "tok-123": ["a tok-123 b"], "n": 1});
        mask_value(&mut v, &secrets);
        assert_eq!(v, json!({"echo": "Bearer ***", "***": ["a *** b"], "n": 1}));
        // Too-short secrets are left alone rather than masking every letter.
        assert_eq!(mask_str("xyz", &secrets), "xyz");
    }
}
