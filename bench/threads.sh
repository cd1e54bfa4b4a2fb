#!/usr/bin/env bash
# Thread-policy benchmark: the same training (quickstart GRU and LSTM, N=20 and 50, 2000 sentences)
# under different BLAS / OpenMP thread settings, in one run on one machine. Prints training seconds
# per setting; the ratios against seq4j's default are what docs/threads.md reports.
#   bash bench/threads.sh                    # the quickstart's size: 32 units, 3 epochs
#   UNITS=256 EPOCHS=1 bash bench/threads.sh # a mid-size model
set -euo pipefail
cd "$(dirname "$0")/.."
./seq4j info >/dev/null   # build first, outside the timings
run() {   # label, then env assignments
  local label="$1"; shift
  local json
  json="$(env "$@" ./seq4j quickstart --lengths 20,50 --cells GRU,LSTM --units "${UNITS:-32}" --epochs "${EPOCHS:-3}" --out target/bench-threads --json 2>/dev/null)"
  python3 - "$label" "$json" <<'PY'
import json, sys
label, data = sys.argv[1], json.loads(sys.argv[2])
secs = {f'{r["cell"].lower()}-n{r["fillers"]}': r["seconds"] for r in data["results"]}
print(f'{label:44s} total {sum(secs.values()):6.1f} s  ' + '  '.join(f'{k} {v:5.1f}' for k, v in secs.items()))
PY
}
echo "cores: $(nproc), units ${UNITS:-32}, epochs ${EPOCHS:-3}"
run "seq4j default (BLAS=1, OMP unset)"          SEQ4J_BLAS_THREADS=1
run "ND4J default (BLAS auto, OMP unset)"        SEQ4J_BLAS_THREADS=auto
run "OMP_NUM_THREADS=1 (BLAS follows: 1)"        SEQ4J_BLAS_THREADS=auto OMP_NUM_THREADS=1
run "BLAS=2, OMP unset"                          SEQ4J_BLAS_THREADS=2
run "seq4j default again (drift check)"          SEQ4J_BLAS_THREADS=1
