#!/bin/sh
# Short-lived same-class nesting (issue 15, item 3): wall time of Churn's loop, N pairs of freshly allocated
# locks of one allocation site taken nested, plain and under the agent, in fresh JVMs, interleaved so that
# both variants see the same machine load. Prints per cell the median wall time of the loop and the spread of
# RUNS runs, then the medians of the main thread's CPU time (whole JVM run) and of the collectors' time, in ms:
# on a loaded machine the wall time is the least stable of the three.
#
#   benchmarks/churn.sh                    # 300k and 1.2M pairs, reentrant and monitor, 3 runs each
#   RUNS=5 COUNTS=300000 KINDS=reentrant AGENT_OPTS==sameClass=off benchmarks/churn.sh
#   JVM_OPTS=-Xmx64m benchmarks/churn.sh   # the memory bound: must finish
#
# Needs agent/target/jlockdep-agent.jar and benchmarks/target/classes (see benchmarks/README.md, "Churn").
# Knobs: JAVA, AGENT_JAR, AGENT_OPTS (appended to the -javaagent path, e.g. "=sameClass=off"), JVM_OPTS
# (both variants), COUNTS, KINDS, RUNS.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}
AGENT_JAR=${AGENT_JAR:-$root/agent/target/jlockdep-agent.jar}
AGENT_OPTS=${AGENT_OPTS:-}
JVM_OPTS=${JVM_OPTS:-}
COUNTS=${COUNTS:-300000 1200000}
KINDS=${KINDS:-reentrant monitor}
RUNS=${RUNS:-3}
cp=$root/benchmarks/target/classes
for f in "$AGENT_JAR" "$cp/io/jlockdep/benchmarks/churn/Churn.class"; do
    [ -e "$f" ] || { echo "missing $f: mvn -B -pl agent,benchmarks -am package -DskipTests" >&2; exit 1; }
done
# A copy, so that a rebuild of agent/ while this runs cannot change what is measured.
jar=$(mktemp -d)/jlockdep-agent.jar
cp "$AGENT_JAR" "$jar"

# "wall:cpu:gc" ms of one run; $1 = count, $2 = kind, rest = JVM options
run() {
    n=$1 kind=$2
    shift 2
    # shellcheck disable=SC2086
    out=$("$JAVA" $JVM_OPTS "$@" -cp "$cp" io.jlockdep.benchmarks.churn.Churn "$n" "$kind" 2>/dev/null) \
        || { echo "FAILED"; return; }
    echo "$out" | awk -F= '/^CHURN_NANOS=/ { w = $2 / 1e6 } /^CHURN_CPU_NANOS=/ { c = $2 / 1e6 }
        /^CHURN_GC_MILLIS=/ { g = $2 } END { printf "%d:%d:%d", w, c, g }'
}

# "wall median (min-max) cpu median gc median" of the runs given
summary() {
    printf '%s\n' "$@" | awk -F: '{ w[NR] = $1; c[NR] = $2; g[NR] = $3; if ($1 == "FAILED") bad = 1 }
        function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t } return a[int((n + 1) / 2)] }
        END { if (bad || NR == 0) { print "FAILED"; exit }
            m = med(w, NR); printf "%5d (%d-%d) cpu %d gc %d", m, w[1], w[NR], med(c, NR), med(g, NR) }'
}

echo "# $(date -u +%FT%TZ) $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# JVM_OPTS='$JVM_OPTS' AGENT_OPTS='$AGENT_OPTS' runs=$RUNS"
printf '%-10s %8s  %-34s %-34s %s\n' kind pairs "plain ms" "agent ms" "agent per 300k"
for kind in $KINDS; do
    for n in $COUNTS; do
        plain="" agent=""
        i=0
        while [ $i -lt "$RUNS" ]; do
            plain="$plain $(run "$n" "$kind")"
            agent="$agent $(run "$n" "$kind" "-javaagent:$jar$AGENT_OPTS")"
            i=$((i + 1))
        done
        # shellcheck disable=SC2086
        p=$(summary $plain)
        # shellcheck disable=SC2086
        a=$(summary $agent)
        per=$(echo "$a" | awk -v n="$n" '$1 ~ /^[0-9]+$/ { printf "%d", $1 * 300000 / n }')
        printf '%-10s %8s  %-34s %-34s %s\n' "$kind" "$n" "$p" "$a" "$per"
    done
done
rm -rf "$(dirname "$jar")"
