#!/usr/bin/env bash
# Wall-clock times of the commands of DeepNetworksTest on a chain x → h0 → … → y of N hidden nodes, at
# two lengths, with the growth exponent log(t2/t1)/log(N2/N1) (1 = linear, 2 = quadratic). The test
# itself asserts linear *memory* (allocated bytes), never time; this is where time is measured.
# Usage: bench/deep-chain.sh [N1 [N2]]   (default 50000 200000). Needs target/flatcheck.jar (./flatcheck --version builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
n1=${1:-50000}
n2=${2:-200000}
./flatcheck --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
make_chain() {
  /usr/bin/python3 - "$1" "$work/chain-$1.json" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
hidden = ", ".join(f'"h{i}"' for i in range(n))
edges = ['{"from": "x", "to": "h0", "w": "1"}'] + [f'{{"from": "h{i}", "to": "h{i+1}", "w": "1"}}' for i in range(n - 1)]
edges.append(f'{{"from": "h{n-1}", "to": "y", "w": "1/2"}}')
open(out, "w").write('{"inputs": ["x"], "outputs": ["y"], "hidden": [' + hidden + '], "edges": [' + ", ".join(edges) + "]}")
PY
}
make_chain "$n1"
make_chain "$n2"
echo '{"inputs": [["1"], ["2"]], "targets": [["1"], ["0"]]}' > "$work/data.json"
seconds() { local s e; s=$(date +%s.%N); java -jar target/flatcheck.jar "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
printf '%-45s %10s %10s %8s\n' command "N=$n1" "N=$n2" exponent
while IFS= read -r cmd; do
  t1=$(seconds $(echo "$cmd" | sed "s|NET|$work/chain-$n1.json|g; s|DATA|$work/data.json|g; s|OUT|$work/out|g"))
  t2=$(seconds $(echo "$cmd" | sed "s|NET|$work/chain-$n2.json|g; s|DATA|$work/data.json|g; s|OUT|$work/out|g"))
  exp=$(echo "l($t2/$t1)/l($n2/$n1)" | bc -l)
  printf '%-45s %9.2fs %9.2fs %8.2f\n' "$cmd" "$t1" "$t2" "$exp"
done <<'CMDS'
canon --net NET
paths --net NET
paths --net NET --basis --json
hessian --net NET --data DATA --no-spectrum
bounds --net NET --data DATA
audit --net NET --data DATA --tries 1
equiv NET NET
rescale --net NET --node h5=2 -o OUT.json
CMDS
