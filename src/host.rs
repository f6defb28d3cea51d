//! URL parsing and host normalisation: the first thing every lookup does, so every trap readers have
//! been burned by elsewhere (case, trailing dot, IDN, ports, userinfo) is closed here once.

use std::fmt;
use url::{Host, Url};

/// Why an input is not a web address we can look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// Not parseable as a URL at all.
    Malformed(String),
    /// A real URL, but not http or https (`mailto:`, `javascript:`, `file:` ...).
    UnsupportedScheme(String),
    /// An http(s) URL without a host.
    NoHost,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Malformed(why) => write!(f, "not a valid URL ({why})"),
            UrlError::UnsupportedScheme(s) => write!(f, "only http and https URLs can be checked, not {s}:"),
            UrlError::NoHost => write!(f, "the URL has no host"),
        }
    }
}

impl std::error::Error for UrlError {}

/// Parses a web address the way a browser's address bar would: WHATWG rules, http(s) only, and a bare
/// host such as `globaltimes.cn/page` is read as `https://globaltimes.cn/page`.
pub fn parse_web_url(input: &str) -> Result<Url, UrlError> {
    let input = input.trim();
    let url = match Url::parse(&ascii_authority(input)) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_bare_host(input) => {
            Url::parse(&ascii_authority(&format!("https://{input}"))).map_err(|e| UrlError::Malformed(e.to_string()))?
        }
        Err(e) => return Err(UrlError::Malformed(e.to_string())),
    };
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(UrlError::UnsupportedScheme(other.to_string())),
    }
    if url.host().is_none() {
        return Err(UrlError::NoHost);
    }
    Ok(url)
}

/// Puts the host of a URL in the form the WHATWG parser expects when it runs without its own IDNA
/// tables (see Cargo.toml): `https://тасс.рф/x` → `https://xn--80a8aab.xn--p1ai/x`, percent-encoded
/// hosts decoded first, and upper case lowered (the table-less IDNA step assumes lower-case ASCII).
/// Most URLs need none of this and are returned as they are.
fn ascii_authority(input: &str) -> std::borrow::Cow<'_, str> {
    let Some(scheme_end) = input.find("://") else { return input.into() };
    let auth_start = scheme_end + 3;
    let auth_end = input[auth_start..].find(['/', '?', '#', '\\']).map_or(input.len(), |i| auth_start + i);
    let authority = &input[auth_start..auth_end];
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    if authority[host_start..].starts_with('[') {
        return input.into(); // an IPv6 literal: no IDNA involved
    }
    let host_end = authority[host_start..].rfind(':').map_or(authority.len(), |i| host_start + i);
    let host = &authority[host_start..host_end];
    if host.bytes().all(|b| b.is_ascii() && b != b'%' && !b.is_ascii_uppercase()) {
        return input.into();
    }
    let decoded = host.contains('%').then(|| percent_encoding::percent_decode_str(host).decode_utf8().ok()).flatten();
    let ascii = to_ascii_host(decoded.as_deref().unwrap_or(host)).unwrap_or_else(|| host.to_ascii_lowercase());
    format!("{}{}{}", &input[..auth_start + host_start], ascii, &input[auth_start + host_end..]).into()
}

/// Lower-case and punycode each label of a Unicode host. Ideographic full stops count as dots, as in
/// browsers. Hosts are taken as written (NFC in practice); no other UTS #46 mapping is applied.
pub fn to_ascii_host(host: &str) -> Option<String> {
    let lower = host.to_lowercase();
    let labels: Vec<String> = lower
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .map(|label| {
            if label.is_ascii() {
                Some(label.to_string())
            } else {
                idna::punycode::encode_str(label).map(|p| format!("xn--{p}"))
            }
        })
        .collect::<Option<_>>()?;
    Some(labels.join("."))
}

/// `example.com`, `example.com/path`: a dot in the part before the first slash, and no spaces.
fn looks_like_bare_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    !s.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
}

/// The host of a parsed URL as a lookup key: lower-case ASCII (punycode for IDN), no trailing dot.
/// IP addresses give `None`: no outlet is registered by address.
pub fn url_host(url: &Url) -> Option<String> {
    match url.host()? {
        Host::Domain(d) => Some(d.trim_end_matches('.').to_string()).filter(|d| !d.is_empty()),
        Host::Ipv4(_) | Host::Ipv6(_) => None,
    }
}

/// Normalises a host written in the dataset or found in text: `WWW.Example.COM.` → `www.example.com`,
/// `bücher.de` → `xn--bcher-kva.de`. `None` if it is not a valid domain name.
pub fn normalize_host(host: &str) -> Option<String> {
    let host = host.trim().trim_end_matches('.');
    if host.is_empty() || host.contains(['/', ':', '@', ' ', '?', '#']) {
        return None;
    }
    let host = to_ascii_host(host)?;
    match Host::parse(&host).ok()? {
        Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            // Every label must be non-empty: `a..b` is not a host.
            if d.split('.').any(str::is_empty) {
                return None;
            }
            Some(d.to_string())
        }
        _ => None,
    }
}

/// The host and its parent domains on label boundaries, longest first:
/// `a.b.example.com` → `a.b.example.com`, `b.example.com`, `example.com`, `com`.
/// This is what makes `rt.com` match `www.rt.com` but never `art.com`.
pub fn suffixes(host: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(host), |h| h.find('.').map(|i| &h[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_hosts() {
        let cases = [
            ("Example.COM", Some("example.com")),
            ("example.com.", Some("example.com")),
            ("bücher.de", Some("xn--bcher-kva.de")),
            ("xn--bcher-kva.de", Some("xn--bcher-kva.de")),
            ("新华网.cn", Some("xn--xkrr14bows.cn")),
            ("", None),
            ("a..b", None),
            ("exa mple.com", None),
            ("example.com/path", None),
            ("user@example.com", None),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_host(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn parses_web_urls() {
        let host = |s: &str| parse_web_url(s).ok().and_then(|u| url_host(&u));
        assert_eq!(host("HTTPS://WWW.GlobalTimes.CN./page").as_deref(), Some("www.globaltimes.cn"));
        assert_eq!(host("https://user:pw@rt.com:8443/x").as_deref(), Some("rt.com"));
        assert_eq!(host("globaltimes.cn/page/1").as_deref(), Some("globaltimes.cn"));
        assert_eq!(host("https://bücher.de/").as_deref(), Some("xn--bcher-kva.de"));
        assert_eq!(host("https://b%C3%BCcher.de/").as_deref(), Some("xn--bcher-kva.de"));
        assert_eq!(host("http://[::1]:8080/"), None);
        assert_eq!(host("http://127.0.0.1/"), None);
        assert!(matches!(parse_web_url("mailto:a@b.c"), Err(UrlError::UnsupportedScheme(_))));
        assert!(matches!(parse_web_url("javascript:alert(1)"), Err(UrlError::UnsupportedScheme(_))));
        assert!(matches!(parse_web_url("not a url"), Err(UrlError::Malformed(_))));
        assert!(matches!(parse_web_url(""), Err(UrlError::Malformed(_))));
        assert!(matches!(parse_web_url("https://"), Err(_)));
    }

    #[test]
    fn suffixes_stop_at_label_boundaries() {
        let got: Vec<&str> = suffixes("www.rt.com").collect();
        assert_eq!(got, ["www.rt.com", "rt.com", "com"]);
        assert!(!suffixes("art.com").any(|s| s == "rt.com"));
        assert!(!suffixes("deviantart.com").any(|s| s == "rt.com"));
    }
}
