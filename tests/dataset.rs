//! The bundled dataset (data/): it validates, it does not silently shrink, and well-known chains from
//! every region come out right.

use masthead::labels::Label;
mod common;
use masthead::Engine;
use std::path::Path;

fn data() -> Engine {
    common::data_engine()
}

#[test]
fn the_dataset_validates_and_holds_its_floors() {
    let s = data().stats();
    // Issue #3's floors are 1,000 outlets, 1,500 domains, 300 accounts and 100 countries; these hold
    // the size the dataset has reached, which is above them. Raise them as it grows, never lower them.
    // Issue #12 asks for 6,000 outlets, 9,000 domains and 80% of outlets with a full chain: not yet.
    assert!(s.outlets >= 3_500, "outlets: {}", s.outlets);
    assert!(s.domains >= 3_400, "domains: {}", s.domains);
    assert!(s.countries >= 170, "countries: {}", s.countries);
    assert!(s.edges >= 3_850, "edges: {}", s.edges);
    // Issue #10: at least 1,200 accounts, 600 of them on platforms other than X.
    assert!(s.accounts >= 1_800, "accounts: {}", s.accounts);
    let not_x = s.accounts - s.accounts_by_platform.get("x").copied().unwrap_or(0);
    assert!(not_x >= 880, "accounts on platforms other than X: {not_x}");
    assert_eq!(s.edges_without_source, 0);
}

/// Issue #12's measure, computed here from the chains rather than taken from `stats`: the share of
/// outlets whose chain ends at an ultimate controller — a person or family, a state body, a party, a
/// trust or foundation — or at an entity whose sources say nobody controls it (`no_controller`).
/// 55% on 5 Dec 2026, 63% on 6 Dec; the aim is 80%. Raise the floor as it grows, never lower it.
#[test]
fn most_chains_end_at_an_ultimate_controller() {
    use masthead::model::Kind;
    let engine = data();
    let entities = &engine.dataset().entities;
    let outlets: Vec<usize> = (0..entities.len()).filter(|&i| entities[i].kind == Kind::Outlet).collect();
    let ended = outlets
        .iter()
        .filter(|&&i| {
            let top = &entities[engine.chain(i).top()];
            top.no_controller.is_some() || matches!(top.kind, Kind::Person | Kind::StateBody | Kind::Party | Kind::Trust)
        })
        .count();
    let share = ended as f64 / outlets.len() as f64;
    assert_eq!(ended, engine.stats().outlets_with_controller, "stats counts the same thing");
    assert!(share >= 0.70, "outlets with a chain to an ultimate controller: {ended} of {} ({:.1}%)", outlets.len(), share * 100.0);
}

/// Every source is on a host a reader can trust: none of the content farms, aggregators, mirrors and
/// document dumps listed in data/unacceptable-sources.txt (an outlet's own site is fine for its own
/// facts). Once cleaned out, they must not creep back in.
#[test]
fn no_source_is_on_an_unacceptable_host() {
    let list = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/unacceptable-sources.txt")).unwrap();
    let banned: Vec<&str> = list.lines().map(|l| l.split('#').next().unwrap().trim()).filter(|l| !l.is_empty()).collect();
    assert!(banned.len() > 100, "the list was read");
    let engine = data();
    let mut found = Vec::new();
    for e in &engine.dataset().entities {
        let own = |h: &str| e.domains.iter().any(|d| h == d || h.ends_with(&format!(".{d}")));
        let sources = e.sources.iter().map(|s| (&s.url, "")).chain(e.owners.iter().flat_map(|o| o.sources.iter().map(move |s| (&s.url, o.owner.as_str()))));
        for (url, edge) in sources {
            let host = masthead::host::parse_absolute_web_url(url).ok().and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_string())).unwrap_or_default();
            if !own(&host) && banned.iter().any(|b| host == *b || host.ends_with(&format!(".{b}"))) {
                found.push(format!("{} {edge} {url}", e.id));
            }
        }
    }
    assert!(found.is_empty(), "{} sources on unacceptable hosts:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_embedded_bundle_is_the_data_folder() {
    let embedded = Engine::from_bundle(masthead::BUNDLED).unwrap();
    assert_eq!(embedded.stats(), data().stats(), "build.rs embeds data/ as it is");
}

