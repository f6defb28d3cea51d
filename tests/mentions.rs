//! Citation rules for running text, table-driven.

mod common;
use common::{fixture_engine, scan_ids};

fn ids(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(_, id)| id.as_str()).collect()
}

#[test]
fn finds_names_and_aliases_in_every_script() {
    let engine = fixture_engine();
    let cases: &[(&str, &[&str])] = &[
        ("Wang Wenbin told reporters, according to Global Times.", &["global-times"]),
        ("据环球时报报道，", &["global-times"]),
        ("據環球時報報道", &["global-times"]),
        ("BEIJING, Nov. 1 (Xinhua) -- China said", &["xinhua"]),
        ("新华社北京11月1日电", &["xinhua"]),
        ("как сообщает ТАСС, в Москве", &["tass"]),
        ("TASS reported", &["tass"]),
        ("Reuters and the Global Times disagreed.", &["reuters", "global-times"]),
        ("Russia Today said", &["rt"]),
    ];
    for (text, want) in cases {
        assert_eq!(ids(&scan_ids(&engine, text, &[])), *want, "{text}");
    }
}

#[test]
fn word_boundaries_and_case() {
    let engine = fixture_engine();
    let none: &[&str] = &[
        "Reuterstown is a town.",
        "the global times square crowd",
        "GlobalTimes",
        "XinhuaNet users",
        "preTASS",
        "Global Affairs Canada said on Monday",
    ];
    for text in none {
        assert_eq!(scan_ids(&engine, text, &[]), vec![], "{text}");
    }
    assert_eq!(ids(&scan_ids(&engine, "(Reuters) -", &[])), ["reuters"]);
    assert_eq!(ids(&scan_ids(&engine, "Reuters' report", &[])), ["reuters"]);
}

#[test]
fn apostrophes_and_longest_match() {
    let engine = fixture_engine();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("as People's Daily wrote", &[("People's Daily", "peoples-daily")]),
        ("as People’s Daily wrote", &[("People’s Daily", "peoples-daily")]),
        ("a People's Daily Press book", &[("People's Daily Press", "peoples-daily-press")]),
        ("a People’s Daily Press book", &[("People’s Daily Press", "peoples-daily-press")]),
        ("a People's Daily pressure campaign", &[("People's Daily", "peoples-daily")]),
        ("Global Times and Global News", &[("Global Times", "global-times"), ("Global News", "global-news")]),
    ];
    for (text, want) in cases {
        let got = scan_ids(&engine, text, &[]);
        let got: Vec<(&str, &str)> = got.iter().map(|(m, id)| (m.as_str(), id.as_str())).collect();
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn ambiguous_aliases_need_a_cue_or_a_link() {
    let engine = fixture_engine();
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("RT @john: great game", &[], &[]),
        ("RT", &[], &[]),
        ("according to RT, the strike", &[], &["rt"]),
        ("he told RT on Monday", &[], &["rt"]),
        ("RT reported that", &[], &["rt"]),
        ("RT's correspondent", &[], &["rt"]),
        ("MOSCOW (RT) -- The", &[], &["rt"]),
        ("RT @john: great game", &["rt"], &["rt"]),
        ("fresh Mint leaves", &[], &[]),
        ("in an interview with Mint, he", &[], &["mint"]),
        ("The Times they are a-changin'", &[], &[]),
        ("according to The Times,", &[], &["the-times"]),
        ("Global said", &[], &["global-news"]),
        ("Global warming", &[], &[]),
    ];
    for (text, linked, want) in cases {
        assert_eq!(ids(&scan_ids(&engine, text, linked)), *want, "{text} (linked {linked:?})");
    }
}

