//! Citations in running text: one Aho-Corasick automaton over every outlet name and alias (compiled
//! into the bundle, see `automaton.rs`), with the boundary, case and ambiguity rules of DESIGN.md
//! applied to each candidate.

use crate::model::{Dataset, Entity, Kind};
use crate::automaton::Automaton;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    /// The name, a name in another script, or an unambiguous alias.
    Name,
    /// An ambiguous alias, accepted because of an attribution cue or a link to the outlet.
    Ambiguous,
    /// A bare domain or URL in the text.
    Domain,
}

/// One citation found in text. Offsets are UTF-8 byte offsets into the scanned string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub form: Form,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Pattern {
    entity: u32,
    form: Form,
}

/// The part of the scanner that is compiled into the bundle: the automaton and what each of its
/// patterns means.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScannerTables {
    automaton: Automaton,
    patterns: Vec<Pattern>,
    /// For texts claimed by several outlets: the pattern ids of the same text.
    shared: Vec<Vec<u32>>,
}

impl ScannerTables {
    /// Checks tables read from a bundle against the dataset they come with, so scanning cannot panic.
    pub fn check(&self, entity_count: usize) -> Result<(), String> {
        self.automaton.check()?;
        let n = self.patterns.len();
        // Hits index `patterns` and `shared` by the automaton's pattern ids.
        if self.automaton.pattern_count() != n
            || self.shared.len() != n
            || self.patterns.iter().any(|p| p.entity as usize >= entity_count)
            || self.shared.iter().flatten().any(|&p| p as usize >= n)
        {
            return Err("the text patterns do not fit the dataset".into());
        }
        Ok(())
    }
}

/// The citation scanner of one dataset.
pub struct Scanner {
    tables: ScannerTables,
    /// Outlet hosts for bare domains in text. Found by a host tokenizer rather than as automaton
    /// patterns: that keeps ~850 patterns out of the automaton and matches any subdomain for free.
    hosts: HashMap<String, u32>,
    /// The most labels of any key in `hosts`: bounds the suffixes tried per host-like token.
    host_labels: usize,
}

/// Straight and curly apostrophes are the same thing in running text.
pub fn fold_apostrophes(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}', '\u{02BC}'], "'")
}

/// Every text form of an entity with whether it is ambiguous. The name counts as ambiguous when it is
/// listed under `ambiguous`.
pub fn text_forms(e: &Entity) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut push = |s: &str, amb: bool| {
        if !out.iter().any(|(f, _)| f == s) {
            out.push((s.to_string(), amb));
        }
    };
    for a in &e.ambiguous {
        push(a, true);
    }
    push(&e.name, false);
    for (_, n) in &e.names {
        push(n, false);
    }
    for a in &e.aliases {
        push(a, false);
    }
    out
}

/// Scripts written without spaces between words: no word boundary is needed around a match there.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x30FF    // CJK punctuation, Hiragana, Katakana
        | 0x3100..=0x31FF    // Bopomofo, Katakana ext
        | 0x3400..=0x4DBF    // CJK ext A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xAC00..=0xD7AF    // Hangul syllables: particles attach to names ("연합뉴스는")
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // CJK ext B..
}

/// A character that continues a word in a spaced script.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_unspaced_script(c)
}

/// Phrases that, just before an ambiguous name, make it an attribution: "according to RT", "laut
/// Welt", "据财经". Compared in lower case, on word boundaries (CJK cues need none). A descriptor such as
/// "newspaper" or "Zeitung" also lets a name follow a capitalised word (see `glued`).
const CUES_BEFORE: &[&str] = &[
    // English
    "according to", "told", "in an interview with", "interview with", "wrote in", "writing in", "via", "per",
    "reported by", "cited by", "quoted by", "published by", "published in", "a report by", "a report from",
    "report by", "reporting by", "speaking to", "speaking with", "said in", "citing", "broadcaster",
    "news agency", "agency", "newspaper", "daily", "magazine", "weekly", "outlet", "channel", "network",
    "state media", "state broadcaster", "tabloid", "website", "news site", "journal",
    // German
    "laut", "berichtet", "berichtete", "meldet", "meldete", "schreibt", "schrieb", "sagte", "gegenüber",
    "nachrichtenagentur", "agentur", "zeitung", "tageszeitung", "wochenzeitung", "boulevardzeitung",
    "magazin", "nachrichtenmagazin", "sender", "fernsehsender", "nachrichtensender", "portal", "blatt",
    // French, Spanish, Italian, Portuguese, Dutch, Polish
    "selon", "d'après", "a déclaré à", "a indiqué à", "a confié à", "interrogé par", "cité par", "quotidien",
    "journal", "hebdomadaire", "l'agence", "agence", "chaîne", "según", "de acuerdo con", "dijo a",
    "declaró a", "citado por", "diario", "periódico", "agencia", "cadena", "semanario", "secondo",
    "quotidiano", "agenzia", "segundo", "de acordo com", "disse à", "disse ao", "jornal", "agência",
    "emissora", "volgens", "krant", "dagblad", "omroep", "według", "dziennik", "gazeta", "agencja",
    // Russian, Ukrainian
    "сообщает", "сообщил", "сообщила", "сообщили", "по данным", "по сообщению", "по информации",
    "передает", "передаёт", "пишет", "со ссылкой на", "в интервью", "газета", "газеты", "агентство",
    "агентства", "телеканал", "телеканала", "издание", "издания", "повідомляє", "за даними",
    "за інформацією", "пише", "передає", "видання", "агенція",
    // Arabic, Persian, Turkish, Hindi
    "وفقا ل", "وفقاً ل", "بحسب", "حسب", "نقلا عن", "نقلاً عن", "صحيفة", "لصحيفة", "وكالة", "لوكالة",
    "وكالة أنباء", "قناة", "لقناة", "موقع", "ذكرت", "أفادت", "نقلت", "به گزارش", "به نقل از",
    "طبق گزارش", "خبرگزاری", "روزنامه", "شبکه", "gazetesi", "समाचार एजेंसी", "अखबार",
    // credits
    "©", "(c)", "foto:", "fotos:", "photo:", "photos:", "quelle:", "quellen:", "source:", "sources:", "credit:",
    "fuente:", "fonte:", "crédit:", "crédits:", "источник:", "фото:", "zdroj:", "źródło:", "kaynak:", "bron:",
    "mit material von", "mit material der", "with reporting by", "medien", "media", "zitiert", "zitierte",
    "berichteten", "meldeten", "schreiben", "schrieben", "sagte der", "sagte dem", "destacó", "señaló",
    "indicó", "informó", "publicó", "reportó", "agregó", "añadió", "precisó", "declaraciones a",
    "entrevista con", "web", "la web", "sitio", "rapporte", "indique", "précise", "souligne", "informou",
    "noticiou", "entrevista à", "entrevista ao", "diz", "disse", "afirma", "afirmou", "informa",
    "citada pela", "citado pelo", "citada pelo", "citado pela", "spoke to", "speaking to", "image:", "image",
    "skriver", "melder", "ifølge", "opplyser", "sier til", "sa til", "enligt", "uppger", "säger till",
    "siger til", "oplyser", "ifølge", "volgens", "publié par", "publiée par", "diffusé par", "rapporté par",
    "telegiornale", "newscast", "noticiero", "telediario",
    "사진=", "사진 =", "출처=", "출처:", "자료=", "제공=",
    // Chinese, Japanese, Korean (no word boundary needed)
    "据", "據", "援引", "来源：", "来源:", "來源：", "转载自", "轉載自",
];

