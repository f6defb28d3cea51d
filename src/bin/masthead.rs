//! `masthead`: the command line over the core. The contract (commands, output, exit codes) is in
//! DESIGN.md; other tools rely on it.

use masthead::bundle::{self, from_hex, to_hex};
use masthead::dataset_dir;
use masthead::labels::Label;
use masthead::mentions::Mention;
use masthead::model::Dataset;
use masthead::site::OwnSite;
use masthead::view::{chain_view, EntityView, ImpostorView};
use masthead::{Engine, LoadError};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
masthead — who owns the news

USAGE:
  masthead check [--json] URL...          the outlet at each URL and its ownership chain
  masthead scan [--html] [--json] FILE|-  citations in a text (or saved HTML page), one per line:
                                          START END MATCHED OUTLET CHAIN (byte offsets); --json: one
                                          JSON object per line, with the outlet id and the context
  masthead read FILE|-                    the reading matter of a saved HTML page: the text the extension
                                          scans (not menus, headers, footers, hidden parts, widgets)
  masthead validate [PATH]                check a dataset folder or file (default: data/)
  masthead build [PATH] -o FILE [--version N] [--created YYYY-MM-DD]
                                          compile a dataset into a bundle
  masthead stats                          counts of outlets, domains, accounts, countries, edges
  masthead export -o FILE                 the whole dataset as one data/-format JSON file
  masthead keygen --out DIR               a new ed25519 key pair (DIR/masthead.key, DIR/masthead.pub)
  masthead sign BUNDLE --key FILE [-o OUT]
  masthead verify BUNDLE --pubkey FILE

OPTIONS:
  --data PATH     use another dataset: a data/ folder, a JSON file, or a .bundle file
  -h, --help      this text

EXIT CODES:
  check: 0 all resolved, 1 some valid URL unknown, 2 invalid input, 3 an impostor of a known outlet
  scan:  0 citations found, 1 none, 2 error
  other: 0 ok, 1 the dataset or bundle is invalid, 2 usage or I/O error
";

/// Like println!, but a closed pipe (`masthead stats | head -1`) ends output quietly instead of
/// panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// A failure that ends the command: message on stderr, exit code.
struct Fail(u8, String);

type Result<T> = std::result::Result<T, Fail>;

fn usage(msg: impl Into<String>) -> Fail {
    Fail(2, format!("{}\n\nrun `masthead --help` for usage", msg.into()))
}

/// Parsed command line: the command, flags with values, switches and positional arguments.
struct Args {
    command: String,
    positional: Vec<String>,
    switches: HashSet<String>,
    values: Vec<(String, String)>,
}

const VALUE_FLAGS: &[&str] = &["--data", "-o", "--out", "--version", "--created", "--key", "--pubkey"];
const SWITCHES: &[&str] = &["--json", "--html"];

impl Args {
    fn parse(raw: Vec<String>) -> Result<Args> {
        let mut it = raw.into_iter();
        let command = it.next().ok_or_else(|| usage("no command given"))?;
        let mut args = Args { command, positional: vec![], switches: HashSet::new(), values: vec![] };
        while let Some(a) = it.next() {
            if VALUE_FLAGS.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| usage(format!("{a} needs a value")))?;
                args.values.push((a, v));
            } else if SWITCHES.contains(&a.as_str()) {
                args.switches.insert(a);
            } else if a.starts_with("--") || (a.starts_with('-') && a != "-") {
                return Err(usage(format!("unknown option {a}")));
            } else {
                args.positional.push(a);
            }
        }
        Ok(args)
    }

    fn value(&self, flag: &str) -> Option<&str> {
        self.values.iter().rev().find(|(k, _)| k == flag).map(|(_, v)| v.as_str())
    }

    fn switch(&self, s: &str) -> bool {
        self.switches.contains(s)
    }
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() || raw.iter().any(|a| a == "-h" || a == "--help" || a == "help") {
        let _ = std::io::stdout().lock().write_all(USAGE.as_bytes());
        return ExitCode::from(if raw.is_empty() { 2 } else { 0 });
    }
    let result = Args::parse(raw).and_then(|args| match args.command.as_str() {
        "check" => check(&args),
        "scan" => scan(&args),
        "read" => read(&args),
        "validate" => validate(&args),
        "build" => build(&args),
        "stats" => stats(&args),
        "export" => export(&args),
        "keygen" => keygen(&args),
        "sign" => sign(&args),
        "verify" => verify(&args),
        other => Err(usage(format!("unknown command {other:?}"))),
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fail(code, msg)) => {
            let _ = writeln!(std::io::stderr(), "masthead: {msg}");
            ExitCode::from(code)
        }
    }
}

