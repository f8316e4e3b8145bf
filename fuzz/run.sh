#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader with Jazzer (src/test/java/org/flatcheck/fuzz/ReaderFuzzTest.java).
# Jazzer fuzzes one @FuzzTest method per JVM, so this runs each in turn for its maxDuration
# (ReaderFuzzTest.BUDGET, 60 s each). Usage: fuzz/run.sh [METHOD…]   (default: all fuzz methods)
# For a quick run of every method with a count budget instead, see .ci/fuzz-smoke (CI runs it).
# Findings are written to src/test/resources/org/flatcheck/fuzz/ReaderFuzzTestInputs/METHOD/ (commit them
# with the fix: they replay in every 'mvn verify'); the growing corpus stays in .cifuzz-corpus/ (not committed).
set -uo pipefail
cd "$(dirname "$0")/.."
methods=("$@")
if [ ${#methods[@]} -eq 0 ]; then
  methods=($(grep -A1 '@FuzzTest' src/test/java/org/flatcheck/fuzz/ReaderFuzzTest.java | grep -oE 'void [a-zA-Z]+' | cut -d' ' -f2))
fi
mkdir -p target/fuzz-logs
mvn -B -q test-compile || exit 1
status=0
for m in "${methods[@]}"; do
  echo "== fuzzing $m"
  start=$(date +%s)
  mvn -B -Pfuzz surefire:test -Dtest="ReaderFuzzTest#$m" > "target/fuzz-logs/$m.log" 2>&1
  rc=$?
  echo "   exit $rc after $(( $(date +%s) - start )) s; $(grep -oE '#[0-9]+[[:space:]]+DONE.*' "target/fuzz-logs/$m.log" | tail -1)"
  # Jazzer fuzzes the first method it meets; make sure that was $m (an explicit <test> once made it datasetCsv every time).
  if ! grep -q "ReaderFuzzTestInputs/$m\b" "target/fuzz-logs/$m.log"; then
    echo "   FAILED: the log shows no corpus of $m, so another method was fuzzed"
    rc=1
  fi
  grep -E 'Tests run:.*Fail|FuzzTestFindingException|== Java Exception' "target/fuzz-logs/$m.log" | head -5
  [ $rc -eq 0 ] || status=1
done
exit $status