#[test]
fn shared_names_go_to_the_linked_outlet() {
    let engine = fixture_engine();
    // "The Guardian" belongs to the British paper unless the page links to the Charlottetown one.
    assert_eq!(ids(&scan_ids(&engine, "said The Guardian.", &[])), ["the-guardian"]);
    assert_eq!(ids(&scan_ids(&engine, "said The Guardian.", &["the-guardian-pei"])), ["the-guardian-pei"]);
    assert_eq!(ids(&scan_ids(&engine, "the Charlottetown Guardian", &[])), ["the-guardian-pei"]);
}

#[test]
fn bare_domains_and_urls_in_text() {
    let engine = fixture_engine();
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("see globaltimes.cn for more", &[("globaltimes.cn", "global-times")]),
        ("at https://www.globaltimes.cn/page/1.shtml today", &[("www.globaltimes.cn", "global-times")]),
        ("posted on rt.com.", &[("rt.com", "rt")]),
        ("art.com sells posters", &[]),
        ("rt.com.example.org is not RT", &[]),
        ("mail editor@rt.com", &[]),
    ];
    for (text, want) in cases {
        let got = scan_ids(&engine, text, &[]);
        let got: Vec<(&str, &str)> = got.iter().map(|(m, id)| (m.as_str(), id.as_str())).collect();
        assert_eq!(got, *want, "{text}");
    }
}

#[test]
fn offsets_are_byte_offsets_into_the_input() {
    let engine = fixture_engine();
    let text = "据环球时报报道 and Xinhua";
    let linked = Default::default();
    let found = engine.scan(text, &linked);
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].start..found[0].end], "环球时报");
    assert_eq!(found[0].start, 3);
    assert_eq!(&text[found[1].start..found[1].end], "Xinhua");
}

#[test]
fn common_words_and_short_acronyms_need_a_cue() {
    // tests/fixtures/data/common-words lists "mehr", "welt", "bild", "time", "财经", "العالم" ...; the
    // fixture outlets list those names as plain aliases, and the compiler makes them ambiguous.
    let engine = fixture_engine();
    let cases: &[(&str, &[&str])] = &[
        ("Mehr zum Thema: Zölle", &[]),
        ("according to Mehr, the talks", &["fx-mehr"]),
        ("ein Signal an die Welt", &[]),
        ("In der Welt des Handels", &[]),
        ("Laut Welt soll die Entscheidung", &["fx-welt"]),
        ("wie die „Welt“ schreibt", &["fx-welt"]),
        ("die Zeitung Welt berichtet", &["fx-welt"]),
        ("Bild: Der Hafen am Morgen", &[]),
        ("Die Welt meldete am Montag", &["fx-welt"]),
        ("ein großes Bild der Lage", &[]),
        ("Time is running out", &[]),
        ("in an interview with Time, she", &["fx-time"]),
        ("في العالم العربي", &[]),
        ("ذكرت قناة العالم الإيرانية", &["fx-alam"]),
        ("财经新闻显示", &[]),
        ("《财经》杂志的记者", &["fx-caijing"]),
        ("据财经报道，", &["fx-caijing"]),
        ("APP下载", &[]),
        ("ISLAMABAD (APP) -- Pakistan said", &["fx-app"]),
        ("on CNN tonight", &["fx-cnn"]),
        ("TASS said on Monday", &["tass"]),
        ("a TASS photo", &[]),
        ("RT @john: great game", &[]),
        // A beat, not the magazine: "correspondent" after a name is otherwise a cue.
        ("By Eleanor Hayward, Health correspondent for the paper", &[]),
        ("the Health editor said", &[]),
        ("in an interview with Health, she", &["fx-health"]),
        ("Health reported on Monday", &["fx-health"]),
        // A possessive counts for a common word only before a whole newsroom word.
        ("Time's headlines this week", &[]),
        ("Time's headline said", &["fx-time"]),
    ];
    for (text, want) in cases {
        assert_eq!(ids(&scan_ids(&engine, text, &[])), *want, "{text}");
    }
}

