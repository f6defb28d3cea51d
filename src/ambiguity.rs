//! Which outlet names are too weak to mark on their own, decided by rule rather than by a dataset
//! author's memory.
//!
//! A text form is *ambiguous* (it needs an attribution cue or a link to the outlet before it counts,
//! see `mentions.rs`) when it is
//! - a common word in one of the languages of `data/common-words/` ("Mehr", "Welt", "العالم", "财经"),
//!   alone or behind an article ("Die Welt", "The Nation", "Al-Sabah"): measured on real pages in
//!   Dec 2026, such words alone made half of all marks wrong;
//! - an all-capital acronym of at most four letters ("RT", "APP", "RTV", "HLN"), unless the entity
//!   lists it under `distinctive` with a reason.
//!
//! The rules run when a dataset is compiled from its source files (`masthead build`, `validate`, the
//! import of a `data/`-format file); a compiled bundle carries the verdicts in each entity's
//! `ambiguous` list, so the extension needs no word list at run time.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Common words of several languages, lower-cased, with the language each came from.
#[derive(Debug, Default, Clone)]
pub struct CommonWords {
    words: BTreeMap<String, Vec<String>>,
}

/// Why a form is ambiguous by rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The form (or the form without its article) is a common word in these languages.
    CommonWord { word: String, languages: Vec<String> },
    /// An all-capital acronym of at most four letters.
    ShortAcronym,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::CommonWord { word, languages } => {
                write!(f, "{word:?} is a common word in {}", languages.join(", "))
            }
            Reason::ShortAcronym => write!(f, "it is an acronym of four letters or fewer (or has no letters)"),
        }
    }
}

/// Articles that can stand before a name: "The Nation", "Die Welt", "Le Monde".
const ARTICLES: &[&str] = &[
    "the ", "die ", "der ", "das ", "le ", "la ", "les ", "l'", "el ", "los ", "las ", "il ", "lo ", "gli ",
    "o ", "os ", "as ", "de ", "het ",
];

/// The Arabic article in Latin letters ("Al-Sabah", "Al-Alam"). The word after it is an Arabic word in
/// transliteration, so only lists of languages that borrow Arabic words count ("sabah" is Turkish for
/// morning); "Al-Monitor" is not the English word "monitor".
const ARABIC_ARTICLES: &[&str] = &["al-", "al ", "el-", "an-", "ar-", "as-", "ash-", "ad-", "at-", "az-"];
const ARABIC_LOAN_LANGUAGES: &[&str] = &["tr", "fa", "ur", "id", "ms", "hi"];

impl CommonWords {
    /// Reads `<lang>.txt` files (one word a line) from a folder. A missing folder is an empty list.
    pub fn load_dir(dir: &Path) -> std::io::Result<CommonWords> {
        let mut out = CommonWords::default();
        if !dir.is_dir() {
            return Ok(out);
        }
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for path in files {
            let lang = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            out.add_language(&lang, &std::fs::read_to_string(&path)?);
        }
        Ok(out)
    }