/// Words that, just after an ambiguous name, make it an attribution: "RT reported", "Welt
/// berichtet", "财经报道". A cue that starts with an apostrophe attaches to the name ("RT's",
/// Turkish "Sabah'a göre"); CJK cues follow with no space; the others after a space or a comma.
const CUES_AFTER: &[&str] = &[
    "'s ", "'s\u{a0}", "'a göre", "'e göre", "'ya göre", "'ye göre", "'nın", "'nin", "'ın", "'in",
    "reported", "reports", "said", "says", "wrote", "writes", "quoted", "cited", "published", "broadcast",
    "aired", "news agency", "reporter", "correspondent", "journalist", "editor", "columnist", "newspaper",
    "television", "channel", "interview", "report", "berichtet", "berichtete", "berichten", "meldet",
    "meldete", "schreibt", "schrieb", "zufolge", "rapporte", "a rapporté", "indique", "écrit", "révèle",
    "informó", "informa", "publicó", "reportó", "señaló", "riporta", "scrive", "ha riferito", "informou",
    "noticiou", "publicou", "meldt", "meldde", "schrijft", "podaje", "podał", "poinformował", "informuje",
    "pisze", "сообщает", "сообщил", "сообщило", "сообщила", "пишет", "передает", "передаёт", "повідомляє",
    "пише", "передає", "gazetesi", "ajansı", "muhabiri", "के अनुसार", "की रिपोर्ट", "ने बताया",
    "报道", "報道", "报导", "報導", "消息", "称", "稱", "记者", "記者", "电", "電", "讯", "訊", "发布", "發布",
    "刊文", "社论", "社論", "によると", "が報じ", "は報じ", "の報道", "에 따르면", "보도", "기자",
];

/// Particles that attach to a noun in Korean.
const KOREAN_PARTICLES: &[&str] = &["는", "은", "이", "가", "와", "과", "의", "에서", "에", "도", "를", "을", "측"];

/// Newsroom words after a possessive that make it the outlet's: "The Hill's reporter".
const POSSESSED: &[&str] = &[
    "reporter", "report", "correspondent", "editor", "journalist", "columnist", "coverage", "story", "stories",
    "investigation", "interview", "website", "newsroom", "analysis", "article", "podcast", "anchor", "staff",
    "bureau", "poll", "survey", "review", "critic", "headline", "front page", "editorial", "op-ed",
];

/// Quotation marks around a name make it a title: «Le Monde», „Welt“, 《财经》.
const QUOTES: &[(char, char)] = &[
    ('"', '"'), ('\u{201C}', '\u{201D}'), ('\u{201E}', '\u{201C}'), ('\u{201E}', '\u{201D}'), ('\u{AB}', '\u{BB}'),
    ('\u{BB}', '\u{AB}'), ('\u{300A}', '\u{300B}'), ('\u{300C}', '\u{300D}'), ('\u{300E}', '\u{300F}'),
    ('\u{2039}', '\u{203A}'),
];

/// Words that join a longer proper name around a short one: "Bank of New York", "Christ & Welt".
/// Only for ambiguous forms: "Editor of Global Times" is still Global Times.
const NAME_JOINERS: &[&str] = &["&", "of", "de", "del", "des", "du", "di", "da", "do", "von", "van", "für", "for"];

/// "and" in a few languages: a common word after "Disease Control and" ends a longer name
/// ("Centers for Disease Control and Prevention"). Only for ambiguous forms written in lower case
/// letters: "Reuters and AP" still cites AP.
const AND_JOINERS: &[&str] = &["and", "und", "et", "y", "e", "en", "og", "och"];

/// Newsroom desks: "Health correspondent", "Science editor" name a beat, not the magazines
/// Health or Science, though "correspondent" after a name is otherwise a cue ("a Reuters correspondent").
const DESKS: &[&str] = &[
    "health", "science", "business", "sport", "sports", "technology", "tech", "politics", "political", "money",
    "travel", "culture", "arts", "fashion", "style", "education", "environment", "climate", "economics",
    "economy", "food", "wellness", "medical", "legal", "entertainment", "crime", "security", "defence",
    "defense", "energy", "motoring", "property", "diplomatic", "royal", "social", "world", "foreign", "home",
    "finance", "markets", "media", "prevention",
];
const DESK_ROLES: &[&str] = &[
    "correspondent", "correspondents", "editor", "editors", "reporter", "reporters", "writer", "writers",
    "columnist", "columnists", "desk", "team", "section",
];

