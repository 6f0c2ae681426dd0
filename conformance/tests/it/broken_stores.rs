//! The suite can fail: each broken store is a small reverse proxy in front of a
//! real sandbox that breaks one documented behaviour, and the runner must report
//! the cases that check it as failed, by id.

use crate::common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, StatusCode};
use common::proxy::{self, Req, Resp, Rewrite};
use serde_json::{Value, json};
use shopspec_conformance::{CaseFilter, CaseKind, Status, Suite, run};
use shopspec_model::Api;

type RequestRewrite = fn(&mut Req);
type ResponseRewrite = fn(&Req, &mut Resp);

/// One broken store: what it rewrites and which cases must fail because of it.
struct Breakage {
    what: &'static str,
    request: Option<RequestRewrite>,
    response: Option<ResponseRewrite>,
    /// The cases to run (an `--only` pattern).
    only: &'static str,
    /// Case ids that must be reported failed.
    must_fail: &'static [&'static str],
}

fn customer_mut(api: Api, body: &mut Value) -> Option<&mut Value> {
    match api {
        Api::Fecify => body.get_mut("data"),
        Api::Shopline => Some(body),
        Api::Myshopline => body.get_mut("customer"),
    }
}

fn is_success(resp: &Resp) -> bool {
    resp.status.is_success()
}

static UNIQUE: AtomicU64 = AtomicU64::new(0);

