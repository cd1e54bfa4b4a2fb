#!/usr/bin/env bash
# Fuzzes every Jazzer target (@FuzzTest) for about SECONDS each (default 60), one after another, and prints
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
  "modules/seq4j-seq2seq io.seq4j.seq2seq.fuzz.ParallelTextFuzzTest aligned tsv"
  "examples io.seq4j.examples.fuzz.ExampleReadersFuzzTest splice weather prices"
  "modules/seq4j-cli io.seq4j.cli.RequestFuzzTest predictRequest"
)
mvn -B -q -o install -DskipTests
printf '%-16s %-16s %8s %12s %7s %s\n' module target seconds executions corpus result
for line in "${TARGETS[@]}"; do
  read -r module class methods <<< "$line"
  for m in $methods; do
    log="$OUT/${class##*.}.$m.log"
    # jazzer-junit 0.24 ignored jazzer.max_duration / JAZZER_MAX_DURATION here (it fuzzed on past it), so the
    # run is stopped from outside: SECONDS of fuzzing plus about 25 s of Maven and JVM start, then SIGINT to its
    # process group. A finding is written to the inputs directory the moment it is found.
    setsid bash -c "JAZZER_FUZZ=1 JAZZER_INSTRUMENT='io.seq4j.**' exec mvn -B -o test -pl '$module' -Dtest='$class#$m' \
        -Dsurefire.failIfNoSpecifiedTests=false" > "$log" 2>&1 &
    pid=$!
    sleep $((SECS + 25))
    kill -INT -- -"$pid" 2>/dev/null || true
    sleep 3
    kill -KILL -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    execs="$(sed -E 's/^#([0-9]+).*/\1/' <<< "$last")"
    corpus="$(sed -nE 's/.*corp: ([0-9]+).*/\1/p' <<< "$last")"
    result="no finding"
    if grep -qE 'FuzzTestFindingException|== Java Exception|FuzzerSecurityIssue' "$log"; then
      result="FINDING: see $log"
    fi
    printf '%-16s %-16s %8s %12s %7s %s\n' "${module##*/}" "$m" "$SECS" "${execs:-?}" "${corpus:-?}" "$result"
  done
done
