#!/usr/bin/env python3
"""Assembles tests/precision/devset.jsonl from judged candidates.

Input (made outside the repository, from real saved pages that are never committed):
  candidates.jsonl  one candidate mention a line, as `masthead scan --html --json` printed it for a
                    page, plus cid, page_id, lang, repo, path, site_host, site_name, linked
  labels*.jsonl     one verdict a line: {"cid", "right": true|false, "why"}
The page's host comes from its address, or, for a page saved without one, from the host most of its
links point to; its outlet from `masthead check`.
Whether the mention is in the reading matter the extension scans comes from `masthead read`.
Output: one judged mention a line with a short context (at most 80 characters each side, on the
same text line), never the page itself.

  python3 scripts/devset.py CANDIDATES LABELS... > tests/precision/devset.jsonl
"""
import collections
import json
import re
import subprocess
import sys

MASTHEAD = "target/release/masthead"


def inferred_host(local_file):
    """A saved page without its address: the host most of its absolute links point to is its own
    (a browser always knows it; the judged set must too, or the site naming itself looks like a
    citation)."""
    try:
        html = open(local_file, encoding="utf-8", errors="replace").read()
    except OSError:
        return ""
    hosts = collections.Counter(h.lower() for h in re.findall(r'href=["\']https?://([^/"\'?#:]+)', html))
    return hosts.most_common(1)[0][0] if hosts else ""


_outlets = {}
_reading = {}


def squash(s):
    return " ".join(s.split())


def in_reading_matter(c):
    """Is the mention in what the extension reads on its page (`masthead read`): not in a menu, a
    page header or footer, a hidden part or a widget? Its words with their neighbours must be there."""
    path = c.get("scan_file") or c.get("local_file", "")
    if path not in _reading:
        out = subprocess.run([MASTHEAD, "read", path], capture_output=True, text=True)
        _reading[path] = squash(out.stdout.replace("\n", " \n "))
    snippet = squash(c["before"][-25:] + c["text"] + c["after"][:25])
    return snippet in _reading[path]


def site_outlet(host):
    if not host:
        return ""
    if host not in _outlets:
        out = subprocess.run([MASTHEAD, "check", "--json", f"https://{host}/"], capture_output=True, text=True)
        try:
            found = json.loads(out.stdout)[0]
            _outlets[host] = found["outlet"]["id"] if found.get("status") == "found" else ""
        except (ValueError, KeyError, IndexError):
            _outlets[host] = ""
    return _outlets[host]


def main(candidates_path, *label_paths):
    candidates = {}
    with open(candidates_path, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            candidates[c["cid"]] = c
    out = []
    for path in label_paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                v = json.loads(line)
                c = candidates[v["cid"]]
                # Whitespace runs from page layout say nothing; keep one space so offsets stay simple.
                before = " ".join(c["before"].split(" ")).lstrip()
                after = c["after"].rstrip()
                before = before[-80:]
                after = after[:80]
                context = before + c["text"] + after
                start = len(before.encode("utf-8"))
                host = c.get("site_host", "") or inferred_host(c.get("local_file", ""))
                out.append({
                    "cid": c["cid"],
                    "lang": c["lang"],
                    "page": f'{c["repo"]}:{c["path"]}',
                    "site_host": host,
                    "site_name": c.get("site_name", ""),
                    "site_outlet": c.get("site_outlet", "") or site_outlet(host),
                    "context": context,
                    "start": start,
                    "end": start + len(c["text"].encode("utf-8")),
                    "outlet": c["outlet"],
                    "linked": bool(c.get("linked")),
                    "read": in_reading_matter(c),
                    "right": bool(v["right"]),
                    "why": v["why"].strip(),
                })
    out.sort(key=lambda r: r["cid"])
    for r in out:
        print(json.dumps(r, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
