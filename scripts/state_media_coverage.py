#!/usr/bin/env python3
"""Which State Media Matrix outlets resolve in Masthead, and whether their chain reaches the state.

Usage: scripts/state_media_coverage.py [--masthead BIN] [--data DIR] [--region R] [--misses]

Reads tests/fixtures/state-media/State_Media_Matrix.csv, looks every outlet website up with
`masthead check --json`, and prints per-region counts; --misses lists each row that does not resolve
or whose chain stops short of a state body, party or ruling family.
"""
import argparse, collections, csv, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MATRIX = os.path.join(ROOT, "tests/fixtures/state-media/State_Media_Matrix.csv")
# Kinds that end a chain at the state. A ruling family is a `person` or `trust` entity whose note
# says so; the check reads `state_body` and `party` kinds and persons listed in RULING below.
STATE_KINDS = {"state_body", "party"}


def rows():
    with open(MATRIX, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            url = r["URL"].strip()
            if url:
                if "://" not in url:
                    url = "https://" + url
                yield r, url


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--masthead", default=os.path.join(ROOT, "target/release/masthead"))
    ap.add_argument("--data", default=os.path.join(ROOT, "data"))
    ap.add_argument("--region", default=None)
    ap.add_argument("--misses", action="store_true")
    a = ap.parse_args()
    todo = [(r, u) for r, u in rows() if a.region is None or a.region.lower() in r["Region"].lower()]
    urls = [u for _, u in todo]
    out = subprocess.run([a.masthead, "check", "--data", a.data, "--json", *urls], capture_output=True, text=True)
    results = json.loads(out.stdout)
    stats = collections.defaultdict(lambda: [0, 0, 0])
    misses = []
    for (r, u), res in zip(todo, results):
        s = stats[r["Region"]]
        s[0] += 1
        if res.get("status") != "found":
            misses.append(("unknown", r, u, ""))
            continue
        s[1] += 1
        hops = res["chain"]["hops"]
        # The entity the site resolves to counts too (a state body's own site), as in tests/state_media.rs.
        nodes = [res["outlet"]] + [h["to"] for h in hops]
        kinds = [n["kind"] for n in nodes]
        ruling = any(n["kind"] in ("person", "trust") and "ruling" in (n.get("note") or "").lower() and "family" in (n.get("note") or "").lower() for n in nodes)
        if STATE_KINDS & set(kinds) or ruling:
            s[2] += 1
        else:
            misses.append(("short", r, u, " → ".join([res["outlet"]["id"]] + [h["to"]["id"] for h in hops])))
    tot = [0, 0, 0]
    for region, (n, found, state) in sorted(stats.items()):
        print(f"{region or '(none)':35} {n:5} rows  {found:5} resolve  {state:5} reach the state")
        tot = [tot[0] + n, tot[1] + found, tot[2] + state]
    print(f"{'total':35} {tot[0]:5} rows  {tot[1]:5} resolve  {tot[2]:5} reach the state ({100*tot[2]/max(tot[0],1):.1f}%)")
    if a.misses:
        for why, r, u, chain in misses:
            print(f"{why}\t{r['Country']}\t{r['Media company']} / {r['Main assets']}\t{r['Typology']}\t{u}\t{chain}")


if __name__ == "__main__":
    sys.exit(main())