/// The dataset to answer from: `--data PATH` or the bundle embedded at build time.
fn engine(args: &Args) -> Result<Engine> {
    let Some(path) = args.value("--data") else {
        return Engine::from_bundle(masthead::BUNDLED).map_err(|e| Fail(2, format!("the embedded dataset: {e}")));
    };
    let path = Path::new(path);
    if path.extension().is_some_and(|x| x == "bundle") {
        let bytes = std::fs::read(path).map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
        return Engine::from_bundle_validated(&bytes).map_err(|e| Fail(2, format!("{}: {e}", path.display())));
    }
    let dataset = load_valid(path)?;
    let (version, created) = dataset_dir::default_version(&dataset);
    Ok(Engine::from_dataset(dataset, bundle::BundleInfo::unbundled(version, &created)))
}

/// Reads and validates a dataset folder or file; validation errors end the command.
fn load_valid(path: &Path) -> Result<Dataset> {
    let outcome = dataset_dir::load(path).map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
    match outcome.dataset {
        Some(d) => Ok(d),
        None => {
            for p in outcome.errors().take(20) {
                eprintln!("{p}");
            }
            Err(Fail(1, format!("{}: {} validation errors (run `masthead validate`)", path.display(), outcome.error_count())))
        }
    }
}

fn label_text(labels: &[Label]) -> String {
    labels.iter().map(|l| l.info().title).collect::<Vec<_>>().join(", ")
}

fn describe(e: &masthead::model::Entity) -> String {
    let mut parts = vec![e.kind.as_str().replace('_', " ")];
    if let Some(c) = &e.country {
        parts.push(c.clone());
    }
    if !e.labels.is_empty() {
        parts.push(label_text(&e.labels));
    }
    if e.edited {
        parts.push("your edit".into());
    }
    format!("{} ({})", e.name, parts.join(", "))
}

