//! Validation of the `data/` sources: every problem at once, each with its file, entity id and field.
//!
//! This runs when a dataset is built (`masthead build`), when a reader imports an unsigned dataset or
//! applies local edits, and when the extension accepts an update. Loading a bundle that `build` made
//! does not repeat it.

use crate::accounts::normalize_account;
use crate::ambiguity::CommonWords;
use crate::countries::is_country;
use crate::labels::Label;
use crate::model::{Dataset, Edge, Entity, Impostor, Kind, NoController, NoControllerReason, Relation, Source};
use crate::source::{SourceEdge, SourceEntity, SourceFile, SourceImpostor, SourceNoController, SourceRef};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub id: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}", self.file)?;
        if !self.id.is_empty() {
            write!(f, ": {}", self.id)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What validation found, and the dataset when there were no errors.
#[derive(Debug, Default)]
pub struct Outcome {
    pub dataset: Option<Dataset>,
    pub problems: Vec<Problem>,
}

impl Outcome {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Warning)
    }
    pub fn error_count(&self) -> usize {
        self.errors().count()
    }
}

/// Collects problems for one place in the input.
struct Sink<'a> {
    problems: &'a mut Vec<Problem>,
    file: String,
    id: String,
}

impl Sink<'_> {
    fn error(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, field.into(), message.into());
    }
    fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, field.into(), message.into());
    }
    fn push(&mut self, severity: Severity, field: String, message: String) {
        self.problems.push(Problem { severity, file: self.file.clone(), id: self.id.clone(), field, message });
    }
}

/// Parses and validates source files given as `(file name, JSON text)`. The ambiguity rules of
/// `ambiguity.rs` apply with no word list (short acronyms only); see [`validate_texts_with`].
pub fn validate_texts(files: &[(String, String)]) -> Outcome {
    validate_texts_with(files, &CommonWords::default())
}

/// Parses and validates source files, making every name that is a common word in `words` (or a
/// short acronym the dataset does not vouch for) ambiguous, with a warning where the file does not
/// already say so.
pub fn validate_texts_with(files: &[(String, String)], words: &CommonWords) -> Outcome {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for (name, text) in files {
        match serde_json::from_str::<SourceFile>(text) {
            Ok(f) => parsed.push((name.clone(), f)),
            Err(e) => problems.push(Problem {
                severity: Severity::Error,
                file: name.clone(),
                id: String::new(),
                field: String::new(),
                message: format!("not valid dataset JSON: {e}"),
            }),
        }
    }
    let mut outcome = validate_files_with(&parsed, Some(words));
    problems.append(&mut outcome.problems);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        outcome.dataset = None;
    }
    outcome.problems = problems;
    outcome
}

/// Validates already-parsed source files as they are: no ambiguity rules. This is for datasets that
/// were compiled before (a bundle's revalidation) and for a reader's own edits.
pub fn validate_files(files: &[(String, SourceFile)]) -> Outcome {
    validate_files_with(files, None)
}

