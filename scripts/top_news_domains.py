#!/usr/bin/env python3
"""Regenerate tests/fixtures/top-news/domains.txt: the 1,000 most-visited news domains we chose.

Source: MBFC's published source list as shipped in its official extension's repository
(github.com/drmikecrowe/mbfcext, docs/v5/data/sources.json). Only domains and outlet names are kept;
MBFC's ratings and text are never used. Order: MBFC's traffic tier (high, then medium), then its
popularity score, then the domain. Left out: hosts under .gov/.edu/.mil/.int and the hosts in
not-news.txt (platforms, aggregators, journals, advocacy groups, ...: each with its reason).

usage: scripts/top_news_domains.py SOURCES_JSON [COMMIT]
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "top-news"
COUNT = 1000
TIERS = {"high-traffic": 0, "medium-traffic": 1}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sources = json.load(open(sys.argv[1], encoding="utf-8"))
    commit = sys.argv[2] if len(sys.argv) > 2 else "unknown"
    excluded = {
        line.split()[0]
        for line in (HERE / "not-news.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    rows = [
        s for s in sources
        if s.get("traffic") in TIERS
        and not s["domain"].split("/")[0].endswith((".gov", ".edu", ".mil", ".int"))
        and s["domain"] not in excluded
    ]
    rows.sort(key=lambda s: (TIERS[s["traffic"]], -s.get("popularity", 0), s["domain"]))
    chosen = rows[:COUNT]
    with open(HERE / "domains.txt", "w", encoding="utf-8") as out:
        out.write(
            "# The 1,000 most-visited news domains, as chosen by scripts/top_news_domains.py from MBFC's\n"
            f"# source list (github.com/drmikecrowe/mbfcext, docs/v5/data/sources.json, commit {commit}).\n"
            "# Domain, tab, the outlet's name. tests/top_news.rs checks that >= 95% resolve.\n"
        )
        for s in chosen:
            out.write(f"{s['domain']}\t{s['name']}\n")
    print(f"{len(chosen)} domains written; last tier {chosen[-1]['traffic']}")


if __name__ == "__main__":
    main()
