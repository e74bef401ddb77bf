#!/usr/bin/env python3
"""Per-kind confusion of an extract of the WCEP development set (used by scripts/eval.sh).

usage: wcep_kinds.py DEV.jsonl EXTRACT.json [--all]

For each portal category: how many items, the share where any violent kind fired, where any
diplomatic or political kind fired (the families of ../shared/eval/wcep/score.py), where nothing
fired, then the kinds that fired on the most items with the share of the category's items each
fired on (an item counts once per kind, whatever the number of its events of that kind).
--all lists every kind that fired instead of the top six.

The scorer gives three figures; this table says which kinds move them, e.g. which kind makes
the false alarms of "Disasters and accidents". Python 3 standard library only.
"""
import collections
import json
import sys

# Kept equal to the families of ../shared/eval/wcep/score.py, so the shares here add up to its
# figures; that file is outside the repository and cannot be imported when it is absent.
VIOLENT = {"armed_clash", "airstrike", "shelling", "explosive_attack", "shootdown", "civilian_harm",
           "abduction", "looting"}
NOT_DIPLO = VIOLENT | {"protest", "arrest", "displacement"}
# Scored categories first, in the scorer's order of concern; the others after, alphabetically.
FIRST = ["Armed conflicts and attacks", "International relations", "Disasters and accidents"]


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        sys.exit(2)
    every = "--all" in sys.argv
    with open(args[1], encoding="utf-8") as f:
        pred = {a["id"]: {e["kind"] for e in a.get("events", [])} for a in json.load(f)["articles"]}
    n = collections.Counter()
    fired = collections.defaultdict(collections.Counter)
    fam = collections.defaultdict(collections.Counter)
    with open(args[0], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            kinds = pred.get(d["id"])
            if kinds is None:
                continue
            lab = d["label"]
            n[lab] += 1
            fired[lab].update(kinds)
            fam[lab]["violent"] += bool(kinds & VIOLENT)
            fam[lab]["diplo"] += bool(kinds - NOT_DIPLO)
            fam[lab]["none"] += not kinds
    order = [c for c in FIRST if c in n] + sorted(c for c in n if c not in FIRST)
    print(f"{'category':28} {'items':>6} {'violent':>7} {'diplo':>6} {'none':>6}  kinds (share of items)")
    for lab in order:
        pct = lambda c: 100.0 * c / n[lab]
        top = fired[lab].most_common() if every else fired[lab].most_common(6)
        kinds = ", ".join(f"{k} {pct(c):.0f}%" for k, c in top)
        print(f"{lab[:28]:28} {n[lab]:6} {pct(fam[lab]['violent']):6.1f}% {pct(fam[lab]['diplo']):5.1f}% "
              f"{pct(fam[lab]['none']):5.1f}%  {kinds}")


if __name__ == "__main__":
    main()