fn validate_files_with(files: &[(String, SourceFile)], words: Option<&CommonWords>) -> Outcome {
    let mut problems = Vec::new();
    let mut entities: Vec<(String, Entity)> = Vec::new();
    let mut seen_ids: HashMap<String, String> = HashMap::new();

    for (file, doc) in files {
        let mut sink = Sink { problems: &mut problems, file: file.clone(), id: String::new() };
        for key in doc.extra.keys() {
            sink.error(key.clone(), "unknown top-level key (a data file has only \"entities\")");
        }
        let mut prev_id: Option<&str> = None;
        for (i, raw) in doc.entities.iter().enumerate() {
            let label = if raw.id.is_empty() { format!("entity #{}", i + 1) } else { raw.id.clone() };
            let mut sink = Sink { problems: &mut problems, file: file.clone(), id: label };
            if let Some(prev) = prev_id {
                if raw.id.as_str() < prev {
                    sink.warn("id", format!("out of order: entities are sorted by id ({prev:?} comes first)"));
                }
            }
            prev_id = Some(raw.id.as_str());
            if let Some(other) = seen_ids.get(&raw.id) {
                sink.error("id", format!("duplicate id, also defined in {other}"));
                continue;
            }
            if !raw.id.is_empty() {
                seen_ids.insert(raw.id.clone(), file.clone());
            }
            if let Some(entity) = check_entity(raw, words, &mut sink) {
                entities.push((file.clone(), entity));
            }
        }
    }

    check_references(&entities, &mut problems);
    check_claims(&entities, &mut problems);
    check_cycles(&entities, &mut problems);

    let dataset = if problems.iter().any(|p| p.severity == Severity::Error) {
        None
    } else {
        let mut list: Vec<Entity> = entities.into_iter().map(|(_, e)| e).collect();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        Some(Dataset { entities: list })
    };
    Outcome { dataset, problems }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (with `full` only the last), with a plausible year.
pub fn is_date(s: &str, full: bool) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if full && parts.len() != 3 || parts.is_empty() || parts.len() > 3 {
        return false;
    }
    let num = |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    let Some(year) = num(parts[0], 4) else { return false };
    if !(1600..=2100).contains(&year) {
        return false;
    }
    let month = match parts.get(1) {
        None => return true,
        Some(m) => match num(m, 2) {
            Some(m @ 1..=12) => m,
            _ => return false,
        },
    };
    match parts.get(2) {
        None => true,
        Some(d) => {
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let max = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            matches!(num(d, 2), Some(d) if (1..=max).contains(&d))
        }
    }
}

fn is_web_url(s: &str) -> bool {
    crate::host::parse_absolute_web_url(s).is_ok()
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check_sources(list: &[SourceRef], field: &str, sink: &mut Sink) -> Vec<Source> {
    let mut out = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let f = format!("{field}[{i}]");
        for key in s.extra.keys() {
            sink.error(format!("{f}.{key}"), "unknown field");
        }
        let mut ok = true;
        if !is_web_url(&s.url) {
            sink.error(format!("{f}.url"), format!("not an http(s) URL: {:?}", s.url));
            ok = false;
        }
        if !is_date(&s.checked, true) {
            sink.error(format!("{f}.checked"), format!("not a YYYY-MM-DD date: {:?}", s.checked));
            ok = false;
        }
        if ok {
            out.push(Source { url: s.url.clone(), checked: s.checked.clone() });
        }
    }
    out
}

/// Longest name, alias or other form shown to readers and matched in text (the longest in data/ is
/// under 100 characters).
const MAX_NAME_CHARS: usize = 200;
/// Longest note: one sentence, as data/README.md asks.
const MAX_NOTE_CHARS: usize = 1000;