/// "Health correspondent": an ambiguous common word naming a beat, followed by a newsroom role.
fn desk(text: &str, start: usize, end: usize) -> bool {
    let matched = text[start..end].to_lowercase();
    DESKS.contains(&matched.as_str()) && word_after(text, end).is_some_and(|w| DESK_ROLES.contains(&w.to_lowercase().trim_end_matches([',', '.', ';', ':'])))
}

/// Capitalised words after a name that do not make it part of a longer name ("told Reuters Monday").
const NOT_NAME_CONTINUATIONS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "i",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar",
    "märz", "mai", "juni", "juli", "oktober", "dezember",
];

/// Articles that may stand between a cue and the name: "according to the", "laut der", "selon le".
const ARTICLES_BEFORE: &[&str] = &[
    " the", " der", " die", " das", " dem", " den", " des", " le", " la", " les", " l'", " el", " los",
    " las", " il", " lo", " o", " a", " os", " as", " de", " het",
];

impl Scanner {
    /// Compiles the automaton over every outlet's text forms (what `masthead build` stores).
    pub fn compile(dataset: &Dataset) -> ScannerTables {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut by_text: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, e) in dataset.entities.iter().enumerate() {
            if e.kind != Kind::Outlet {
                continue;
            }
            for (form, ambiguous) in text_forms(e) {
                // A one-letter form ("i", the British daily) would be a candidate at every other word;
                // even with a cue it is too weak to mark. Links and domains still find such outlets.
                if form.chars().count() < 2 {
                    continue;
                }
                let folded = fold_apostrophes(&form);
                // One pattern per apostrophe spelling keeps byte offsets true to the original text.
                let mut variants = vec![folded.clone()];
                if folded.contains('\'') {
                    variants.push(folded.replace('\'', "\u{2019}"));
                }
                for v in variants {
                    by_text.entry(v.clone()).or_default().push(patterns.len() as u32);
                    texts.push(v);
                    patterns.push(Pattern { entity: i as u32, form: if ambiguous { Form::Ambiguous } else { Form::Name } });
                }
            }
        }
        let mut shared = vec![Vec::new(); patterns.len()];
        for ids in by_text.values().filter(|ids| ids.len() > 1) {
            for &id in ids {
                shared[id as usize] = ids.clone();
            }
        }
        ScannerTables { automaton: Automaton::build(&texts), patterns, shared }
    }

    /// A scanner from compiled tables (checked by the caller) and the dataset they belong to.
    pub fn from_tables(tables: ScannerTables, dataset: &Dataset) -> Scanner {
        let mut hosts = HashMap::new();
        for (i, e) in dataset.entities.iter().enumerate() {
            if e.kind == Kind::Outlet {
                for d in e.domains.iter().filter(|d| !d.contains('/')) {
                    hosts.insert(d.clone(), i as u32);
                }
            }
        }
        let host_labels = hosts.keys().map(|h| crate::host::label_count(h)).max().unwrap_or(0);
        Scanner { tables, hosts, host_labels }
    }

    /// Compiles and loads in one step (after edits, or for a dataset that did not come from a bundle).
    pub fn build(dataset: &Dataset) -> Scanner {
        Scanner::from_tables(Scanner::compile(dataset), dataset)
    }

    pub fn pattern_count(&self) -> usize {
        self.tables.patterns.len()
    }

    /// Finds the outlets a text cites. `linked` holds entities the page links to: it unlocks their
    /// ambiguous aliases without an attribution cue.
    pub fn scan(&self, text: &str, linked: &HashSet<usize>) -> Vec<Mention> {
        let notices = LazyNotices::new(text);
        let mut candidates: Vec<Mention> = self.domains_in(text, &notices);

        // Spans of names found glued into a longer name: a shorter name inside one is no citation
        // either ("Inter TV Rural" is a programme, so its "Inter" is not the channel).
        let mut glued_spans: Vec<(usize, usize)> = Vec::new();
        let t = &self.tables;
        t.automaton.find_overlapping(text.as_bytes(), |hit| {
            let (start, end) = (hit.start, hit.end);
            // A pattern is whole UTF-8 text, so a match that is not on char boundaries cannot happen
            // in valid UTF-8; the check keeps slicing below panic-free regardless.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) || !word_boundaries(text, start, end) {
                return;
            }
            let pattern = &t.patterns[hit.pattern];
            let entity = pattern.entity as usize;
            let matched = &text[start..end];
            // Short CJK names (港台, 财经) sit inside longer words as often as they stand alone.
            let weak = pattern.form == Form::Ambiguous || (starts_unspaced(matched) && matched.chars().count() <= 2);
            if glued(text, start, end, weak, pattern.form == Form::Name) {
                glued_spans.push((start, end));
                return;
            }
            let accepted = match pattern.form {
                Form::Domain => false,
                Form::Name => true,
                // A link to the outlet elsewhere on the page unlocks an acronym ("RT") or a shared
                // name ("The Guardian"), never a common word: a page that links to welt.de still
                // says "in der Welt" of the world.
                Form::Ambiguous => {
                    let shared = !t.shared[hit.pattern].is_empty();
                    let acronym = is_all_caps_word(matched);
                    let unlocked = linked.contains(&entity) && (shared || acronym);
                    unlocked || (!shared && has_cue(text, start, end) && !desk(text, start, end))
                }
            };
            // Checked last: it reads the line around the name, which most hits never need.
            if accepted && !notices.own(start, end) {
                candidates.push(Mention { start, end, entity, form: pattern.form });
            }
        });
        let glued = GluedSpans::new(glued_spans);
        candidates.retain(|m| !glued.strictly_contain(m.start, m.end));
        resolve_overlaps(candidates)
    }

    /// Bare domains and URLs: host-like tokens around each dot, looked up suffix by suffix, so
    /// `www.rt.com` is RT and `art.com` or `rt.com.example.org` are not.
    fn domains_in(&self, text: &str, notices: &LazyNotices) -> Vec<Mention> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut resume = 0;
        for dot in memchr::memchr_iter(b'.', bytes) {
            if dot < resume || dot == 0 || dot + 1 >= bytes.len() {
                continue;
            }
            if !is_host_byte(bytes[dot - 1]) || !bytes[dot + 1].is_ascii_alphabetic() {
                continue;
            }
            let mut start = dot;
            while start > 0 && (is_host_byte(bytes[start - 1]) || bytes[start - 1] == b'.') {
                start -= 1;
            }
            let mut end = dot + 1;
            while end < bytes.len() && (is_host_byte(bytes[end]) || bytes[end] == b'.') {
                end += 1;
            }
            resume = end;
            // "editor@rt.com" is an e-mail address; sentence-ending dots are not part of the host.
            if start > 0 && bytes[start - 1] == b'@' {
                continue;
            }
            while start < end && bytes[start] == b'.' {
                start += 1;
            }
            while end > start && bytes[end - 1] == b'.' {
                end -= 1;
            }
            // A token longer than any host is no host: skipped before it is copied.
            if end - start > crate::host::MAX_HOST_LEN {
                continue;
            }
            let host = text[start..end].to_ascii_lowercase();
            let entity = crate::host::key_suffixes(&host, self.host_labels).find_map(|s| self.hosts.get(s).copied());
            if let Some(entity) = entity.filter(|_| !notices.own(start, end)) {
                found.push(Mention { start, end, entity: entity as usize, form: Form::Domain });
            }
        }
        found
    }
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Longest wins among overlapping candidates ("People's Daily Press" over "People's Daily"), then the
/// leftmost. Output is sorted by position.
/// On the very same span, an outlet the page links to beats the outlet that owns the text by default.
/// O(n log n) (comparing each candidate with every chosen span cost 110× prose per byte on
/// "Reuters said. " × 100,000).
fn resolve_overlaps(mut candidates: Vec<Mention>) -> Vec<Mention> {
    // Names rarely overlap: split the candidates into runs of overlapping spans, keep lone spans as
    // they are, and settle only the runs (a BTreeMap for every candidate was a third of the time on
    // name-dense text).
    candidates.sort_by_key(|m| (m.start, m.end));
    let mut out = Vec::with_capacity(candidates.len());
    let mut run: Vec<Mention> = Vec::new();
    let mut run_end = 0;
    for c in candidates {
        if !run.is_empty() && c.start >= run_end {
            settle_run(&mut run, &mut out);
        }
        run_end = if run.is_empty() { c.end } else { run_end.max(c.end) };
        run.push(c);
    }
    settle_run(&mut run, &mut out);
    out
}

