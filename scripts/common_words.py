#!/usr/bin/env python3
"""Regenerate data/common-words/<lang>.txt: ordinary vocabulary (not proper
names) for the languages Masthead scans, so that an outlet name that is also a
common word ("Welt", "Nation", "العالم", "财经") can be treated as ambiguous.

Sources:
  * word frequencies: the `wordfreq` package (candidates: Zipf >= threshold);
  * proper-name filter: Debian hunspell dictionaries via the `hunspell` CLI
    (a word is kept only if the dictionary accepts it as an ordinary,
    lower-case word; German: also as a Capitalised noun), or, for Chinese,
    jieba's dictionary with its part-of-speech tags (proper-noun tags dropped).

Usage (from the repository root):
    apt-get install hunspell hunspell-en-us hunspell-en-gb hunspell-de-de \
        hunspell-fr-classical hunspell-es hunspell-it hunspell-pt-pt \
        hunspell-pt-br hunspell-nl hunspell-pl hunspell-ru hunspell-uk \
        hunspell-ar hunspell-tr hunspell-ko myspell-fa
    pip install wordfreq==3.1.1 jieba==0.42.1
    python3 scripts/common_words.py [--out data/common-words] [LANG ...]

Output: one word per line, NFC, str.lower(), unique, sorted by code point.
Deterministic: the result depends only on the package versions.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HUNSPELL_DIRS = ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]

# lang -> settings
#   zipf:      minimum Zipf frequency (log10 of frequency per billion words)
#   filter:    "hunspell" | "jieba" | None (frequency only)
#   dicts:     hunspell dictionaries; a word is accepted if any of them accepts it
#   case:      "lower"  -> the lower-case form must be accepted
#              "german" -> lower-case form accepted, or the Capitalised form
#                          accepted (a noun) and not an English proper noun
#   always:    words at or above this Zipf are kept even if the dictionary
#              rejects them (fa: the dictionary lacks function words such as
#              "برای", "یک"; ko: wordfreq's Korean tokens are MeCab morphemes
#              and loanwords such as "월드" that hunspell-ko rejects)
#   nocompound: disable hunspell compounding (German/Dutch would otherwise
#               accept "Tagesschau", "Handelsblatt" as compounds)
# Versions the committed lists were generated with (see data/common-words/README.md).
PINNED = {"wordfreq": "3.1.1", "jieba": "0.42.1"}

# Thresholds: 3.0 (about one occurrence per million words) by default; pl, tr,
# uk, ar, ru raised so that each file stays under about 400 KB; ja and hi
# (no dictionary filter) use the stricter 3.5.
LANGS: dict[str, dict] = {
    "en": dict(zipf=3.0, filter="hunspell", dicts=["en_US", "en_GB"], case="lower"),
    "de": dict(zipf=3.0, filter="hunspell", dicts=["de_DE"], case="german", nocompound=True),
    "fr": dict(zipf=3.0, filter="hunspell", dicts=["fr"], case="lower"),
    "es": dict(zipf=3.0, filter="hunspell", dicts=["es_ES"], case="lower"),
    "it": dict(zipf=3.0, filter="hunspell", dicts=["it_IT"], case="lower"),
    "pt": dict(zipf=3.0, filter="hunspell", dicts=["pt_PT", "pt_BR"], case="lower"),
    "nl": dict(zipf=3.0, filter="hunspell", dicts=["nl"], case="lower", nocompound=True),
    "pl": dict(zipf=3.1, filter="hunspell", dicts=["pl_PL"], case="lower"),
    "ru": dict(zipf=3.5, filter="hunspell", dicts=["ru_RU"], case="lower"),
    "uk": dict(zipf=3.4, filter="hunspell", dicts=["uk_UA"], case="lower"),
    "ar": dict(zipf=3.4, filter="hunspell", dicts=["ar"], case="lower"),
    "fa": dict(zipf=3.0, filter="hunspell", dicts=["fa"], case="lower", always=4.5),
    "tr": dict(zipf=3.2, filter="hunspell", dicts=["tr_TR"], case="lower"),
    "ko": dict(zipf=3.0, filter="hunspell", dicts=["ko"], case="lower", always=4.5),
    "zh": dict(zipf=3.0, filter="jieba"),
    "ja": dict(zipf=3.5, filter=None),
    "hi": dict(zipf=3.5, filter=None),
    # More languages whose common words name outlets ("antara", "vijesti", "híradó", "makan"),
    # frequency only, less the names English text cites (see filter_english_names).
    "id": dict(zipf=3.5, filter="english-names"),
    "ms": dict(zipf=3.5, filter="english-names"),
    "hu": dict(zipf=3.5, filter="english-names"),
    "sh": dict(zipf=3.5, filter="english-names"),
    "cs": dict(zipf=3.5, filter="english-names"),
    "sk": dict(zipf=3.5, filter="english-names"),
    "ro": dict(zipf=3.5, filter="english-names"),
    "sv": dict(zipf=3.5, filter="english-names"),
    "nb": dict(zipf=3.5, filter="english-names"),
    "da": dict(zipf=3.5, filter="english-names"),
    "fi": dict(zipf=3.5, filter="english-names"),
    "bg": dict(zipf=3.5, filter="english-names"),
    "el": dict(zipf=3.5, filter="english-names"),
    "he": dict(zipf=3.5, filter="english-names"),
    "vi": dict(zipf=3.5, filter="english-names"),
    "ca": dict(zipf=3.5, filter="english-names"),
}

# Proper names that a dictionary happens to list as ordinary words (Dutch
# "reuter", German Capitalised "Reuter", "Merkel", "Facebook") are caught by
# an "international name" test across the Latin-script languages: a word of
# language X is dropped when, in some other language L of this group, it is
# nearly as frequent as in X (see the margins below), and no other language
# of the group knows it as an ordinary word (for German unflagged nouns: no
# language where it is at least as frequent as anywhere it is not ordinary). Common words of X ("welt",
# "mann", "monde", "sabah") are far rarer outside X; shared words ("internet",
# "video", "team") are ordinary in another language's dictionary and stay.
# German: applied only to Capitalised nouns without a common-noun flag.
NAME_CHECK_GROUP = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr"]
# English words occur in every corpus (quotes, titles, loans): no test for en.
NAME_CHECK_EXEMPT = {"en"}
# German Capitalised nouns without a common-noun flag (likely names):
# near-frequent (within 1.0) in one other language suffices.
NAME_MARGIN_DE_NOUNS, NAME_MIN_LANGS_DE_NOUNS = 1.0, 1
# Any other word: near-frequent (within 0.5) in at least two other languages.
NAME_MARGIN, NAME_MIN_LANGS = 0.5, 2
# de_DE (igerman98) affix flags that only common nouns carry: plural -e, -n,
# -en, -er, genitive -es, diminutive -chen, feminine -in/-innen. Proper names
# have at most S (-s), m, i, j. A noun whose stem carries one of these flags
# is kept without the cross-language check.
GERMAN_COMMON_NOUN_FLAGS = set("ENPRTMF")

JIEBA_PROPER_TAGS = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}

INNER_JOINERS = {"'", "-", "\u200c"}  # apostrophe, hyphen, ZWNJ (Persian)


def die(msg: str) -> None:
    print(f"common_words.py: error: {msg}", file=sys.stderr)
    sys.exit(1)


def is_wordlike(w: str) -> bool:
    """Letters (with combining marks) only; an apostrophe, hyphen or ZWNJ is
    allowed between letters; at least 2 characters."""
    if len(w) < 2:
        return False
    if not unicodedata.category(w[0]).startswith("L"):
        return False
    if not unicodedata.category(w[-1])[0] in "LM":
        return False
    prev_join = False
    for ch in w[1:]:
        cat = unicodedata.category(ch)
        if cat[0] in "LM":
            prev_join = False
        elif ch in INNER_JOINERS:
            if prev_join:
                return False
            prev_join = True
        else:
            return False
    return True


LATIN_SCRIPT_LANGS = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "id", "ms", "hu", "sh", "cs", "sk", "ro", "sv", "nb", "da", "fi", "vi", "ca"}


def has_latin(w: str) -> bool:
    return any("LATIN" in unicodedata.name(ch, "") for ch in w)


def candidates(lang: str, min_zipf: float) -> dict[str, float]:
    import wordfreq

    out: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict(lang).items():
        z = round(math.log10(f) + 9, 2)
        if z < min_zipf:
            continue
        w = unicodedata.normalize("NFC", w)
        if not is_wordlike(w):
            continue
        if lang not in LATIN_SCRIPT_LANGS and has_latin(w):
            continue  # English words quoted in ru/uk/ko/... text; see en.txt
        out[w] = max(z, out.get(w, 0.0))
    return out


# ---------------------------------------------------------------- hunspell

def find_dict(name: str) -> Path:
    for d in HUNSPELL_DIRS:
        p = Path(d) / f"{name}.dic"
        if p.exists() and (Path(d) / f"{name}.aff").exists():
            return p.with_suffix("")
    die(
        f"hunspell dictionary {name!r} not found in {HUNSPELL_DIRS}; "
        "install the Debian package listed in this script's docstring"
    )
    raise AssertionError


class Hunspell:
    """Batch spell-checking through the `hunspell` command."""

    def __init__(self, name: str, nocompound: bool = False):
        if shutil.which("hunspell") is None:
            die("the `hunspell` program is missing (apt-get install hunspell)")
        base = find_dict(name)
        self.tmp = None
        if nocompound:
            self.tmp = tempfile.TemporaryDirectory(prefix="cw-hunspell-")
            t = Path(self.tmp.name) / name
            shutil.copyfile(base.with_suffix(".dic"), t.with_suffix(".dic"))
            raw = base.with_suffix(".aff").read_bytes()
            keep = []
            for line in raw.split(b"\n"):
                head = line.split(maxsplit=1)[0] if line.strip() else b""
                if head.lstrip(b"\xef\xbb\xbf").startswith(b"COMPOUND"):
                    continue  # COMPOUNDBEGIN/MIDDLE/END/RULE/PERMITFLAG/MIN...
                keep.append(line)
            t.with_suffix(".aff").write_bytes(b"\n".join(keep))
            base = t
        self.path = str(base)

    def stems(self, words: list[str]) -> dict[str, set[str]]:
        """word -> stems (hunspell -s); unknown words get no stems."""
        inp = "".join(f"{w}\n" for w in words).encode("utf-8")
        res = subprocess.run(
            ["hunspell", "-d", self.path, "-s", "-i", "utf-8"],
            input=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if res.returncode != 0:
            die(f"hunspell -d {self.path} -s failed: {res.stderr.decode(errors='replace')}")
        out: dict[str, set[str]] = {w: set() for w in words}
        for line in res.stdout.decode("utf-8", errors="replace").split("\n"):
            parts = line.split()
            if len(parts) == 2 and parts[0] in out:
                out[parts[0]].add(parts[1])
        return out

    def dic_flags(self) -> dict[str, set[str]]:
        """stem -> affix flags, read from the .dic file (single-char flags)."""
        flags: dict[str, set[str]] = {}
        with open(self.path + ".dic", encoding="utf-8", errors="replace") as fh:
            next(fh, None)  # entry count
            for line in fh:
                entry = line.split("\t")[0].split(" ")[0].rstrip("\n")
                stem, _, fl = entry.partition("/")
                if stem:
                    flags.setdefault(stem, set()).update(fl)
        return flags

    def accepts(self, words: list[str]) -> set[str]:
        # One word per line; `-L -G` echoes the lines in which hunspell found
        # no misspelled token (a hyphenated word counts only if every part is
        # accepted). No suggestions are computed, so this is fast.
        inp = "".join(f"{w}\n" for w in words).encode("utf-8")
        res = subprocess.run(
            ["hunspell", "-d", self.path, "-L", "-G", "-i", "utf-8"],
            input=inp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if res.returncode != 0:
            die(f"hunspell -d {self.path} failed: {res.stderr.decode(errors='replace')}")
        got = set(res.stdout.decode("utf-8", errors="replace").split("\n"))
        return {w for w in words if w in got}


def accepted_by_any(dicts: list[Hunspell], words: list[str]) -> set[str]:
    ok: set[str] = set()
    rest = list(words)
    for h in dicts:
        if not rest:
            break
        got = h.accepts(rest)
        ok |= got
        rest = [w for w in rest if w not in got]
    return ok


def capitalise(w: str) -> str:
    return w[:1].upper() + w[1:]


def german_sharp_s_variants(w: str) -> list[str]:
    """wordfreq case-folds 'ß' to 'ss'; propose each 'ss' -> 'ß' variant."""
    idx = [i for i in range(len(w) - 1) if w[i : i + 2] == "ss"]
    out = []
    for i in idx:
        out.append(w[:i] + "ß" + w[i + 2 :])
    if len(idx) > 1:
        v = w
        for i in reversed(idx):
            v = v[:i] + "ß" + v[i + 2 :]
        out.append(v)
    return out


_FREQ: dict[str, dict[str, float]] = {}


def zipf_of(lang: str, word: str) -> float:
    import wordfreq

    if lang not in _FREQ:
        _FREQ[lang] = wordfreq.get_frequency_dict(lang)
    f = _FREQ[lang].get(word, 0.0)
    return round(math.log10(f) + 9, 2) if f > 0 else 0.0


_ORDINARY: dict[tuple[str, str], bool] = {}


def ordinary_in(lang: str, words: list[str]) -> set[str]:
    """Words that lang's dictionaries know as ordinary words (lower-case
    entry; German: also a Capitalised stem with a common-noun flag)."""
    todo = sorted({w for w in words if (lang, w) not in _ORDINARY})
    if todo:
        cfg = LANGS[lang]
        dicts = [Hunspell(d, nocompound=True) for d in cfg["dicts"]]
        ok = accepted_by_any(dicts, todo)
        if cfg["case"] == "german":
            ok |= german_flagged_nouns(dicts[0], [w for w in todo if w not in ok])
        for w in todo:
            _ORDINARY[(lang, w)] = w in ok
    return {w for w in words if _ORDINARY[(lang, w)]}


def international_names(
    lang: str, words: set[str], zipf_x: dict[str, float], margin: float, min_langs: int,
    strict: bool = False,
) -> set[str]:
    if lang not in NAME_CHECK_GROUP or lang in NAME_CHECK_EXEMPT:
        return set()
    others = [l for l in NAME_CHECK_GROUP if l != lang]
    near = {
        w for w in words
        if sum(zipf_of(l, w) > 0 and zipf_of(l, w) >= zipf_x[w] - margin for l in others) >= min_langs
    }
    if not near:
        return set()
    ordinary = {l: ordinary_in(l, sorted(near)) for l in others}
    names = set()
    for w in near:
        best_ord = max((zipf_of(l, w) for l in others if w in ordinary[l]), default=-1.0)
        best_not = max((zipf_of(l, w) for l in others if w not in ordinary[l]), default=-1.0)
        # Ordinary somewhere else: a shared word ("team", "nacht"). Strict
        # mode (German Capitalised nouns without a common-noun flag, which
        # are likely names) also asks that it be most frequent where it is
        # ordinary: "Reuters" is a name though Dutch lists a rare "reuter".
        if best_ord < 0 or (strict and best_ord < best_not):
            names.add(w)
    return names


def german_flagged_nouns(h: "Hunspell", words: list[str]) -> set[str]:
    """Lower-case words whose Capitalised form hunspell derives from a
    Capitalised stem carrying a common-noun flag."""
    if not words:
        return set()
    flags = h.dic_flags()
    stems = h.stems([capitalise(w) for w in words])
    return {
        w for w in words
        if any(flags.get(st, set()) & GERMAN_COMMON_NOUN_FLAGS
               for st in stems.get(capitalise(w), ()) if st[:1].isupper())
    }


def filter_hunspell(lang: str, cfg: dict, cands: dict[str, float]) -> set[str]:
    dicts = [Hunspell(d, cfg.get("nocompound", False)) for d in cfg["dicts"]]
    words = sorted(cands)
    if cfg["case"] == "lower":
        ok = accepted_by_any(dicts, words)
        return ok - international_names(lang, ok, cands, NAME_MARGIN, NAME_MIN_LANGS)

    # German: lower-case entries (verbs, adjectives, ...), Capitalised nouns
    # with a common-noun flag, and other Capitalised nouns that pass the
    # international-name test.
    extra: dict[str, str] = {}
    for w in words:
        for v in german_sharp_s_variants(w):
            extra.setdefault(v, w)
    allw = words + sorted(extra)
    low_ok = accepted_by_any(dicts, allw)
    cap_map = {capitalise(w): w for w in allw}
    cap_ok = {cap_map[c] for c in accepted_by_any(dicts, sorted(cap_map))}
    nouns = cap_ok - low_ok
    flagged = german_flagged_nouns(dicts[0], sorted(nouns))
    nouns -= flagged
    zipf = {w: cands.get(extra.get(w, w), 0.0) for w in nouns}
    names = international_names(
        lang, nouns, zipf, NAME_MARGIN_DE_NOUNS, NAME_MIN_LANGS_DE_NOUNS, strict=True
    )
    keep = low_ok | flagged | (nouns - names)
    # a ß-spelling accepted -> keep it, and keep the wordfreq 'ss' spelling
    # too (it is the Swiss spelling and the form wordfreq counted).
    out = set()
    for w in keep:
        out.add(w)
        if w in extra:
            out.add(extra[w])
    return out


# ---------------------------------------------------------------- jieba

def jieba_tags() -> dict[str, set[str]]:
    try:
        import jieba  # noqa: F401
    except ImportError:
        die("the `jieba` package is missing (pip install jieba==0.42.1)")
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    if not path.exists():
        die(f"jieba dictionary not found at {path}")
    tags: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                tags.setdefault(unicodedata.normalize("NFC", parts[0]), set()).add(parts[2])
    return tags


def filter_english_names(cands: dict[str, float]) -> set[str]:
    """Without a dictionary, drop the proper names every news corpus shares: a word that English
    text uses often (Zipf >= 3) but that is not an ordinary English word (not in en.txt, made
    first) is a name there ("reuters", "bloomberg", "xinhua") and is taken for one here too."""
    out = Path(__file__).resolve().parent.parent / "data" / "common-words" / "en.txt"
    english = set(out.read_text(encoding="utf-8").split())
    return {w for w in cands if not (zipf_of("en", w) >= 3.0 and w.lower() not in english)}


def filter_jieba(cands: dict[str, float]) -> set[str]:
    tags = jieba_tags()
    return {w for w in cands if w in tags and not (tags[w] & JIEBA_PROPER_TAGS)}


# ---------------------------------------------------------------- main

def build(lang: str) -> tuple[list[str], int]:
    cfg = LANGS[lang]
    cands = candidates(lang, cfg["zipf"])
    if cfg["filter"] == "hunspell":
        kept = filter_hunspell(lang, cfg, cands)
        if "always" in cfg:
            kept |= {w for w, z in cands.items() if z >= cfg["always"]}
    elif cfg["filter"] == "english-names":
        kept = filter_english_names(cands)
    elif cfg["filter"] == "jieba":
        kept = filter_jieba(cands)
    else:
        kept = set(cands)
    words = {unicodedata.normalize("NFC", w.lower()) for w in kept}
    if lang in PUBLICATION_SUFFIXES:
        # Words ending in "newspaper", "agency", "net", "TV", "news" are publications' names, which
        # the frequency lists hold because the news cites them (环球时报, 路透社, 朝日新聞, 연합뉴스).
        words = {w for w in words if not any(w.endswith(s) and w != s for s in PUBLICATION_SUFFIXES[lang])}
        words -= set(PUBLICATION_NAMES.get(lang, []))
    return sorted(words), len(cands)


# Broadcasters' short names that jieba tags as ordinary words.
PUBLICATION_NAMES = {"zh": ["央视", "央視"]}

PUBLICATION_SUFFIXES = {
    "zh": ["报", "報", "社", "网", "網", "台", "新闻", "新聞", "时报", "時報", "日报", "日報", "周刊", "週刊"],
    "ja": ["新聞", "テレビ", "通信", "放送", "新報", "日報", "タイムズ"],
    "ko": ["뉴스", "일보", "신문", "방송", "통신", "타임스"],
    "hi": ["हिन्दुस्तान", "हिंदुस्तान", "समाचार"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("langs", nargs="*", help="languages to build (default: all)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "data" / "common-words"))
    args = ap.parse_args()
    try:
        import wordfreq
    except ImportError:
        die("the `wordfreq` package is missing (pip install wordfreq==3.1.1)")
    langs = args.langs or list(LANGS)
    for l in langs:
        if l not in LANGS:
            die(f"unknown language {l!r}; known: {' '.join(LANGS)}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from importlib.metadata import PackageNotFoundError, version

    for pkg, pinned in PINNED.items():
        try:
            v = version(pkg)
        except PackageNotFoundError:
            v = "missing"
        note = "" if v == pinned else f"  (WARNING: the committed lists were made with {pinned})"
        print(f"{pkg} {v}{note}")
    for lang in langs:
        words, ncand = build(lang)
        p = out / f"{lang}.txt"
        p.write_text("".join(w + "\n" for w in words), encoding="utf-8")
        cfg = LANGS[lang]
        print(
            f"{lang}: {len(words):6d} words (of {ncand} candidates, zipf >= {cfg['zipf']}, "
            f"filter {cfg['filter'] or 'none'}"
            + (f", unfiltered >= {cfg['always']}" if "always" in cfg else "")
            + f") -> {p} ({p.stat().st_size // 1024} KB)"
        )


if __name__ == "__main__":
    main()
