//! The compiled data model: what `masthead build` writes into a bundle and what the engine answers from.
//!
//! These types are plain data with no optional-field tricks, because the bundle is encoded with postcard,
//! a non-self-describing format. The human-edited JSON lives in `source.rs` and is converted here only
//! after validation.

use serde::{Deserialize, Serialize};

/// What an entity is. Outlets are what readers read; everything else is an owner.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Outlet,
    Company,
    Group,
    StateBody,
    Party,
    Person,
    Trust,
    Fund,
    Platform,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Outlet,
        Kind::Company,
        Kind::Group,
        Kind::StateBody,
        Kind::Party,
        Kind::Person,
        Kind::Trust,
        Kind::Fund,
        Kind::Platform,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Outlet => "outlet",
            Kind::Company => "company",
            Kind::Group => "group",
            Kind::StateBody => "state_body",
            Kind::Party => "party",
            Kind::Person => "person",
            Kind::Trust => "trust",
            Kind::Fund => "fund",
            Kind::Platform => "platform",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How an entity relates to its owner.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    OwnedBy,
    ControlledBy,
    PublishedBy,
    OperatedBy,
    PartOf,
    FundedBy,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::OwnedBy,
        Relation::ControlledBy,
        Relation::PublishedBy,
        Relation::OperatedBy,
        Relation::PartOf,
        Relation::FundedBy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::OwnedBy => "owned_by",
            Relation::ControlledBy => "controlled_by",
            Relation::PublishedBy => "published_by",
            Relation::OperatedBy => "operated_by",
            Relation::PartOf => "part_of",
            Relation::FundedBy => "funded_by",
        }
    }

    /// Words for people: "owned by", "controlled by".
    pub fn phrase(self) -> &'static str {
        match self {
            Relation::OwnedBy => "owned by",
            Relation::ControlledBy => "controlled by",
            Relation::PublishedBy => "published by",
            Relation::OperatedBy => "operated by",
            Relation::PartOf => "part of",
            Relation::FundedBy => "funded by",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A page that supports a claim, and the day someone read it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    /// `YYYY-MM-DD`.
    pub checked: String,
}

/// An ownership edge from the entity that holds it to `owner`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Edge {
    pub owner: String,
    pub relation: Relation,
    /// Percent of equity, for `owned_by`.
    pub share: Option<f32>,
    pub since: Option<String>,
    /// Set for historical edges, which the chain ignores.
    pub until: Option<String>,
    pub sources: Vec<Source>,
}

impl Edge {
    pub fn is_current(&self) -> bool {
        self.until.is_none()
    }
}

/// Why an entity has no controlling owner although its owners are known: the chain ends here on
/// purpose. Without it, an entity with no owner edge means "we do not know" (issue #12).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoControllerReason {
    /// A listed company whose shares are spread so that no shareholder or group controls it.
    WidelyHeld,
    /// Owned by its members (a cooperative or mutual), none of whom controls it.
    MemberOwned,
    /// Owned by its employees, none of whom controls it.
    EmployeeOwned,
}

impl NoControllerReason {
    pub const ALL: [NoControllerReason; 3] =
        [NoControllerReason::WidelyHeld, NoControllerReason::MemberOwned, NoControllerReason::EmployeeOwned];

    pub fn as_str(self) -> &'static str {
        match self {
            NoControllerReason::WidelyHeld => "widely-held",
            NoControllerReason::MemberOwned => "member-owned",
            NoControllerReason::EmployeeOwned => "employee-owned",
        }
    }

    /// Words for readers, after "no controlling owner: ".
    pub fn phrase(self) -> &'static str {
        match self {
            NoControllerReason::WidelyHeld => "a listed company with no controlling shareholder",
            NoControllerReason::MemberOwned => "owned by its members, none of whom controls it",
            NoControllerReason::EmployeeOwned => "owned by its employees, none of whom controls it",
        }
    }

    pub fn parse(s: &str) -> Option<NoControllerReason> {
        NoControllerReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The documented end of a chain: an entity nobody controls, and the page that says so.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NoController {
    pub reason: NoControllerReason,
    pub sources: Vec<Source>,
}

/// A host that a source documents as imitating an outlet: `"washingtonpost.pm"` for The Washington
/// Post, in the "Doppelganger" operation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Impostor {
    /// Normalised ASCII host.
    pub domain: String,
    pub operation: Option<String>,
    pub sources: Vec<Source>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: Option<String>,
    /// BCP 47 tag → name, sorted by tag.
    pub names: Vec<(String, String)>,
    pub aliases: Vec<String>,
    pub ambiguous: Vec<String>,
    /// Normalised ASCII hosts, optionally with a path prefix (`example.com/section`).
    pub domains: Vec<String>,
    /// `platform:handle`, handle lower-cased.
    pub accounts: Vec<String>,
    pub labels: Vec<crate::labels::Label>,
    pub note: Option<String>,
    pub sources: Vec<Source>,
    pub owners: Vec<Edge>,
    /// Set when the sources say nobody controls this entity (the chain ends here by fact, not for
    /// want of data).
    pub no_controller: Option<NoController>,
    /// Sites documented as imitating this outlet (cloned look-alikes of an influence operation).
    pub impostors: Vec<Impostor>,
    /// True when the reader's local edits supplied this entity.
    pub edited: bool,
}

/// A validated dataset: entities sorted by id, every reference resolved.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Dataset {
    pub entities: Vec<Entity>,
}
