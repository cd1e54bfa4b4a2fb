#!/usr/bin/env bash
# Recurrent layer alone (input 128, hidden 256, batch 32, 64 steps, FP32): seq4j (oneDNN kernels),
# DL4J's own LSTM and seq4j's portable GRU (SEQ4J_KERNEL=java), oneDNN's C++ LSTM primitive, and
# PyTorch, all in one run on this machine. Prints median ms per iteration and ratios to oneDNN C++
# (../shared/bench/peers/onednn's program in seq4j's copy, bench/native/, run in both src/dst layouts).
# Needs: apt-get install -y g++ libdnnl-dev python3-torch   (peers; skipped with a note if missing)
#   bash bench/rnn.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-rnn
mkdir -p "$OUT"
./seq4j info >/dev/null

row() { printf '%-44s %9s %9s\n' "$@"; }
json() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print("%.2f %.2f" % (d["train_ms"], d["infer_ms"]))' "$1"; }

declare -A TRAIN INFER
put() { local v="$2"; TRAIN["$1"]="${v% *}"; INFER["$1"]="${v#* }"; }
measure() {   # name, then the command printing JSON with train_ms / infer_ms
  local name="$1"; shift
  local out
  if out="$("$@" 2>/dev/null | tail -n 1)" && [ -n "$out" ]; then
    put "$name" "$(json "$out")"
  else
    put "$name" "n/a n/a"
  fi
}

measure "seq4j lstm (oneDNN)"          ./seq4j bench rnn --cell lstm --json
measure "seq4j gru (oneDNN)"           ./seq4j bench rnn --cell gru --json
measure "seq4j bilstm (oneDNN)" ./seq4j bench rnn --cell lstm --bidirectional --json
measure "seq4j rnn (oneDNN)" ./seq4j bench rnn --cell rnn --json
measure "DL4J LSTM (own kernel)"       env SEQ4J_KERNEL=java ./seq4j bench rnn --cell lstm --json
measure "DL4J SimpleRnn (own kernel)"  env SEQ4J_KERNEL=java ./seq4j bench rnn --cell rnn --json
measure "seq4j gru (portable kernel)"  env SEQ4J_KERNEL=java ./seq4j bench rnn --cell gru --json

# oneDNN's C++ LSTM in both src/dst layouts (the peer's time-major tnc and seq4j's batch-major ntc:
# bench/native/dnnl_lstm_bench.cpp, the peer with a LAYOUT switch), after a central-difference check
# of each layout's gradients (bench/native/dnnl_lstm_gradcheck.cpp). The reference for the ratios is
# the fastest layout whose gradients are right.
declare -A GRADCHECK REF
if command -v g++ >/dev/null && [ -f /usr/include/dnnl.hpp ]; then
  bash bench/native/build.sh "$OUT" >/dev/null
  while read -r _ mode layout verdict rest; do GRADCHECK["$mode $layout"]="$verdict"; done < <(OMP_NUM_THREADS=2 "$OUT/dnnl_lstm_gradcheck")
  for mode in uni bi; do
    cell="$([ $mode = uni ] && echo lstm || echo bilstm)"
    for layout in tnc ntc; do
      line="$(LAYOUT=$layout OMP_NUM_THREADS=2 "$OUT/dnnl_lstm_bench" "$mode" 5 30 | grep '^RESULT')"
      name="oneDNN C++ $cell $layout (2 threads)"
      [ "${GRADCHECK[$mode $layout]:-}" = ok ] || name="$name [wrong dW]"
      put "$name" "$(sed -E 's/.*train: ([0-9.]+) ms.*/\1/' <<<"$line") $(sed -E 's/.*inference: ([0-9.]+) ms.*/\1/' <<<"$line")"
      if [ "${GRADCHECK[$mode $layout]:-}" = ok ] && { [ -z "${REF[$cell]:-}" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "${TRAIN[$name]}" "${TRAIN[${REF[$cell]}]}"; }; then
        REF[$cell]="$name"
      fi
    done
  done
  echo "oneDNN gradient check (central differences): ${GRADCHECK[*]@K}" | tr -d '"'
else
  echo "(oneDNN C++ peer skipped: needs g++ and libdnnl-dev)"
fi
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for mode in lstm gru rnn bilstm; do
    best=""
    for t in 1 2; do   # PyTorch at its best thread setting
      out="$(/usr/bin/python3 bench/torch_rnn.py $mode $t)"
      best="$(python3 - "$best" "$out" <<'PY'
import json, sys
a = json.loads(sys.argv[1]) if sys.argv[1] else None
b = json.loads(sys.argv[2])
print(json.dumps(b if a is None or b["train_ms"] < a["train_ms"] else a))
PY
)"
    done
    put "PyTorch $mode (best threads)" "$(json "$best")"
  done
else
  echo "(PyTorch peer skipped: needs python3-torch)"
fi

echo "cores: $(nproc); threads: OMP unset (all cores), BLAS 1 for seq4j/DL4J; $(date -u +%F)"
row "median ms per iteration" "train" "infer"
for k in "seq4j lstm (oneDNN)" "oneDNN C++ lstm ntc (2 threads)" "oneDNN C++ lstm tnc (2 threads)" "oneDNN C++ lstm tnc (2 threads) [wrong dW]" \
         "PyTorch lstm (best threads)" "DL4J LSTM (own kernel)" \
         "seq4j gru (oneDNN)" "PyTorch gru (best threads)" "seq4j gru (portable kernel)" \
         "seq4j rnn (oneDNN)" "PyTorch rnn (best threads)" "DL4J SimpleRnn (own kernel)" \
         "seq4j bilstm (oneDNN)" "oneDNN C++ bilstm ntc (2 threads)" "oneDNN C++ bilstm tnc (2 threads)" "oneDNN C++ bilstm ntc (2 threads) [wrong dW]" \
         "oneDNN C++ bilstm tnc (2 threads) [wrong dW]" "PyTorch bilstm (best threads)"; do
  [ -n "${TRAIN[$k]:-}" ] && row "$k" "${TRAIN[$k]}" "${INFER[$k]}"
done
ratio() { python3 -c "import sys; a,b=sys.argv[1:]; print('%.2fx' % (float(a)/float(b)) if a!='n/a' and b!='n/a' else 'n/a')" "$1" "$2"; }
echo
lref="${REF[lstm]:-none}"; bref="${REF[bilstm]:-none}"
echo "ratios to oneDNN C++ with right gradients (lstm: $lref; bilstm: $bref; lower is better; target train <= 1.25x, infer <= 1.5x)"
row "seq4j lstm" "$(ratio "${TRAIN[seq4j lstm (oneDNN)]}" "${TRAIN[$lref]:-n/a}")" "$(ratio "${INFER[seq4j lstm (oneDNN)]}" "${INFER[$lref]:-n/a}")"
row "seq4j bilstm" "$(ratio "${TRAIN[seq4j bilstm (oneDNN)]}" "${TRAIN[$bref]:-n/a}")" "$(ratio "${INFER[seq4j bilstm (oneDNN)]}" "${INFER[$bref]:-n/a}")"
row "DL4J LSTM" "$(ratio "${TRAIN[DL4J LSTM (own kernel)]}" "${TRAIN[$lref]:-n/a}")" "$(ratio "${INFER[DL4J LSTM (own kernel)]}" "${INFER[$lref]:-n/a}")"
row "PyTorch lstm" "$(ratio "${TRAIN[PyTorch lstm (best threads)]:-n/a}" "${TRAIN[$lref]:-n/a}")" "$(ratio "${INFER[PyTorch lstm (best threads)]:-n/a}" "${INFER[$lref]:-n/a}")"