/// Chooses among a run of overlapping spans, longest first, then leftmost; appends them in order.
fn settle_run(run: &mut Vec<Mention>, out: &mut Vec<Mention>) {
    if run.len() == 1 {
        out.append(run);
        return;
    }
    let linked_first = |m: &Mention| if m.form == Form::Ambiguous { 0 } else { 1 };
    run.sort_by(|a, b| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(linked_first(a).cmp(&linked_first(b)))
    });
    // Which bytes of the run are taken: a candidate is checked and marked byte by byte, so a run
    // costs the total length of its candidates (names are short), whatever their number.
    let base = run.iter().map(|m| m.start).min().unwrap_or(0);
    let end = run.iter().map(|m| m.end).max().unwrap_or(0);
    let mut taken = vec![false; end - base];
    let mut chosen: Vec<Mention> = Vec::new();
    for c in run.drain(..) {
        let span = &mut taken[c.start - base..c.end - base];
        if !span.is_empty() && !span.iter().any(|&t| t) {
            span.fill(true);
            chosen.push(c);
        }
    }
    chosen.sort_unstable_by_key(|m| m.start);
    out.extend(chosen);
}

/// Spans of names glued into longer names, for the question "is this candidate strictly inside one?"
/// in O(log n) per question.
struct GluedSpans {
    /// Sorted by (start, end), without repeats.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl GluedSpans {
    fn new(mut spans: Vec<(usize, usize)>) -> GluedSpans {
        spans.sort_unstable();
        spans.dedup();
        let max_end = spans.iter().scan(0, |m, &(_, e)| { *m = (*m).max(e); Some(*m) }).collect();
        GluedSpans { spans, max_end }
    }