fn check(args: &Args) -> Result<u8> {
    if args.positional.is_empty() {
        return Err(usage("check needs at least one URL"));
    }
    let engine = engine(args)?;
    let (mut unknown, mut invalid, mut impostor) = (false, false, false);
    let mut json = Vec::new();
    let mut out = String::new();
    for (n, url) in args.positional.iter().enumerate() {
        match engine.lookup_url(url) {
            Err(e) => {
                invalid = true;
                eprintln!("masthead: {url}: {e}");
                json.push(serde_json::json!({ "url": url, "status": "invalid", "error": e.to_string() }));
            }
            Ok(None) => {
                if n > 0 {
                    out.push('\n');
                }
                match engine.impostor(url).ok().flatten() {
                    Some(m) => {
                        impostor = true;
                        let view = ImpostorView::new(&engine, &m);
                        let how = match view.evidence {
                            "documented" => "documented impostor",
                            "homograph" => "homograph: reads as the real domain but is not it",
                            _ => "looks like it: the outlet's name on a top-level domain it does not use",
                        };
                        out.push_str(&format!("{url}\n  imitates {} ({}) — {how}\n", view.name, view.domain));
                        if let Some(op) = &view.operation {
                            out.push_str(&format!("  operation: {op}\n"));
                        }
                        for s in &view.sources {
                            out.push_str(&format!("      source: {} (checked {})\n", s.url, s.checked));
                        }
                        json.push(serde_json::json!({ "url": url, "status": "impostor", "imitates": view }));
                    }
                    None => {
                        unknown = true;
                        out.push_str(&format!("{url}\n  unknown: no outlet in the dataset claims this site\n"));
                        json.push(serde_json::json!({ "url": url, "status": "unknown" }));
                    }
                }
            }
            Ok(Some(m)) => {
                let chain = engine.chain(m.entity);
                let via = match &m.via {
                    masthead::lookup::Via::Domain(d) => format!("domain {d}"),
                    masthead::lookup::Via::Account(a) => format!("account {a}"),
                    masthead::lookup::Via::Platform(p) => format!("platform {p} (a platform, not the author: this account is not in the dataset)"),
                };
                if n > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("{url}\n{} — matched by {via}\n", describe(engine.entity(m.entity))));
                for hop in &chain.hops {
                    let edge = &engine.entity(hop.from).owners[hop.edge];
                    let share = edge.share.map(|s| format!(" {s}%")).unwrap_or_default();
                    out.push_str(&format!("  → {}{share}: {}\n", edge.relation.phrase(), describe(engine.entity(hop.to))));
                    for s in &edge.sources {
                        out.push_str(&format!("      source: {} (checked {})\n", s.url, s.checked));
                    }
                }
                if let Some(end) = &engine.entity(chain.top()).no_controller {
                    out.push_str(&format!("  no controlling owner: {}\n", end.reason.phrase()));
                    for s in &end.sources {
                        out.push_str(&format!("      source: {} (checked {})\n", s.url, s.checked));
                    }
                } else if chain.hops.is_empty() {
                    let owners = engine.entity(m.entity).owners.iter().filter(|o| o.is_current()).count();
                    if owners == 0 {
                        out.push_str("  ownership unknown: the dataset records no owner\n");
                    } else {
                        // Minority owners, none with control: say so rather than "no owner".
                        out.push_str(&format!("  no controlling owner recorded: {owners} owner(s), none with a majority or control\n"));
                    }
                }
                if chain.truncated {
                    out.push_str("  (chain cut: it repeats or is too long)\n");
                }
                out.push_str(&format!("  chain: {}\n", engine.chain_names(&chain)));
                json.push(serde_json::json!({
                    "url": url,
                    "status": "found",
                    "via": via,
                    "outlet": EntityView::from(engine.entity(m.entity)),
                    "chain": chain_view(&engine, &chain),
                }));
            }
        }
    }
    if args.switch("--json") {
        outln!("{}", serde_json::to_string_pretty(&json).expect("plain values serialize"));
    } else {
        let _ = std::io::stdout().lock().write_all(out.as_bytes());
    }
    Ok(if invalid {
        2
    } else if impostor {
        3
    } else if unknown {
        1
    } else {
        0
    })
}

fn read_input(path: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| Fail(2, format!("stdin: {e}")))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Fail(2, format!("{path}: {e}")))?;
    }
    // Saved pages are not always valid UTF-8; a replaced byte must not lose the rest of the page.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn scan(args: &Args) -> Result<u8> {
    let [path] = args.positional.as_slice() else {
        return Err(usage("scan takes one FILE, or - for standard input"));
    };
    let input = read_input(path)?;
    let engine = engine(args)?;
    // (start, end, kind, entity): links first found on the page, then text mentions.
    let mut found: Vec<(usize, usize, &str, usize)> = Vec::new();
    let mut hrefs: Vec<String> = Vec::new();
    let (text, linked, own, family) = if args.switch("--html") {
        let page = masthead::html::extract(&input);
        // The page's own outlet is the site, never a citation: the badge shows it (as in the extension).
        let site = page.url.as_ref().and_then(|u| engine.lookup_url(u.as_str()).ok().flatten()).map(|m| m.entity);
        let family = site.map(|s| engine.own_family(s)).unwrap_or_default();
        let host = page.url.as_ref().and_then(|u| u.host_str()).unwrap_or("");
        let own = OwnSite::new(host, &page.site_name, &page.title);
        let mut linked = HashSet::new();
        for link in &page.links {
            if let Ok(Some(m)) = engine.lookup_citation(&link.href) {
                if family.contains(&m.entity) {
                    continue;
                }
                linked.insert(m.entity);
                found.push((link.start, link.end, "link", m.entity));
                hrefs.push(link.href.clone());
            }
        }
        (page.text, linked, own, family)
    } else {
        (input, HashSet::new(), OwnSite::none(), Vec::new())
    };
    let link_count = found.len();
    for Mention { start, end, entity, .. } in engine.scan_page(&text, &linked, &own) {
        if !family.contains(&entity) {
            found.push((start, end, "mention", entity));
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].0, found[i].1));
    let json = args.switch("--json");
    let mut stdout = std::io::stdout().lock();
    for i in order {
        let (start, end, kind, entity) = found[i];
        let matched = if i < link_count { hrefs[i].as_str() } else { &text[start..end] };
        let chain = engine.chain(entity);
        let line = if json {
            let (before, after) = context(&text, start, end, 80);
            serde_json::json!({
                "start": start, "end": end, "kind": kind, "matched": matched,
                "outlet": engine.entity(entity).id, "name": engine.entity(entity).name,
                "chain": engine.chain_names(&chain), "before": before, "text": &text[start..end], "after": after,
            })
            .to_string()
        } else {
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            format!("{start}\t{end}\t{}\t{}\t{}", clean(matched), engine.entity(entity).name, engine.chain_names(&chain))
        };
        let _ = writeln!(stdout, "{line}");
    }
    Ok(if found.is_empty() { 1 } else { 0 })
}

