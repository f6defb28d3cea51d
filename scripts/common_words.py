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
#   nocompound: disable hunspell compounding (German/Dutch would otherwise
#               accept "Tagesschau", "Handelsblatt" as compounds)
LANGS: dict[str, dict] = {
    "en": dict(zipf=3.0, filter="hunspell", dicts=["en_US", "en_GB"], case="lower"),
    "de": dict(zipf=3.0, filter="hunspell", dicts=["de_DE"], case="german", nocompound=True),
    "fr": dict(zipf=3.0, filter="hunspell", dicts=["fr"], case="lower"),
    "es": dict(zipf=3.0, filter="hunspell", dicts=["es_ES"], case="lower"),
    "it": dict(zipf=3.0, filter="hunspell", dicts=["it_IT"], case="lower"),
    "pt": dict(zipf=3.0, filter="hunspell", dicts=["pt_PT", "pt_BR"], case="lower"),
    "nl": dict(zipf=3.0, filter="hunspell", dicts=["nl"], case="lower", nocompound=True),
    "pl": dict(zipf=3.0, filter="hunspell", dicts=["pl_PL"], case="lower"),
    "ru": dict(zipf=3.0, filter="hunspell", dicts=["ru_RU"], case="lower"),
    "uk": dict(zipf=3.0, filter="hunspell", dicts=["uk_UA"], case="lower"),
    "ar": dict(zipf=3.0, filter="hunspell", dicts=["ar"], case="lower"),
    "fa": dict(zipf=3.0, filter="hunspell", dicts=["fa"], case="lower"),
    "tr": dict(zipf=3.0, filter="hunspell", dicts=["tr_TR"], case="lower"),
    "ko": dict(zipf=3.0, filter="hunspell", dicts=["ko"], case="lower"),
    "zh": dict(zipf=3.0, filter="jieba"),
    "ja": dict(zipf=3.5, filter=None),
    "hi": dict(zipf=3.5, filter=None),
}

# English dictionaries used to spot German Capitalised entries that are
# proper names ("Bloomberg", "Hamburg"): known in English only Capitalised.
EN_DICTS = ["en_US", "en_GB"]

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
    """Batch spell-checking through `hunspell -a` (ispell pipe mode)."""

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

    def accepts(self, words: list[str]) -> set[str]:
        # One word per line, prefixed with '^' so nothing is read as a command.
        # Each input line yields one result line per token, then a blank line.
        inp = "".join(f"^{w}\n" for w in words).encode("utf-8")
        res = subprocess.run(
            ["hunspell", "-d", self.path, "-a", "-i", "utf-8"],
            input=inp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if res.returncode != 0:
            die(f"hunspell -d {self.path} failed: {res.stderr.decode(errors='replace')}")
        lines = res.stdout.decode("utf-8", errors="replace").split("\n")
        if lines and lines[0].startswith("@(#)"):
            lines = lines[1:]
        blocks: list[list[str]] = []
        cur: list[str] = []
        for ln in lines:
            if ln == "":
                blocks.append(cur)
                cur = []
            else:
                cur.append(ln)
        if len(blocks) < len(words):
            die(f"hunspell -d {self.path}: got {len(blocks)} answers for {len(words)} words")
        ok = set()
        for w, b in zip(words, blocks):
            if b and all(r[:1] in ("*", "+", "-") for r in b):
                ok.add(w)
        return ok


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


def filter_hunspell(lang: str, cfg: dict, cands: dict[str, float]) -> set[str]:
    dicts = [Hunspell(d, cfg.get("nocompound", False)) for d in cfg["dicts"]]
    words = sorted(cands)
    if cfg["case"] == "lower":
        return accepted_by_any(dicts, words)

    # German: lower-case entries (verbs, adjectives, ...) or Capitalised
    # nouns that English does not know as a proper name only.
    extra: dict[str, str] = {}
    for w in words:
        for v in german_sharp_s_variants(w):
            extra.setdefault(v, w)
    allw = words + sorted(extra)
    low_ok = accepted_by_any(dicts, allw)
    cap_map = {capitalise(w): w for w in allw}
    cap_ok = {cap_map[c] for c in accepted_by_any(dicts, sorted(cap_map))}
    nouns = cap_ok - low_ok
    en = [Hunspell(d) for d in EN_DICTS]
    en_cap = {cap_map[c] for c in accepted_by_any(en, sorted(capitalise(w) for w in nouns))}
    en_low = accepted_by_any(en, sorted(en_cap))
    en_proper = en_cap - en_low
    keep = low_ok | (nouns - en_proper)
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


def filter_jieba(cands: dict[str, float]) -> set[str]:
    tags = jieba_tags()
    return {w for w in cands if w in tags and not (tags[w] & JIEBA_PROPER_TAGS)}


# ---------------------------------------------------------------- main

def build(lang: str) -> tuple[list[str], int]:
    cfg = LANGS[lang]
    cands = candidates(lang, cfg["zipf"])
    if cfg["filter"] == "hunspell":
        kept = filter_hunspell(lang, cfg, cands)
    elif cfg["filter"] == "jieba":
        kept = filter_jieba(cands)
    else:
        kept = set(cands)
    words = {unicodedata.normalize("NFC", w.lower()) for w in kept}
    return sorted(words), len(cands)


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
    print(f"wordfreq {getattr(wordfreq, '__version__', '?')}")
    for lang in langs:
        words, ncand = build(lang)
        p = out / f"{lang}.txt"
        p.write_text("".join(w + "\n" for w in words), encoding="utf-8")
        cfg = LANGS[lang]
        print(
            f"{lang}: {len(words):6d} words (of {ncand} candidates, zipf >= {cfg['zipf']}, "
            f"filter {cfg['filter'] or 'none'}) -> {p} ({p.stat().st_size // 1024} KB)"
        )


if __name__ == "__main__":
    main()