/// URL → (label, every name that must appear in the chain, in order).
const CHAINS: &[(&str, Option<Label>, &[&str])] = &[
    ("https://www.globaltimes.cn/page/202311/1301526.shtml", Some(Label::StateControlled), &["Global Times", "People's Daily", "Central Committee of the Chinese Communist Party"]),
    ("https://english.news.cn/", Some(Label::StateControlled), &["Xinhua News Agency", "State Council of the People's Republic of China"]),
    ("https://www.rt.com/news/", Some(Label::StateControlled), &["RT", "TV-Novosti", "Government of Russia"]),
    ("https://tass.ru/", Some(Label::StateControlled), &["TASS", "Government of Russia"]),
    ("https://www.presstv.ir/", Some(Label::StateControlled), &["Press TV", "Islamic Republic of Iran Broadcasting"]),
    ("https://kcna.kp/", Some(Label::StateControlled), &["Korean Central News Agency", "Workers' Party of Korea"]),
    ("https://www.granma.cu/", Some(Label::StateControlled), &["Granma", "Communist Party of Cuba"]),
    ("https://www.cbc.ca/news", Some(Label::PublicService), &["CBC/Radio-Canada"]),
    // Public broadcasters are tied to the state by what makes them public (here, funding by law).
    ("https://www.bbc.co.uk/news", Some(Label::PublicService), &["BBC", "Government of the United Kingdom"]),
    ("https://www.dw.com/", Some(Label::PublicService), &["Deutsche Welle", "Government of Germany"]),
    ("https://orf.at/", Some(Label::PublicService), &["ORF", "Government of Austria"]),
    ("https://www.svt.se/", Some(Label::PublicService), &["SVT", "Government of Sweden"]),
    ("https://www.efe.com/", Some(Label::PublicService), &["Agencia EFE", "SEPI", "Government of Spain"]),
    // State Media Monitor classes NHK as captured public media: state-controlled by the label rule.
    ("https://www3.nhk.or.jp/", Some(Label::StateControlled), &["NHK", "Government of Japan"]),
    ("https://www.abc.net.au/news", Some(Label::PublicService), &["Australian Broadcasting Corporation", "Government of Australia"]),
    ("https://www.theglobeandmail.com/", Some(Label::Private), &["The Globe and Mail", "The Woodbridge Company", "Thomson family"]),
    ("https://globalnews.ca/", Some(Label::Private), &["Global News", "Corus Entertainment"]),
    ("https://www.ctvnews.ca/", Some(Label::Private), &["CTV News", "Bell Media", "BCE Inc."]),
    ("https://nationalpost.com/", Some(Label::Private), &["National Post", "Postmedia Network"]),
    ("https://www.thestar.com/", Some(Label::Private), &["Toronto Star", "Torstar", "NordStar Capital"]),
    ("https://www.washingtonpost.com/", Some(Label::Private), &["The Washington Post", "Nash Holdings", "Jeff Bezos"]),
    ("https://www.nytimes.com/section/world", Some(Label::Private), &["The New York Times", "The New York Times Company", "Ochs-Sulzberger family"]),
    ("https://www.foxnews.com/politics", Some(Label::Private), &["Fox News", "Fox News Media", "Fox Corporation", "Lachlan Murdoch"]),
    ("https://nypost.com/", Some(Label::Private), &["New York Post", "News Corp"]),
    ("https://www.latimes.com/", Some(Label::Private), &["Los Angeles Times", "Patrick Soon-Shiong"]),
    ("https://www.cnn.com/", Some(Label::Private), &["CNN", "Warner Bros. Discovery"]),
    ("https://www.theguardian.com/world", Some(Label::Nonprofit), &["The Guardian", "Scott Trust Limited"]),
    ("https://www.news24.com/", Some(Label::Private), &["News24", "Media24", "Naspers"]),
    ("https://www.scmp.com/", Some(Label::Private), &["South China Morning Post", "Alibaba Group"]),
    ("https://weixin.qq.com/", None, &["WeChat (Weixin)", "Tencent Holdings"]),
    ("https://www.tiktok.com/foryou", None, &["TikTok", "ByteDance"]),
    ("https://www.youtube.com/", None, &["YouTube", "Google", "Alphabet Inc."]),    // State media across every continent (issue #10), each chain checked against its sources.
    ("https://www.sb.by/", Some(Label::StateControlled), &["Sovetskaya Belorussiya – Belarus' Segodnya", "Presidential Administration of Belarus"]),
    ("https://ukraina.ru/", Some(Label::StateControlled), &["Ukraina.ru", "Rossiya Segodnya", "Government of Russia"]),
    ("https://russia.tv/", Some(Label::StateControlled), &["Russia-1", "All-Russia State Television and Radio Broadcasting Company", "Government of Russia"]),
    ("https://itv.az/", Some(Label::StateControlled), &["İctimai Television", "Government of Azerbaijan"]),
    ("http://tvt.tj/", Some(Label::StateControlled), &["Televizioni Tojikiston", "Committee for Television and Radio Broadcasting of Tajikistan", "Government of Tajikistan"]),
    ("https://rutube.ru/", Some(Label::StateControlled), &["Rutube", "Gazprom-Media", "Gazprom", "Government of Russia"]),
    ("https://www.ntv.ru/", Some(Label::StateControlled), &["NTV", "Gazprom-Media", "Gazprom", "Government of Russia"]),
    ("https://trm.md/", Some(Label::PublicService), &["Teleradio-Moldova", "Parliament of Moldova"]),
    ("https://www.yeniazerbaycan.com/", Some(Label::StateControlled), &["Yeni Azerbaijan", "New Azerbaijan Party"]),
    ("http://eng.chinamil.com.cn/", Some(Label::StateControlled), &["PLA Daily", "Central Military Commission", "Chinese Communist Party"]),
    ("http://www.legaldaily.com.cn/", Some(Label::StateControlled), &["Legal Daily", "Central Political and Legal Affairs Commission", "Central Committee of the Chinese Communist Party"]),
    ("https://www.cankaoxiaoxi.com", Some(Label::StateControlled), &["Reference News", "Xinhua News Agency", "State Council of the People's Republic of China"]),
    ("https://www.ftchinese.com/", Some(Label::Private), &["FT Chinese", "Financial Times", "Nikkei Inc."]),
    ("https://www.chinanews.com/", Some(Label::StateControlled), &["China News Service", "United Front Work Department of the Chinese Communist Party"]),
    ("https://news.ifeng.com/", Some(Label::StateControlled), &["Phoenix Television", "Bauhinia Culture Group", "State Council of the People's Republic of China"]),
    ("https://www.channelnewsasia.com/", Some(Label::StateControlled), &["CNA", "Mediacorp", "Temasek Holdings", "Ministry of Finance (Singapore)", "Government of Singapore"]),
    ("https://risingnepaldaily.com/", Some(Label::StateControlled), &["The Rising Nepal", "Gorkhapatra Sansthan", "Government of Nepal"]),
    ("http://hanoitv.vn/", Some(Label::StateControlled), &["Hanoi Radio Television", "Communist Party of Vietnam"]),
    ("https://www.tribuneindia.com/", Some(Label::Nonprofit), &["The Tribune", "The Tribune Trust"]),
    ("https://www.thequint.com/", Some(Label::Private), &["The Quint", "Quint Digital Media", "Raghav Bahl"]),
    ("https://bakhtarnews.af/en/", Some(Label::StateControlled), &["Bakhtar News Agency", "Ministry of Information and Culture (Afghanistan)", "Government of Afghanistan"]),
    ("https://www.chosonsinbo.com/", Some(Label::StateControlled), &["Choson Sinbo", "Chongryon", "Workers' Party of Korea"]),
    ("http://www.newvision.co.ug/", Some(Label::StateControlled), &["New Vision", "Vision Group", "Government of Uganda"]),
    ("http://www.times.co.zm/", Some(Label::StateControlled), &["Times of Zambia", "Industrial Development Corporation (Zambia)", "Government of Zambia"]),
    ("https://jornalnoticias.co.mz/", Some(Label::StateControlled), &["Notícias", "Sociedade do Notícias", "Instituto de Gestão das Participações do Estado", "Government of Mozambique"]),
    ("https://togopresse.tg/", Some(Label::StateControlled), &["Togo-Presse", "Éditogo", "Government of Togo"]),
    ("https://obn.com.et/", Some(Label::StateControlled), &["Oromia Broadcasting Network", "Oromia Radio and Television Organization", "Oromia Regional Government"]),
    ("https://lnbs.gov.ls/", Some(Label::StateControlled), &["Lesotho National Broadcasting Service", "Government of Lesotho"]),
    ("https://www.aljazeera.com/", Some(Label::StateControlled), &["Al Jazeera English", "Al Jazeera Media Network", "Government of Qatar"]),
    ("https://www.aljazeera.net/", Some(Label::StateControlled), &["Al Jazeera Arabic", "Al Jazeera Media Network", "Government of Qatar"]),
    ("https://parstoday.ir/", Some(Label::StateControlled), &["Pars Today", "Islamic Republic of Iran Broadcasting", "Office of the Supreme Leader of Iran", "Government of Iran"]),
    ("https://akhbarelyom.com/", Some(Label::StateControlled), &["Al Akhbar", "National Press Authority (Egypt)", "Government of Egypt"]),
    ("https://www.albayan.ae/", Some(Label::StateControlled), &["Al Bayan", "Dubai Media Incorporated", "Government of Dubai"]),
    ("https://www.egypttoday.com/", Some(Label::StateControlled), &["Egypt Today", "General Intelligence Service (Egypt)", "Government of Egypt"]),
    ("https://www.isna.ir/", Some(Label::PublicService), &["Iranian Students News Agency", "Government of Iran"]),
    ("https://www.trtarabic.com/", Some(Label::StateControlled), &["Turkish Radio and Television Corporation", "Directorate of Communications", "Government of Turkey"]),
    ("https://www.rts.rs/", Some(Label::StateControlled), &["Radio Television of Serbia", "Government of Serbia"]),
    ("https://www.fena.ba/", Some(Label::StateControlled), &["FENA", "Government of the Federation of Bosnia and Herzegovina"]),
    ("https://www.haberturk.com/", Some(Label::StateControlled), &["Habertürk", "Savings Deposit Insurance Fund", "Government of Turkey"]),
    // Widely read private and cooperative media, with sales since 2024 (issue #12).
    ("https://www.heise.de/", Some(Label::Private), &["heise online", "Heise Medien", "Heise family"]),
    ("https://www.fr.de/", Some(Label::Private), &["Frankfurter Rundschau", "Ippen Mediengruppe"]),
    ("https://www.rp.pl/", Some(Label::Private), &["Rzeczpospolita", "Gremi Media", "Pluralis"]),
    ("https://www.repubblica.it/", Some(Label::Private), &["la Repubblica", "GEDI Gruppo Editoriale", "Antenna Group", "Kyriakou family"]),
    ("https://www.independent.ie/", Some(Label::Private), &["Irish Independent", "Mediahuis"]),
    ("https://taz.de/", Some(Label::Cooperative), &["Die Tageszeitung"]),
    // U.S. international broadcasters reach the federal agency that runs or funds them (issue #10).
    ("https://www.voanews.com/", Some(Label::PublicService), &["Voice of America", "U.S. Agency for Global Media", "Government of the United States"]),
    ("https://www.rferl.org/", Some(Label::PublicService), &["Radio Free Europe/Radio Liberty", "U.S. Agency for Global Media", "Government of the United States"]),
    ("https://www.rfa.org/", Some(Label::PublicService), &["Radio Free Asia", "U.S. Agency for Global Media", "Government of the United States"]),
    ("https://www.alhurra.com/", Some(Label::PublicService), &["Alhurra", "Middle East Broadcasting Networks", "U.S. Agency for Global Media"]),
    ("https://currenttime.tv/", Some(Label::PublicService), &["Current Time", "Radio Free Europe/Radio Liberty", "U.S. Agency for Global Media"]),
    // Chains that stopped a step early (issue #12).
    ("https://www.wsj.com/", Some(Label::Private), &["The Wall Street Journal", "Dow Jones & Company", "News Corp", "Lachlan Murdoch"]),
    ("https://www.barrons.com/", Some(Label::Private), &["Barron's", "Dow Jones & Company", "News Corp"]),
    ("https://www.espn.com/", Some(Label::Private), &["ESPN", "The Walt Disney Company"]),
    ("https://www.businessinsider.com/", Some(Label::Private), &["Business Insider", "Axel Springer SE"]),
    ("https://www.engadget.com/", Some(Label::Private), &["Engadget", "Yahoo Inc.", "Apollo Global Management"]),
    ("https://arstechnica.com/", Some(Label::Private), &["Ars Technica", "Condé Nast", "Advance Publications"]),
    ("https://www.huffingtonpost.com/", Some(Label::Private), &["HuffPost", "BuzzFeed, Inc."]),
    ("https://www.sfgate.com/", Some(Label::Private), &["SFGate", "Hearst Communications"]),
    ("https://deadline.com/", Some(Label::Private), &["Deadline", "Penske Media Corporation"]),
    ("https://people.com/", Some(Label::Private), &["People", "People Inc.", "IAC"]),
    ("https://www.wcvb.com/", Some(Label::Private), &["WCVB", "Hearst Television"]),
];

