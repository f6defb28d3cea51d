#!/usr/bin/env python3
"""Marks that a dataset change adds on real pages, for a person to judge before the change lands.

The judged set (tests/precision/devset.jsonl) holds candidates drawn with the dataset of its day, so a
name added later has never been judged there. This scans the reading matter of every page the judged
set came from with two datasets and prints each mark only the newer one makes, in its context:

  python3 scripts/new_marks.py OLD_DATA NEW_DATA [--masthead target/release/masthead] > new-marks.tsv

OLD_DATA and NEW_DATA are data/ folders (e.g. `git archive <commit> data | tar -x -C /tmp/old`).
The pages are read from local snapshots of the public repositories named in
tests/precision/README.md (MASTHEAD_MIRRORS, default /work/.mirror, one `owner+name/repo` git
directory each); they are never written into the repository.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

# The judged set's page prefixes and the repositories they come from.
REPOS = {
    "trafilatura": "adbar+trafilatura", "htmldate": "adbar+htmldate", "fundus": "flairNLP+fundus",
    "magic-html": "opendatalab+magic-html", "postlight": "postlight+parser",
    "mcmetadata": "mediacloud+metadata-lib", "gne": "GeneralNewsExtractor+GeneralNewsExtractor",
    "newspaper": "codelucas+newspaper", "newspaper4k": "AndyTheFactory+newspaper4k",
    "aeb": "scrapinghub+article-extraction-benchmark", "goose3": "goose3+goose3",
    "readability": "mozilla+readability", "go-trafilatura": "markusmobius+go-trafilatura",
}


def page_file(page, mirrors, cache):
    """The saved page as a local file (from the snapshot's git objects), or None."""
    prefix, rest = page.split(":", 1)
    path, _, commit = rest.partition("@")
    out = os.path.join(cache, page.replace("/", "_").replace(":", "_").replace("@", "_") + ".html")
    if os.path.exists(out):
        return out
    git_dir = os.path.join(mirrors, REPOS.get(prefix, ""), "repo")
    for rev in filter(None, [commit, "HEAD"]):
        got = subprocess.run(["git", "--git-dir", git_dir, "show", f"{rev}:{path}"], capture_output=True)
        if got.returncode == 0:
            body = gzip.decompress(got.stdout) if path.endswith(".gz") else got.stdout
            with open(out, "wb") as f:
                f.write(body)
            return out
    return None


def marks(masthead, data, path):
    out = subprocess.run([masthead, "scan", "--html", "--json", "--data", data, path], capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old_data")
    ap.add_argument("new_data")
    ap.add_argument("--masthead", default="target/release/masthead")
    ap.add_argument("--devset", default="tests/precision/devset.jsonl")
    ap.add_argument("--cache", default="/tmp/masthead-pages")
    args = ap.parse_args()
    mirrors = os.environ.get("MASTHEAD_MIRRORS", "/work/.mirror")
    os.makedirs(args.cache, exist_ok=True)
    pages = sorted({json.loads(line)["page"] for line in open(args.devset, encoding="utf-8") if line.strip()})
    files = [(p, page_file(p, mirrors, args.cache)) for p in pages]
    # Compiled once: a bundle loads in milliseconds, a data/ folder is compiled on every run.
    bundles = []
    for name, data in [("old", args.old_data), ("new", args.new_data)]:
        out = os.path.join(args.cache, f"{name}.bundle")
        subprocess.run([args.masthead, "build", data, "-o", out], check=True, capture_output=True)
        bundles.append(out)
    old_bundle, new_bundle = bundles
    missing = [p for p, f in files if not f]
    print(f"# {len(pages)} pages, {len(missing)} not found in {mirrors}", file=sys.stderr)

    def diff(item):
        page, path = item
        key = lambda m: (m["start"], m["end"], m["outlet"])
        old = {key(m) for m in marks(args.masthead, old_bundle, path)}
        return page, [m for m in marks(args.masthead, new_bundle, path) if key(m) not in old]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for page, new in pool.map(diff, [(p, f) for p, f in files if f]):
            for m in new:
                ctx = (m["before"][-60:] + "[[" + m["text"] + "]]" + m["after"][:60]).replace("\t", " ").replace("\n", " ")
                print("\t".join([m["kind"], m["outlet"], m["matched"][:80], page, ctx]))


if __name__ == "__main__":
    main()
