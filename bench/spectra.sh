#!/usr/bin/env bash
# Whole-process comparison of flatcheck's certified spectrum (default `hessian --json`: enclosures of
# every eigenvalue, exact rank and inertia) with PyTorch float64 `torch.autograd.functional.hessian` +
# `torch.linalg.eigvalsh` (bench/peer_torch.py --eigvalsh), in one run, on the same networks.
#
#   bench/spectra.sh                      # [4,16,16,1]+bias × 256 (369 params), [8,32,32,1] × 256 (1312)
#   bench/spectra.sh NET DATA [NET DATA…] # other layered networks
#
# For each network: best-of-RUNS wall-clock seconds of each whole process (JVM / Python start-up and imports
# included), their ratio, and cross-checks from the captured outputs: every torch eigenvalue against the k-th
# enclosure (how many lie strictly inside; the largest distance outside, relative to ‖H‖₂ — a float64
# eigenvalue can lie just outside a correct enclosure that is tighter than its own error), the widths of the
# enclosures (absolute and relative to ‖H‖₂), rank and inertia (or their certified bounds).
# Also `hessian --json --digits 30` (Kato–Temple refinement of every isolated eigenvalue to 10⁻³⁰) on networks
# of at most DIGITS_MAX_P parameters (default 400; its cost grows like P³ big-integer products).
# Environment: RUNS (default 3), PYTHON (/usr/bin/python3), JAVA_OPTS (extra JVM flags), DIGITS_MAX_P.
# Raw outputs go to bench/results/spectra-<timestamp>/ (git-ignored).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
RUNS="${RUNS:-3}"
PY="${PYTHON:-/usr/bin/python3}"

if [ $# -eq 0 ]; then
  set -- bench/nets/mlp-4-16-16-1.json bench/nets/data-4-256.json bench/nets/mlp-8-32-32-1.json bench/nets/data-8-256.json
fi
if [ $(($# % 2)) -ne 0 ]; then
  echo "usage: bench/spectra.sh [NET DATA]..." >&2
  exit 2
fi

./flatcheck --version > /dev/null
out="bench/results/spectra-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
{
  echo "date:      $(date -Iseconds)"
  echo "host:      $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at start"
  echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "java:      $(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "flatcheck: $(./flatcheck --version 2>&1 | head -n 1) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "torch:     $("$PY" -c 'import torch; print(torch.__version__, "(intra-op threads:", torch.get_num_threads(), ")")' 2>&1)"
  echo "runs:      best of $RUNS"
} | tee "$out/environment.txt" >&2

# best NAME OUTFILE CMD…: runs CMD RUNS times (stdout of the first kept), prints the best wall time in seconds.
best() {
  local file="$1"
  shift
  local b="" t0 t1 dt
  for ((k = 0; k < RUNS; k++)); do
    t0=$(date +%s%N)
    if [ "$k" -eq 0 ]; then "$@" > "$file"; else "$@" > /dev/null; fi
    t1=$(date +%s%N)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ -z "$b" ] || awk -v a="$dt" -v c="$b" 'BEGIN { exit !(a < c) }'; then b="$dt"; fi
  done
  echo "$b"
}

tsv="$out/times.tsv"
: > "$tsv"
while [ $# -gt 0 ]; do
  net="$1"
  data="$2"
  shift 2
  name="$(basename "$net" .json)"
  echo "== $name" >&2
  # shellcheck disable=SC2086
  tf=$(best "$out/$name.flatcheck.json" ./flatcheck ${JAVA_OPTS:+$JAVA_OPTS} hessian --net "$net" --data "$data" --json)
  tt=$(best "$out/$name.torch.json" "$PY" bench/peer_torch.py "$net" "$data" --eigvalsh)
  p=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["num_params"])' "$out/$name.flatcheck.json")
  td="-"
  if [ "$p" -le "${DIGITS_MAX_P:-400}" ]; then
    # shellcheck disable=SC2086
    td=$(best "$out/$name.digits30.json" ./flatcheck ${JAVA_OPTS:+$JAVA_OPTS} hessian --net "$net" --data "$data" --json --digits 30)
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$tf" "$tt" "$td" >> "$tsv"
  echo "   flatcheck ${tf}s  torch ${tt}s  flatcheck --digits 30 ${td}s" >&2
done

"$PY" - "$out" <<'EOF'
import json, os, sys
from fractions import Fraction
out = sys.argv[1]
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "times.tsv"))]
print("| network | P | flatcheck (s) | torch H+eigvalsh (s) | ratio | --digits 30 (s) | ratio | intervals > 1e-30 | rank | inertia (+, 0, −) | torch eigenvalues strictly inside | max distance outside / ‖H‖₂ | max width | max width / ‖H‖₂ |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for name, tf, tt, td in rows:
    f = json.load(open(os.path.join(out, name + ".flatcheck.json")))
    t = json.load(open(os.path.join(out, name + ".torch.json")))
    iv = [(Fraction(e["lo"]), Fraction(e["hi"])) for e in f["eigenvalues"]]
    te = [Fraction(float(x)) for x in t["eigenvalues"]]
    norm = max(max(abs(lo), abs(hi)) for lo, hi in iv)
    inside = sum(lo <= x <= hi for (lo, hi), x in zip(iv, te))
    outside = max([max(lo - x, x - hi, 0) for (lo, hi), x in zip(iv, te)] + [0])
    width = max(hi - lo for lo, hi in iv)
    if "inertia" in f:
        rank = str(f["hessian_rank"])
        i = f["inertia"]
        inertia = "%d, %d, %d" % (i["positive"], i["zero"], i["negative"])
    else:
        b = f["hessian_rank_bounds"]
        rank = "%d..%d (bounds)" % (b["lo"], b["hi"])
        lo, hi = f["inertia_bounds"]["lo"], f["inertia_bounds"]["hi"]
        inertia = "%d..%d, %d..%d, %d..%d (bounds)" % (lo["positive"], hi["positive"], lo["zero"], hi["zero"],
                                                        lo["negative"], hi["negative"])
    if td != "-":
        g = json.load(open(os.path.join(out, name + ".digits30.json")))
        dratio = "%.2f×" % (float(td) / float(tt))
        wider = str(g["eigenvalues_wider_than_digits"])
    else:
        dratio, wider = "-", "-"
    print("| %s | %d | %s | %s | %.2f× | %s | %s | %s | %s | %s | %d of %d | %.1e | %.1e | %.1e |" % (
        name, f["num_params"], tf, tt, float(tf) / float(tt), td, dratio, wider, rank, inertia, inside, len(te),
        float(outside / norm), float(width), float(width / norm)))
EOF
