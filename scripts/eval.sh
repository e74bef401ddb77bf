#!/usr/bin/env bash
# Measures the analysis on real text with the evaluation kit that sits beside the repository
# (../shared/eval, see its README.md): the hand-annotated seeds, the WCEP news summaries with
# their editors' categories and, with --html, the 990 web pages of the html set. EVALUATION.md
# says what the figures mean and keeps them per change of the analysis.
#
# Not part of `cargo test`: the data is not in the repository (its licences forbid shipping
# it), a run takes about a minute on two cores, and its figures are measures to read, not pass
# or fail checks. When ../shared is absent the script says so and exits 0.
#
#   scripts/eval.sh                  # seeds, wcep, per-kind confusion of wcep
#   scripts/eval.sh --verbose        # the same, with the scorers' misses
#   scripts/eval.sh --html           # the html set too (main text, titles, dates)
#
# Options: --verbose (pass the misses through), --show N (misses shown per wcep family, default
# 20), --all-kinds (every kind that fired per category, not the top six), --html.
# SITREP_BIN=PATH uses that binary; otherwise `cargo build --profile fast` builds one (release
# code without fat LTO: the same figures, a fraction of the link time) in the cargo target dir
# (CARGO_TARGET_DIR is honoured).
set -euo pipefail

# Resolved before the cd below, so a relative SITREP_BIN means relative to where it was typed.
bin=""
if [ -n "${SITREP_BIN:-}" ]; then
    case "$SITREP_BIN" in
        */*) bin="$(cd "$(dirname "$SITREP_BIN")" && pwd)/$(basename "$SITREP_BIN")" ;;
        *) bin="$(command -v "$SITREP_BIN" || true)" ;;
    esac
    if [ -z "$bin" ] || [ ! -x "$bin" ]; then
        echo "eval.sh: SITREP_BIN=$SITREP_BIN is not an executable" >&2
        exit 2
    fi
fi

cd "$(dirname "$0")/.."
shared="$(cd .. && pwd)/shared/eval"

verbose=0
show=20
all_kinds=0
html=0
while [ $# -gt 0 ]; do
    case "$1" in
        --verbose|-v) verbose=1; shift ;;
        --show) show="$2"; shift 2 ;;
        --all-kinds) all_kinds=1; shift ;;
        --html) html=1; shift ;;
        -h|--help) sed -n '2,20p' scripts/eval.sh | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "eval.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

if [ ! -d "$shared" ]; then
    echo "eval.sh: no evaluation kit at $shared (the ../shared folder beside the repository);"
    echo "         nothing measured. It is not in the repository: see EVALUATION.md."
    exit 0
fi
for f in score.py seeds.gold.json wcep/score.py wcep/dev.jsonl; do
    if [ ! -f "$shared/$f" ]; then
        echo "eval.sh: $shared/$f is missing; the kit is incomplete, nothing measured" >&2
        exit 1
    fi
done

if [ -z "$bin" ]; then
    cargo build --profile fast --quiet
    # Asked of cargo rather than assumed, so CARGO_TARGET_DIR and config files are followed.
    target_dir="$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
    bin="$target_dir/fast/sitrep"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sitrep-eval.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Runs `sitrep extract --format json` on $2 into $tmp/$1.json, prints its wall time, and keeps
# its stderr aside: per-file skip messages would bury the figures, so only their count shows.
extract() {
    local name="$1" input="$2" start end
    start=$(date +%s.%N)
    if ! "$bin" extract --format json "$input" > "$tmp/$name.json" 2> "$tmp/$name.err"; then
        echo "eval.sh: sitrep extract failed on $input:" >&2
        head -5 "$tmp/$name.err" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    local notes
    notes=$(wc -l < "$tmp/$name.err")
    printf '%-6s extract %.1f s wall' "$name" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
    [ "$notes" -gt 0 ] && printf ', %s line(s) on stderr (first: %s)' "$notes" "$(head -1 "$tmp/$name.err")"
    echo
}

v_flag=()
[ "$verbose" = 1 ] && v_flag=(--verbose)

echo "binary: $bin"
echo
echo "== seeds (seeds/ against seeds.gold.json)"
extract seeds seeds/
python3 "$shared/score.py" "$shared/seeds.gold.json" "$tmp/seeds.json" "${v_flag[@]}" > "$tmp/seeds.out"
if [ "$verbose" = 1 ]; then
    grep -v '^summary ' "$tmp/seeds.out" || true
fi
grep '^summary ' "$tmp/seeds.out" | sed 's/^summary /seeds  /'

echo
echo "== wcep (wcep/dev.jsonl against the editors' categories)"
extract wcep "$shared/wcep/dev.jsonl"
python3 "$shared/wcep/score.py" "$tmp/wcep.json" "${v_flag[@]}" --show "$show" > "$tmp/wcep.out"
if [ "$verbose" = 1 ]; then
    grep '^  [a-z]' "$tmp/wcep.out" || true
fi
grep '^items: ' "$tmp/wcep.out" | sed 's/^/wcep   /'
grep '^summary ' "$tmp/wcep.out" | sed 's/^summary /wcep   /'
echo "       bars: conflict_recall >= 0.90, diplomacy_recall >= 0.80, false_alarm <= 0.03"

echo
echo "== wcep per category: share of items where each family or kind fired"
k_flag=()
[ "$all_kinds" = 1 ] && k_flag=(--all)
python3 scripts/wcep_kinds.py "$shared/wcep/dev.jsonl" "$tmp/wcep.json" "${k_flag[@]}"

if [ "$html" = 1 ]; then
    echo
    echo "== html (html/pages against html/expectations.jsonl)"
    if [ ! -f "$shared/html/score.py" ] || [ ! -d "$shared/html/pages" ]; then
        echo "html   no html set in $shared/html; skipped"
    else
        extract html "$shared/html/pages"
        python3 "$shared/html/score.py" "$tmp/html.json" "${v_flag[@]}" > "$tmp/html.out"
        if [ "$verbose" = 1 ]; then
            grep -v -e '^snippets: ' -e '^pages=' "$tmp/html.out" || true
        fi
        grep -e '^snippets: ' -e '^pages=' "$tmp/html.out" | sed 's/^/html   /'
    fi
fi