    /// Some span covers `start..end` and is not that very span.
    fn strictly_contain(&self, start: usize, end: usize) -> bool {
        // Spans starting before `start` cover it when one ends at or after `end`.
        let before = self.spans.partition_point(|&(s, _)| s < start);
        if before > 0 && self.max_end[before - 1] >= end {
            return true;
        }
        // Spans starting at `start` cover it when one ends after `end`; the last has the largest end.
        let at = self.spans.partition_point(|&(s, _)| s <= start);
        at > before && self.spans[at - 1].1 > end
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// In spaced scripts a match must not continue a word on either side: "Reuterstown" is not Reuters.
/// Where the match itself begins or ends in an unspaced script (CJK, Thai ...), that side needs nothing.
fn word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let first = char_after(text, start);
    let last = char_before(text, end);
    let left_ok = match (first, char_before(text, start)) {
        (Some(f), Some(prev)) if is_word_char(f) => !is_word_char(prev),
        _ => true,
    };
    let right_ok = match (last, char_after(text, end)) {
        (Some(l), Some(next)) if is_word_char(l) => !is_word_char(next),
        _ => true,
    };
    left_ok && right_ok
}

/// Is an ambiguous name at `start..end` used as an attribution? Looks at the words just before and
/// after it, at quotation marks around it, and at datelines such as "(Xinhua) --".
fn has_cue(text: &str, start: usize, end: usize) -> bool {
    cue_before(text, start)
        || cue_after(text, end)
        || quoted(text, start, end)
        || dateline(text, start, end)
        || closing_credit(text, start, end)
}

/// Words that say what kind of outlet follows; with one adjective between ("the German weekly Der
/// Spiegel", "le quotidien économique RBC", "the Russian news agency TASS") they still cue it.
const DESCRIPTORS: &[&str] = &[
    "newspaper", "daily", "weekly", "magazine", "tabloid", "broadcaster", "channel", "agency", "network",
    "outlet", "website", "zeitung", "tageszeitung", "wochenzeitung", "magazin", "sender", "agentur",
    "nachrichtenagentur", "quotidien", "hebdomadaire", "journal", "agence", "chaîne", "diario", "periódico",
    "semanario", "agencia", "cadena", "quotidiano", "settimanale", "agenzia", "jornal", "agência", "emissora",
    "gazeta", "dziennik", "tygodnik", "agencja", "газета", "агентство", "телеканал", "издание", "telegiornale",
    "newscast", "noticiero", "telediario",
];

fn cue_before(text: &str, start: usize) -> bool {
    if cue_before_here(text, start) {
        return true;
    }
    let window = window_before(text, start, 80);
    let base = start - window.len();
    let before = window.trim_end_matches([' ', '\u{a0}']);
    // One adjective between a descriptor and the name.
    if let Some((head, adjective)) = before.rsplit_once(' ') {
        let head = head.trim_end().to_lowercase();
        if !adjective.is_empty() && adjective.chars().all(char::is_alphabetic) && !is_capitalised(adjective) {
            if DESCRIPTORS.iter().any(|d| ends_with_word(&head, d)) {
                return true;
            }
        }
    }
    // A credit listing several agencies: "Foto: REUTERS, NTB", "Quelle: dpa, AFP".
    let mut at = before.len();
    for _ in 0..4 {
        let Some(list) = before[..at].strip_suffix(',') else { break };
        let Some((rest, word)) = list.rsplit_once(' ') else { break };
        if word.is_empty() || word.chars().any(char::is_lowercase) {
            break;
        }
        at = rest.len() + 1;
        if cue_before_here(text, base + at) {
            return true;
        }
    }
    false
}

fn cue_before_here(text: &str, start: usize) -> bool {
    // A photo or text credit: "John MacDougall/AFP", "© Reuters", "Foto: dpa".
    let raw = window_before(text, start, 64);
    let slash = raw.trim_end_matches(' ');
    if slash.ends_with('/') && slash[..slash.len() - 1].trim_end().ends_with(|c: char| c.is_alphanumeric()) {
        return true;
    }
    let before = raw.trim_end_matches([' ', '\u{a0}', ',', ':', '\t', '\n']);
    let lower = fold_apostrophes(before).to_lowercase();
    let lower = ARTICLES_BEFORE.iter().find_map(|a| lower.strip_suffix(a)).unwrap_or(&lower);
    CUES_BEFORE.iter().any(|c| {
        // `before` lost its trailing colon above: "Foto: PAP" ends with "foto".
        let c = c.strip_suffix(':').filter(|c| !c.is_empty() && !starts_unspaced(c)).unwrap_or(c);
        if starts_unspaced(c) { lower.ends_with(c) } else { ends_with_word(lower, c) }
    })
}

/// Marks of a site's own copyright notice. In Chinese and Korean ones the site names itself
/// ("版权归FT中文网所有", "ⓒ 매일경제 & mk.co.kr, 무단전재"); in others a site is named by its domain
/// ("Copyright © China.org.cn. All Rights Reserved"), while a wire agency named in a notice is the
/// source of a syndicated story ("Copyright 2019 The Associated Press") and still counts.
const OWN_NOTICES: &[&str] = &["版权归", "版權歸", "版权所有", "版權所有", "版权声明", "무단전재", "무단 전재"];
const RIGHTS_NOTICES: &[&str] = &["rights reserved", "copyright", "©", "ⓒ", "Ⓒ"];

/// Where the notice marks are around the names of a text. Marks are searched a region at a time and
/// the last region is kept: names come in text order, so each byte is searched about once however
/// dense the names are. (Reading the 800 bytes around every name cost 30× prose per byte on
/// "Reuters said. " × 75,000; searching the whole text up front cost a quarter of a prose scan.)
struct LazyNotices<'t> {
    text: &'t str,
    cache: std::cell::RefCell<NoticeRegion>,
}

#[derive(Default)]
struct NoticeRegion {
    from: usize,
    to: usize,
    /// For each mark of `OWN_NOTICES` then `RIGHTS_NOTICES`, the sorted starts of its occurrences
    /// inside `from..to`, compared without regard to ASCII case.
    starts: Vec<Vec<usize>>,
}

