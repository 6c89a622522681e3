#!/usr/bin/env bash
# A real project's test suite without and with the agent: CPU time (user + sys of Maven and every test JVM it
# forks), wall time, peak memory (the largest process's resident set), their ratios, and what the agent found.
#
#   benchmarks/real-suite.sh PROJECT_DIR [ROUNDS]     (default 3 rounds; MVN=/path/to/mvn for another Maven,
#                                                      e.g. Maven 3.9 for projects on commons-parent;
#                                                      MVN_ARGS="..." adds arguments to every test run, e.g.
#                                                      MVN_ARGS=-DreuseForks=false for one JVM per test class)
#
# PROJECT_DIR is a Maven project checkout (fetch one; its dependencies must be resolvable, offline after the
# first run). The tests are compiled once first; each round then runs only `surefire:test`, plain and under the
# agent alternately, so drifting machine load hits both alike. The agent is a copy of
# agent/target/jlockdep-agent.jar (mvn -B -q package -DskipTests), so a rebuild cannot change it mid-run; each
# agent run records `jfr=<work>/test-%p.jfr` (default options otherwise) and `jlockdep check` lists the findings.
# PARALLEL=1 runs the plain and the agent suite of a round at the same time: half the wall time for suites that
# mostly sleep, but the two then compete for the cores, and a suite that spins and parks on wall-clock deadlines
# pays that competition in kernel time unevenly (on 2 cores, rounds of Commons Pool ranged 1.07-1.46x in
# parallel against 1.09-1.10x one after the other): the figure to report comes from the default, sequential runs.
# Report-only plugins (RAT, JaCoCo, Animal Sniffer, Checkstyle, SpotBugs, PMD, japicmp) are skipped.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
PROJECT="${1:?usage: real-suite.sh PROJECT_DIR [ROUNDS]}"
ROUNDS="${2:-3}"
MVN="${MVN:-mvn}"
read -r -a EXTRA <<< "${MVN_ARGS:-}"
[[ -f "$PROJECT/pom.xml" ]] || { echo "real-suite.sh: no pom.xml in $PROJECT" >&2; exit 2; }
[[ -f "$ROOT/agent/target/jlockdep-agent.jar" ]] || { echo "real-suite.sh: build the agent first (mvn -B -q package -DskipTests)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "real-suite.sh: missing /usr/bin/time (Debian package 'time')" >&2; exit 2; }
PROJECT="$(cd "$PROJECT" && pwd)"
WORK="$BENCH_DIR/target/real-suite/$(basename "$PROJECT")"
rm -rf "$WORK" && mkdir -p "$WORK/agent"
cp "$ROOT/agent/target/jlockdep-agent.jar" "$WORK/agent/"
SKIPS=(-Drat.skip -Djacoco.skip -Danimal.sniffer.skip -Dcheckstyle.skip -Dspotbugs.skip -Dpmd.skip -Djapicmp.skip
       -Dmaven.javadoc.skip -Denforcer.skip -Dsurefire.failIfNoSpecifiedTests=false)
cd "$PROJECT"
echo "compiling $PROJECT ..."
"$MVN" -B -q -o test-compile "${SKIPS[@]}" >"$WORK/compile.log" 2>&1 || {
    echo "real-suite.sh: test-compile failed, see $WORK/compile.log" >&2; exit 1; }
SAMPLES="$WORK/samples.txt"
: > "$SAMPLES"
run() { # config round
    local config=$1 i=$2 log="$WORK/$1-$2.log" arg
    if [[ $config == plain ]]; then
        arg=("-DargLine=-Djlockdep.real-suite=plain") # projects whose surefire argLine uses ${argLine}
    else
        arg=("-DargLine=-javaagent:$WORK/agent/jlockdep-agent.jar=jfr=$WORK/jfr-$i/test-%p.jfr")
    fi
    /usr/bin/time -f "$config %e %U %S %M" -a -o "$SAMPLES" "$MVN" -B -o surefire:test "${SKIPS[@]}" "${EXTRA[@]}" "${arg[@]}" \
        -Dmaven.test.failure.ignore=true >"$log" 2>&1 || true
    echo "round $((i + 1)) $config: $(grep "^$config " "$SAMPLES" | tail -1 | cut -d' ' -f2-) (wall user sys peak-KB); $(grep -E 'Tests run:' "$log" | tail -1 | sed 's/^\[[A-Z]*\] //')"
}
for ((i = 0; i < ROUNDS; i++)); do
    if [[ -n "${PARALLEL:-}" ]]; then
        # Suites that mostly sleep (timeouts, evictors) use little CPU: both at once halve the wall time, and
        # CPU time is each process tree's own.
        run plain "$i" & run agent "$i" & wait
    else
        run plain "$i"
        run agent "$i"
    fi
done
python3 - "$SAMPLES" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 5:
        wall, user, kernel, rss = float(f[1]), float(f[2]), float(f[3]), float(f[4]) / 1024
        runs[f[0]].append((wall, user + kernel, user, rss))
if not runs["plain"] or not runs["agent"]:
    sys.exit("real-suite.sh: no complete round, see the logs in " + sys.argv[1].rsplit("/", 1)[0])
print("| round | plain CPU (user), s | agent CPU (user), s | agent / plain, CPU | user only |")
print("|---|---:|---:|---:|---:|")
for i, (p, a) in enumerate(zip(runs["plain"], runs["agent"])):
    print("| %d | %.1f (%.1f) | %.1f (%.1f) | %.2fx | %.2fx |" % (i + 1, p[1], p[2], a[1], a[2], a[1] / p[1], a[2] / p[2]))
med = {k: [statistics.median(x[i] for x in v) for i in range(4)] for k, v in runs.items()}
(pw, pc, pu, pm), (aw, ac, au, am) = med["plain"], med["agent"]
print()
print("| medians | wall (s) | CPU (s) | user (s) | peak RSS (MB) |")
print("|---|---:|---:|---:|---:|")
print("| plain (%d runs) | %.1f | %.1f | %.1f | %.0f |" % (len(runs["plain"]), pw, pc, pu, pm))
print("| agent (%d runs) | %.1f | %.1f | %.1f | %.0f |" % (len(runs["agent"]), aw, ac, au, am))
print("| agent / plain | %.2fx | %.2fx | %.2fx | %.2fx |" % (aw / pw, ac / pc, au / pu, am / pm))
PY
jfrs=("$WORK"/jfr-0/*.jfr)
if [[ -e "${jfrs[0]}" ]]; then
    echo "findings (jlockdep check over round 1's ${#jfrs[@]} recording(s)):"
    java -jar "$WORK/agent/jlockdep-agent.jar" check "${jfrs[@]}" || true
fi