/// Up to `chars` characters of the same line on each side of `start..end`, for `scan --json`.
fn context(text: &str, start: usize, end: usize, chars: usize) -> (String, String) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before: Vec<char> = text[line_start..start].chars().rev().take(chars).collect();
    let after: String = text[end..line_end].chars().take(chars).collect();
    (before.into_iter().rev().collect(), after)
}

/// The reading matter of a saved page: the text Masthead scans, by the extension's rules.
fn read(args: &Args) -> Result<u8> {
    let [path] = args.positional.as_slice() else {
        return Err(usage("read takes one FILE, or - for standard input"));
    };
    let page = masthead::html::extract(&read_input(path)?);
    let mut stdout = std::io::stdout().lock();
    for line in page.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let _ = writeln!(stdout, "{line}");
    }
    Ok(0)
}

fn validate(args: &Args) -> Result<u8> {
    let path = PathBuf::from(args.positional.first().map(String::as_str).unwrap_or("data"));
    let outcome = dataset_dir::load(&path).map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
    for p in &outcome.problems {
        outln!("{p}");
    }
    let (errors, warnings) = (outcome.error_count(), outcome.warnings().count());
    match &outcome.dataset {
        Some(d) => {
            let outlets = d.entities.iter().filter(|e| e.kind == masthead::model::Kind::Outlet).count();
            let edges: usize = d.entities.iter().map(|e| e.owners.len()).sum();
            outln!("ok: {} entities, {outlets} outlets, {edges} edges; {warnings} warnings", d.entities.len());
            Ok(0)
        }
        None => {
            outln!("{errors} errors, {warnings} warnings");
            Ok(1)
        }
    }
}

fn build(args: &Args) -> Result<u8> {
    let path = PathBuf::from(args.positional.first().map(String::as_str).unwrap_or("data"));
    let out = args.value("-o").or(args.value("--out")).ok_or_else(|| usage("build needs -o FILE"))?;
    let dataset = load_valid(&path)?;
    let (default_version, default_created) = dataset_dir::default_version(&dataset);
    let version = match args.value("--version") {
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|&n| n <= bundle::MAX_VERSION)
            .ok_or_else(|| usage(format!("--version takes a whole number up to {}, not {v:?}", bundle::MAX_VERSION)))?,
        None => default_version,
    };
    let created = args.value("--created").unwrap_or(&default_created).to_string();
    if !masthead::validate::is_date(&created, true) {
        return Err(usage(format!("--created takes a YYYY-MM-DD date, not {created:?}")));
    }
    let bytes = bundle::encode(&dataset, version, &created);
    write_atomically(Path::new(out), &bytes)?;
    eprintln!("wrote {out}: {} bytes, {} entities, version {version}, created {created}", bytes.len(), dataset.entities.len());
    Ok(0)
}

/// Writes next to the target and renames, so an interrupted build never leaves half a bundle.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path)).map_err(|e| Fail(2, format!("{}: {e}", path.display())))
}

fn stats(args: &Args) -> Result<u8> {
    let engine = engine(args)?;
    let s = engine.stats();
    let info = engine.info();
    outln!("outlets: {}", s.outlets);
    outln!("domains: {}", s.domains);
    outln!("accounts: {}", s.accounts);
    outln!("countries: {}", s.countries);
    outln!("edges: {}", s.edges);
    outln!("edges_without_source: {}", s.edges_without_source);
    outln!("entities: {}", s.entities);
    outln!("sources: {}", s.sources);
    outln!("outlets_with_unknown_ownership: {}", s.unknown_ownership);
    outln!("outlets_with_chain_to_controller: {}", s.outlets_with_controller);
    outln!("text_patterns: {}", s.text_patterns);
    for (label, n) in &s.labels {
        outln!("label_{}: {n}", label.replace('-', "_"));
    }
    for (platform, n) in &s.accounts_by_platform {
        outln!("accounts_{platform}: {n}");
    }
    outln!("dataset_version: {}", info.version);
    outln!("dataset_created: {}", info.created);
    Ok(0)
}

