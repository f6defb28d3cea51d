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
    parse(input, true)
}

/// Like [`parse_web_url`], but the input must carry its scheme: for addresses written in data files
/// and pages, where a bare `example.com` is a mistake rather than shorthand.
pub fn parse_absolute_web_url(input: &str) -> Result<Url, UrlError> {
    parse(input, false)
}

fn parse(input: &str, allow_bare_host: bool) -> Result<Url, UrlError> {
    let input = strip_ignored(input);
    let (written, rest) = match split_scheme(&input) {
        Some((scheme, rest)) => (Some(scheme), rest),
        None if allow_bare_host && looks_like_bare_host(&input) => (None, input.as_ref()),
        None => return Err(UrlError::Malformed("relative URL without a base".into())),
    };
    let scheme = match written {
        None => "https",
        Some(s) if s.eq_ignore_ascii_case("https") => "https",
        Some(s) if s.eq_ignore_ascii_case("http") => "http",
        // Other schemes are refused before parsing: `ftp:` and `file:` hosts would reach the IDNA
        // step with none of the preparation below.
        Some(s) => return Err(UrlError::UnsupportedScheme(s.to_ascii_lowercase())),
    };
    let rebuilt = with_ascii_host(written == Some(scheme), scheme, rest)?;
    let url = Url::parse(rebuilt.as_deref().unwrap_or(&input)).map_err(|e| UrlError::Malformed(e.to_string()))?;
    if url.host().is_none() {
        return Err(UrlError::NoHost);
    }
    Ok(url)
}

/// What the WHATWG parser ignores before it starts: leading and trailing C0 controls and spaces, and
/// every tab and newline (`htt\tps://rt.com` is `https://rt.com`).
pub(crate) fn strip_ignored(input: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    if trimmed.contains(['\t', '\n', '\r']) {
        trimmed.replace(['\t', '\n', '\r'], "").into()
    } else {
        trimmed.into()
    }
}

/// `HTTPS:rest` → (`HTTPS`, `rest`) when the input starts with a syntactically valid scheme.
fn split_scheme(input: &str) -> Option<(&str, &str)> {
    let colon = input.find(':')?;
    let scheme = &input[..colon];
    let mut bytes = scheme.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic());
    (first_ok && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
        .then(|| (scheme, &input[colon + 1..]))
}

/// Rebuilds `scheme://authority/rest` with the host in lower-case ASCII (punycode for IDN),
/// percent-escapes decoded. The WHATWG parser runs without its own IDNA tables (see Cargo.toml),
/// and the table-less step assumes exactly this form. The host is found as the parser finds it for
/// http(s): after any run of `/` and `\\`, up to the next `/`, `\\`, `?` or `#`, after the last `@`,
/// before a port. `None` when the input is already in that form, as almost every address a browser
/// hands over is: the lookup hot path then parses it without a copy.
fn with_ascii_host(scheme_as_is: bool, scheme: &str, rest: &str) -> Result<Option<String>, UrlError> {
    let after_slashes = rest.trim_start_matches(['/', '\\']);
    let as_is = scheme_as_is && rest.len() - after_slashes.len() == 2 && rest.starts_with("//");
    let rest = after_slashes;
    let auth_end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(auth_end);
    let (userinfo, host_port) = authority.rfind('@').map_or(("", authority), |i| authority.split_at(i + 1));
    if host_port.starts_with('[') {
        // An IPv6 literal, port and all: no IDNA involved.
        return Ok((!as_is).then(|| format!("{scheme}://{authority}{path}")));
    }
    let (host, port) = host_port.split_at(host_port.find(':').unwrap_or(host_port.len()));
    if host.is_empty() {
        return Err(UrlError::NoHost);
    }
    if host.bytes().all(|b| b.is_ascii() && b != b'%' && !b.is_ascii_uppercase()) {
        if hides_format_character(host) {
            return Err(UrlError::Malformed("the host contains an invisible formatting character".into()));
        }
        return Ok((!as_is).then(|| format!("{scheme}://{authority}{path}")));
    }
    let decoded = percent_encoding::percent_decode_str(host)
        .decode_utf8()
        .map_err(|_| UrlError::Malformed("the host is not valid UTF-8".into()))?;
    // `%25` decodes to `%`, which the parser would decode a second time; no real host has one.
    if decoded.contains('%') {
        return Err(UrlError::Malformed("the host contains a percent sign".into()));
    }
    let host = to_ascii_host(&decoded).ok_or_else(|| UrlError::Malformed("the host cannot be converted to ASCII".into()))?;
    Ok(Some(format!("{scheme}://{userinfo}{host}{port}{path}")))
}

