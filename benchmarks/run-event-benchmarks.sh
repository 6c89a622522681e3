#!/usr/bin/env bash
# The waits-and-events benchmarks (AgentEventBenchmark, AgentQueuePairBenchmark), each workload as plain / agent
# (events on) / events-off, on JDK 17 and JDK 25. Writes into benchmarks/results/:
#
#   events-jmh17-DATE.json, events-jmh25-DATE.json   raw JMH results (JSON), every variant of every workload
#   events-env-DATE.txt                              commit, agent jar checksum, machine, load during the runs
#
# and prints the README tables (events-table.py). Full console logs go to benchmarks/target/.
#
# Environment (all optional), as for run-agent-benchmarks.sh: JAVA17_HOME, JAVA25_HOME, JDKS="17 25",
# SKIP_BUILD=1, AGENT_JAR=PATH, JMH_ARGS (default "-f 1 -wi 4 -i 5 -w 1s -r 1s"), TAG (default: today).
# About 16 minutes per JDK on 2 cores (24 workloads x 3 variants).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
cd "$ROOT"

JAVA17_HOME="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA25_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JDKS="${JDKS:-17 25}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 4 -i 5 -w 1s -r 1s}"
TAG="${TAG:-$(date +%Y%m%d)}"
RESULTS="$BENCH_DIR/results"
BENCH_JAR="$BENCH_DIR/target/benchmarks.jar"
AGENT_COPY="$BENCH_DIR/target/agent/jlockdep-agent.jar"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== build: core, agent-bootstrap, agent, benchmarks"
    mvn -B -q package -pl core,agent-bootstrap,agent,benchmarks -am -DskipTests
fi
AGENT_JAR="${AGENT_JAR:-agent/target/jlockdep-agent.jar}"
for f in "$AGENT_JAR" "$BENCH_JAR"; do
    [[ -f "$f" ]] || { echo "missing $f: build it (run without SKIP_BUILD=1)" >&2; exit 2; }
done
mkdir -p "$(dirname "$AGENT_COPY")" "$RESULTS"
cp "$AGENT_JAR" "$AGENT_COPY"

ENV_FILE="$RESULTS/events-env-$TAG.txt"
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "repository: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "agent jar: $AGENT_JAR, sha256 $(sha256sum "$AGENT_COPY" | cut -d' ' -f1)"
    echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "JMH args: $JMH_ARGS -prof gc"
    echo "load average (1/5/15 min) every 30 s:"
} > "$ENV_FILE"
( while true; do echo "  $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" >> "$ENV_FILE"; sleep 30; done ) &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT

INPUTS=()
for v in $JDKS; do
    case "$v" in
        17) JH="$JAVA17_HOME" ;;
        25) JH="$JAVA25_HOME" ;;
        *) echo "unknown JDK '$v' (17 or 25)" >&2; exit 2 ;;
    esac
    JAVA="$JH/bin/java"
    [[ -x "$JAVA" ]] || { echo "== JDK $v: $JAVA not found, skipped" >&2; continue; }
    echo "  JDK $v: $("$JAVA" -version 2>&1 | grep 'Runtime Environment' | sed 's/^ *//')" >> "$ENV_FILE"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of words
    "$JAVA" -Djlockdep.agent="$AGENT_COPY" -cp "$BENCH_JAR" io.jlockdep.benchmarks.agent.AgentBenchmarks \
        $JMH_ARGS -prof gc -rf json -rff "$RESULTS/events-jmh$v-$TAG.json" 'AgentEventBenchmark|AgentQueuePair' \
        2>&1 | tee "$BENCH_DIR/target/events-jmh$v-$TAG.log"
    INPUTS+=("$RESULTS/events-jmh$v-$TAG.json")
done
kill "$SAMPLER" 2>/dev/null || true
echo "  $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg) (end)" >> "$ENV_FILE"
cat "$ENV_FILE"
if command -v python3 >/dev/null && [[ ${#INPUTS[@]} -gt 0 ]]; then
    python3 "$BENCH_DIR/events-table.py" "${INPUTS[@]}"
fi
