//! The human-edited JSON format of `data/` (see `data/README.md`), read leniently so that validation
//! can report every problem at once instead of stopping at the first wrong type.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One file of `data/`. Unknown top-level keys are kept to be reported, not silently dropped.
#[derive(Deserialize, Serialize, Debug, Default, Clone)]
pub struct SourceFile {
    #[serde(default)]
    pub entities: Vec<SourceEntity>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Deserialize, Serialize, Debug, Default, Clone, PartialEq)]
pub struct SourceEntity {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
    /// Short acronyms the dataset vouches for, each with the reason (see `ambiguity.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub distinctive: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<SourceEdge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_controller: Option<SourceNoController>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impostors: Vec<SourceImpostor>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `"impostors": [{ "domain": "washingtonpost.pm", "operation": "Doppelganger", "sources": [...] }]`.
#[derive(Deserialize, Serialize, Debug, Default, Clone, PartialEq)]
pub struct SourceImpostor {
    #[serde(default)]
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `"no_controller": { "reason": "widely-held", "sources": [...] }`: the chain ends here by fact.
#[derive(Deserialize, Serialize, Debug, Default, Clone, PartialEq)]
pub struct SourceNoController {
    #[serde(default)]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Deserialize, Serialize, Debug, Default, Clone, PartialEq)]
pub struct SourceEdge {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub relation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceRef>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Deserialize, Serialize, Debug, Default, Clone, PartialEq)]
pub struct SourceRef {
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub checked: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl From<&crate::model::Entity> for SourceEntity {
    /// Back to the editable form: used to export a dataset or a reader's edits as `data/` JSON.
    fn from(e: &crate::model::Entity) -> Self {
        let src = |s: &crate::model::Source| SourceRef { url: s.url.clone(), checked: s.checked.clone(), extra: BTreeMap::new() };
        SourceEntity {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.as_str().to_string(),
            country: e.country.clone(),
            names: e.names.iter().cloned().collect(),
            aliases: e.aliases.clone(),
            ambiguous: e.ambiguous.clone(),
            distinctive: BTreeMap::new(),
            domains: e.domains.clone(),
            accounts: e.accounts.clone(),
            labels: e.labels.iter().map(|l| l.slug().to_string()).collect(),
            note: e.note.clone(),
            sources: e.sources.iter().map(src).collect(),
            owners: e
                .owners
                .iter()
                .map(|o| SourceEdge {
                    id: o.owner.clone(),
                    relation: o.relation.as_str().to_string(),
                    share: o.share.map(f64::from),
                    since: o.since.clone(),
                    until: o.until.clone(),
                    sources: o.sources.iter().map(src).collect(),
                    extra: BTreeMap::new(),
                })
                .collect(),
            no_controller: e.no_controller.as_ref().map(|n| SourceNoController {
                reason: n.reason.as_str().to_string(),
                sources: n.sources.iter().map(src).collect(),
                extra: BTreeMap::new(),
            }),
            impostors: e
                .impostors
                .iter()
                .map(|i| SourceImpostor {
                    domain: i.domain.clone(),
                    operation: i.operation.clone(),
                    sources: i.sources.iter().map(src).collect(),
                    extra: BTreeMap::new(),
                })
                .collect(),
            extra: BTreeMap::new(),
        }
    }
}
