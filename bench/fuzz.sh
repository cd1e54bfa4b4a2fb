#!/usr/bin/env bash
# Fuzzes every Jazzer target (@FuzzTest) for SECONDS each (default 60), one after another, and prints
# per target: seconds, executions, corpus entries, and whether it found anything. A finding is stored
# by Jazzer under the test's src/test/resources/.../*FuzzTestInputs/<target>/ and from then on fails
# `mvn test` until fixed (that directory is the regression suite). The generated corpus stays in
# each module's .cifuzz-corpus/ (ignored by git) and makes the next run start where this one ended.
#   bash bench/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-60}"
OUT=target/bench-fuzz
mkdir -p "$OUT"
TARGETS=(
  "modules/seq4j-core io.seq4j.core.fuzz.LoadersFuzzTest vocabulary labels bundle lines"
  "modules/seq4j-series io.seq4j.series.fuzz.SeriesReadersFuzzTest wav csv"
  "modules/seq4j-ner io.seq4j.ner.fuzz.ConllReaderFuzzTest conll"
  "modules/seq4j-sentiment io.seq4j.sentiment.fuzz.DocumentReaderFuzzTest documents"
  "modules/seq4j-lm io.seq4j.lm.fuzz.LmReadersFuzzTest corpus abc"
  "examples io.seq4j.examples.fuzz.ExampleReadersFuzzTest splice weather prices"
  "modules/seq4j-cli io.seq4j.cli.RequestFuzzTest predictRequest"
)
mvn -B -q -o install -DskipTests
printf '%-16s %-16s %8s %12s %7s %s\n' module target seconds executions corpus result
for line in "${TARGETS[@]}"; do
  read -r module class methods <<< "$line"
  for m in $methods; do
    log="$OUT/${class##*.}.$m.log"
    status=0
    JAZZER_FUZZ=1 mvn -B -o test -pl "$module" -Dtest="$class#$m" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.max_duration="${SECS}s" '-Djazzer.instrument=io.seq4j.**' > "$log" 2>&1 || status=$?
    last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    execs="$(sed -E 's/^#([0-9]+).*/\1/' <<< "$last")"
    corpus="$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<< "$last")"
    result="no finding"
    [ "$status" -ne 0 ] && result="FINDING or failure: see $log"
    printf '%-16s %-16s %8s %12s %7s %s\n' "${module##*/}" "$m" "$SECS" "${execs:-?}" "${corpus:-?}" "$result"
  done
done