/// The char boundary at or before `at` (at most the text's end).
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at` (at most the text's end).
fn ceil_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Bytes searched at once: about two lines' windows, so sparse names do not pay for much more.
const NOTICE_REGION: usize = 2048;

impl<'t> LazyNotices<'t> {
    fn new(text: &'t str) -> Self {
        LazyNotices { text, cache: Default::default() }
    }

    /// Is the name at `start..end` the page's own copyright notice naming its site? The same line,
    /// as [`line_around`] bounds it, must hold an own-notice mark, or a rights mark for a domain.
    fn own(&self, start: usize, end: usize) -> bool {
        let text = self.text;
        // The widest the line can be; the marks are searched in a region covering it.
        let (wide_from, wide_to) = (floor_char(text, start.saturating_sub(LINE_WINDOW)), ceil_char(text, end + LINE_WINDOW));
        let mut region = self.cache.borrow_mut();
        if !(region.from <= wide_from && wide_to <= region.to) || region.starts.is_empty() {
            let until = ceil_char(text, wide_to.max(wide_from + NOTICE_REGION));
            // std's substring search, not memchr's memmem: the same speed here, 20 KB less WebAssembly.
            let lower = text[wide_from..until].to_ascii_lowercase();
            region.starts = OWN_NOTICES
                .iter()
                .chain(RIGHTS_NOTICES)
                .map(|mark| lower.match_indices(mark).map(|(i, _)| wide_from + i).collect())
                .collect();
            (region.from, region.to) = (wide_from, until);
        }
        let domain = text[start..end].contains('.');
        let wanted = |i: usize| i < OWN_NOTICES.len() || domain;
        let near = |starts: &Vec<usize>, from: usize| starts.get(starts.partition_point(|&s| s < from)).copied();
        // Most names have no mark anywhere near: then the line need not be found at all.
        if !region.starts.iter().enumerate().any(|(i, starts)| wanted(i) && near(starts, wide_from).is_some_and(|s| s < wide_to)) {
            return false;
        }
        let (before, after) = line_around(text, start, end);
        let (from, to) = (start - before.len(), end + after.len());
        let marks = OWN_NOTICES.iter().chain(RIGHTS_NOTICES).zip(&region.starts).enumerate();
        marks.filter(|(i, _)| wanted(*i)).any(|(_, (mark, starts))| {
            // Occurrences of one mark share its length: the first at or after the line's start ends
            // soonest, so if it does not fit in the line none does.
            near(starts, from).is_some_and(|s| s + mark.len() <= to)
        })
    }
}

/// "... into the US. PTI", "GP de Qatar.AFP": an acronym that closes its paragraph after a sentence.
fn closing_credit(text: &str, start: usize, end: usize) -> bool {
    let (_, line_rest) = line_around(text, start, end);
    // Three letters at least: "2:01 p.m. ET" is a time zone.
    is_all_caps_word(&text[start..end])
        && text[start..end].chars().count() >= 3
        && line_rest.trim_matches([' ', '\u{a0}', '.', ')']).is_empty()
        && text[..start].trim_end_matches([' ', '\u{a0}']).ends_with('.')
}

fn cue_after(text: &str, end: usize) -> bool {
    let after = fold_apostrophes(window_after(text, end, 40)).to_lowercase();
    // A source with its date: "Le Monde 14/10/2019", "Süddeutsche Zeitung 27.12.2017".
    let date: String = after.trim_start_matches([' ', ',', '\u{a0}']).chars().take(10).collect();
    let named = window_before(text, end, WORD_WINDOW).rsplit(' ').next().is_some_and(|w| w.chars().any(char::is_lowercase));
    if named && after.starts_with([' ', ',']) && date.len() >= 8 && date.chars().all(|c| c.is_ascii_digit() || "./-".contains(c)) && date.contains(['.', '/', '-']) {
        return true;
    }
    // "PAP/ Rafał Guz": a credit before the photographer's name.
    if let Some(credit) = after.strip_prefix('/') {
        let words: Vec<&str> = credit.split_whitespace().take(2).collect();
        if words.len() == 2 && words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
            return true;
        }
    }
    // "RT's", "Variety's report": a possessive says little of a common word ("Time's up", "New
    // York's mayor"), so only an acronym's, or one followed by a newsroom word, counts.
    if after.starts_with("'s") && !after[2..].starts_with(|c: char| c.is_alphanumeric()) {
        let matched = window_before(text, end, WORD_WINDOW);
        let acronym = matched.rsplit(|c: char| c.is_whitespace()).next().is_some_and(is_all_caps_word);
        let rest = after[2..].trim_start();
        // Whole words: "Today's headlines" is the day's, not NBC's.
        let possessed = POSSESSED.iter().any(|w| rest.strip_prefix(w).is_some_and(|r| !r.starts_with(char::is_alphanumeric)));
        return acronym || possessed;
    }
    // A programme or publication title in brackets after the name: "MBC <숨바꼭질>", "央视《新闻联播》".
    if after.trim_start_matches(' ').starts_with(['<', '〈', '《', '＜']) {
        return true;
    }
    // Korean particles on a Latin name ("MBC와 SBS는", "KBS가"): the name is a noun of the sentence.
    if text[..end].ends_with(|c: char| c.is_ascii_uppercase()) && KOREAN_PARTICLES.iter().any(|p| after.starts_with(p)) {
        return true;
    }
    let words = after.trim_start_matches([' ', '\u{a0}', ',']);
    let spaced = words.len() < after.len();
    CUES_AFTER.iter().any(|c| {
        if c.starts_with('\'') {
            after.starts_with(c) && !after[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
        } else if starts_unspaced(c) {
            words.starts_with(c)
        } else {
            spaced && words.starts_with(c) && !words[c.len()..].starts_with(|ch: char| ch.is_alphanumeric())
        }
    })
}

/// «Le Monde», „Welt“, 《财经》, "The Nation": the name alone between a pair of quotation marks.
fn quoted(text: &str, start: usize, end: usize) -> bool {
    let inner = [' ', '\u{a0}', '\u{202f}'];
    let open = text[..start].trim_end_matches(inner).chars().next_back();
    let close = text[end..].trim_start_matches(inner).chars().next();
    match (open, close) {
        (Some(open), Some(close)) => QUOTES.iter().any(|&(o, c)| o == open && c == close),
        _ => false,
    }
}

/// "MOSCOW (RT) -- The", "(Xinhua) —", "Jan 13 (ANI): ...", and a credit closing a paragraph
/// "... Trump. (ANSA)."
fn dateline(text: &str, start: usize, end: usize) -> bool {
    if char_before(text, start) != Some('(') {
        return false;
    }
    let Some(rest) = window_after(text, end, 8).strip_prefix(')') else { return false };
    if rest.trim_start().starts_with(['-', '—', '–']) {
        return true;
    }
    // "Jan 13 (ANI):", "ISLAMABAD (APP):", but not "Rodney Solognier (SPA):", a party.
    if rest.starts_with(':') {
        let before = text[..start - 1].trim_end();
        let last_word = before.rsplit(' ').next().unwrap_or("");
        return before.ends_with(|c: char| c.is_ascii_digit()) || is_all_caps_word(last_word);
    }
    let opens_sentence = sentence_start(text, start - 1);
    let closes_line = rest.trim_start_matches('.').trim_start_matches([' ', '\u{a0}']).is_empty()
        || rest.trim_start_matches('.').starts_with('\n');
    opens_sentence && closes_line
}

fn starts_unspaced(s: &str) -> bool {
    s.chars().next().is_some_and(is_unspaced_script)
}

/// Is the match part of a longer name rather than a name of its own? "COMPUTER BILD", "Christ &
/// Welt", "Bank of New York", "Michael Bloomberg", "Post-Standard", "Al Jazeera Film Festival", and in
/// CJK "新浪财经". `weak` (ambiguous forms) also counts a hyphen compound after the name
/// ("Time-limited") and any CJK neighbour; a distinctive name keeps its compounds ("Reuters-Bericht").
fn glued(text: &str, start: usize, end: usize, weak: bool, name: bool) -> bool {
    let (Some(first), Some(last)) = (char_after(text, start), char_before(text, end)) else { return false };
    if is_unspaced_script(first) || is_unspaced_script(last) {
        return cjk_glued(text, start, end, first, last, name, weak);
    }
    let before = &text[..start];
    let after = &text[end..];
    // Hyphen compounds: "LIMITED-TIME", "Post-Standard".
    let is_hyphen = |c: char| matches!(c, '-' | '\u{2010}' | '\u{2011}');
    let mut back = before.chars().rev();
    if back.next().is_some_and(is_hyphen) && back.next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    let mut fwd = after.chars();
    let next = fwd.next();
    if weak && next.is_some_and(is_hyphen) && fwd.next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    // "Bild: Hafen", "Mehr:": a common word as a label.
    if weak && next == Some(':') && matched_has_lowercase(&text[start..end]) && !told(text, start) {
        return true;
    }
    let matched = &text[start..end];
    let all_caps = is_all_caps_word(matched);
    // The word before, if only a space separates it from the name. A name that begins with an
    // article ("Le Figaro", "The Guardian") starts a noun phrase of its own.
    let starts_with_article = matched.split_once(' ').is_some_and(|(first, _)| is_article(first));
    let prev = word_before(text, start).filter(|_| !starts_with_article);
    let next = word_after(text, end);
    let and_joined = weak && matched_has_lowercase(matched);
    let capital = |w: &str| is_capitalised(w) || w == "&" || NAME_JOINERS.contains(&w) || (and_joined && AND_JOINERS.contains(&w));
    // Most names stand between small words: nothing more to look at (and nothing to allocate).
    if !prev.is_some_and(|(w, _)| capital(w)) && !next.is_some_and(is_capitalised) {
        return false;
    }
    // In a title-case headline ("How Fox News Women Took Down Roger Ailes") capitals say nothing.
    if !weak && title_case_line(text, start, end) {
        return false;
    }
    let cue = cue_before(text, start);
    if let Some((prev, prev_start)) = prev {
        // "Deutschland? Süddeutsche Zeitung", "DPA, Reuters": punctuation ends the longer name.
        let closed = prev != "&" && prev.ends_with(|c: char| !c.is_alphanumeric());
        let joined_by = weak && NAME_JOINERS.iter().any(|j| prev == *j);
        let and_before = and_joined && AND_JOINERS.contains(&prev);
        let glued_before = if joined_by {
            word_before(text, prev_start).is_some_and(|(name_word, _)| is_capitalised(name_word))
        } else if and_before {
            // "Disease Control and Prevention", but "CNN and Health": an acronym before "and" is
            // more often a name of its own.
            word_before(text, prev_start).is_some_and(|(w, _)| is_capitalised(w) && !is_all_caps_word(w))
        } else {
            (all_caps && is_all_caps_word(prev))
                || (is_capitalised(prev) && !is_article(prev) && !sentence_start(text, prev_start) && !cue)
        };
        if !closed && glued_before {
            return true;
        }
    }
    // The word after: "Bloomberg Philanthropies", "Al Jazeera Film Festival". After a cue, a
    // distinctive name keeps its place ("zitiert das Handelsblatt EPI-Chefin ...").
    if let Some(next) = next.filter(|_| weak || !cue) {
        let lower = next.to_lowercase();
        let cue_word = CUES_AFTER.iter().any(|c| !c.starts_with('\'') && lower.starts_with(c));
        if (is_capitalised(next) || (all_caps && is_all_caps_word(next))) && !cue_word && !NOT_NAME_CONTINUATIONS.contains(&lower.as_str()) {
            return true;
        }
    }
    false
}

/// Is the line around `start..end` written in title case (most of its longer words capitalised)?
fn title_case_line(text: &str, start: usize, end: usize) -> bool {
    // The name's own words do not count: "Les Membres du Choeur de Radio France" is no headline.
    let (before, after) = line_around(text, start, end);
    let rest = format!("{before} {after}");
    let words: Vec<&str> = rest.split_whitespace().filter(|w| w.chars().count() >= 4).collect();
    let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
    words.len() >= 4 && capitalised * 4 >= words.len() * 3
}

/// "told Variety: ...", "said to The Sun: ...": a quotation given to the outlet.
fn told(text: &str, start: usize) -> bool {
    let before = window_before(text, start, 40).trim_end().to_lowercase();
    let before = ARTICLES_BEFORE.iter().find_map(|a| before.strip_suffix(a)).unwrap_or(&before);
    ["told", "telling", "said to", "sagte", "dijo a", "a déclaré à", "disse à", "disse ao", "newspaper", "magazine"]
        .iter()
        .any(|c| ends_with_word(before, c))
}

fn matched_has_lowercase(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// The word just before `at`, separated from it by exactly one space, with its start.
/// Both look at most `WORD_WINDOW` bytes away, so that text without spaces costs no more per name.
fn word_before(text: &str, at: usize) -> Option<(&str, usize)> {
    let window = window_before(text, at, WORD_WINDOW);
    let base = at - window.len();
    let before = window.strip_suffix(' ').or_else(|| window.strip_suffix('\u{a0}'))?;
    let start = before.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    (!word.is_empty()).then_some((word, base + start))
}

const WORD_WINDOW: usize = 64;

/// The word just after `at`, separated from it by exactly one space.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let after = window_after(text, at, WORD_WINDOW);
    let after = after.strip_prefix(' ').or_else(|| after.strip_prefix('\u{a0}'))?;
    let end = after.find(|c: char| c.is_whitespace()).unwrap_or(after.len());
    let word = &after[..end];
    (!word.is_empty()).then_some(word)
}

/// "The", "Die", "Le": an article is no part of a longer name ("told The Global Times").
fn is_article(word: &str) -> bool {
    let lower = format!(" {}", word.to_lowercase());
    ARTICLES_BEFORE.contains(&lower.as_str())
}

/// "Thomson", "Film", "COMPUTER": a word that starts with a capital letter.
fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "COMPUTER", "BILD": two or more capitals and no small letters (scripts without case never are).
fn is_all_caps_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// Does the word at `at` begin a sentence (or a line, a heading, a quotation)? Then its capital says
/// nothing about a longer name.
fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '\t' | '"' | '\u{201C}' | '\u{201E}' | '\u{AB}' | '(' | '[' | '—' | '–' | '-' | '|' | '•' | '·'),
    }
}

/// A CJK name inside a longer run of CJK text ("新浪财经", "财经新闻") is a word of that run, unless
/// a cue sits right beside it (据财经报道, 《财经》). A short name that is no common word keeps its
/// newsroom compounds ("央视网", "央视新闻", "央视主播").
fn cjk_glued(text: &str, start: usize, end: usize, first: char, last: char, name: bool, weak: bool) -> bool {
    let prev = char_before(text, start);
    let next = char_after(text, end);
    let ideograph = |c: Option<char>| c.is_some_and(|c| is_unspaced_script(c) && c.is_alphanumeric());
    let newsroom = name && CJK_NEWSROOM.iter().any(|w| text[end..].starts_with(w));
    // "南方日报出版社" is a publishing house; "中国青年报主管" is a site's statutory sponsor line.
    if CJK_LONGER_NAME.iter().any(|w| text[end..].starts_with(w)) {
        return true;
    }
    if !weak {
        return false;
    }
    let left = is_unspaced_script(first) && ideograph(prev) && !cue_before(text, start);
    let right = is_unspaced_script(last) && ideograph(next) && !cue_after(text, end) && !newsroom;
    left || right
}

/// What turns a CJK name into another organisation's, or into a site's own sponsor notice.
const CJK_LONGER_NAME: &[&str] = &[
    "出版社", "集团", "集團", "有限公司", "公司", "大厦", "大廈", "大楼", "大樓", "报业", "報業", "主办", "主辦", "主管",
];

/// What follows a broadcaster's or paper's short name in its own compounds.
const CJK_NEWSROOM: &[&str] = &["网", "網", "新闻", "新聞", "主播", "记者", "記者", "频道", "頻道", "节目", "節目", "调查", "評論", "评论", "报道", "報道"];

fn ends_with_word(haystack: &str, cue: &str) -> bool {
    haystack.ends_with(cue)
        && haystack[..haystack.len() - cue.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// The same line's text on each side of `start..end`, at most `LINE_WINDOW` bytes each way: every
/// check per candidate stays bounded, so a page of one endless line costs linear time.
const LINE_WINDOW: usize = 400;

fn line_around(text: &str, start: usize, end: usize) -> (&str, &str) {
    let before = window_before(text, start, LINE_WINDOW);
    let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let after = window_after(text, end, LINE_WINDOW);
    let after = after.find('\n').map_or(after, |i| &after[..i]);
    (before, after)
}

fn window_before(text: &str, at: usize, bytes: usize) -> &str {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

fn window_after(text: &str, at: usize, bytes: usize) -> &str {
    let mut to = (at + bytes).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quadratic versions these replaced, kept as the reference the fast ones must agree with.
    fn resolve_naive(mut candidates: Vec<Mention>) -> Vec<Mention> {
        let linked_first = |m: &Mention| if m.form == Form::Ambiguous { 0 } else { 1 };
        candidates.sort_by(|a, b| {
            (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(linked_first(a).cmp(&linked_first(b)))
        });
        let mut chosen: Vec<Mention> = Vec::new();
        for c in candidates {
            if !chosen.iter().any(|k| c.start < k.end && k.start < c.end) {
                chosen.push(c);
            }
        }
        chosen.sort_by_key(|m| m.start);
        chosen
    }

    #[test]
    fn fast_overlap_resolution_agrees_with_the_naive_one() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..2_000 {
            let n = next(30);
            let spans: Vec<(usize, usize)> = (0..n).map(|_| { let s = next(60); (s, s + 1 + next(12)) }).collect();
            let mentions: Vec<Mention> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, end))| Mention { start, end, entity: i, form: if next(2) == 0 { Form::Name } else { Form::Ambiguous } })
                .collect();
            assert_eq!(resolve_overlaps(mentions.clone()), resolve_naive(mentions.clone()), "round {round}");
            let glued: Vec<(usize, usize)> = (0..next(8)).map(|_| { let s = next(60); (s, s + 1 + next(20)) }).collect();
            let index = GluedSpans::new(glued.clone());
            for m in &mentions {
                let naive = glued.iter().any(|&(s, e)| s <= m.start && m.end <= e && (s, e) != (m.start, m.end));
                assert_eq!(index.strictly_contain(m.start, m.end), naive, "round {round}: {m:?} in {glued:?}");
            }
        }
    }

    #[test]
    fn boundaries() {
        assert!(word_boundaries("by Reuters.", 3, 10));
        assert!(!word_boundaries("Reuterstown", 0, 7));
        assert!(word_boundaries("据环球时报报道", 3, 15));
    }

    #[test]
    fn cues() {
        let at = |t: &str, name: &str| {
            let s = t.find(name).unwrap();
            has_cue(t, s, s + name.len())
        };
        assert!(at("according to RT, the", "RT"));
        assert!(at("he told RT in", "RT"));
        assert!(at("RT reported that", "RT"));
        assert!(at("RT's editor", "RT"));
        assert!(at("RT’s editor", "RT"));
        assert!(at("MOSCOW (RT) -- The", "RT"));
        assert!(at("in an interview with the Mint.", "Mint"));
        assert!(!at("RT @john: great game", "RT"));
        assert!(!at("fresh Mint leaves", "Mint"));
        assert!(at("RT said-so", "RT"));
        assert!(!at("RT saidx", "RT"));
    }
}
