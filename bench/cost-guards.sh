#!/usr/bin/env bash
# Calibration of the Hessian work estimate (--max-hessian-work) and the audit's long inputs: for each input,
# the estimate flatcheck prints when refusing under --max-hessian-work 1, then the wall time and peak memory of
# the same 'hessian --no-spectrum' run without a limit; then 'audit' (default options) on a rescaled 5000-layer
# chain and on [2, 50000, 1]. Timings are machine-dependent and belong here, never in a test.
# Usage: bench/cost-guards.sh   (needs target/flatcheck.jar: ./flatcheck --version builds it; /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
./flatcheck --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" <<'PY'
import json, random, sys
from fractions import Fraction
out = sys.argv[1]
random.seed(5)
def net(layers, wgen, bias=True):
    d = {"layers": layers, "weights": [[[str(wgen()) for i in range(layers[l])] for j in range(layers[l + 1])] for l in range(len(layers) - 1)]}
    if bias:
        d["biases"] = [[str(wgen()) for j in range(layers[l + 1])] for l in range(len(layers) - 1)]
    return d
def data(n, din, dout, gen):
    return {"inputs": [[str(gen()) for _ in range(din)] for _ in range(n)], "targets": [[str(gen()) for _ in range(dout)] for _ in range(n)]}
small = lambda: Fraction(random.randint(-8, 8), 8)
json.dump(data(4, 2, 1, small), open(f"{out}/d4.json", "w"))
for bits in (250, 1000, 3000, 9000):
    json.dump(net([2, 6, 2, 1], lambda: Fraction(random.getrandbits(bits) * random.choice([-1, 1]) + 1, 3)), open(f"{out}/bits{bits}.json", "w"))
primes = iter([p for p in range(5, 20000) if all(p % q for q in range(2, int(p ** .5) + 1))])
json.dump(net([4, 10, 6, 1], lambda: Fraction(random.randint(1, 50) * random.choice([-1, 1]), next(primes))), open(f"{out}/primes.json", "w"))
json.dump(data(32, 4, 1, small), open(f"{out}/d32.json", "w"))
json.dump(net([2, 2, 1], lambda: Fraction(random.randint(1, 50) * random.choice([-1, 1]), 7)), open(f"{out}/tiny.json", "w"))
json.dump(data(100000, 2, 1, lambda: Fraction(random.randint(-40, 40), 9)), open(f"{out}/d100k.json", "w"))
json.dump({"layers": [1] * 5002, "weights": [[["1"]] for _ in range(5001)]}, open(f"{out}/chain5000.json", "w"))
json.dump({"layers": [2, 50000, 1], "weights": [[[f"{j % 7 + 1}/3", f"-1/{j % 5 + 2}"] for j in range(50000)], [[f"{j % 3 + 1}/2" for j in range(50000)]]]}, open(f"{out}/wide.json", "w"))
PY
printf '%-44s %14s %10s %10s\n' input estimate seconds peak-MB
row() {
  local est s e mem
  est=$(java -jar target/flatcheck.jar hessian --net "$1" --data "$2" --no-spectrum --max-hessian-work 1 2>&1 | grep -o 'about [0-9.e+]* word' | cut -d' ' -f2 || true)
  s=$(date +%s.%N)
  mem=$( { /usr/bin/time -f '%M' java -jar target/flatcheck.jar hessian --net "$1" --data "$2" --no-spectrum --max-hessian-work 9000000000000000000 >/dev/null; } 2>&1 | tail -1 || true)
  e=$(date +%s.%N)
  printf '%-44s %14s %10.1f %10d\n' "$3" "$est" "$(echo "$e - $s" | bc)" "$((mem / 1024))"
}
row bench/nets/mlp-4-16-16-1.json bench/nets/data-4-256.json "[4,16,16,1]+b × 256 (369 params)"
row bench/nets/mlp-2-8-8-1.json bench/nets/data-2-16.json "[2,8,8,1]+b × 16 (105 params)"
for bits in 250 1000 3000 9000; do row "$work/bits$bits.json" "$work/d4.json" "[2,6,2,1]+b, ${bits}-bit weights × 4"; done
row "$work/primes.json" "$work/d32.json" "[4,10,6,1]+b, 123 distinct primes × 32"
row "$work/tiny.json" "$work/d100k.json" "[2,2,1]+b × 100 000 points"
for n in chain5000 wide; do
  s=$(date +%s.%N)
  mem=$( { /usr/bin/time -f '%M' java -jar target/flatcheck.jar audit --net "$work/$n.json" >/dev/null; } 2>&1 | tail -1 || true)
  e=$(date +%s.%N)
  printf '%-44s %14s %10.1f %10d\n' "audit $n (default options)" - "$(echo "$e - $s" | bc)" "$((mem / 1024))"
done
