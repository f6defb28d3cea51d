//! Platform accounts: which part of a link on a social platform names the account.
//!
//! One table, so adding a platform is one row. A link to an account that is not in the dataset is not
//! a citation of the platform's owner: `x.com/somebody` is somebody, not X Corp.

use url::Url;

/// How a platform puts the account in its links.
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// The first path segment: `x.com/NAME`.
    FirstSegment,
    /// A first segment starting with `@`: `tiktok.com/@NAME`.
    AtSegment,
    /// `youtube.com/@handle`, `youtube.com/channel/UC...`, and the older `youtube.com/c/NAME` and
    /// `youtube.com/user/NAME` (kept as `c/name`, `user/name`: they are separate namespaces).
    YouTube,
    /// `ok.ru/NAME`, `ok.ru/group/ID`, `ok.ru/profile/ID`.
    Ok,
    /// `rutube.ru/channel/ID`.
    Rutube,
    /// `t.me/NAME` and the web preview `t.me/s/NAME`.
    Telegram,
    /// `weibo.com/NAME`, `weibo.com/u/ID`, `m.weibo.cn/u/ID`, `m.weibo.cn/profile/ID`.
    Weibo,
    /// `bsky.app/profile/HANDLE`.
    Bluesky,
    /// `mp.weixin.qq.com/s?__biz=ID&...`: WeChat names the official account in a query parameter.
    WeChatBiz,
}

pub struct Platform {
    /// The prefix used in the dataset: `x:handle`.
    pub key: &'static str,
    /// Hosts (and their subdomains) the platform serves accounts from.
    hosts: &'static [&'static str],
    shape: Shape,
    /// First path segments that are the platform's own pages, not accounts.
    reserved: &'static [&'static str],
}

pub const PLATFORMS: &[Platform] = &[
    Platform {
        key: "x",
        hosts: &["x.com", "twitter.com"],
        shape: Shape::FirstSegment,
        reserved: &[
            "i", "home", "search", "explore", "hashtag", "intent", "share", "settings", "messages",
            "notifications", "login", "signup", "tos", "privacy", "about", "compose",
        ],
    },
    Platform { key: "youtube", hosts: &["youtube.com"], shape: Shape::YouTube, reserved: &[] },
    Platform {
        key: "telegram",
        hosts: &["t.me", "telegram.me"],
        shape: Shape::Telegram,
        reserved: &["joinchat", "addstickers", "share", "proxy", "iv", "c", "login"],
    },
    Platform {
        key: "facebook",
        hosts: &["facebook.com", "fb.com"],
        shape: Shape::FirstSegment,
        reserved: &[
            "profile.php", "sharer", "sharer.php", "share", "watch", "groups", "events", "login", "help",
            "policies", "privacy", "marketplace", "gaming", "photo", "photo.php", "story.php", "dialog",
            "plugins", "tr", "hashtag",
        ],
    },
    Platform {
        key: "instagram",
        hosts: &["instagram.com"],
        shape: Shape::FirstSegment,
        reserved: &["p", "reel", "reels", "explore", "accounts", "stories", "direct", "about", "legal", "tv"],
    },
    Platform { key: "tiktok", hosts: &["tiktok.com"], shape: Shape::AtSegment, reserved: &[] },
    Platform {
        key: "weibo",
        hosts: &["weibo.com", "weibo.cn"],
        shape: Shape::Weibo,
        reserved: &["login", "signup", "search", "hot", "status", "detail", "p", "n", "ttarticle", "tv"],
    },
    Platform {
        key: "vk",
        hosts: &["vk.com", "vk.ru"],
        shape: Shape::FirstSegment,
        reserved: &["feed", "im", "search", "login", "away.php", "share.php", "video", "wall", "photo", "audio"],
    },
    Platform { key: "bluesky", hosts: &["bsky.app"], shape: Shape::Bluesky, reserved: &[] },
    Platform {
        key: "ok",
        hosts: &["ok.ru", "odnoklassniki.ru"],
        shape: Shape::Ok,
        reserved: &["feed", "video", "music", "games", "search", "dk", "messages", "app", "apps", "live", "help"],
    },
    Platform { key: "rutube", hosts: &["rutube.ru"], shape: Shape::Rutube, reserved: &[] },
    Platform { key: "threads", hosts: &["threads.net", "threads.com"], shape: Shape::AtSegment, reserved: &[] },
    Platform { key: "wechat", hosts: &["mp.weixin.qq.com"], shape: Shape::WeChatBiz, reserved: &[] },
];

/// The platform whose hosts cover `host`, if any.
pub fn platform_for_host(host: &str) -> Option<&'static Platform> {
    PLATFORMS.iter().find(|p| p.hosts.iter().any(|h| is_same_or_subdomain(host, h)))
}

/// `host` is `domain` or one of its subdomains (label boundary, no allocation: this runs per lookup).
fn is_same_or_subdomain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain).is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

pub fn platform_by_key(key: &str) -> Option<&'static Platform> {
    PLATFORMS.iter().find(|p| p.key == key)
}

