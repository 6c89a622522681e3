#!/usr/bin/env bash
# Start-up of a hello world: no agent, JaCoCo's agent, the jlockdep agent — interleaved rounds, one JDK.
# Prints the median wall time, CPU time (user + sys) and peak RSS of each, and what each agent adds. jlockdep runs
# with its start-up cache filled (every JVM of a build after the first) and with cache=off.
#
#   benchmarks/startup-vs-jacoco.sh [ROUNDS]          (default 12; JAVA=/path/to/bin/java for another JDK)
#
# Needs agent/target/jlockdep-agent.jar (mvn -B -q package -DskipTests) and GNU time (/usr/bin/time); fetches
# JaCoCo's runtime agent (org.jacoco.agent:0.8.15:runtime) into benchmarks/target/ with Maven the first time.
# The three configurations alternate within each round, so drifting machine load hits them alike.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
ROUNDS="${1:-12}"
JAVA="${JAVA:-java}"
JLOCKDEP="$ROOT/agent/target/jlockdep-agent.jar"
WORK="$BENCH_DIR/target/startup-vs-jacoco"
JACOCO="$WORK/org.jacoco.agent-0.8.15-runtime.jar"
[[ -f "$JLOCKDEP" ]] || { echo "missing $JLOCKDEP: run mvn -B -q package -DskipTests first" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "missing /usr/bin/time (Debian package 'time')" >&2; exit 2; }
mkdir -p "$WORK/classes"
if [[ ! -f "$JACOCO" ]]; then
    mvn -B -q dependency:copy -Dartifact=org.jacoco:org.jacoco.agent:0.8.15:jar:runtime -DoutputDirectory="$WORK"
fi
cat > "$WORK/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
JAVA
"${JAVA%java}javac" -d "$WORK/classes" "$WORK/Hello.java" 2>/dev/null || javac -d "$WORK/classes" "$WORK/Hello.java"
SAMPLES="$WORK/samples.txt"
: > "$SAMPLES"
# jlockdep twice: as every JVM after the first of a build runs it (its start-up cache filled by an untimed run
# first, in a directory of this script's own), and with cache=off, as a JVM with no cache runs it.
CACHE="$WORK/jlockdep-cache"
rm -rf "$CACHE"
"$JAVA" "-javaagent:$JLOCKDEP=cache=$CACHE" -cp "$WORK/classes" Hello >/dev/null
"$JAVA" "-javaagent:$JLOCKDEP=cache=$CACHE" -cp "$WORK/classes" Hello >/dev/null
for ((i = 0; i < ROUNDS; i++)); do
    for config in plain jacoco jlockdep jlockdep-nocache; do
        case $config in
            plain) agent=() ;;
            jacoco) agent=("-javaagent:$JACOCO=destfile=$WORK/jacoco.exec") ;;
            jlockdep) agent=("-javaagent:$JLOCKDEP=cache=$CACHE") ;;
            jlockdep-nocache) agent=("-javaagent:$JLOCKDEP=cache=off") ;;
        esac
        out=$(/usr/bin/time -f "$config %e %U %S %M" -a -o "$SAMPLES" "$JAVA" "${agent[@]}" -cp "$WORK/classes" Hello)
        [[ "$out" == "Hello, world" ]] || { echo "$config printed '$out'" >&2; exit 1; }
    done
done
python3 - "$SAMPLES" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 5:
        runs[f[0]].append((float(f[1]), float(f[2]) + float(f[3]), int(f[4]) / 1024))
med = {k: [statistics.median(x[i] for x in v) for i in range(3)] for k, v in runs.items()}
print("| | wall (s) | CPU (s) | peak RSS (MB) | wall added | CPU added | RSS added |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k in ("plain", "jacoco", "jlockdep", "jlockdep-nocache"):
    w, c, r = med[k]
    pw, pc, pr = med["plain"]
    add = "| | | |" if k == "plain" else "| +%.2f | +%.2f | +%.0f |" % (w - pw, c - pc, r - pr)
    print("| %s (%d runs) | %.2f | %.2f | %.0f %s" % (k, len(runs[k]), w, c, r, add))
PY
