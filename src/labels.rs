//! The label vocabulary. A label says how an outlet is owned and governed, not whether it is good.
//! `data/README.md` explains the rule for choosing each; the definitions here are what readers see.

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    StateControlled,
    StateAffiliated,
    PublicService,
    Private,
    Nonprofit,
    Cooperative,
    PartyOwned,
}

/// One row of the vocabulary.
pub struct LabelInfo {
    pub label: Label,
    pub slug: &'static str,
    pub title: &'static str,
    pub definition: &'static str,
}

pub const VOCABULARY: [LabelInfo; 7] = [
    LabelInfo {
        label: Label::StateControlled,
        slug: "state-controlled",
        title: "State-controlled",
        definition: "A government, ruling party or state body controls the editorial line.",
    },
    LabelInfo {
        label: Label::StateAffiliated,
        slug: "state-affiliated",
        title: "State-affiliated",
        definition: "Owned or mainly funded by a state; editorial independence is contested or not established.",
    },
    LabelInfo {
        label: Label::PublicService,
        slug: "public-service",
        title: "Independent public media",
        definition: "Publicly owned or funded, with editorial independence protected by law or charter.",
    },
    LabelInfo {
        label: Label::Private,
        slug: "private",
        title: "Privately owned",
        definition: "Owned by private persons, families, funds or companies.",
    },
    LabelInfo {
        label: Label::Nonprofit,
        slug: "nonprofit",
        title: "Nonprofit",
        definition: "Owned by a nonprofit organisation, trust or foundation, or run as one.",
    },
    LabelInfo {
        label: Label::Cooperative,
        slug: "cooperative",
        title: "Cooperative",
        definition: "Owned by its members.",
    },
    LabelInfo {
        label: Label::PartyOwned,
        slug: "party-owned",
        title: "Party-owned",
        definition: "Owned by a political party that does not control the state.",
    },
];

impl Label {
    pub fn info(self) -> &'static LabelInfo {
        // VOCABULARY is in declaration order, so the discriminant indexes it.
        &VOCABULARY[self as usize]
    }

    pub fn slug(self) -> &'static str {
        self.info().slug
    }

    pub fn parse(s: &str) -> Option<Label> {
        VOCABULARY.iter().find(|i| i.slug == s).map(|i| i.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_indexed_by_discriminant() {
        for (i, info) in VOCABULARY.iter().enumerate() {
            assert_eq!(info.label as usize, i, "{}", info.slug);
            assert_eq!(Label::parse(info.slug), Some(info.label));
        }
        assert_eq!(Label::parse("independent"), None);
    }

    #[test]
    fn state_controlled_and_public_service_read_differently() {
        let a = Label::StateControlled.info();
        let b = Label::PublicService.info();
        assert_ne!(a.title, b.title);
        assert!(b.definition.contains("independence"));
    }
}
