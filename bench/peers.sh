#!/usr/bin/env bash
# Whole-process speed comparison of flatcheck's exact Hessian with PyTorch float64 and SymPy.
#
#   bench/peers.sh                      # the two bench networks (bench/nets/)
#   bench/peers.sh NET DATA [NET DATA…] # other layered networks
#
# For every network, in one run: flatcheck `hessian --json --no-spectrum` (loss, gradient, exact
# Hessian, trace, Frobenius), flatcheck's full default `hessian --json` (adds the certified spectrum; with
# FULL_ARGS=--charpoly the characteristic
# polynomial and certified eigenvalues; reported separately, with a time limit), PyTorch float64
# torch.autograd.functional.hessian (default and vectorize=True), and SymPy's symbolic Hessian
# (time limit). Each tool is timed as a whole process (JVM or Python start-up and imports included);
# times are best of N wall-clock seconds. Prints a table, the ratios peer/flatcheck, and cross-checks
# flatcheck's exact trace against torch (relative 1e-9) and SymPy (exact). Raw results go to
# bench/results/<timestamp>/ (git-ignored).
#
# Environment: RUNS (default 3; runs of the fast tools), SYMPY_TIMEOUT (300 s), SYMPY_RUNS (1),
# FULL_TIMEOUT (300 s; flatcheck with spectrum), FULL_RUNS (1), FULL_ARGS (extra options of the full
# run, e.g. "--charpoly --max-charpoly-params 1000": --charpoly is refused above P = 200 by default with
# exit 4, reported as "refused (exit 4)"), SKIP_SYMPY=1, SKIP_FULL=1,
# SKIP_VECTORIZE=1, SYMPY_SUBS=1 (also time SymPy substituting with Matrix.subs instead of xreplace),
# PYTHON (/usr/bin/python3), JAVA (java), JAVA_OPTS (extra JVM flags for flatcheck, default none,
# e.g. -XX:TieredStopAtLevel=1), NO_HYPERFINE=1 (use the built-in timer).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

RUNS="${RUNS:-3}"
SYMPY_TIMEOUT="${SYMPY_TIMEOUT:-300}"
SYMPY_RUNS="${SYMPY_RUNS:-1}"
FULL_TIMEOUT="${FULL_TIMEOUT:-300}"
FULL_RUNS="${FULL_RUNS:-1}"
PY="${PYTHON:-/usr/bin/python3}"
JAVA="${JAVA:-java}"
read -r -a jopts <<< "${JAVA_OPTS:-}"
read -r -a fullargs <<< "${FULL_ARGS:-}"
JAR="$root/target/flatcheck.jar"

