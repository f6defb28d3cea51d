#!/usr/bin/env python3
"""Assembles tests/precision/devset.jsonl from judged candidates.

Input (made outside the repository, from real saved pages that are never committed):
  candidates.jsonl  one candidate mention a line, as `masthead scan --html --json` printed it for a
                    page, plus cid, page_id, lang, repo, path, site_host, site_name, linked
  labels*.jsonl     one verdict a line: {"cid", "right": true|false, "why"}
Output: one judged mention a line with a short context (at most 80 characters each side, on the
same text line), never the page itself.

  python3 scripts/devset.py CANDIDATES LABELS... > tests/precision/devset.jsonl
"""
import json
import sys


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
                out.append({
                    "cid": c["cid"],
                    "lang": c["lang"],
                    "page": f'{c["repo"]}:{c["path"]}',
                    "site_host": c.get("site_host", ""),
                    "site_name": c.get("site_name", ""),
                    "context": context,
                    "start": start,
                    "end": start + len(c["text"].encode("utf-8")),
                    "outlet": c["outlet"],
                    "linked": bool(c.get("linked")),
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
