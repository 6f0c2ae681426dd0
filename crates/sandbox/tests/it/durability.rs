//! Every acknowledged customer is in the database after a restart on the same
//! `db_path`, and after the process is killed with SIGKILL.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::*;
use reqwest::Method;
use serde_json::json;
use shopspec_sandbox::Api;

#[tokio::test]
async fn restart_keeps_every_acknowledged_customer() {
    let db = temp_db("restart");
    let client = client();
    let mut ids = Vec::new();
    {
        let sandbox = builder().db_path(&db).start().await.unwrap();
        for i in 0..10 {
            let (_, b) = fecify_create(
                &client,
                &sandbox,
                &json!({"email": email("r"), "first_name": "f", "last_name": "l"}),
            )
            .await;
            ids.push((Api::Fecify, b["data"]["id"].to_string()));
            let (_, b) = shopline_create(&client, &sandbox, &json!({"email": email("r")})).await;
            ids.push((Api::Shopline, b["id"].as_str().unwrap().to_owned()));
            let (_, b) = myshopline_create(
                &client,
                &sandbox,
                "v20260301",
                &json!({"customer": {"email": email("r"), "note": format!("n{i}")}}),
            )
            .await;
            ids.push((
                Api::Myshopline,
                b["customer"]["id"].as_str().unwrap().to_owned(),
            ));
        }
        // An acknowledged update is kept too.
        let url = fecify_url(&sandbox, "update-customer");
        let id: i64 = ids[0].1.parse().unwrap();
        let (_, b) = json_of(
            send(
                &client,
                Api::Fecify,
                Method::POST,
                &url,
                &json!({"id": id, "note": "kept"}),
            )
            .await,
        )
        .await;
        assert_eq!(b["code"], json!(200));
        sandbox.shutdown().await;
    }
    let sandbox = builder().db_path(&db).start().await.unwrap();
    for (api, id) in &ids {
        assert!(
            sandbox.customer(*api, id).await.unwrap().is_some(),
            "{api} {id} lost"
        );
    }
    assert_eq!(
        sandbox
            .customer(Api::Fecify, &ids[0].1)
            .await
            .unwrap()
            .unwrap()["note"],
        json!("kept")
    );
    for api in Api::ALL {
        assert_eq!(sandbox.customer_count(api).await.unwrap(), 10);
    }
    // Ids continue after the restart instead of colliding.
    let (_, b) = fecify_create(
        &client,
        &sandbox,
        &json!({"email": email("r"), "first_name": "f", "last_name": "l"}),
    )
    .await;
    assert_eq!(b["data"]["id"], json!(584));
    sandbox.shutdown().await;
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}

/// `target/<profile>/examples/serve`, next to this test's `deps/` directory.
fn serve_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let path = profile_dir.join("examples").join("serve");
    if !path.exists() {
        // `cargo test` builds examples; a filtered run may not have.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = Command::new(cargo);
        build.args(["build", "-p", "shopspec-sandbox", "--example", "serve"]);
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cannot build examples/serve.rs");
    }
    path
}

struct Server {
    child: Child,
    origin: String,
}

fn spawn_server(db: &Path) -> Server {
    let mut child = Command::new(serve_binary())
        .args([
            "--db",
            db.to_str().unwrap(),
            "--token",
            TOKEN,
            "--no-rate-limit",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let origin = line
        .trim()
        .strip_prefix("listening ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, origin }
}

#[tokio::test]
async fn kill_9_loses_no_acknowledged_customer() {
    let db = temp_db("kill9");
    let client = client();
    let mut server = spawn_server(&db);
    let url = format!(
        "{}/apimanager666/api/skill/customer/create-customer",
        server.origin
    );
    let mut acknowledged = Vec::new();
    // Concurrent creates, so some are in flight (and unacknowledged) at the kill.
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..200 {
        let (client, url) = (client.clone(), url.clone());
        set.spawn(async move {
            let body = json!({"email": email("k9"), "first_name": "f", "last_name": "l"});
            let r = client
                .post(&url)
                .header("skill-access-token", TOKEN)
                .json(&body)
                .send()
                .await
                .ok()?;
            let b: serde_json::Value = r.json().await.ok()?;
            (b["code"] == json!(200)).then(|| b["data"]["id"].to_string())
        });
    }
    let mut killed = false;
    while let Some(result) = set.join_next().await {
        if let Some(id) = result.expect("task") {
            acknowledged.push(id);
        }
        if acknowledged.len() == 150 && !killed {
            server.child.kill().expect("SIGKILL"); // std sends SIGKILL
            server.child.wait().expect("reaped");
            killed = true;
        }
    }
    assert!(
        killed && acknowledged.len() >= 150,
        "{} acknowledged",
        acknowledged.len()
    );

    // Restart on the same file and look every acknowledged id up through the API:
    // an update of an unknown id fails (code 1000008), of a stored one succeeds.
    let mut restarted = spawn_server(&db);
    let count_url = format!(
        "{}/apimanager666/api/skill/customer/update-customer",
        restarted.origin
    );
    for id in &acknowledged {
        let id: i64 = id.parse().unwrap();
        let r = client
            .post(&count_url)
            .header("skill-access-token", TOKEN)
            .json(&json!({"id": id}))
            .send()
            .await
            .unwrap();
        let b: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            b["code"],
            json!(200),
            "acknowledged customer {id} lost: {b}"
        );
    }
    restarted.child.kill().unwrap();
    restarted.child.wait().unwrap();
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