fn export(args: &Args) -> Result<u8> {
    let out = args.value("-o").or(args.value("--out")).ok_or_else(|| usage("export needs -o FILE"))?;
    let engine = engine(args)?;
    let file = masthead::source::SourceFile {
        entities: engine.dataset().entities.iter().map(masthead::source::SourceEntity::from).collect(),
        extra: Default::default(),
    };
    let json = serde_json::to_string_pretty(&file).expect("plain values serialize");
    write_atomically(Path::new(out), json.as_bytes())?;
    Ok(0)
}

fn keygen(args: &Args) -> Result<u8> {
    let dir = PathBuf::from(args.value("--out").or(args.value("-o")).ok_or_else(|| usage("keygen needs --out DIR"))?);
    let mut seed = [0u8; 32];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut seed);
    let key = bundle::signing_key(&seed).map_err(|e| Fail(2, e.to_string()))?;
    std::fs::create_dir_all(&dir).map_err(|e| Fail(2, format!("{}: {e}", dir.display())))?;
    let private = dir.join("masthead.key");
    // Created new (never over an existing key) and readable by the owner only from the first byte:
    // writing first and restricting after left the key readable for a moment.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&private).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Fail(2, format!("{} exists; refusing to overwrite a key", private.display())),
        _ => Fail(2, format!("{}: {e}", private.display())),
    })?;
    std::io::Write::write_all(&mut file, (to_hex(&key.to_bytes()) + "\n").as_bytes()).map_err(|e| Fail(2, format!("{}: {e}", private.display())))?;
    let public = dir.join("masthead.pub");
    std::fs::write(&public, to_hex(key.verifying_key().as_bytes()) + "\n").map_err(|e| Fail(2, format!("{}: {e}", public.display())))?;
    outln!("private key: {} (keep it secret; never commit it)", private.display());
    outln!("public key:  {}", public.display());
    Ok(0)
}

fn read_key(path: &str) -> Result<Vec<u8>> {
    let text = std::fs::read_to_string(path).map_err(|e| Fail(2, format!("{path}: {e}")))?;
    from_hex(&text).ok_or_else(|| Fail(2, format!("{path}: not a hex key")))
}

fn sign(args: &Args) -> Result<u8> {
    let [path] = args.positional.as_slice() else { return Err(usage("sign takes one BUNDLE")) };
    let key = bundle::signing_key(&read_key(args.value("--key").ok_or_else(|| usage("sign needs --key FILE"))?)?)
        .map_err(|e| Fail(2, e.to_string()))?;
    let bytes = std::fs::read(path).map_err(|e| Fail(2, format!("{path}: {e}")))?;
    bundle::decode(&bytes).map_err(|e| Fail(1, format!("{path}: {e}")))?;
    let signed = bundle::sign(&bytes, &key).map_err(|e| Fail(1, format!("{path}: {e}")))?;
    let out = args.value("-o").unwrap_or(path);
    write_atomically(Path::new(out), &signed)?;
    eprintln!("signed {out}");
    Ok(0)
}

fn verify(args: &Args) -> Result<u8> {
    let [path] = args.positional.as_slice() else { return Err(usage("verify takes one BUNDLE")) };
    let key = bundle::verifying_key(&read_key(args.value("--pubkey").ok_or_else(|| usage("verify needs --pubkey FILE"))?)?)
        .map_err(|e| Fail(2, e.to_string()))?;
    let bytes = std::fs::read(path).map_err(|e| Fail(2, format!("{path}: {e}")))?;
    let info = bundle::verify(&bytes, &key).map_err(|e| Fail(1, format!("{path}: {e}")))?;
    Engine::from_bundle_validated(&bytes).map_err(|e: LoadError| Fail(1, format!("{path}: {e}")))?;
    outln!("ok: signed dataset version {} created {} ({} bytes)", info.version, info.created, info.size);
    Ok(0)
}