const BREAKAGES: &[Breakage] = &[
    Breakage {
        what: "fecify answers status 3 on create",
        request: None,
        response: Some(|req, resp| {
            if !req.update
                && let Some(data) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Fecify, b))
                && data.get("status").is_some()
            {
                data["status"] = json!(3);
            }
        }),
        only: "fecify.create.status-is-5",
        must_fail: &["fecify.create.status-is-5"],
    },
    Breakage {
        what: "fecify answers a slash date",
        request: None,
        response: Some(|_, resp| {
            if let Some(data) = resp
                .body
                .as_mut()
                .and_then(|b| customer_mut(Api::Fecify, b))
                && let Some(t) = data.get("created_at").and_then(Value::as_str)
            {
                data["created_at"] = json!(t.replace('-', "/"));
            }
        }),
        only: "fecify.create.timestamps-format,fecify.create.response-schema",
        must_fail: &[
            "fecify.create.timestamps-format",
            "fecify.create.response-schema",
        ],
    },
    Breakage {
        what: "fecify changes the email on update",
        request: None,
        response: Some(|req, resp| {
            if req.update
                && let Some(data) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Fecify, b))
                && data.get("email").is_some()
            {
                data["email"] = json!("someone-else@example.com");
            }
        }),
        only: "fecify.update.email-unchanged",
        must_fail: &["fecify.update.email-unchanged"],
    },
    Breakage {
        what: "fecify takes an email on update (strips it before the store, echoes it back)",
        request: Some(|req| {
            if req.update
                && let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && let Some(email) = map.shift_remove("email")
            {
                req.headers.insert(
                    "x-sent-email",
                    HeaderValue::from_str(email.as_str().unwrap_or(""))
                        .unwrap_or(HeaderValue::from_static("x")),
                );
            }
        }),
        response: Some(|req, resp| {
            if let Some(email) = req
                .headers
                .get("x-sent-email")
                .and_then(|v| v.to_str().ok())
                && let Some(data) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Fecify, b))
            {
                data["email"] = json!(email);
            }
        }),
        only: "fecify.update.email.not-updatable",
        must_fail: &["fecify.update.email.not-updatable"],
    },
    Breakage {
        what: "fecify fills in a missing first_name",
        request: Some(|req| {
            if !req.update
                && let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
            {
                map.entry("first_name").or_insert(json!("filled-in"));
            }
        }),
        response: None,
        only: "fecify.create.first_name.required",
        must_fail: &["fecify.create.first_name.required"],
    },
    Breakage {
        what: "fecify lets a duplicate email through (the proxy makes every email unique)",
        request: Some(|req| {
            if !req.update
                && let Some(email) = req.body.as_mut().and_then(|b| b.get_mut("email"))
                && let Some(text) = email.as_str()
                && let Some((local, domain)) = text.split_once('@')
            {
                let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
                *email = json!(format!("{local}.dup{n}@{domain}"));
            }
        }),
        response: None,
        only: "fecify.create.duplicate-email",
        must_fail: &["fecify.create.duplicate-email"],
    },
    Breakage {
        what: "fecify answers an HTML error page",
        request: None,
        response: Some(|_, resp| {
            if resp
                .body
                .as_ref()
                .and_then(|b| b.get("code"))
                .and_then(Value::as_i64)
                != Some(200)
            {
                resp.body = None;
                resp.status = StatusCode::INTERNAL_SERVER_ERROR;
            }
        }),
        only: "fecify.update.not-found",
        must_fail: &["fecify.update.not-found"],
    },
    Breakage {
        what: "shopline ignores the token",
        request: Some(|req| {
            req.headers.insert(
                "authorization",
                HeaderValue::from_static("Bearer conformance-test-main-token-5f1e"),
            );
        }),
        response: None,
        only: "shopline.update.auth.*",
        must_fail: &[
            "shopline.update.auth.wrong-token",
            "shopline.update.auth.missing-token",
        ],
    },
    Breakage {
        what: "shopline changes a field the update did not send",
        request: None,
        response: Some(|req, resp| {
            if req.update
                && is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Shopline, b))
            {
                c["name"] = json!("Changed Behind Your Back");
            }
        }),
        only: "shopline.update.partial-update",
        must_fail: &["shopline.update.partial-update"],
    },
    Breakage {
        what: "shopline refuses delivery addresses",
        request: None,
        response: Some(|req, resp| {
            if req
                .body
                .as_ref()
                .is_some_and(|b| b.get("delivery_addresses").is_some())
            {
                resp.status = StatusCode::UNPROCESSABLE_ENTITY;
                resp.body = Some(
                    json!({"message": "addresses are not supported", "code": "not_supported"}),
                );
            }
        }),
        only: "shopline.create.example.request.accepted",
        must_fail: &["shopline.create.example.request.accepted"],
    },
    Breakage {
        what: "shopline coerces an unknown gender, takes a past tier_expires_at, drops birth_year next to birthday",
        request: Some(|req| {
            if let Some(map) = req.body.as_mut().and_then(Value::as_object_mut) {
                if map.get("gender").is_some_and(|g| {
                    g.as_str()
                        .is_some_and(|s| !["male", "female", "other"].contains(&s))
                }) {
                    map.insert("gender".into(), json!("other"));
                }
                // "Only future Date is available" (documented on update): a
                // store that takes a past date anyway (the sandbox sees a future one).
                if map
                    .get("tier_expires_at")
                    .and_then(Value::as_str)
                    .is_some_and(|d| d < "2100")
                {
                    map.insert("tier_expires_at".into(), json!("2999-12-31"));
                }
                if map.contains_key("birthday") {
                    map.shift_remove("birth_year");
                    map.shift_remove("birth_month");
                    map.shift_remove("birth_day");
                }
            }
        }),
        response: None,
        only: "shopline.create.gender.enum,shopline.update.tier_expires_at.range,shopline.create.birthday.mutually-exclusive",
        must_fail: &[
            "shopline.create.gender.enum",
            "shopline.update.tier_expires_at.range",
            "shopline.create.birthday.mutually-exclusive",
        ],
    },
    Breakage {
        what: "myshopline accepts a first_name over 128 characters (truncates it)",
        request: Some(|req| {
            if let Some(name) = req
                .body
                .as_mut()
                .and_then(|b| b.pointer_mut("/customer/first_name"))
                && let Some(text) = name.as_str()
                && text.chars().count() > 128
            {
                *name = json!(text.chars().take(128).collect::<String>());
            }
        }),
        response: None,
        only: "myshopline.v20260301.create.customer.first_name.max-length",
        must_fail: &["myshopline.v20260301.create.customer.first_name.max-length"],
    },
    Breakage {
        what: "myshopline drops the traceId header",
        request: None,
        response: Some(|_, resp| {
            resp.headers.remove("traceId");
        }),
        only: "myshopline.v20260301.create.trace-id,myshopline.v20220901.update.not-found",
        must_fail: &[
            "myshopline.v20260301.create.trace-id",
            "myshopline.v20220901.update.not-found",
        ],
    },
    Breakage {
        what: "myshopline answers errors as {\"message\": ...}",
        request: None,
        response: Some(|_, resp| {
            if resp.status.is_client_error() {
                resp.body = Some(json!({"message": "something went wrong"}));
            }
        }),
        only: "myshopline.v20260301.update.not-found,myshopline.v20260301.create.customer.gender.range,myshopline.v20260301.update.auth.wrong-token",
        must_fail: &[
            "myshopline.v20260301.update.not-found",
            "myshopline.v20260301.create.customer.gender.range",
            "myshopline.v20260301.update.auth.wrong-token",
        ],
    },
    Breakage {
        what: "myshopline never answers 429 (every token is unlimited)",
        request: Some(|req| {
            if req
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                == Some("Bearer conformance-test-standard-token-9c0d")
            {
                req.headers.insert(
                    "authorization",
                    HeaderValue::from_static("Bearer conformance-test-unlimited-token-77ab"),
                );
            }
        }),
        response: None,
        only: "myshopline.v20260301.update.rate-limit",
        must_fail: &["myshopline.v20260301.update.rate-limit"],
    },
    Breakage {
        what: "myshopline answers unwrapped customers",
        request: None,
        response: Some(|_, resp| {
            if is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| b.get_mut("customer"))
                    .map(Value::take)
            {
                resp.body = Some(c);
            }
        }),
        only: "myshopline.v20220901.create.wrapper,myshopline.v20260301.update.response-schema",
        must_fail: &[
            "myshopline.v20220901.create.wrapper",
            "myshopline.v20260301.update.response-schema",
        ],
    },
    Breakage {
        what: "myshopline answers numeric ids and loses the note",
        request: None,
        response: Some(|_, resp| {
            if is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Myshopline, b))
            {
                if let Some(id) = c
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    c["id"] = json!(id);
                }
                if let Some(map) = c.as_object_mut() {
                    map.shift_remove("note");
                }
            }
        }),
        only: "myshopline.v20260301.create.id-is-string,myshopline.v20260301.create.echo",
        must_fail: &[
            "myshopline.v20260301.create.id-is-string",
            "myshopline.v20260301.create.echo",
        ],
    },
    Breakage {
        // Coercing a wrongly typed first_name is allowed (errata E-CHK-1); taking
        // a birthday in another format than the documented yyyyMMdd is not.
        what: "myshopline coerces types and fixes bad birthdays",
        request: Some(|req| {
            if let Some(c) = req
                .body
                .as_mut()
                .and_then(|b| b.get_mut("customer"))
                .and_then(Value::as_object_mut)
            {
                if let Some(n) = c
                    .get("first_name")
                    .filter(|v| !v.is_string())
                    .map(ToString::to_string)
                {
                    c.insert("first_name".into(), json!(n));
                }
                if c.get("birthday")
                    .and_then(Value::as_str)
                    .is_some_and(|b| b.len() != 8 || b.contains('-'))
                {
                    c.insert("birthday".into(), json!("19970102"));
                }
            }
        }),
        response: None,
        only: "myshopline.v20260301.create.customer.first_name.type,myshopline.v20260301.create.customer.birthday.format",
        must_fail: &["myshopline.v20260301.create.customer.birthday.format"],
    },
    Breakage {
        what: "fecify accepts accepts_marketing 3, then answers and keeps 3",
        request: Some(|req| {
            if let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && let Some(v) = map.get("accepts_marketing").cloned()
                && !matches!(v.as_i64(), Some(1 | 2))
            {
                map.insert("accepts_marketing".into(), json!(2));
                req.headers.insert(
                    "x-sent-accepts-marketing",
                    HeaderValue::from_str(&v.to_string()).unwrap_or(HeaderValue::from_static("0")),
                );
            }
        }),
        response: Some(|req, resp| {
            if let Some(sent) = req
                .headers
                .get("x-sent-accepts-marketing")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| serde_json::from_str::<Value>(v).ok())
                && let Some(data) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Fecify, b))
            {
                data["accepts_marketing"] = sent;
            }
        }),
        only: "fecify.*.accepts_marketing.enum*",
        must_fail: &[
            "fecify.create.accepts_marketing.enum",
            "fecify.create.accepts_marketing.enum.below",
            "fecify.update.accepts_marketing.enum",
        ],
    },
    Breakage {
        what: "shopline accepts a numeric name, then answers it as a number",
        request: Some(|req| {
            if let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && let Some(name) = map.get("name").filter(|v| v.is_number()).cloned()
            {
                map.insert("name".into(), json!(name.to_string()));
                req.headers.insert(
                    "x-sent-name",
                    HeaderValue::from_str(&name.to_string())
                        .unwrap_or(HeaderValue::from_static("0")),
                );
            }
        }),
        response: Some(|req, resp| {
            if let Some(sent) = req
                .headers
                .get("x-sent-name")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| serde_json::from_str::<Value>(v).ok())
                && is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Shopline, b))
            {
                c["name"] = sent;
            }
        }),
        only: "shopline.create.name.type",
        must_fail: &["shopline.create.name.type"],
    },
    Breakage {
        what: "myshopline takes a YYYY-MM-DD birthday for yyyyMMdd",
        request: Some(|req| {
            if let Some(birthday) = req
                .body
                .as_mut()
                .and_then(|b| b.pointer_mut("/customer/birthday"))
                && let Some(text) = birthday.as_str()
                && text.len() == 10
                && text.as_bytes()[4] == b'-'
            {
                *birthday = json!(text.replace('-', ""));
            }
        }),
        response: None,
        only: "myshopline.v20260301.create.customer.birthday.format.yyyy-mm-dd",
        must_fail: &["myshopline.v20260301.create.customer.birthday.format.yyyy-mm-dd"],
    },
    Breakage {
        what: "shopline turns a member back into a non-member (only converting to member is supported)",
        request: Some(|req| {
            if req.update
                && let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && map.get("is_member") == Some(&json!(false))
            {
                map.shift_remove("is_member");
                req.headers
                    .insert("x-sent-not-member", HeaderValue::from_static("1"));
            }
        }),
        response: Some(|req, resp| {
            if req.headers.contains_key("x-sent-not-member")
                && is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Shopline, b))
            {
                c["is_member"] = json!(false);
            }
        }),
        only: "shopline.update.is_member.enum",
        must_fail: &["shopline.update.is_member.enum"],
    },
    Breakage {
        // Audit, rules that depend on what the store holds: with no email on
        // record, "修改订阅状态时用户邮箱必填" has only one reading.
        what: "myshopline v20220901 takes accepts_marketing without an email, for a customer with none on record",
        request: Some(|req| {
            if req.update
                && req.version() == Some("v20220901")
                && let Some(c) = req
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Myshopline, b))
                && c.get("email").is_none()
                && let Some(map) = c.as_object_mut()
            {
                map.shift_remove("accepts_marketing");
            }
        }),
        response: None,
        only: "myshopline.v20220901.update.customer.email.required-with*",
        must_fail: &["myshopline.v20220901.update.customer.email.required-with.no-email-on-record"],
    },
    Breakage {
        what: "shopline accepts an unknown field on update, and renames the customer",
        request: Some(|req| {
            if req.update
                && let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && map.shift_remove("shopspec_unknown_field").is_some()
            {
                map.insert("name".into(), json!("Renamed Behind Your Back"));
            }
        }),
        response: None,
        only: "shopline.update.body.unknown-field",
        must_fail: &["shopline.update.body.unknown-field"],
    },
    Breakage {
        what: "myshopline answers a coerced first_name but keeps the old one",
        request: Some(|req| {
            if req.update
                && let Some(c) = req
                    .body
                    .as_mut()
                    .and_then(|b| b.get_mut("customer"))
                    .and_then(Value::as_object_mut)
                && let Some(name) = c.get("first_name").filter(|v| v.is_number()).cloned()
            {
                c.shift_remove("first_name");
                req.headers.insert(
                    "x-sent-first-name",
                    HeaderValue::from_str(&name.to_string())
                        .unwrap_or(HeaderValue::from_static("0")),
                );
            }
        }),
        response: Some(|req, resp| {
            if let Some(sent) = req
                .headers
                .get("x-sent-first-name")
                .and_then(|v| v.to_str().ok())
                && is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Myshopline, b))
            {
                c["first_name"] = json!(sent);
            }
        }),
        only: "myshopline.v20260301.update.customer.first_name.type",
        must_fail: &["myshopline.v20260301.update.customer.first_name.type"],
    },
    Breakage {
        what: "shopline accepts `Male` and keeps it as sent",
        request: Some(|req| {
            if let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && map.get("gender") == Some(&json!("Male"))
            {
                map.insert("gender".into(), json!("male"));
                req.headers
                    .insert("x-sent-gender", HeaderValue::from_static("Male"));
            }
        }),
        response: Some(|req, resp| {
            if req.headers.contains_key("x-sent-gender")
                && is_success(resp)
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Shopline, b))
            {
                c["gender"] = json!("Male");
            }
        }),
        only: "shopline.create.gender.enum.wrong-case",
        must_fail: &["shopline.create.gender.enum.wrong-case"],
    },
    Breakage {
        what: "fecify accepts a null first_name and answers null",
        request: Some(|req| {
            if !req.update
                && let Some(map) = req.body.as_mut().and_then(Value::as_object_mut)
                && map.get("first_name") == Some(&Value::Null)
            {
                map.insert("first_name".into(), json!("was-null"));
                req.headers
                    .insert("x-sent-null-name", HeaderValue::from_static("1"));
            }
        }),
        response: Some(|req, resp| {
            if req.headers.contains_key("x-sent-null-name")
                && let Some(data) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Fecify, b))
            {
                data["first_name"] = Value::Null;
            }
        }),
        only: "fecify.create.first_name.required.null",
        must_fail: &["fecify.create.first_name.required.null"],
    },
    Breakage {
        what: "myshopline answers a create's gender as the integer sent (the Go SDK cannot read it)",
        request: None,
        response: Some(|req, resp| {
            if !req.update
                && is_success(resp)
                && let Some(gender) = req
                    .body
                    .as_ref()
                    .and_then(|b| b.pointer("/customer/gender"))
                    .cloned()
                && let Some(c) = resp
                    .body
                    .as_mut()
                    .and_then(|b| customer_mut(Api::Myshopline, b))
            {
                c["gender"] = gender;
            }
        }),
        only: "myshopline.v20251201.create.boundary.*,myshopline.v20260301.create.boundary.*",
        must_fail: &[
            "myshopline.v20251201.create.boundary.all-fields-at-limit",
            "myshopline.v20260301.create.boundary.all-fields-at-limit",
        ],
    },
    Breakage {
        what: "myshopline refuses a note of 1000 characters",
        request: None,
        response: Some(|req, resp| {
            let long = req
                .body
                .as_ref()
                .and_then(|b| b.pointer("/customer/note"))
                .and_then(Value::as_str)
                .is_some_and(|n| n.chars().count() >= 1000);
            if long {
                resp.status = StatusCode::UNPROCESSABLE_ENTITY;
                resp.body = Some(json!({"errors": "note is too long"}));
            }
        }),
        only: "myshopline.v20260301.create.boundary.*",
        must_fail: &["myshopline.v20260301.create.boundary.all-fields-at-limit"],
    },
];

