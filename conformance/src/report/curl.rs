//! A curl command per request, so a failure can be sent again by hand or handed
//! to a colleague without the token ever being written down.

use super::mask::MASK;
use crate::report::RequestRecord;

/// The environment variable the curl commands read the token from.
pub const TOKEN_VARIABLE: &str = "SHOPSPEC_TOKEN";

/// A POSIX shell command that sends `request` to the store at `base_url` and
/// prints the answer with its status line and headers.
///
/// The token, masked as `***` in the record, becomes `$SHOPSPEC_TOKEN`; every
/// other value is single-quoted, so nothing else is expanded by the shell.
///
/// ```
/// use std::collections::BTreeMap;
/// use shopspec_conformance::{RequestRecord, curl_command};
///
/// let request = RequestRecord {
///     method: "PUT".to_owned(),
///     path: "/v1/customers/42".to_owned(),
///     headers: BTreeMap::from([("Authorization".to_owned(), "Bearer ***".to_owned())]),
///     body: Some(serde_json::json!({"memo": "it's"})),
/// };
/// assert_eq!(
///     curl_command("http://127.0.0.1:8080", &request),
///     "curl -sS -i -X PUT 'http://127.0.0.1:8080/v1/customers/42' \
///      -H \"Authorization: Bearer ${SHOPSPEC_TOKEN}\" \
///      --data-raw '{\"memo\":\"it'\\''s\"}'"
/// );
/// ```
pub fn curl_command(base_url: &str, request: &RequestRecord) -> String {
    let mut parts = vec![
        "curl -sS -i -X".to_owned(),
        single_quoted_if_needed(&request.method),
        single_quoted(&format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            request.path
        )),
    ];
    for (name, value) in &request.headers {
        let header = format!("{name}: {value}");
        parts.push("-H".to_owned());
        parts.push(if header.contains(MASK) {
            with_token(&header)
        } else {
            single_quoted(&header)
        });
    }
    if let Some(body) = &request.body {
        parts.push("--data-raw".to_owned());
        parts.push(single_quoted(&body.to_string()));
    }
    parts.join(" ")
}

/// `'text'`, with every `'` written as `'\''`.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn single_quoted_if_needed(text: &str) -> String {
    if text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        text.to_owned()
    } else {
        single_quoted(text)
    }
}

/// A double-quoted word in which only the mask expands, to the token variable.
fn with_token(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' | '`' | '$' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!(
        "\"{}\"",
        escaped.replace(MASK, &format!("${{{TOKEN_VARIABLE}}}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn only_the_mask_expands() {
        let request = RequestRecord {
            method: "POST".to_owned(),
            path: "/api/skill/customer/create-customer".to_owned(),
            headers: BTreeMap::from([
                ("skill-access-token".to_owned(), "***".to_owned()),
                ("User-Agent".to_owned(), "a $HOME `b`".to_owned()),
            ]),
            body: Some(serde_json::json!({"note": "$(rm -rf /) \"q\""})),
        };
        let curl = curl_command("https://shop.example/site/", &request);
        assert_eq!(
            curl,
            "curl -sS -i -X POST 'https://shop.example/site/api/skill/customer/create-customer' \
             -H 'User-Agent: a $HOME `b`' -H \"skill-access-token: ${SHOPSPEC_TOKEN}\" \
             --data-raw '{\"note\":\"$(rm -rf /) \\\"q\\\"\"}'"
        );
        assert_eq!(
            with_token("a\"$`\\ ***"),
            "\"a\\\"\\$\\`\\\\ ${SHOPSPEC_TOKEN}\""
        );
    }
}