/// Text shown to readers has a length limit and no control or invisible direction characters: a
/// right-to-left override in a name would turn the rest of a card or badge title around. Zero-width
/// joiners and non-joiners stay allowed: Persian and Indic names need them.
fn check_display_text(value: &str, field: &str, max_chars: usize, sink: &mut Sink) {
    if value.chars().count() > max_chars {
        sink.error(field, format!("longer than {max_chars} characters"));
    }
    let hidden = |c: char| {
        c.is_control() || matches!(c, '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    };
    if let Some(c) = value.chars().find(|&c| hidden(c)) {
        sink.error(field, format!("contains the control or direction character U+{:04X}", c as u32));
    }
}

fn check_text_forms(list: &[String], field: &str, ambiguous: bool, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for form in list {
        check_display_text(form, field, MAX_NAME_CHARS, sink);
        if form.trim() != form || form.is_empty() {
            sink.error(field, format!("{form:?} is empty or has surrounding spaces"));
        } else if !seen.insert(form) {
            sink.error(field, format!("{form:?} is listed twice"));
        } else if !ambiguous && form.is_ascii() && form.chars().count() <= 2 {
            sink.error(field, format!("{form:?} is too short to match in running text; list it under \"ambiguous\""));
        }
    }
}

fn check_edge(raw: &SourceEdge, i: usize, self_id: &str, sink: &mut Sink) -> Option<Edge> {
    let f = format!("owners[{i}]");
    for key in raw.extra.keys() {
        sink.error(format!("{f}.{key}"), "unknown field");
    }
    let mut ok = true;
    if raw.id.is_empty() {
        sink.error(format!("{f}.id"), "missing owner id");
        ok = false;
    } else if raw.id == self_id {
        sink.error(format!("{f}.id"), "an entity cannot own itself");
        ok = false;
    }
    let relation = Relation::parse(&raw.relation);
    if relation.is_none() {
        let known: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
        sink.error(format!("{f}.relation"), format!("unknown relation {:?} (known: {})", raw.relation, known.join(", ")));
        ok = false;
    }
    if let Some(share) = raw.share {
        if !share.is_finite() || !(0.0..=100.0).contains(&share) {
            sink.error(format!("{f}.share"), format!("share {share} is outside 0–100"));
            ok = false;
        } else if relation != Some(Relation::OwnedBy) {
            sink.warn(format!("{f}.share"), "a share only means something for owned_by");
        }
    }
    for (name, value) in [("since", &raw.since), ("until", &raw.until)] {
        if let Some(v) = value {
            if !is_date(v, false) {
                sink.error(format!("{f}.{name}"), format!("not a YYYY, YYYY-MM or YYYY-MM-DD date: {v:?}"));
                ok = false;
            }
        }
    }
    if raw.sources.is_empty() {
        sink.error(format!("{f}.sources"), "an ownership claim needs at least one source");
        ok = false;
    }
    let sources = check_sources(&raw.sources, &format!("{f}.sources"), sink);
    if sources.len() != raw.sources.len() {
        ok = false;
    }
    ok.then(|| Edge {
        owner: raw.id.clone(),
        relation: relation.expect("checked above"),
        share: raw.share.map(|s| s as f32),
        since: raw.since.clone(),
        until: raw.until.clone(),
        sources,
    })
}

/// Checks everything that can be checked about one entity on its own.
fn check_entity(raw: &SourceEntity, words: Option<&CommonWords>, sink: &mut Sink) -> Option<Entity> {
    let errors_before = sink.problems.iter().filter(|p| p.severity == Severity::Error).count();
    for key in raw.extra.keys() {
        sink.error(key.clone(), "unknown field");
    }
    if !is_slug(&raw.id) {
        sink.error("id", format!("{:?} is not a slug of a-z, 0-9 and inner hyphens", raw.id));
    }
    if raw.name.trim().is_empty() || raw.name.trim() != raw.name {
        sink.error("name", "missing, or has surrounding spaces");
    }
    check_display_text(&raw.name, "name", MAX_NAME_CHARS, sink);
    let kind = Kind::parse(&raw.kind);
    if kind.is_none() {
        let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        sink.error("kind", format!("unknown kind {:?} (known: {})", raw.kind, known.join(", ")));
    }
    match &raw.country {
        Some(c) if !is_country(c) => sink.error("country", format!("{c:?} is not an ISO 3166-1 alpha-2 code")),
        None if kind == Some(Kind::Outlet) => sink.error("country", "an outlet needs a country"),
        _ => {}
    }
    for (tag, name) in &raw.names {
        if !is_language_tag(tag) {
            sink.error(format!("names.{tag}"), "not a BCP 47 language tag like \"zh-Hans\"");
        }
        if name.trim().is_empty() || name.trim() != name {
            sink.error(format!("names.{tag}"), "empty, or has surrounding spaces");
        }
        check_display_text(name, &format!("names.{tag}"), MAX_NAME_CHARS, sink);
    }
    check_text_forms(&raw.aliases, "aliases", false, sink);
    check_text_forms(&raw.ambiguous, "ambiguous", true, sink);
    for a in &raw.aliases {
        if raw.ambiguous.contains(a) {
            sink.error("aliases", format!("{a:?} is listed both as an alias and as ambiguous"));
        }
    }
    for (form, reason) in &raw.distinctive {
        let known = *form == raw.name || raw.names.values().any(|n| n == form) || raw.aliases.contains(form);
        if !known {
            sink.error(format!("distinctive.{form}"), "not the entity's name, one of its names or an alias");
        } else if !crate::ambiguity::is_short_acronym(form) {
            sink.error(format!("distinctive.{form}"), "only short acronyms can be vouched for (common words stay ambiguous)");
        }
        if reason.trim().is_empty() {
            sink.error(format!("distinctive.{form}"), "give the reason the acronym is not ambiguous");
        }
    }
    let mut ambiguous = raw.ambiguous.clone();
    let mut aliases = raw.aliases.clone();
    if let (Some(words), Some(Kind::Outlet)) = (words, kind) {
        let vouched: HashSet<&str> = raw.distinctive.keys().map(String::as_str).collect();
        let forms = std::iter::once(&raw.name).chain(raw.names.values()).chain(raw.aliases.iter());
        for form in forms {
            if ambiguous.contains(form) {
                continue;
            }
            if let Some(reason) = words.why_ambiguous(form, &vouched) {
                sink.warn("ambiguous", format!("{form:?} is treated as ambiguous because {reason}; list it under \"ambiguous\""));
                ambiguous.push(form.clone());
                aliases.retain(|a| a != form);
            }
        }
    }

    let mut domains = Vec::new();
    for d in &raw.domains {
        match crate::lookup::normalize_domain_entry(d) {
            Some(n) => domains.push(n),
            None => sink.error("domains", format!("{d:?} is not a host name (write it without scheme, like \"example.com\")")),
        }
    }
    let mut accounts = Vec::new();
    for a in &raw.accounts {
        match normalize_account(a) {
            Ok(n) => accounts.push(n),
            Err(e) => sink.error("accounts", e),
        }
    }
    let mut labels = Vec::new();
    for l in &raw.labels {
        match Label::parse(l) {
            Some(label) => labels.push(label),
            None => {
                let known: Vec<&str> = crate::labels::VOCABULARY.iter().map(|i| i.slug).collect();
                sink.error("labels", format!("unknown label {l:?} (known: {})", known.join(", ")));
            }
        }
    }
    if labels.len() > 1 {
        sink.error("labels", "an entity carries at most one ownership label");
    }
    if (!raw.labels.is_empty() || !raw.domains.is_empty() || !raw.accounts.is_empty()) && raw.sources.is_empty() {
        sink.error("sources", "domains, accounts and labels need a source");
    }
    let sources = check_sources(&raw.sources, "sources", sink);
    if let Some(note) = &raw.note {
        if note.trim().is_empty() {
            sink.error("note", "empty note");
        }
        check_display_text(note, "note", MAX_NOTE_CHARS, sink);
    }
    let owners: Vec<Edge> =
        raw.owners.iter().enumerate().filter_map(|(i, e)| check_edge(e, i, &raw.id, sink)).collect();
    let no_controller = raw.no_controller.as_ref().and_then(|n| check_no_controller(n, &owners, sink));
    if !raw.impostors.is_empty() && kind != Some(Kind::Outlet) {
        sink.error("impostors", "only an outlet can be imitated");
    }
    let impostors: Vec<Impostor> =
        raw.impostors.iter().enumerate().filter_map(|(i, imp)| check_impostor(imp, i, sink)).collect();

    let errors_after = sink.problems.iter().filter(|p| p.severity == Severity::Error).count();
    if errors_after > errors_before {
        return None;
    }
    let mut names: Vec<(String, String)> = raw.names.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    names.sort();
    Some(Entity {
        id: raw.id.clone(),
        name: raw.name.clone(),
        kind: kind.expect("checked above"),
        country: raw.country.clone(),
        names,
        aliases,
        ambiguous,
        domains,
        accounts,
        labels,
        note: raw.note.clone(),
        sources,
        owners,
        no_controller,
        impostors,
        edited: false,
    })
}

/// A documented impostor: a host, the operation if the source names one, and the source.
fn check_impostor(raw: &SourceImpostor, i: usize, sink: &mut Sink) -> Option<Impostor> {
    let f = format!("impostors[{i}]");
    for key in raw.extra.keys() {
        sink.error(format!("{f}.{key}"), "unknown field");
    }
    let domain = crate::lookup::normalize_domain_entry(&raw.domain).filter(|d| !d.contains('/'));
    if domain.is_none() {
        sink.error(format!("{f}.domain"), format!("{:?} is not a host name", raw.domain));
    }
    if raw.sources.is_empty() {
        sink.error(format!("{f}.sources"), "say which page documents the impostor");
    }
    if let Some(op) = &raw.operation {
        check_display_text(op, &format!("{f}.operation"), 80, sink);
    }
    let sources = check_sources(&raw.sources, &format!("{f}.sources"), sink);
    Some(Impostor { domain: domain?, operation: raw.operation.clone(), sources })
}

/// A documented end of chain needs a known reason and a source, and must not contradict an edge the
/// chain would follow (a controlling or majority owner, a publisher, ...): either nobody controls
/// the entity or someone does.
fn check_no_controller(raw: &SourceNoController, owners: &[Edge], sink: &mut Sink) -> Option<NoController> {
    for key in raw.extra.keys() {
        sink.error(format!("no_controller.{key}"), "unknown field");
    }
    let reason = NoControllerReason::parse(&raw.reason);
    if reason.is_none() {
        let known: Vec<&str> = NoControllerReason::ALL.iter().map(|r| r.as_str()).collect();
        sink.error("no_controller.reason", format!("unknown reason {:?} (known: {})", raw.reason, known.join(", ")));
    }
    if raw.sources.is_empty() {
        sink.error("no_controller.sources", "say which page states that nobody controls the entity");
    }
    let sources = check_sources(&raw.sources, "no_controller.sources", sink);
    if let Some(i) = crate::chain::primary_edge(owners) {
        sink.error(
            "no_controller",
            format!("contradicts owners[{i}] ({} {}), which the chain follows", owners[i].relation.as_str(), owners[i].owner),
        );
        return None;
    }
    Some(NoController { reason: reason?, sources })
}

fn problem(file: &str, id: &str, field: &str, severity: Severity, message: String) -> Problem {
    Problem { severity, file: file.to_string(), id: id.to_string(), field: field.to_string(), message }
}

fn check_references(entities: &[(String, Entity)], problems: &mut Vec<Problem>) {
    let ids: HashSet<&str> = entities.iter().map(|(_, e)| e.id.as_str()).collect();
    for (file, e) in entities {
        for (i, edge) in e.owners.iter().enumerate() {
            if !ids.contains(edge.owner.as_str()) {
                problems.push(problem(file, &e.id, &format!("owners[{i}].id"), Severity::Error, format!("unknown entity {:?}", edge.owner)));
            }
        }
        let total: f32 = e.owners.iter().filter(|o| o.is_current() && o.relation == Relation::OwnedBy).filter_map(|o| o.share).sum();
        if total > 100.01 {
            problems.push(problem(file, &e.id, "owners", Severity::Error, format!("current owned_by shares add up to {total}%, over 100")));
        }
    }
}

/// Domains, accounts and text forms must each point to one entity, or lookups would be arbitrary.
fn check_claims(entities: &[(String, Entity)], problems: &mut Vec<Problem>) {
    let mut domains: HashMap<&str, &str> = HashMap::new();
    let mut accounts: HashMap<&str, &str> = HashMap::new();
    // text form → (entity id, ambiguous?) for every outlet claiming it
    let mut forms: BTreeMap<String, Vec<(&str, bool)>> = BTreeMap::new();
    for (file, e) in entities {
        for d in &e.domains {
            if let Some(other) = domains.insert(d, &e.id) {
                if other != e.id {
                    problems.push(problem(file, &e.id, "domains", Severity::Error, format!("{d:?} is also claimed by {other:?}")));
                } else {
                    problems.push(problem(file, &e.id, "domains", Severity::Error, format!("{d:?} is listed twice")));
                }
            }
        }
        for a in &e.accounts {
            if let Some(other) = accounts.insert(a, &e.id) {
                problems.push(problem(file, &e.id, "accounts", Severity::Error, format!("{a:?} is also claimed by {other:?}")));
            }
        }
        if e.kind == Kind::Outlet {
            for (form, ambiguous) in crate::mentions::text_forms(e) {
                let claims = forms.entry(crate::mentions::fold_apostrophes(&form)).or_default();
                if !claims.iter().any(|(id, _)| *id == e.id) {
                    claims.push((&e.id, ambiguous));
                }
            }
        }
    }
    // A documented impostor may not be (or sit under) a host the dataset gives to any entity: no flag
    // ever for a real outlet's site.
    for (file, e) in entities {
        for imp in &e.impostors {
            let mut host = imp.domain.as_str();
            loop {
                if let Some(owner) = domains.get(host) {
                    problems.push(problem(file, &e.id, "impostors", Severity::Error, format!("{:?} is a site of {owner:?}, not an impostor", imp.domain)));
                    break;
                }
                match host.split_once('.') {
                    Some((_, rest)) if rest.contains('.') => host = rest,
                    _ => break,
                }
            }
        }
    }
    let file_of: HashMap<&str, &str> = entities.iter().map(|(f, e)| (e.id.as_str(), f.as_str())).collect();
    // Several outlets may share a text if at most one of them claims it outright; the others list it
    // as ambiguous and are recognised only when the page links to them.
    for (form, claims) in forms {
        let outright: Vec<&str> = claims.iter().filter(|(_, amb)| !amb).map(|(id, _)| *id).collect();
        if outright.len() > 1 {
            for id in &outright {
                problems.push(problem(
                    file_of[id],
                    id,
                    "aliases",
                    Severity::Error,
                    format!(
                        "the text {form:?} is claimed outright by {}; keep it for the best-known one and list it under \"ambiguous\" in the others",
                        outright.join(", ")
                    ),
                ));
            }
        }
    }
}

/// Ownership must be a DAG: a cycle would make "ultimate controller" meaningless.
fn check_cycles(entities: &[(String, Entity)], problems: &mut Vec<Problem>) {
    let index: HashMap<&str, usize> = entities.iter().enumerate().map(|(i, (_, e))| (e.id.as_str(), i)).collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; entities.len()];
    for start in 0..entities.len() {
        if state[start] != 0 {
            continue;
        }
        // Iterative DFS: a deep chain in hostile input must not overflow the stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let owners = &entities[node].1.owners;
            if *next < owners.len() {
                let edge = &owners[*next];
                *next += 1;
                if !edge.is_current() {
                    continue;
                }
                let Some(&to) = index.get(edge.owner.as_str()) else { continue };
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let path: Vec<&str> = stack.iter().map(|(n, _)| entities[*n].1.id.as_str()).skip_while(|id| *id != entities[to].1.id).collect();
                        let (file, e) = &entities[node];
                        problems.push(problem(
                            file,
                            &e.id,
                            "owners",
                            Severity::Error,
                            format!("ownership cycle: {} → {}", path.join(" → "), entities[to].1.id),
                        ));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for ok in ["2026-11-28", "2024-02-29", "1993", "2009-04"] {
            assert!(is_date(ok, false), "{ok}");
        }
        assert!(is_date("2026-11-28", true));
        for bad in ["2026-11-31", "2023-02-29", "26-11-28", "2026-13", "2026-1-1", "abcd", "", "2026-11-28-1"] {
            assert!(!is_date(bad, false), "{bad}");
        }
        assert!(!is_date("2026", true));
    }

    #[test]
    fn slugs_and_tags() {
        assert!(is_slug("global-times"));
        assert!(is_slug("ru-channel-one"));
        for bad in ["", "Global", "a_b", "-a", "a-", "ä"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_language_tag("zh-Hans"));
        assert!(is_language_tag("ru"));
        assert!(!is_language_tag("Chinese"));
        assert!(!is_language_tag("zh_Hans"));
    }
}