if [ $# -eq 0 ]; then
  set -- bench/nets/mlp-4-16-16-1.json bench/nets/data-4-256.json bench/nets/mlp-2-8-8-1.json bench/nets/data-2-16.json
fi
if [ $(($# % 2)) -ne 0 ]; then
  echo "usage: bench/peers.sh [NET DATA]..." >&2
  exit 2
fi

echo "peers: building/checking target/flatcheck.jar" >&2
./flatcheck --version > /dev/null

stamp="$(date +%Y%m%d-%H%M%S)"
out="bench/results/$stamp"
mkdir -p "$out"
ln -sfn "$stamp" bench/results/latest

have_hyperfine=0
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine > /dev/null; then
  have_hyperfine=1
fi

{
  echo "date:      $(date -Iseconds)"
  echo "host:      $(uname -srm)"
  echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') × $(nproc) cores"
  echo "memory:    $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start"
  echo "java:      $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "flatcheck: $("$JAVA" -jar "$JAR" --version 2>&1 | head -n 1)"
  echo "python:    $("$PY" --version 2>&1)"
  echo "torch:     $("$PY" -c 'import torch; print(torch.__version__, "(intra-op threads:", torch.get_num_threads(), ")")' 2>&1)"
  echo "sympy:     $("$PY" -c 'import sympy; print(sympy.__version__)' 2>&1)"
  echo "timer:     $([ $have_hyperfine = 1 ] && hyperfine --version || echo 'bash date +%s%N, best of N')"
  echo "settings:  RUNS=$RUNS SYMPY_TIMEOUT=$SYMPY_TIMEOUT SYMPY_RUNS=$SYMPY_RUNS FULL_TIMEOUT=$FULL_TIMEOUT FULL_RUNS=$FULL_RUNS SYMPY_SUBS=${SYMPY_SUBS:-} JAVA_OPTS=${JAVA_OPTS:-} FULL_ARGS=${FULL_ARGS:-}"
} > "$out/environment.txt"
cat "$out/environment.txt" >&2

# One line per measurement: net<TAB>tool<TAB>status<TAB>best_s<TAB>mean_s<TAB>runs<TAB>output_file
tsv="$out/times.tsv"
: > "$tsv"

now_ns() { date +%s%N; }

# timed_runs NAME N LIMIT OUTFILE CMD… : best-of-N wall time with a time limit; appends to $tsv.
# OUTFILE receives stdout of the last run (stderr goes to OUTFILE.err). Stops after the first
# timeout or failure: a lower bound is all a timed-out tool can give.
timed_runs() {
  local net="$1" tool="$2" n="$3" limit="$4" file="$5"
  shift 5
  local best="" sum=0 k=0 status=ok rc t0 t1 dt
  for ((r = 0; r < n; r++)); do
    t0=$(now_ns)
    set +e
    timeout -k 10 "$limit" "$@" > "$file" 2> "$file.err"
    rc=$?
    set -e
    t1=$(now_ns)
    dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      status=timeout
      best="$limit"
      k=1
      sum="$limit"
      break
    elif [ "$rc" -eq 4 ]; then
      status=limit # flatcheck refused: a resource limit (e.g. --max-spectrum-params), exit 4
      best="$dt"
      k=1
      sum="$dt"
      break
    elif [ "$rc" -ne 0 ]; then
      status="fail($rc)"
      best="$dt"
      k=1
      sum="$dt"
      break
    fi
    sum=$(awk -v a="$sum" -v b="$dt" 'BEGIN { printf "%.3f", a + b }')
    k=$((k + 1))
    if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best="$dt"
    fi
  done
  local mean
  mean=$(awk -v s="$sum" -v k="$k" 'BEGIN { printf "%.3f", s / k }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$net" "$tool" "$status" "$best" "$mean" "$k" "$file" >> "$tsv"
  printf '  %-22s %-8s best %8ss  mean %8ss  (%d run%s)\n' "$tool" "$status" "$best" "$mean" "$k" \
    "$([ "$k" -eq 1 ] && echo "" || echo s)" >&2
}

# fast_runs NET TOOL OUTFILE CMD… : one untimed run captures the output (and warms the page cache),
# then hyperfine (output to /dev/null) or the built-in timer takes best of $RUNS.
fast_runs() {
  local net="$1" tool="$2" file="$3"
  shift 3
  if ! "$@" > "$file" 2> "$file.err"; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$net" "$tool" "fail" "" "" 0 "$file" >> "$tsv"
    echo "  $tool: FAILED, see $file.err" >&2
    return
  fi
  if [ $have_hyperfine = 1 ]; then
    local hf="$out/$net.$tool.hyperfine.json"
    hyperfine -N --style none --output null --runs "$RUNS" --export-json "$hf" -n "$tool" -- "$*" > /dev/null
    "$PY" - "$hf" "$net" "$tool" "$file" >> "$tsv" << 'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%s\t%s\tok\t%.3f\t%.3f\t%d\t%s" % (sys.argv[2], sys.argv[3], r["min"], r["mean"], len(r["times"]), sys.argv[4]))
EOF
    tail -n 1 "$tsv" | awk -F'\t' '{ printf "  %-22s %-8s best %8ss  mean %8ss  (%d run%s, hyperfine)\n", $2, $3, $4, $5, $6, ($6 == 1 ? "" : "s") }' >&2
  else
    timed_runs "$net" "$tool" "$RUNS" 86400 "$file" "$@"
  fi
}

while [ $# -gt 0 ]; do
  netf="$1"
  dataf="$2"
  shift 2
  net="$(basename "$netf" .json)"
  echo "== $net on $(basename "$dataf")" >&2
  fast_runs "$net" flatcheck "$out/$net.flatcheck.json" \
    "$root/flatcheck" hessian --net "$netf" --data "$dataf" --json --no-spectrum
  fast_runs "$net" torch "$out/$net.torch.json" "$PY" bench/peer_torch.py "$netf" "$dataf"
  if [ -z "${SKIP_VECTORIZE:-}" ]; then
    fast_runs "$net" torch-vectorize "$out/$net.torch-vectorize.json" \
      "$PY" bench/peer_torch.py "$netf" "$dataf" --vectorize
  fi
  if [ -z "${SKIP_FULL:-}" ]; then
    timed_runs "$net" flatcheck-full "$FULL_RUNS" "$FULL_TIMEOUT" "$out/$net.flatcheck-full.json" \
      "$root/flatcheck" hessian --net "$netf" --data "$dataf" --json \
      ${fullargs[@]+"${fullargs[@]}"}
  fi
  if [ -z "${SKIP_SYMPY:-}" ]; then
    timed_runs "$net" sympy "$SYMPY_RUNS" "$SYMPY_TIMEOUT" "$out/$net.sympy.json" \
      "$PY" bench/peer_sympy.py "$netf" "$dataf"
    if [ -n "${SYMPY_SUBS:-}" ]; then
      timed_runs "$net" sympy-subs "$SYMPY_RUNS" "$SYMPY_TIMEOUT" "$out/$net.sympy-subs.json" \
        "$PY" bench/peer_sympy.py "$netf" "$dataf" --subs
    fi
  fi
done

set +e
"$PY" - "$tsv" "$out" << 'EOF' | tee "$out/summary.md"
import json, math, sys
from collections import OrderedDict
from fractions import Fraction

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
nets = OrderedDict()
for net, tool, status, best, mean, runs, file in rows:
    nets.setdefault(net, {})[tool] = dict(status=status, best=float(best) if best else None,
                                          mean=float(mean) if mean else None, runs=int(runs), file=file)

def load(m):
    if m is None or m["status"] != "ok":
        return None
    try:
        with open(m["file"]) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

def cell(m):
    if m is None:
        return "—"
    if m["status"] == "timeout":
        return "> %g s (timeout)" % m["best"]
    if m["status"] == "limit":
        return "refused (exit 4) in %.2f s" % m["best"]
    if m["status"] != "ok":
        return m["status"]
    return "%.2f s" % m["best"] + (" (mean %.2f)" % m["mean"] if m["runs"] > 1 else "")

def ratio(peer, base):
    if peer is None or base is None or base["status"] != "ok" or peer["best"] is None:
        return "—"
    r = peer["best"] / base["best"]
    if peer["status"] == "timeout":  # a lower bound: round down
        return "> %s×" % (math.floor(r * 10) / 10 if r < 10 else math.floor(r))
    if peer["status"] != "ok":
        return "—"
    return "%.2f×" % r if r < 10 else "%.0f×" % r

tools = [("flatcheck", "flatcheck --no-spectrum"), ("flatcheck-full", "flatcheck full (spectrum)"),
         ("torch", "torch float64"), ("torch-vectorize", "torch float64 vectorize=True"),
         ("sympy", "SymPy symbolic")]
if any("sympy-subs" in m for m in nets.values()):
    tools.append(("sympy-subs", "SymPy symbolic, .subs"))
print("## Whole-process wall time, best of N (s)\n")
print("| network | P | points | " + " | ".join(t[1] for t in tools) + " |")
print("|---|---:|---:|" + "---:|" * len(tools))
for net, m in nets.items():
    fc = load(m.get("flatcheck")) or {}
    print("| %s | %s | %s | " % (net, fc.get("num_params", "?"), fc.get("num_points", "?"))
          + " | ".join(cell(m.get(t)) for t, _ in tools) + " |")

print("\n## Ratios of best times (> 1: flatcheck faster; flatcheck = --no-spectrum, flatcheck-full = with spectrum,")
print("## torch-vectorize = vectorize=True, sympy-subs = SymPy substituting with Matrix.subs)\n")
pairs = [("torch", "flatcheck"), ("torch-vectorize", "flatcheck"), ("sympy", "flatcheck"), ("sympy-subs", "flatcheck"),
         ("torch", "flatcheck-full"), ("sympy", "flatcheck-full")]
pairs = [p for p in pairs if any(p[0] in m for m in nets.values())]
print("| network | " + " | ".join("%s / %s" % (a, b) for a, b in pairs) + " |")
print("|---|" + "---:|" * len(pairs))
for net, m in nets.items():
    print("| %s | " % net + " | ".join(ratio(m.get(a), m.get(b)) for a, b in pairs) + " |")

print("\n## Cross-checks of flatcheck's exact values\n")
bad = 0
for net, m in nets.items():
    fc = load(m.get("flatcheck"))
    if fc is None:
        print("- %s: flatcheck produced no result: MISMATCH" % net)
        bad += 1
        continue
    for tool in ("torch", "torch-vectorize"):
        t = load(m.get(tool))
        if t is None:
            continue
        for key in ("loss", "hessian_trace", "hessian_frobenius_squared"):
            exact = Fraction(fc[key])
            rel = abs(float(exact) - t[key]) / max(abs(float(exact)), 1e-300)
            ok = rel <= 1e-9
            bad += not ok
            print("- %s %s vs %s: %s ≈ %.17g, %s %.17g, rel. diff %.1e: %s"
                  % (net, key, tool, fc[key], float(exact), tool, t[key], rel, "OK" if ok else "MISMATCH"))
    for tool in ("sympy", "sympy-subs"):
        s = load(m.get(tool))
        if s is not None:
            for key in ("loss", "hessian_trace", "hessian_frobenius_squared"):
                ok = Fraction(fc[key]) == Fraction(s[key])
                bad += not ok
                print("- %s %s vs %s (exact): %s vs %s: %s" % (net, key, tool, fc[key], s[key], "OK" if ok else "MISMATCH"))
        elif m.get(tool):
            print("- %s: %s did not finish (%s): no exact cross-check" % (net, tool, m[tool]["status"]))
    full = load(m.get("flatcheck-full"))
    if full is not None:
        ok = all(full[k] == fc[k] for k in ("loss", "hessian_trace", "hessian_frobenius_squared"))
        bad += not ok
        print("- %s flatcheck full vs --no-spectrum (loss, trace, Frobenius): %s; rank %s of %s"
              % (net, "OK" if ok else "MISMATCH", full.get("hessian_rank"), full.get("num_params")))
print("\n%s" % ("all cross-checks OK" if bad == 0 else "%d cross-check(s) MISMATCH" % bad))
sys.exit(1 if bad else 0)
EOF
status=${PIPESTATUS[0]}
echo "raw results: $out/ (environment.txt, times.tsv, tool outputs, hyperfine JSON, summary.md)" >&2
exit "$status"
