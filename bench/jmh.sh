#!/usr/bin/env bash
# In-process JMH benchmark of LocalModel loss / gradient / hessian on the bench networks.
#
#   bench/jmh.sh                 # defaults: -f 1 -wi 3 -i 5 (about 2 minutes)
#   bench/jmh.sh -f 1 -wi 1 -i 2 # any JMH options replace the defaults (e.g. -p network=mlp-2-8-8-1)
#   BENCH=MinimumSharpnessBenchmark bench/jmh.sh   # another benchmark class (default HessianBenchmark)
#
# Compiles the test classes (the JMH annotation processor runs in test compilation) and writes the
# test classpath, then runs org.openjdk.jmh.Main from the repository root, so that the benchmark finds
# bench/nets/. Results (text and JSON) go to bench/results/ (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
mkdir -p bench/results
stamp="$(date +%Y%m%d-%H%M%S)"
if [ $# -eq 0 ]; then
  set -- -f 1 -wi 3 -i 5
fi
java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main "${BENCH:-HessianBenchmark}" \
  -jvmArgsAppend "-Dflatcheck.root=$root" -rf json -rff "bench/results/jmh-$stamp.json" "$@" \
  | tee "bench/results/jmh-$stamp.txt"