/// What a link on a platform host points at.
#[derive(Debug, PartialEq, Eq)]
pub enum PlatformLink {
    /// An account: `platform:handle`, lower-cased.
    Account(String),
    /// The platform's own pages (home, search, about): a link to the platform itself.
    Platform,
}

impl Platform {
    /// Reads the account a link names. A link on the platform that names no account is a link to
    /// the platform itself.
    pub fn classify(&self, url: &Url) -> PlatformLink {
        match self.account_in(url) {
            Some(handle) => PlatformLink::Account(format!("{}:{}", self.key, handle.to_lowercase())),
            None => PlatformLink::Platform,
        }
    }

    fn account_in(&self, url: &Url) -> Option<String> {
        let mut segs = url.path_segments()?.filter(|s| !s.is_empty());
        let first = segs.next();
        let handle = match self.shape {
            Shape::FirstSegment => first.filter(|s| !self.is_reserved(s))?.to_string(),
            Shape::AtSegment => first?.strip_prefix('@')?.to_string(),
            Shape::YouTube => match first? {
                "channel" => segs.next()?.to_string(),
                s if s.starts_with('@') => s.to_string(),
                ns @ ("c" | "user") => {
                    let name = segs.next().filter(|n| is_plausible_handle(n))?;
                    return Some(format!("{ns}/{name}"));
                }
                _ => return None,
            },
            Shape::Ok => match first? {
                "group" | "profile" => segs.next()?.to_string(),
                s if !self.is_reserved(s) => s.to_string(),
                _ => return None,
            },
            Shape::Rutube => match first? {
                "channel" => segs.next()?.to_string(),
                _ => return None,
            },
            Shape::Telegram => match first? {
                "s" => segs.next()?.to_string(),
                s if !self.is_reserved(s) && !s.starts_with('+') => s.to_string(),
                _ => return None,
            },
            Shape::Weibo => match first? {
                "u" | "profile" => segs.next()?.to_string(),
                s if !self.is_reserved(s) => s.to_string(),
                _ => return None,
            },
            Shape::Bluesky => match first? {
                "profile" => segs.next()?.to_string(),
                _ => return None,
            },
            Shape::WeChatBiz => url.query_pairs().find(|(k, _)| k == "__biz").map(|(_, v)| v.into_owned())?,
        };
        is_plausible_handle(&handle).then_some(handle)
    }

    fn is_reserved(&self, seg: &str) -> bool {
        self.reserved.iter().any(|r| r.eq_ignore_ascii_case(seg))
    }
}

/// Handles are short runs of letters, digits and `_ . - @ =` (WeChat ids are base64 and end in `==`).
pub fn is_plausible_handle(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 100
        && h.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@' | '='))
}