/// Lower-case and punycode each label of a Unicode host. Ideographic full stops count as dots, as in
/// browsers. Hosts are taken as written (NFC in practice); no other UTS #46 mapping is applied.
pub fn to_ascii_host(host: &str) -> Option<String> {
    if host.chars().any(is_format_character) {
        return None;
    }
    let lower = host.to_lowercase();
    if hides_format_character(&lower) {
        return None;
    }
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

/// Invisible formatting and control characters, which IDNA forbids in hosts: bidirectional marks and
/// embeddings (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C), zero-width characters, the BOM.
/// The table-less IDNA adapter (see Cargo.toml) does not know them, and the `idna` crate asserts in
/// debug builds that U+200F never reaches its bidi check; refused here, so no host can carry one.
fn is_format_character(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// A punycode label (`xn--…`) that decodes to a formatting character: the same refusal for the
/// encoded form, which the URL parser would otherwise decode and hand to IDNA.
fn hides_format_character(host: &str) -> bool {
    // Almost no host has a punycode label: one substring search decides for nearly all lookups.
    // Callers pass lower-case hosts.
    if !host.contains("xn--") {
        return false;
    }
    host.split('.').any(|label| {
        label.starts_with("xn--")
            && idna::punycode::decode_to_string(&label[4..]).is_some_and(|decoded| decoded.chars().any(is_format_character))
    })
}

/// `example.com`, `example.com/path`: a dot in the part before the first slash, and no spaces.
fn looks_like_bare_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    host.starts_with(|c: char| c.is_alphanumeric()) && host.contains('.') && !s.contains(char::is_whitespace)
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
    if host.is_empty() || host.contains(['/', '\\', ':', '@', ' ', '?', '#', '%']) {
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

/// The longest host DNS allows (RFC 1035: 255 octets on the wire, 253 written out).
pub const MAX_HOST_LEN: usize = 253;

/// The number of labels in a host: `news.bbc.co.uk` has 4.
pub fn label_count(host: &str) -> usize {
    memchr::memchr_iter(b'.', host.as_bytes()).count() + 1
}

/// The suffixes of `host` that a dataset whose longest key has `max_labels` labels can hold, longest
/// first. Nothing for a host longer than DNS allows. Bounded so that a hostile host costs at most
/// `max_labels` hash probes of at most 253 bytes: walking all 100,000 suffixes of `a.a.a.…` cost
/// 670× the per-byte time of prose (issue #11).
pub fn key_suffixes(host: &str, max_labels: usize) -> impl Iterator<Item = &str> {
    let host = if host.len() > MAX_HOST_LEN { "" } else { host };
    // Start at the suffix with `max_labels` labels: skip back over that many dots from the end.
    let start = match max_labels.checked_sub(1) {
        Some(dots) => memchr::memrchr_iter(b'.', host.as_bytes()).nth(dots).map_or(0, |dot| dot + 1),
        None => host.len(),
    };
    suffixes(&host[start..]).filter(|s| !s.is_empty()).take(max_labels)
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
        assert!(parse_web_url("https://").is_err());
    }

    /// Spellings a browser accepts for the same address; each must reach the same lookup key.
    #[test]
    fn reads_hosts_the_way_browsers_do() {
        let cases = [
            ("HTTPS:\\\\Bücher.DE\\x", Some("xn--bcher-kva.de")),
            ("https:bücher.de", Some("xn--bcher-kva.de")),
            ("https:///\\RT.com/news", Some("rt.com")),
            ("ht\ttps://r\nt.com/", Some("rt.com")),
            ("  https://rt.com/  ", Some("rt.com")),
            ("https://a@b@RT.com:443/", Some("rt.com")),
            ("https://%52%54.com/", Some("rt.com")),
            ("https://ТАСС.РФ/", Some("xn--80a8aab.xn--p1ai")),
            ("https://新华网。cn/", Some("xn--xkrr14bows.cn")),
        ];
        for (input, want) in cases {
            let got = parse_web_url(input).ok().and_then(|u| url_host(&u));
            assert_eq!(got.as_deref(), want, "{input:?}");
        }
    }

    /// Inputs that once reached the IDNA step with upper-case ASCII beside other characters, which the
    /// table-less adapter asserts never happens. Each must come back as a clean answer or error.
    #[test]
    fn hostile_hosts_are_errors_not_panics() {
        let cases = [
            ("\\A\u{FFFC}.", None),
            ("http://A%aA", None),
            ("https://A%41%FF.com/", None),
            ("https://%2541.com/", None),
            ("ftp://A\u{FFFC}.com/", None),
            ("file://A\u{FFFC}/", None),
            ("https://[::1]A\u{FFFC}/", None),
            ("https:\\\\A\u{FFFC}.COM", Some("xn--a-o10i.com")),
        ];
        for (input, want) in cases {
            let got = parse_web_url(input).ok().and_then(|u| url_host(&u));
            assert_eq!(got.as_deref(), want, "{input:?}");
            let _ = parse_absolute_web_url(input);
        }
        assert!(matches!(parse_web_url("ftp://example.com/"), Err(UrlError::UnsupportedScheme(s)) if s == "ftp"));
        // Right-to-left marks and other invisible characters, written or punycode-encoded: the
        // table-less IDNA step asserted (in debug builds) on U+200F.
        for host in ["a\u{200F}b.com", "\u{200F}.com", "A\u{200F}B.com", "a.\u{200E}", "x\u{202E}moc.com", "a\u{FEFF}.com", "a\u{200B}b.com"] {
            assert!(matches!(parse_web_url(&format!("https://{host}/")), Err(UrlError::Malformed(_))), "{host:?}");
            assert_eq!(normalize_host(host), None, "{host:?}");
        }
        let encoded = format!("xn--{}.com", idna::punycode::encode_str("a\u{200F}b").unwrap());
        assert!(matches!(parse_web_url(&format!("https://{encoded}/")), Err(UrlError::Malformed(_))), "{encoded}");
        assert_eq!(normalize_host(&encoded), None);
        assert_eq!(normalize_host("xn--bcher-kva.de").as_deref(), Some("xn--bcher-kva.de"));
        assert!(matches!(parse_absolute_web_url("example.com/x"), Err(UrlError::Malformed(_))));
        assert_eq!(normalize_host("%41%FF.com"), None);
    }

    #[test]
    fn key_suffixes_are_bounded_by_the_dataset() {
        let got: Vec<&str> = key_suffixes("a.b.news.bbc.co.uk", 4).collect();
        assert_eq!(got, ["news.bbc.co.uk", "bbc.co.uk", "co.uk", "uk"]);
        let got: Vec<&str> = key_suffixes("www.rt.com", 4).collect();
        assert_eq!(got, ["www.rt.com", "rt.com", "com"]);
        assert_eq!(key_suffixes("rt.com", 1).collect::<Vec<_>>(), ["com"]);
        assert_eq!(key_suffixes("rt.com", 0).count(), 0);
        assert_eq!(key_suffixes("", 3).count(), 0);
        // Longer than DNS allows: no host at all, whatever it ends with.
        let long = format!("{}rt.com", "a.".repeat(130));
        assert!(long.len() > MAX_HOST_LEN);
        assert_eq!(key_suffixes(&long, 4).count(), 0);
        let hostile = "a.".repeat(100).to_string() + "a";
        assert_eq!(key_suffixes(&hostile, 3).count(), 3);
        assert_eq!(label_count("news.bbc.co.uk"), 4);
    }

    #[test]
    fn suffixes_stop_at_label_boundaries() {
        let got: Vec<&str> = suffixes("www.rt.com").collect();
        assert_eq!(got, ["www.rt.com", "rt.com", "com"]);
        assert!(!suffixes("art.com").any(|s| s == "rt.com"));
        assert!(!suffixes("deviantart.com").any(|s| s == "rt.com"));
    }
}
