//! A reader's local edits, applied on top of whichever dataset is active.
//!
//! Edits are written in the `data/` format (so they can be exported and contributed upstream), plus
//! an optional `bases` map: for each edited id that existed in the dataset, the fingerprint of the
//! dataset's version when the reader made the edit. If a later dataset changes that entity, the edit
//! still wins but the change is reported as a conflict, never silently dropped.

use crate::model::{Dataset, Entity};
use crate::source::{SourceEntity, SourceFile};
use crate::validate::{validate_files, Problem, Severity};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Something the reader should know about how their edits met the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    pub message: String,
}

#[derive(Deserialize)]
struct EditsDoc {
    #[serde(default)]
    entities: Vec<SourceEntity>,
    #[serde(default)]
    bases: BTreeMap<String, String>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

/// A short stable fingerprint of an entity as the dataset has it.
pub fn fingerprint(e: &Entity) -> String {
    let mut plain = e.clone();
    plain.edited = false;
    let bytes = postcard::to_stdvec(&plain).expect("plain data encodes");
    format!("{:08x}", crate::bundle::checksum(&bytes))
}

fn problem(id: &str, field: &str, message: String) -> Problem {
    Problem { severity: Severity::Error, file: "your edits".into(), id: id.into(), field: field.into(), message }
}

/// Merges `edits_json` into `base`. Returns the merged dataset and the conflicts, or every problem
/// that makes the edits unusable (they are then not applied at all).
pub fn apply(base: &Dataset, edits_json: &str) -> Result<(Dataset, Vec<Conflict>), Vec<Problem>> {
    let doc: EditsDoc =
        serde_json::from_str(edits_json).map_err(|e| vec![problem("", "", format!("not valid edits JSON: {e}"))])?;
    if let Some(key) = doc.extra.keys().next() {
        return Err(vec![problem("", key, "unknown top-level key (edits have \"entities\" and \"bases\")".into())]);
    }
    // Each edit must be valid on its own before it meets the dataset.
    let alone = validate_files(&[("your edits".to_string(), SourceFile { entities: doc.entities.clone(), extra: BTreeMap::new() })]);
    let own_errors: Vec<Problem> = alone
        .problems
        .into_iter()
        .filter(|p| p.severity == Severity::Error && !(p.message.starts_with("unknown entity")))
        .collect();
    if !own_errors.is_empty() {
        return Err(own_errors);
    }

    let mut conflicts = Vec::new();
    let mut merged: BTreeMap<String, SourceEntity> =
        base.entities.iter().map(|e| (e.id.clone(), SourceEntity::from(e))).collect();
    let base_by_id: HashMap<&str, &Entity> = base.entities.iter().map(|e| (e.id.as_str(), e)).collect();
    let edited: HashSet<String> = doc.entities.iter().map(|e| e.id.clone()).collect();

    for edit in &doc.entities {
        if let (Some(old), Some(recorded)) = (base_by_id.get(edit.id.as_str()), doc.bases.get(&edit.id)) {
            if fingerprint(old) != *recorded {
                conflicts.push(Conflict {
                    id: edit.id.clone(),
                    message: format!("the dataset has changed {} since your edit; your version is shown", old.name),
                });
            }
        }
        merged.insert(edit.id.clone(), edit.clone());
    }

    resolve_claims(&mut merged, &edited, &mut conflicts);
    drop_dangling_owners(&mut merged, &edited, &mut conflicts);

    let file = SourceFile { entities: merged.into_values().collect(), extra: BTreeMap::new() };
    let outcome = validate_files(&[("dataset with your edits".to_string(), file)]);
    match outcome.dataset {
        Some(mut dataset) => {
            for e in &mut dataset.entities {
                e.edited = edited.contains(&e.id);
            }
            Ok((dataset, conflicts))
        }
        None => Err(outcome.errors().cloned().collect()),
    }
}

/// An edit that claims a domain, account or text form the dataset gives to another entity wins it;
/// each such case is reported.
fn resolve_claims(merged: &mut BTreeMap<String, SourceEntity>, edited: &HashSet<String>, conflicts: &mut Vec<Conflict>) {
    let norm_domain = |d: &str| crate::lookup::normalize_domain_entry(d).unwrap_or_default();
    let norm_account = |a: &str| crate::accounts::normalize_account(a).unwrap_or_default();
    let mut claimed_domains: HashMap<String, String> = HashMap::new();
    let mut claimed_accounts: HashMap<String, String> = HashMap::new();
    let mut claimed_forms: HashMap<String, String> = HashMap::new();
    for id in edited {
        let Some(e) = merged.get(id) else { continue };
        for d in &e.domains {
            claimed_domains.insert(norm_domain(d), id.clone());
        }
        for a in &e.accounts {
            claimed_accounts.insert(norm_account(a), id.clone());
        }
        if e.kind == "outlet" {
            for f in std::iter::once(&e.name).chain(e.names.values()).chain(&e.aliases) {
                claimed_forms.insert(crate::mentions::fold_apostrophes(f), id.clone());
            }
        }
    }
    let mut demote: Vec<(String, String)> = Vec::new();
    for (id, e) in merged.iter_mut() {
        if edited.contains(id) {
            continue;
        }
        e.domains.retain(|d| match claimed_domains.get(&norm_domain(d)) {
            Some(by) => {
                conflicts.push(Conflict { id: by.clone(), message: format!("your edit takes the domain {d} from {}", e.name) });
                false
            }
            None => true,
        });
        e.accounts.retain(|a| match claimed_accounts.get(&norm_account(a)) {
            Some(by) => {
                conflicts.push(Conflict { id: by.clone(), message: format!("your edit takes the account {a} from {}", e.name) });
                false
            }
            None => true,
        });
        if e.kind == "outlet" {
            let forms: Vec<String> = std::iter::once(&e.name).chain(e.names.values()).chain(&e.aliases).cloned().collect();
            for f in forms {
                if let Some(by) = claimed_forms.get(&crate::mentions::fold_apostrophes(&f)) {
                    demote.push((id.clone(), f.clone()));
                    demote.push((by.clone(), f.clone()));
                    conflicts.push(Conflict {
                        id: by.clone(),
                        message: format!("{} also goes by \"{f}\"; that name now counts only next to an attribution or a link", e.name),
                    });
                }
            }
        }
    }
    // A text form two outlets share only counts as ambiguous in both.
    for (id, form) in demote {
        if let Some(e) = merged.get_mut(&id) {
            e.aliases.retain(|a| *a != form);
            if !e.ambiguous.contains(&form) {
                e.ambiguous.push(form);
            }
        }
    }
}

fn drop_dangling_owners(merged: &mut BTreeMap<String, SourceEntity>, edited: &HashSet<String>, conflicts: &mut Vec<Conflict>) {
    let ids: HashSet<String> = merged.keys().cloned().collect();
    for id in edited {
        let Some(e) = merged.get_mut(id) else { continue };
        e.owners.retain(|o| {
            let known = ids.contains(&o.id);
            if !known {
                conflicts.push(Conflict { id: id.clone(), message: format!("the owner {:?} is not in the active dataset; that link is left out", o.id) });
            }
            known
        });
    }
}