/// Checks a dataset account string `platform:handle`; returns the normalised form.
pub fn normalize_account(account: &str) -> Result<String, String> {
    let (key, handle) = account
        .split_once(':')
        .ok_or_else(|| format!("account {account:?} is not of the form platform:handle"))?;
    if platform_by_key(key).is_none() {
        let known: Vec<&str> = PLATFORMS.iter().map(|p| p.key).collect();
        return Err(format!("unknown platform {key:?} in {account:?} (known: {})", known.join(", ")));
    }
    let handle = handle.trim_start_matches(|c| c == '@' && key != "youtube");
    // YouTube's legacy custom and user URLs keep their namespace: `c/name` and `user/name`.
    let (namespace, name) = match handle.split_once('/') {
        Some((ns @ ("c" | "user"), name)) if key == "youtube" => (Some(ns), name),
        _ => (None, handle),
    };
    if !is_plausible_handle(name) {
        return Err(format!("account {account:?} has an invalid handle"));
    }
    // Compared lower-cased: a normalised account is checked again when a bundle is re-validated.
    if key == "youtube" && namespace.is_none() && !(name.starts_with('@') || name.to_ascii_lowercase().starts_with("uc")) {
        return Err(format!("YouTube account {account:?} must be an @handle, a UC... channel id, c/NAME or user/NAME"));
    }
    if key == "rutube" && !name.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("Rutube account {account:?} must be the numeric channel id of rutube.ru/channel/ID"));
    }
    Ok(format!("{key}:{}", handle.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(u: &str) -> Option<PlatformLink> {
        let url = Url::parse(u).unwrap();
        let host = url.host_str().unwrap().to_string();
        platform_for_host(&host).map(|p| p.classify(&url))
    }

    fn account(s: &str) -> Option<PlatformLink> {
        Some(PlatformLink::Account(s.to_string()))
    }

    #[test]
    fn reads_accounts_from_links() {
        let cases = [
            ("https://x.com/GlobalTimesNews", account("x:globaltimesnews")),
            ("https://twitter.com/globaltimesnews/status/1", account("x:globaltimesnews")),
            ("https://mobile.twitter.com/cgtnofficial", account("x:cgtnofficial")),
            ("https://x.com/search?q=rt", Some(PlatformLink::Platform)),
            ("https://x.com/", Some(PlatformLink::Platform)),
            ("https://www.youtube.com/@CGTN/videos", account("youtube:@cgtn")),
            ("https://www.youtube.com/channel/UCabc123/featured", account("youtube:ucabc123")),
            ("https://www.youtube.com/watch?v=xyz", Some(PlatformLink::Platform)),
            ("https://t.me/rt_russian/1234", account("telegram:rt_russian")),
            ("https://t.me/s/rt_russian", account("telegram:rt_russian")),
            ("https://t.me/+AbCdEf", Some(PlatformLink::Platform)),
            ("https://www.facebook.com/globaltimesnews", account("facebook:globaltimesnews")),
            ("https://www.facebook.com/sharer/sharer.php?u=x", Some(PlatformLink::Platform)),
            ("https://www.instagram.com/cgtn/", account("instagram:cgtn")),
            ("https://www.instagram.com/p/Cxyz/", Some(PlatformLink::Platform)),
            ("https://www.tiktok.com/@cgtn/video/1", account("tiktok:cgtn")),
            ("https://www.tiktok.com/foryou", Some(PlatformLink::Platform)),
            ("https://weibo.com/globaltimes", account("weibo:globaltimes")),
            ("https://weibo.com/u/1974576991", account("weibo:1974576991")),
            ("https://m.weibo.cn/profile/1974576991", account("weibo:1974576991")),
            ("https://vk.com/rt_russian", account("vk:rt_russian")),
            ("https://bsky.app/profile/nytimes.com", account("bluesky:nytimes.com")),
            ("https://mp.weixin.qq.com/s?__biz=MzA4NjYyMjQzMA==&mid=1", account("wechat:mza4njyymjqzma==")),
            ("https://mp.weixin.qq.com/s/abcdef", Some(PlatformLink::Platform)),
            // Real link shapes: mobile hosts, legacy YouTube namespaces, query strings, trailing slashes.
            ("https://m.youtube.com/@CGTN?app=desktop", account("youtube:@cgtn")),
            ("https://www.youtube.com/c/RTDocumentary/videos", account("youtube:c/rtdocumentary")),
            ("https://www.youtube.com/user/RussiaToday", account("youtube:user/russiatoday")),
            ("https://youtube.com/channel/UClzwimpLoZu9us9MwalLbtA?sub_confirmation=1", account("youtube:uclzwimplozu9us9mwallbta")),
            ("https://www.youtube.com/c/", Some(PlatformLink::Platform)),
            ("https://m.facebook.com/globaltimesnews/?ref=page", account("facebook:globaltimesnews")),
            ("https://m.vk.com/renminribao", account("vk:renminribao")),
            ("https://t.me/TheStraitsTimes?start=1", account("telegram:thestraitstimes")),
            ("https://ok.ru/beltanews", account("ok:beltanews")),
            ("https://ok.ru/group/54899130892291/topics", account("ok:54899130892291")),
            ("https://m.ok.ru/profile/561234", account("ok:561234")),
            ("https://ok.ru/video/123", Some(PlatformLink::Platform)),
            ("https://rutube.ru/channel/23931703/", account("rutube:23931703")),
            ("https://rutube.ru/video/abc/", Some(PlatformLink::Platform)),
            ("https://www.threads.net/@cgtn", account("threads:cgtn")),
            ("https://www.threads.com/@nytimes/post/C1", account("threads:nytimes")),
            ("https://example.com/globaltimes", None),
            ("https://notx.com/globaltimes", None),
        ];
        for (u, want) in cases {
            assert_eq!(classify(u), want, "{u}");
        }
    }

    #[test]
    fn normalises_dataset_accounts() {
        assert_eq!(normalize_account("x:GlobalTimesNews").unwrap(), "x:globaltimesnews");
        assert_eq!(normalize_account("x:@GlobalTimesNews").unwrap(), "x:globaltimesnews");
        assert_eq!(normalize_account("youtube:@CGTN").unwrap(), "youtube:@cgtn");
        assert!(normalize_account("youtube:CGTN").is_err());
        assert_eq!(normalize_account("youtube:c/RTDocumentary").unwrap(), "youtube:c/rtdocumentary");
        assert_eq!(normalize_account("youtube:user/RussiaToday").unwrap(), "youtube:user/russiatoday");
        assert!(normalize_account("youtube:x/RussiaToday").is_err());
        assert!(normalize_account("youtube:c/bad name").is_err());
        assert_eq!(normalize_account("ok:beltanews").unwrap(), "ok:beltanews");
        assert_eq!(normalize_account("rutube:23931703").unwrap(), "rutube:23931703");
        assert!(normalize_account("rutube:ntv").is_err());
        assert_eq!(normalize_account("threads:@CGTN").unwrap(), "threads:cgtn");
        assert!(normalize_account("myspace:tom").is_err());
        assert!(normalize_account("globaltimes").is_err());
        assert!(normalize_account("x:").is_err());
        assert!(normalize_account("x:bad handle").is_err());
    }
}