impl Rewrite for Breakage {
    fn request(&self, req: &mut Req) {
        if let Some(rewrite) = self.request {
            rewrite(req);
        }
    }

    fn response(&self, req: &Req, resp: &mut Resp) {
        if let Some(rewrite) = self.response {
            rewrite(req, resp);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_broken_store_fails_the_cases_that_check_what_it_breaks() {
    let sandbox = common::sandbox().await;
    let upstream = format!("http://{}", sandbox.local_addr());
    let mut missed = Vec::new();
    for breakage in BREAKAGES {
        let (base, server) = proxy::start(&upstream, breakage).await;
        let targets = common::targets(base, true, breakage.only);
        let started = std::time::Instant::now();
        let report = run(&targets).await.expect("the proxy is reachable");
        eprintln!(
            "{}: {} cases in {:?}",
            breakage.what,
            report.cases.len(),
            started.elapsed()
        );
        for id in breakage.must_fail {
            match report.case(id) {
                Some(c) if c.status == Status::Failed && !c.message.is_empty() => {}
                Some(c) => missed.push(format!(
                    "{}: {id} was {} ({})",
                    breakage.what, c.status, c.message
                )),
                None => missed.push(format!("{}: {id} did not run", breakage.what)),
            }
        }
        server.abort();
    }
    sandbox.shutdown().await;
    assert!(
        missed.is_empty(),
        "broken stores the suite did not catch:\n{}",
        missed.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_cases_pass_through_a_proxy_that_breaks_nothing() {
    static NOTHING: Breakage = Breakage {
        what: "nothing",
        request: None,
        response: None,
        only: "",
        must_fail: &[],
    };
    let sandbox = common::sandbox().await;
    let upstream = format!("http://{}", sandbox.local_addr());
    let (base, server) = proxy::start(&upstream, &NOTHING).await;
    let only: Vec<&str> = BREAKAGES.iter().map(|b| b.only).collect();
    let report = run(&common::targets(base, true, &only.join(",")))
        .await
        .expect("reachable");
    let failed: Vec<String> = report
        .failures()
        .map(|c| format!("{}: {}", c.id, c.message))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    // Every kind of case that can fail has a broken store that makes it fail.
    // Deprecation cases cannot: they only ever report observations.
    let mut kinds = BTreeSet::new();
    for b in BREAKAGES {
        for id in b.must_fail {
            let case = report
                .case(id)
                .unwrap_or_else(|| panic!("{id} is not a case"));
            kinds.insert(case.kind);
        }
    }
    let all: BTreeSet<CaseKind> = Suite::cases(&CaseFilter::all())
        .iter()
        .map(|c| c.kind)
        .collect();
    let uncovered: Vec<&CaseKind> = all
        .difference(&kinds)
        .filter(|k| **k != CaseKind::Deprecated)
        .collect();
    assert!(uncovered.is_empty(), "no broken store for {uncovered:?}");
    server.abort();
    sandbox.shutdown().await;
}