    /// Adds one language's list: one word a line; blank lines and `#` comments are skipped.
    pub fn add_language(&mut self, lang: &str, text: &str) {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let langs = self.words.entry(fold(line)).or_default();
            if !langs.iter().any(|l| l == lang) {
                langs.push(lang.to_string());
            }
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The languages in which `word` is common, if any (case and apostrophes do not matter).
    pub fn languages(&self, word: &str) -> Option<&[String]> {
        self.words.get(&fold(word)).map(Vec::as_slice)
    }

    /// Why `form` must be ambiguous, if it must. `distinctive` lists the forms the dataset vouches for
    /// (they escape the acronym rule, never the common-word rule).
    pub fn why_ambiguous(&self, form: &str, distinctive: &HashSet<&str>) -> Option<Reason> {
        // A short acronym matches only in capitals: the acronym rule, which a dataset can answer
        // with a reason, decides for it ("KBS" is not the lower-case abbreviation "kbs").
        if is_short_acronym(form) {
            return (!distinctive.contains(form)).then_some(Reason::ShortAcronym);
        }
        let folded = fold(form);
        let mut candidates = vec![folded.clone()];
        for article in ARTICLES {
            if let Some(rest) = folded.strip_prefix(article) {
                candidates.push(rest.trim_start().to_string());
            }
        }
        for word in &candidates {
            if let Some(languages) = self.words.get(word) {
                return Some(Reason::CommonWord { word: word.clone(), languages: languages.clone() });
            }
        }
        for article in ARABIC_ARTICLES {
            let Some(rest) = folded.strip_prefix(article) else { continue };
            let languages: Vec<String> =
                self.words.get(rest).into_iter().flatten().filter(|l| ARABIC_LOAN_LANGUAGES.contains(&l.as_str())).cloned().collect();
            if !languages.is_empty() {
                return Some(Reason::CommonWord { word: rest.to_string(), languages });
            }
        }
        // In scripts without capitals nothing marks a phrase as a name: "الشرق الأوسط" is the
        // Middle East before it is Asharq Al-Awsat. A two-word phrase of common words of one language
        // is common; longer names ("وكالة أنباء الإمارات") are specific enough.
        let caseless = !form.chars().any(|c| c.is_uppercase() || c.is_lowercase());
        let words: Vec<&str> = folded.split_whitespace().collect();
        if caseless && words.len() == 2 {
            let common_in = |w: &str| self.words.get(w).cloned().unwrap_or_default();
            let mut shared = common_in(words[0]);
            for w in &words[1..] {
                let langs = common_in(w);
                shared.retain(|l| langs.contains(l));
            }
            if !shared.is_empty() {
                return Some(Reason::CommonWord { word: folded.clone(), languages: shared });
            }
        }
        (is_short_acronym(form) && !distinctive.contains(form)).then_some(Reason::ShortAcronym)
    }
}

/// Lower case with curly apostrophes made straight: how list words and forms are compared.
fn fold(s: &str) -> String {
    crate::mentions::fold_apostrophes(s).to_lowercase()
}

/// "RT", "APP", "TASS", "ТАСС", "M&G", "1+1": at most four letters, every one a capital, with
/// digits and joining marks around them; or no letter at all.
pub fn is_short_acronym(form: &str) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let joined = form.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || "&/.+-".contains(c));
    joined && letters <= 4 && form.chars().count() <= 6 && form.chars().count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> CommonWords {
        let mut w = CommonWords::default();
        w.add_language("de", "mehr\nwelt\nbild\n");
        w.add_language("en", "nation\ntime\nmonitor\n");
        w.add_language("ar", "العالم\nالشرق\nالأوسط\n");
        w.add_language("en", "global\ntimes\n");
        w.add_language("zh", "财经\n");
        w.add_language("tr", "sabah\n");
        w
    }

    #[test]
    fn common_words_alone_or_behind_an_article() {
        let w = words();
        let none = HashSet::new();
        let cases: &[(&str, bool)] = &[
            ("Mehr", true),
            ("Die Welt", true),
            ("WELT", true),
            ("KBS", true),
            ("The Nation", true),
            ("العالم", true),
            ("财经", true),
            ("Al-Sabah", true),
            ("Sabah", true),
            ("Reuters", false),
            ("Global Times", false),
            ("Xinhua", false),
            ("Time Out", false),
            ("Al-Monitor", false),
            ("الشرق الأوسط", true),
            ("Global Times", false),
        ];
        for (form, want) in cases {
            assert_eq!(w.why_ambiguous(form, &none).is_some(), *want, "{form}");
        }
        assert_eq!(w.languages("Welt"), Some(&["de".to_string()][..]));
    }

    #[test]
    fn short_acronyms_unless_vouched_for() {
        let w = CommonWords::default();
        let vouched: HashSet<&str> = ["BBC"].into_iter().collect();
        for (form, want) in [("RT", true), ("APP", true), ("TASS", true), ("ТАСС", true), ("RTV", true), ("BBC", false), ("CGTN", true), ("MSNBC", false), ("Xinhua", false), ("N1", true), ("1+1", true), ("M&G", true), ("RFE/RL", false)] {
            assert_eq!(w.why_ambiguous(form, &vouched) == Some(Reason::ShortAcronym), want, "{form}");
        }
    }
}
