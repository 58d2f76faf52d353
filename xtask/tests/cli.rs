//! The command-line contract of `cargo xtask validate` and `roundtrip`: exit codes,
//! positioned messages, JSON output, and the API-rule switch.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("XTASK_NO_RELEASE", "1")
        .current_dir(root())
        .output()
        .expect("xtask runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qualys-was-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write");
    path
}

fn report_request(webapps: usize) -> String {
    let ids: String = (1..=webapps)
        .map(|i| format!("<WebApp><id>{i}</id></WebApp>"))
        .collect();
    format!(
        "<ServiceRequest><data><Report><name><![CDATA[big]]></name><format>PDF</format>\
         <type>WAS_WEBAPP_REPORT</type><config><webAppReport><target><webapps>{ids}</webapps>\
         </target></webAppReport></config></Report></data></ServiceRequest>"
    )
}

#[test]
fn report_limit_is_an_api_rule_that_schema_only_turns_off() {
    let too_many = scratch("report-501.xml", &report_request(501));
    let f = too_many.to_str().expect("utf-8 path");
    let out = xtask(&["validate", "--schema", "report", f]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "The report can not be generated because it has more than 500 web applications."
        ),
        "{stdout}"
    );
    assert!(stdout.starts_with(&format!("{f}:1:")), "{stdout}");
    let out = xtask(&["validate", "--schema", "report", "--schema-only", f]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let exactly = scratch("report-500.xml", &report_request(500));
    let out = xtask(&[
        "validate",
        "--schema",
        "report",
        exactly.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

#[test]
fn validate_exit_codes_and_positions() {
    let fixtures = root().join("tests/fixtures/release-notes");
    let good = fixtures.join("wasscan-download-ssl.xml");
    let out = xtask(&["validate", good.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(out.stdout.is_empty());

    let bad = fixtures.join("misprinted/wasscan-download-ssl.xml");
    let shown = bad.to_str().expect("utf-8");
    let out = xtask(&["validate", "--schema", "wasscan", shown]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{shown}:12:3: error: /WasScan/multi: '>false' is not a valid xs:boolean"
        )),
        "{stdout}"
    );

    let out = xtask(&["validate", "no-such-file.xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = xtask(&["validate", "--schema", "nonsense", shown]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_json_lines() {
    let bad = root().join("tests/fixtures/release-notes/misprinted/optionprofile-get-response.xml");
    let out = xtask(&["validate", "--format", "json", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(
            v["position"]["line"].as_u64().is_some_and(|l| l >= 1),
            "{line}"
        );
        assert!(
            v["message"].is_string() && v["path"].is_string() && v["kind"].is_string(),
            "{line}"
        );
        assert!(v["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("optionprofile-get-response.xml")));
    }
}

#[test]
fn roundtrip_prints_the_document_or_a_positioned_error() {
    let fixtures = root().join("tests/fixtures/release-notes");
    let good = fixtures.join("finding-get-response-ssl-kex.xml");
    let out = xtask(&["roundtrip", good.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("<?xml"), "{stdout}");
    assert!(stdout.contains("<kex>ECDHE</kex>"), "{stdout}");

    let bad = fixtures.join("misprinted/optionprofile-create-response.xml");
    let shown = bad.to_str().expect("utf-8");
    let out = xtask(&["roundtrip", "--schema", "optionprofile", shown]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with(&format!("{shown}:")), "{stderr}");
    assert!(stderr.contains("OptionProfile"), "{stderr}");
}