#[test]
fn well_known_chains_from_every_region() {
    let engine = data();
    for (url, label, names) in CHAINS {
        let hit = engine.lookup_url(url).unwrap().unwrap_or_else(|| panic!("{url} is unknown"));
        let outlet = engine.entity(hit.entity);
        assert_eq!(outlet.labels.first().copied(), *label, "{url}: label");
        let chain = engine.chain_names(&engine.chain(hit.entity));
        let mut rest = chain.as_str();
        for name in *names {
            let at = rest.find(name).unwrap_or_else(|| panic!("{url}: {name:?} missing from or out of order in {chain:?}"));
            rest = &rest[at + name.len()..];
        }
    }
}

#[test]
fn public_service_and_state_controlled_never_meet() {
    let engine = data();
    for e in &engine.dataset().entities {
        assert!(e.labels.len() <= 1, "{} has several labels", e.id);
    }
    // The reader-facing words differ too.
    assert_ne!(Label::PublicService.info().title, Label::StateControlled.info().title);
}

#[test]
fn a_page_of_an_unknown_account_shows_the_platform_as_not_the_author() {
    use masthead::lookup::Via;
    let engine = data();
    let cases = [
        ("https://www.youtube.com/@someone-not-in-the-dataset/videos", "youtube", "Alphabet Inc."),
        ("https://m.youtube.com/watch?v=abc", "youtube", "Alphabet Inc."),
        ("https://x.com/someone_not_listed/status/1", "x", "Elon Musk"),
        ("https://t.me/some_channel_not_listed/12", "telegram", "Pavel Durov"),
        ("https://www.facebook.com/some.page.not.listed", "facebook", "Meta Platforms"),
        ("https://www.instagram.com/someone_not_listed/", "instagram", "Meta Platforms"),
        ("https://www.threads.net/@someone_not_listed", "threads", "Meta Platforms"),
        ("https://www.tiktok.com/@someone_not_listed/video/1", "tiktok", "ByteDance"),
        ("https://vk.com/someone_not_listed", "vk", "VK"),
        ("https://ok.ru/group/1234567890", "ok", "VK"),
        ("https://mp.weixin.qq.com/s?__biz=MzNotListed==&mid=1", "wechat", "Tencent"),
        ("https://weibo.com/u/1000000001", "weibo", "Weibo"),
    ];
    for (url, platform, owner) in cases {
        let hit = engine.lookup_url(url).unwrap().unwrap_or_else(|| panic!("{url}: nothing"));
        assert_eq!(engine.entity(hit.entity).id, platform, "{url}");
        assert!(matches!(hit.via, Via::Platform(p) if p == platform), "{url}: {:?}", hit.via);
        let chain = engine.chain_names(&engine.chain(hit.entity));
        assert!(chain.contains(owner), "{url}: {owner} missing from {chain}");
        // A link to such a page on another page is still no citation of the platform's owner.
        assert_eq!(engine.lookup_citation(url).unwrap(), None, "{url}");
    }
    // A known account is its outlet, not the platform.
    let known = engine.lookup_url("https://x.com/globaltimesnews").unwrap().unwrap();
    assert_eq!(engine.entity(known.entity).id, "global-times");
}

/// Published lists (research datasets on GitHub, software recipes) may back a domain or an account,
/// never an ownership edge or a label: those need a page that states the fact (issue #10).
#[test]
fn lists_back_domains_and_accounts_never_edges_or_labels() {
    let engine = data();
    let is_list = |url: &str| url.contains("://github.com/") || url.contains("://raw.githubusercontent.com/");
    let mut wrong = Vec::new();
    for e in &engine.dataset().entities {
        for o in &e.owners {
            if o.sources.iter().any(|s| is_list(&s.url)) {
                wrong.push(format!("{} → {}: an edge cites a list", e.id, o.owner));
            }
        }
        let stated = e.sources.iter().chain(e.owners.iter().filter(|o| o.is_current()).flat_map(|o| o.sources.iter())).any(|s| !is_list(&s.url));
        if !e.labels.is_empty() && !stated {
            wrong.push(format!("{}: its label rests on lists only", e.id));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
