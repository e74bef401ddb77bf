#!/usr/bin/env bash
# End-to-end budgets of BENCHMARKS.md: generates synthetic corpora (examples/gen_corpus), runs
# on each, several times,
#   extract: `sitrep extract --format json DIR > /dev/null`  (load, analysis, the JSON view)
#   analyse: `sitrep brief --since 9999 DIR > /dev/null`     (load and analysis; the briefing
#            filter keeps no event, so almost nothing is written)
# and prints the median wall time, the median CPU time (user + sys), throughput, peak resident
# memory and its ratio to the corpus size on disk; then the reader's start-up to its first frame
# in a pseudo-terminal (scripts/reader_startup.py) and, with --probe, the reader's budgets on the
# corpus (examples/reader_probe.rs).
#
#   scripts/measure.sh                          # 10k and 100k articles, 5 runs each
#   scripts/measure.sh --sizes 10000 --runs 3   # the 10k corpus only
#
# Options: --sizes "N ..." (articles per corpus), --runs N, --seed S, --keep (keep the corpora
# and print where), --probe (run examples/reader_probe on each corpus). Corpora go to a temporary folder under $TMPDIR (/tmp), removed at exit.
# SITREP=PATH measures another sitrep binary (default: target/release/sitrep, built here).
# "MB" is 10^6 bytes; corpus size is the sum of file sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="10000 100000"
runs=5
seed=1
keep=0
probe=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --probe) probe=1; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "measure.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

cargo build --release --quiet --bin sitrep --example gen_corpus --example reader_probe
sitrep=${SITREP:-target/release/sitrep}
gen=target/release/examples/gen_corpus

work=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-measure.XXXXXX")
if [ "$keep" = 1 ]; then
    echo "corpora kept in $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# Runs sitrep once with the given arguments; prints "SECONDS CPU_SECONDS PEAK_RSS_KB" (CPU is
# user + sys). From GNU time when present, else from getrusage(RUSAGE_CHILDREN) in a small
# Python wrapper.
run_once() {
    local start end rss
    if [ -x /usr/bin/time ]; then
        start=$(date +%s%N)
        if ! /usr/bin/time -f '%U %S %M' -o "$work/rss" "$sitrep" "$@" > /dev/null 2> "$work/stderr"; then
            echo "measure.sh: sitrep $* failed:" >&2
            tail -n 5 "$work/stderr" >&2
            return 1
        fi
        end=$(date +%s%N)
        rss=$(tail -n 1 "$work/rss")
        echo "$(( (end - start) / 1000000 ))e-3 $rss" | awk '{ printf "%.3f %.2f %d\n", $1, $2 + $3, $4 }'
    else
        python3 - "$work/stderr" "$sitrep" "$@" <<'PY'
import resource, subprocess, sys, time
errpath, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
with open(errpath, "w") as err:
    code = subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=err)
secs = time.perf_counter() - start
if code != 0:
    sys.stderr.write(f"measure.sh: {' '.join(cmd)} failed:\n" + open(errpath).read()[-2000:])
    sys.exit(1)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{secs:.3f} {u.ru_utime + u.ru_stime:.2f} {u.ru_maxrss}")
PY
    fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "sitrep $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores," \
    "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
echo "load: $(uptime | sed 's/.*load average/load average/')"
printf '%-8s %9s %7s %10s %9s %9s %9s %8s %12s %11s\n' \
    run articles files corpus_MB median_s min_s cpu_s MB/s peak_RSS_MB RSS/corpus
declare -A first_secs
first_n=""
for n in $sizes; do
    dir="$work/corpus-$n"
    line=$("$gen" --articles "$n" --out "$dir" --seed "$seed")
    files=$(echo "$line" | sed -E 's/.* ([0-9]+) files.*/\1/')
    bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
    for mode in extract analyse; do
        case $mode in
            extract) args=(extract --format json "$dir") ;;
            analyse) args=(brief --since 9999 "$dir") ;;
        esac
        : > "$work/times"
        : > "$work/rsss"
        : > "$work/cpus"
        for _ in $(seq "$runs"); do
            read -r secs cpu rss < <(run_once "${args[@]}")
            echo "$secs" >> "$work/times"
            echo "$cpu" >> "$work/cpus"
            echo "$rss" >> "$work/rsss"
        done
        med=$(median < "$work/times")
        cpu=$(median < "$work/cpus")
        min=$(sort -g "$work/times" | head -n 1)
        rss=$(sort -g "$work/rsss" | tail -n 1)
        awk -v m="$mode" -v n="$n" -v f="$files" -v b="$bytes" -v med="$med" -v min="$min" \
            -v cpu="$cpu" -v rss="$rss" 'BEGIN {
            printf "%-8s %9d %7d %10.1f %9.3f %9.3f %9.2f %8.1f %12.1f %11.2f\n", m, n, f, b / 1e6,
                med, min, cpu, (med > 0 ? b / 1e6 / med : 0), rss * 1024 / 1e6, rss * 1024 / b }'
        if [ -z "$first_n" ] || [ "$first_n" = "$n" ]; then
            first_secs[$mode]=$med
        else
            awk -v m="$mode" -v a="${first_secs[$mode]}" -v b="$med" -v na="$first_n" -v nb="$n" \
                'BEGIN { printf "  %s scaling %d -> %d articles: %.2fx the time for %.0fx the articles\n",
                    m, na, nb, (a > 0 ? b / a : 0), nb / na }'
        fi
    done
    python3 scripts/reader_startup.py --runs "$runs" --size 200x60 "$sitrep" "$dir"
    if [ "$probe" = 1 ]; then
        target/release/examples/reader_probe "$dir"
    fi
    [ -n "$first_n" ] || first_n=$n
    [ "$keep" = 1 ] || rm -rf "$dir"
done
