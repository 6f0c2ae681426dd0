//! The clients' answer decoding on its own (`decode_answer`): the same result a
//! call gives for a status, headers and body.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use shopspec_client::{Error, Operation, Outcome, fecify, myshopline, shopline};

const TOKEN: &str = "decode-secret-token";

fn fecify() -> fecify::Client {
    fecify::Client::builder()
        .base_url("http://127.0.0.1:9/site")
        .token(TOKEN)
        .build()
        .unwrap()
}

#[test]
fn fecify_failure_inside_http_200_is_a_rejected_api_error() {
    let body = Bytes::from_static(br#"{"code":1000009,"data":null,"message":"email is required"}"#);
    let err = fecify()
        .decode_answer(
            Operation::CreateCustomer,
            StatusCode::OK,
            HeaderMap::new(),
            body,
        )
        .unwrap_err();
    assert_eq!(err.api_code(), Some("1000009"));
    assert_eq!(err.outcome(), Outcome::Rejected);
}

#[test]
fn success_bodies_decode_to_the_customer() {
    let body = Bytes::from_static(
        br#"{"code":200,"data":{"id":574,"email":"a@b.co"},"message":"success"}"#,
    );
    let ok = fecify()
        .decode_answer(
            Operation::CreateCustomer,
            StatusCode::OK,
            HeaderMap::new(),
            body,
        )
        .unwrap();
    assert_eq!(ok.value().id, 574);

    let client = myshopline::Client::builder()
        .base_url("http://127.0.0.1:9")
        .token(TOKEN)
        .build()
        .unwrap();
    let body = Bytes::from_static(br#"{"customer":{"id":"4211465524"}}"#);
    let ok = client
        .decode_answer(
            Operation::UpdateCustomer,
            StatusCode::OK,
            HeaderMap::new(),
            body,
        )
        .unwrap();
    assert_eq!(ok.value().id, "4211465524");
}

#[test]
fn undecodable_answers_keep_an_outcome_and_never_show_the_token() {
    let client = shopline::Client::builder()
        .base_url("http://127.0.0.1:9")
        .token(TOKEN)
        .build()
        .unwrap();
    let echo = Bytes::from(format!("<html>Bearer {TOKEN}</html>"));
    for (status, outcome) in [
        (StatusCode::OK, Outcome::Unknown),
        (StatusCode::BAD_GATEWAY, Outcome::Unknown),
        (StatusCode::UNPROCESSABLE_ENTITY, Outcome::Rejected),
    ] {
        let err = client
            .decode_answer(
                Operation::CreateCustomer,
                status,
                HeaderMap::new(),
                echo.clone(),
            )
            .unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
        assert_eq!(err.outcome(), outcome);
        assert!(!err.to_string().contains(TOKEN));
        assert!(!format!("{err:?}").contains(TOKEN));
    }
}

#[test]
fn a_vendor_code_that_echoes_the_token_is_masked() {
    let client = shopline::Client::builder()
        .base_url("http://127.0.0.1:9")
        .token(TOKEN)
        .build()
        .unwrap();
    let body = Bytes::from(format!(
        r#"{{"message":"bad token {TOKEN}","code":"{TOKEN}"}}"#
    ));
    let err = client
        .decode_answer(
            Operation::UpdateCustomer,
            StatusCode::UNAUTHORIZED,
            HeaderMap::new(),
            body,
        )
        .unwrap_err();
    assert!(matches!(err, Error::Api(_)), "{err:?}");
    assert_eq!(err.api_code(), Some("***"));
    assert!(!err.to_string().contains(TOKEN), "{err}");
    assert!(!format!("{err:?}").contains(TOKEN), "{err:?}");
}

#[test]
fn a_decode_reason_that_quotes_the_token_is_masked() {
    let client = shopline::Client::builder()
        .base_url("http://127.0.0.1:9")
        .token(TOKEN)
        .build()
        .unwrap();
    // A 2xx whose body is not a customer: serde's reason quotes the string.
    let body = Bytes::from(format!(r#""bad token {TOKEN}""#));
    let err = client
        .decode_answer(
            Operation::CreateCustomer,
            StatusCode::OK,
            HeaderMap::new(),
            body,
        )
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert!(err.to_string().contains("***"), "{err}");
    assert!(!err.to_string().contains(TOKEN), "{err}");
    assert!(!format!("{err:?}").contains(TOKEN), "{err:?}");
}
