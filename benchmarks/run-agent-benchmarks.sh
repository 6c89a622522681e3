#!/usr/bin/env bash
# Benchmarks of the jlockdep agent on JDK 17 and JDK 25: the JMH workloads (plain / agent / Guava, see
# io.jlockdep.benchmarks.agent.AgentBenchmarks) and the start-up of a hello-world JVM with and without
# the agent (io.jlockdep.benchmarks.startup.StartupTime). Writes into benchmarks/results/:
#
#   agent-jmh17-DATE.json, agent-jmh25-DATE.json   raw JMH results (JSON), every variant of every workload
#   startup17-DATE.json, startup25-DATE.json       start-up samples and median/min
#   agent-env-DATE.txt                             commit, agent jar checksum, machine, load during the runs
#
# and prints the README tables (agent-table.py) at the end. Full console logs go to benchmarks/target/.
# The waits-and-events workloads have their own script, run-event-benchmarks.sh.
#
# Environment (all optional):
#   JAVA17_HOME, JAVA25_HOME   the JDKs (defaults: /usr/lib/jvm/java-17-openjdk-amd64,
#                              /usr/lib/jvm/temurin-25-jdk-amd64); a JDK that is not installed is skipped
#   JDKS="17 25"               which of them to run
#   SKIP_BUILD=1               use the jars already built (agent/target/jlockdep-agent.jar, benchmarks.jar)
#   AGENT_JAR=PATH             measure this agent jar instead of agent/target/jlockdep-agent.jar
#   JMH_ARGS                   JMH settings (default: the ones behind the README table)
#   STARTUP_RUNS=20            timed start-up runs per configuration
#   TAG=DATE                   file-name tag (default: today, YYYYMMDD); an existing file is overwritten
#
# A quick check of the harness (about 2 minutes): JMH_ARGS="-f 1 -wi 1 -i 1 -w 1s -r 1s" STARTUP_RUNS=3 TAG=quick
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

JAVA17_HOME="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JDKS="${JDKS:-17 25}"
JMH_ARGS="${JMH_ARGS:--f 2 -wi 3 -i 5 -w 1s -r 1s}"
STARTUP_RUNS="${STARTUP_RUNS:-20}"
TAG="${TAG:-$(date +%Y%m%d)}"
RESULTS="$BENCH_DIR/results"
BENCH_JAR="$BENCH_DIR/target/benchmarks.jar"
# The runs use a copy of the agent jar, so a rebuild of agent/ while they run cannot change what is measured.
# (Same file name: the jar's manifest puts itself on the boot class path by that name.)
AGENT_COPY="$BENCH_DIR/target/agent/jlockdep-agent.jar"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== build: agent (with core and agent-bootstrap), then benchmarks"
    mvn -B -q install -pl core,agent-bootstrap,agent -DskipTests
    mvn -B -q package -pl benchmarks -DskipTests
fi
AGENT_JAR="${AGENT_JAR:-agent/target/jlockdep-agent.jar}"
for f in "$AGENT_JAR" "$BENCH_JAR"; do
    if [[ ! -f "$f" ]]; then
        echo "missing $f: build it (run without SKIP_BUILD=1)" >&2
        exit 2
    fi
done
mkdir -p "$(dirname "$AGENT_COPY")" "$RESULTS"
cp "$AGENT_JAR" "$AGENT_COPY"
if ! unzip -tq "$AGENT_COPY" >/dev/null; then
    echo "$AGENT_JAR is not a complete jar (being rebuilt?); try again" >&2
    exit 2
fi

ENV_FILE="$RESULTS/agent-env-$TAG.txt"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "repository: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- core agent-bootstrap agent benchmarks 2>/dev/null || echo ' (core/agent-bootstrap/agent/benchmarks modified in the working tree)')"
    echo "agent jar: $AGENT_JAR, sha256 $(sha256sum "$AGENT_COPY" | cut -d' ' -f1)"
    echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB RAM"
    echo "JMH args: $JMH_ARGS -prof gc; start-up runs: $STARTUP_RUNS"
    echo "load average (1/5/15 min) sampled every 30 s while the benchmarks ran:"
} > "$ENV_FILE"

sample_load() {
    while true; do
        echo "  $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >> "$ENV_FILE"
        sleep 30
    done
}
sample_load &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT

TABLE_INPUTS=()
STARTUP_INPUTS=()
for v in $JDKS; do
    case "$v" in
        17) JH="$JAVA17_HOME" ;;
        25) JH="$JAVA25_HOME" ;;
        *) echo "unknown JDK '$v' (17 or 25)" >&2; exit 2 ;;
    esac
    JAVA="$JH/bin/java"
    if [[ ! -x "$JAVA" ]]; then
        echo "== JDK $v: $JAVA not found, skipped" >&2
        continue
    fi
    echo "  JDK $v: $("$JAVA" -version 2>&1 | grep 'Runtime Environment' | sed 's/^ *//')" >> "$ENV_FILE"
    echo "== JDK $v: JMH ($JMH_ARGS -prof gc)"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of words
    "$JAVA" -Djlockdep.agent="$AGENT_COPY" -cp "$BENCH_JAR" io.jlockdep.benchmarks.agent.AgentBenchmarks \
        $JMH_ARGS -prof gc -e 'AgentEventBenchmark|AgentQueuePairBenchmark' -rf json -rff "$RESULTS/agent-jmh$v-$TAG.json" \
        2>&1 | tee "$BENCH_DIR/target/agent-jmh$v-$TAG.log"
    echo "== JDK $v: start-up ($STARTUP_RUNS runs each)"
    "$JAVA" -cp "$BENCH_JAR" io.jlockdep.benchmarks.startup.StartupTime --java "$JAVA" --agent "$AGENT_COPY" \
        --runs "$STARTUP_RUNS" --out "$RESULTS/startup$v-$TAG.json" \
        2>&1 | tee "$BENCH_DIR/target/startup$v-$TAG.log"
    TABLE_INPUTS+=("$RESULTS/agent-jmh$v-$TAG.json")
    STARTUP_INPUTS+=("$RESULTS/startup$v-$TAG.json")
done
kill "$SAMPLER" 2>/dev/null || true
echo "  $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) (end)" >> "$ENV_FILE"

echo
echo "== results in $RESULTS (tag $TAG)"
cat "$ENV_FILE"
echo
if command -v python3 >/dev/null && [[ ${#TABLE_INPUTS[@]} -gt 0 ]]; then
    python3 "$BENCH_DIR/agent-table.py" "${TABLE_INPUTS[@]}" "${STARTUP_INPUTS[@]}"
fi