#[test]
fn a_name_inside_a_longer_name_is_not_a_citation() {
    let engine = fixture_engine();
    let cases: &[(&str, &[&str])] = &[
        ("COMPUTER BILD testete das Gerät", &[]),
        ("Christ & Welt kommentierte", &[]),
        ("a LIMITED-TIME offer", &[]),
        ("former mayor Michael Bloomberg said on Monday", &[]),
        ("the Bloomberg Philanthropies grant", &[]),
        ("Bloomberg reported that", &["fx-bloomberg"]),
        ("he told Bloomberg Tuesday", &["fx-bloomberg"]),
        ("Yesterday Bloomberg reported", &["fx-bloomberg"]),
        ("a Reuters Institute study", &[]),
        ("shares of Thomson Reuters rose", &[]),
        ("ein Reuters-Bericht zeigt", &["reuters"]),
        ("told The Global Times", &["global-times"]),
        ("新浪财经的数据", &[]),
        ("Global Times Editor Hu said", &["global-times"]),
        // "and" inside a longer name, for common words only (real page: the Chinese Center for
        // Disease Control and Prevention; the magazine is Prevention).
        ("the Center for Disease Control and Health said", &[]),
        ("Europa und Welt berichten", &[]),
        ("CNN and Health reported", &["fx-cnn", "fx-health"]),
        ("Reuters and TASS said", &["reuters", "tass"]),
    ];
    for (text, want) in cases {
        assert_eq!(ids(&scan_ids(&engine, text, &[])), *want, "{text}");
    }
}

#[test]
fn the_page_names_itself() {
    let engine = fixture_engine();
    let linked = Default::default();
    let own = masthead::site::OwnSite::new("www.example-news.test", "Global News Network", "Story - Global News Network");
    let text = "Global News Network: according to Global Times and Global said";
    let found: Vec<String> = engine.scan_page(text, &linked, &own).into_iter().map(|m| engine.entity(m.entity).id.clone()).collect();
    assert_eq!(found, ["global-times"], "the site's own name is not a citation; others are");
}

#[test]
fn credits_notices_and_other_cues_measured_on_real_pages() {
    let engine = fixture_engine();
    let cases: &[(&str, &[&str])] = &[
        // Credits: a list after a credit word, a photographer's slash, a closing credit.
        ("Foto: REUTERS, TASS", &["tass"]),
        ("John MacDougall/APP", &["fx-app"]),
        ("APP/ Rafał Guz", &["fx-app"]),
        ("(Photo Lionel Bonaventure. TASS)", &["tass"]),
        ("Published May 26, 2024, 2:01 p.m. RT", &[]),
        ("Jan 13 (APP): Over the holidays", &["fx-app"]),
        ("Rodney Solognier (APP): a party man", &[]),
        // A descriptor with an adjective between it and the name.
        ("the Russian news agency TASS.", &["tass"]),
        ("selon l'hebdomadaire allemand Welt.", &["fx-welt"]),
        // Quotation marks with spaces inside, possessives that say little.
        ("dans le quotidien « Welt ».", &["fx-welt"]),
        ("Time's up, he said", &[]),
        ("Time's report on the strike", &["fx-time"]),
        // Korean particles on a Latin name.
        ("주말 밤 TASS는 보도했다", &["tass"]),
        ("다만 TASS <숨바꼭질>은", &["tass"]),
        // CJK publishers and sponsor lines; a site's own notice.
        ("人民日报出版社", &[]),
        ("共青团中央主办 人民日报主管", &[]),
        ("据人民日报报道", &["peoples-daily"]),
        ("版权声明：本文版权归环球时报所有", &[]),
        ("Copyright © globaltimes.cn. All Rights Reserved", &[]),
        ("Copyright 2019 Reuters. All rights reserved.", &["reuters"]),
        // A source with its date.
        ("« Le blues », Welt 14/10/2019.", &["fx-welt"]),
    ];
    for (text, want) in cases {
        assert_eq!(ids(&scan_ids(&engine, text, &[])), *want, "{text}");
    }
}
