#!/usr/bin/env bash
# Runs every cargo-fuzz target under fuzz/ for SECONDS each (default 60): each format's loader,
# the sanitiser with its oracle, dates, the per-article analysis and the briefing.
#
#   scripts/fuzz.sh            # a minute per target
#   scripts/fuzz.sh 600        # ten minutes per target
#   scripts/fuzz.sh 60 dates   # only the targets named
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). It uses nightly features: on a stable toolchain
# the script lends them with RUSTC_BOOTSTRAP=1. Each target starts from the bundled seeds/,
# from fuzz/seeds/<target>/ and from large inputs written here (64 KB and more, to find costs
# that grow faster than the input); what it learns stays in fuzz/corpus/<target>/ (not in git).
# An input slower than 10 s counts as a crash. A crash is saved under fuzz/artifacts/<target>/
# and the script exits 1 after running the others: make it a regression test, then fix it.
# FUZZ_TARGET_DIR sets where the targets are built (default fuzz/target).
set -uo pipefail

secs="${1:-60}"
shift || true
cd "$(dirname "$0")/.."
if ! command -v cargo-fuzz > /dev/null; then
    echo "fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi
target_dir="${FUZZ_TARGET_DIR:-fuzz/target}"
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi

# Large inputs, written once per corpus folder.
big() {
    python3 - "$1" "$2" <<'PY'
import sys
kind, out = sys.argv[1], sys.argv[2]
n = 64 * 1024
def rep(unit):
    return (unit * (n // len(unit) + 1))[:n]
text = {
    "loader_html": "<html><body>" + rep("<div>a & b <p>x</b>"),
    "loader_json": "[" * 20000 + "]" * 20000,
    "loader_jsonl": rep('{"title": "T", "text": "Troops attacked Gao on 3 May."}\n'),
    "loader_markdown": "---\ntitle: T\n---\n" + rep("# h\n\n- Troops attacked Gao, "),
    "loader_txt": "Title\n\n" + rep("Malian troops attacked Algerian positions near Kidal, "),
    "sanitize": rep("\x1b]0;x\x07\x1b[1m\u202e\t\r"),
    "dates": rep("12 May 2024 3/4 1999-13-45 on Monday "),
    "analysis": rep("attack Mali Quorble Zentrix did not strike Gao, "),
    "briefing": rep("Troops attacked Gao on 3 May 2024.\0"),
}[kind]
open(out, "w", encoding="utf-8").write(text)
PY
}

failed=()
for t in "${targets[@]}"; do
    corpus="fuzz/corpus/$t"
    mkdir -p "$corpus"
    [ -e "$corpus/big-64k" ] || big "$t" "$corpus/big-64k"
    dirs=("$corpus" seeds)
    [ -d "fuzz/seeds/$t" ] && dirs+=("fuzz/seeds/$t")
    echo "== $t ($secs s)"
    log="$(mktemp)"
    cargo fuzz run --fuzz-dir fuzz --target-dir "$target_dir" --sanitizer none "$t" "${dirs[@]}" -- \
        -max_total_time="$secs" -max_len=262144 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 > "$log" 2>&1
    status=$?
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|==[0-9]+== ERROR|SUMMARY|Test unit written|thread .* panicked|error)" "$log"
    if [ "$status" -ne 0 ]; then
        tail -n 30 "$log"
        failed+=("$t")
    fi
    rm -f "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]} (inputs under fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz.sh: every target ran $secs s without a crash"
