//! The command-line contract of DESIGN.md: output shapes and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data");

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_masthead"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn check_prints_the_chain_with_relations_and_sources() {
    let out = run(&["check", "--data", FIXTURE, "https://www.globaltimes.cn/page/202311/1301526.shtml"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Global Times (outlet, CN, State-controlled) — matched by domain globaltimes.cn"), "{stdout}");
    assert!(stdout.contains("→ published by: People's Daily"), "{stdout}");
    assert!(stdout.contains("→ controlled by: Central Committee of the Chinese Communist Party"), "{stdout}");
    assert!(stdout.contains("source: https://en.wikipedia.org/wiki/Global_Times (checked 2026-11-28)"), "{stdout}");
    assert!(stdout.contains("chain: Global Times → People's Daily → Central Committee of the Chinese Communist Party"), "{stdout}");
}

#[test]
fn check_says_when_the_sources_show_nobody_controls_the_top_of_the_chain() {
    let out = run(&["check", "--data", FIXTURE, "https://example-wire.test/", "https://example-coop.test/"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let (wire, coop) = stdout.split_once("\n\n").expect("two answers");
    assert!(wire.contains("→ owned by 100%: Example Listed plc"), "{stdout}");
    assert!(wire.contains("no controlling owner: a listed company with no controlling shareholder\n      source: https://example.org/shareholders"), "{stdout}");
    assert!(coop.contains("no controlling owner: owned by its members, none of whom controls it"), "{stdout}");
    assert!(!coop.contains("ownership unknown"), "{stdout}");
    let json = run(&["check", "--json", "--data", FIXTURE, "https://example-wire.test/"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let end = &v[0]["chain"]["hops"][0]["to"]["no_controller"];
    assert_eq!(end["reason"], "widely-held");
    assert_eq!(end["text"], "a listed company with no controlling shareholder");
    assert_eq!(end["sources"][0]["url"], "https://example.org/shareholders");
}

#[test]
fn check_exit_codes() {
    assert_eq!(run(&["check", "--data", FIXTURE, "https://art.com/"], None).status.code(), Some(1));
    assert_eq!(run(&["check", "--data", FIXTURE, "https://rt.com/", "https://art.com/"], None).status.code(), Some(1));
    let bad = run(&["check", "--data", FIXTURE, "javascript:alert(1)"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("only http and https"), "{}", text(&bad.stderr));
    assert_eq!(run(&["check", "--data", FIXTURE, "https://rt.com/", "::::"], None).status.code(), Some(2));
    assert_eq!(run(&["check", "--data", FIXTURE], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn check_names_the_outlet_an_impostor_imitates() {
    // The bundled dataset documents washingtonpost.pm (Doppelganger); "rеuters.com" has a Cyrillic е.
    let out = run(&["check", "https://washingtonpost.pm/world", "https://r\u{435}uters.com/"], None);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("imitates The Washington Post (washingtonpost.com) — documented impostor"), "{stdout}");
    assert!(stdout.contains("operation: Doppelganger"), "{stdout}");
    assert!(stdout.contains("imitates Reuters (reuters.com) — homograph"), "{stdout}");
    let out = run(&["check", "--json", "https://washingtonpost.pm/", "https://www.spiegel.ltd/", "https://www.reuters.com/"], None);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "impostor");
    assert_eq!(v[0]["imitates"]["id"], "washington-post");
    assert_eq!(v[0]["imitates"]["name"], "The Washington Post");
    assert_eq!(v[0]["imitates"]["domains"][0], "washingtonpost.com");
    assert_eq!(v[0]["imitates"]["evidence"], "documented");
    assert!(v[0]["imitates"]["sources"][0]["url"].as_str().is_some_and(|u| u.starts_with("https://")));
    assert_eq!(v[1]["imitates"]["evidence"], "lookalike");
    assert_eq!(v[2]["status"], "found");
}

#[test]
fn check_json_is_machine_readable() {
    let out = run(&["check", "--json", "--data", FIXTURE, "https://x.com/globaltimesnews", "https://art.com/"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], "found");
    assert_eq!(v[0]["outlet"]["id"], "global-times");
    assert_eq!(v[0]["chain"]["hops"][1]["to"]["id"], "ccp-central-committee");
    assert_eq!(v[0]["chain"]["hops"][0]["relation"], "published_by");
    assert_eq!(v[1]["status"], "unknown");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn scan_reports_tsv_spans() {
    let out = run(&["scan", "--data", FIXTURE, "-"], Some("Wang Wenbin told reporters, according to Global Times.\n"));
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let fields: Vec<&str> = stdout.trim_end().split('\t').collect();
    assert_eq!(fields, ["41", "53", "Global Times", "Global Times", "Global Times → People's Daily → Central Committee of the Chinese Communist Party"]);

    let none = run(&["scan", "--data", FIXTURE, "-"], Some("RT @john: great game\n"));
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    assert_eq!(run(&["scan", "--data", FIXTURE, "/no/such/file"], None).status.code(), Some(2));
}

#[test]
fn scan_html_reports_links_and_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<html><body><p>Beijing's <b>Global</b> Times said so, per <a href="https://www.globaltimes.cn/x">a report</a>.</p>
        <p>RT @john: nothing</p><pre>Xinhua in code</pre><script>Xinhua</script></body></html>"#,
    )
    .unwrap();
    let out = run(&["scan", "--html", "--data", FIXTURE, page.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let matched: Vec<&str> = stdout.lines().map(|l| l.split('\t').nth(2).unwrap()).collect();
    assert_eq!(matched, ["Global Times", "https://www.globaltimes.cn/x"], "{stdout}");
}

#[test]
fn validate_build_stats_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let ok = run(&["validate", FIXTURE], None);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stdout));

    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("a.json"), r#"{"entities": [{"id": "x", "name": "X", "kind": "outlet", "country": "XX"}]}"#).unwrap();
    let bad = run(&["validate", broken.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stdout).contains("error: a.json: x: country"), "{}", text(&bad.stdout));

    let bundle = dir.path().join("fixture.bundle");
    for too_big in ["9007199254740993", "10000000000"] {
        let refused = run(&["build", FIXTURE, "-o", bundle.to_str().unwrap(), "--version", too_big], None);
        assert_eq!(refused.status.code(), Some(2), "--version {too_big} must be refused");
        assert!(text(&refused.stderr).contains("up to 9999999999"), "{}", text(&refused.stderr));
    }
    let built = run(&["build", FIXTURE, "-o", bundle.to_str().unwrap(), "--version", "42"], None);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));

    let stats = text(&run(&["stats", "--data", bundle.to_str().unwrap()], None).stdout);
    for line in ["outlets: 25", "domains: 19", "accounts: 11", "countries: 9", "edges: 11", "edges_without_source: 0", "dataset_version: 42"] {
        assert!(stats.lines().any(|l| l == line), "missing {line:?} in\n{stats}");
    }

    let keys = dir.path().join("keys");
    assert_eq!(run(&["keygen", "--out", keys.to_str().unwrap()], None).status.code(), Some(0));
    assert_eq!(run(&["keygen", "--out", keys.to_str().unwrap()], None).status.code(), Some(2), "never overwrite a key");
    let key = keys.join("masthead.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600, "the private key is the owner's only");
    }
    let public = keys.join("masthead.pub");
    assert_eq!(run(&["verify", bundle.to_str().unwrap(), "--pubkey", public.to_str().unwrap()], None).status.code(), Some(1));
    assert_eq!(run(&["sign", bundle.to_str().unwrap(), "--key", key.to_str().unwrap()], None).status.code(), Some(0));
    let verified = run(&["verify", bundle.to_str().unwrap(), "--pubkey", public.to_str().unwrap()], None);
    assert_eq!(verified.status.code(), Some(0), "{}", text(&verified.stderr));
    assert!(text(&verified.stdout).contains("version 42"));

    let mut bytes = std::fs::read(&bundle).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 1;
    std::fs::write(&bundle, &bytes).unwrap();
    let tampered = run(&["verify", bundle.to_str().unwrap(), "--pubkey", public.to_str().unwrap()], None);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(text(&tampered.stderr).contains("signature does not match"), "{}", text(&tampered.stderr));
}

#[test]
fn export_round_trips_through_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.json");
    assert_eq!(run(&["export", "--data", FIXTURE, "-o", out.to_str().unwrap()], None).status.code(), Some(0));
    let before = text(&run(&["stats", "--data", FIXTURE], None).stdout);
    let again = text(&run(&["stats", "--data", out.to_str().unwrap()], None).stdout);
    assert!(again.lines().any(|l| l == "outlets: 25"), "{again}");
    // Documented ends of chains survive the round trip: they count as chains to a controller.
    let controlled = |s: &str| s.lines().find(|l| l.starts_with("outlets_with_chain_to_controller:")).map(str::to_string);
    assert_eq!(controlled(&again), controlled(&before));
    assert!(std::fs::read_to_string(&out).unwrap().contains(r#""reason": "widely-held""#));
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_masthead"))
        .args(["stats", "--data", FIXTURE])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!text(&out.stderr).contains("panicked"), "{}", text(&out.stderr));
}
