#!/usr/bin/env python3
"""Markdown tables from the waits-and-events benchmarks' raw results (benchmarks/results/events-jmh*.json).

usage: events-table.py EVENTS_JMH.json [...]
       events-table.py --merge FIRST.json SECOND.json [...]   one table; a later file's result of a workload,
                                                             held and variant replaces an earlier one's

For every workload of AgentEventBenchmark and AgentQueuePairBenchmark and each value of `held`: ns/op of plain /
agent (events on) / events-off (score +- JMH's 99.9% half-width), the ns the agent adds over plain, the part of it
that is the event hooks' (agent - events-off), the latter per wait or event operation of the workload, and B/op
(gc.alloc.rate.norm) of each variant; then the same from the medians of the measured iterations, which bursts of
load on a shared machine move less than the means; then the reading against the target (<= 20 ns added per wait
or event operation, 0 B/op, lock fast path unchanged). Only reads the files; the same input gives the same tables.
"""
import json
import sys

ADDED_LIMIT_NS = 20.0
# gc.alloc.rate.norm below this is JMH/ThreadMXBean noise, not an allocation per op.
ZERO_BYTES = 0.5

# (benchmark, label, wait/event operations per op, what they are)
WORKLOADS = [
    ("AgentEventBenchmark.lockControl", "lock/unlock (control)", 0, "no event: the lock fast path"),
    ("AgentEventBenchmark.monitorControl", "synchronized (control)", 0, "no event: the monitor fast path"),
    ("AgentEventBenchmark.latchCountDown", "latch countDown", 1, "1 event"),
    ("AgentEventBenchmark.latchNew", "new latch, countDown, await", 2,
     "1 event, 1 wait, 1 noted allocation"),
    ("AgentEventBenchmark.conditionSignal", "lock, signal, unlock", 1, "1 event (+ lock/unlock)"),
    ("AgentEventBenchmark.notifyNoWaiter", "synchronized + notifyAll", 1, "1 event (+ monitor)"),
    ("AgentEventBenchmark.queueOfferPoll", "queue offer + poll", 1, "1 event (untimed poll is no wait)"),
    ("AgentEventBenchmark.queuePutTake", "queue put + take", 2, "1 event, 1 wait"),
    ("AgentEventBenchmark.semaphoreAcquireRelease", "semaphore acquire + release", 2, "1 wait, 1 event"),
    ("AgentEventBenchmark.futureNew", "new future, complete, join", 2, "1 event, 1 wait, 1 noted allocation"),
    ("AgentEventBenchmark.futureAsyncJoin", "supplyAsync(direct).join", 3,
     "task created (future named), task body entered/left, 1 wait"),
    ("AgentEventBenchmark.futureChain", "supplyAsync(direct).thenApply.join", 2,
     "task created (future named), task body entered/left; the join on the thenApply stage records nothing"),
    ("AgentEventBenchmark.submitGet", "executor submit + get", 4,
     "task created, submitted, body entered/left (worker), 1 wait"),
    ("AgentQueuePairBenchmark.pair", "2 threads: put / take pair", 1, "per put or take: 1 event or 1 wait"),
]
VARIANTS = ("plain", "agent", "events-off")


def fmt(x, digits=1):
    if isinstance(x, str):  # JMH writes "NaN" for the error of a single iteration
        return x
    return "{:,.{}f}".format(x, digits)


def signed(x, digits=1):
    return ("+" if x >= 0 else "") + fmt(x, digits)


def bytes_per_op(r):
    m = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    return None if m is None else m["score"]


def fmt_bytes(b):
    if b is None:
        return "n/a"
    return "0" if b < ZERO_BYTES else fmt(b, 0)


def median_of_iterations(r):
    xs = sorted(x for fork in r["primaryMetric"]["rawData"] for x in fork)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def load(path):
    with open(path) as f:
        return json.load(f)


def index(results):
    by_key = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        short = name[-2] + "." + name[-1]
        params = r.get("params", {})
        by_key[(short, params.get("held"), params.get("variant"))] = r
    return by_key


def table(results):
    by_key = index(results)
    first = results[0]
    out = ["JDK {} ({}), JMH {}, {} fork(s) x {} x {} warm-up, {} x {} measurement; ns/op ± 99.9% half-width; "
           "B/op from `-prof gc`".format(first["jdkVersion"], first["vmVersion"], first["jmhVersion"], first["forks"],
                                          first["warmupIterations"], first["warmupTime"],
                                          first["measurementIterations"], first["measurementTime"]), ""]
    out.append("| workload | held | plain ns/op | agent ns/op | events-off ns/op | added (agent − plain) "
               "| events' share (agent − events-off) | per wait/event | B/op plain / agent / events-off |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    med_rows = []
    verdict = []
    for bench, label, nops, what in WORKLOADS:
        for held in ("0", "1"):
            rows = {v: by_key.get((bench, held, v)) for v in VARIANTS}
            if rows["plain"] is None or rows["agent"] is None:
                continue
            score = {v: rows[v]["primaryMetric"]["score"] if rows[v] else None for v in VARIANTS}
            err = {v: rows[v]["primaryMetric"]["scoreError"] if rows[v] else None for v in VARIANTS}
            med = {v: median_of_iterations(rows[v]) if rows[v] else None for v in VARIANTS}
            b = {v: bytes_per_op(rows[v]) if rows[v] else None for v in VARIANTS}
            cells = [label, held]
            for v in VARIANTS:
                cells.append("{} ± {}".format(fmt(score[v]), fmt(err[v])) if rows[v] else "-")
            cells.append("**{}**".format(signed(score["agent"] - score["plain"])))
            share = score["agent"] - score["events-off"] if rows["events-off"] else None
            cells.append(signed(share) if share is not None else "-")
            cells.append(signed(share / nops) if share is not None and nops else "-")
            cells.append(" / ".join(fmt_bytes(b[v]) for v in VARIANTS))
            out.append("| " + " | ".join(cells) + " |")
            mshare = med["agent"] - med["events-off"] if rows["events-off"] else None
            med_rows.append([label, held] + [fmt(med[v]) if med[v] is not None else "-" for v in VARIANTS]
                            + [signed(med["agent"] - med["plain"]),
                               signed(mshare) if mshare is not None else "-",
                               signed(mshare / nops) if mshare is not None and nops else "-"])
            verdict.append((label, held, nops, what, med, b))
    out.append("")
    out.append("Medians of the measured iterations (ns/op):")
    out.append("")
    out.append("| workload | held | plain | agent | events-off | added | events' share | per wait/event |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in med_rows:
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    out.append("What each op does under the agent (wait/event operations counted in \"per wait/event\"):")
    out.append("")
    for bench, label, nops, what in WORKLOADS:
        out.append("* {}: {}".format(label, what))
    out.append("")
    # The reading: medians; per wait/event operation, the events' share (agent - events-off) against 20 ns.
    over = []
    alloc = []
    for label, held, nops, what, med, b in verdict:
        if nops and med["events-off"] is not None:
            per = (med["agent"] - med["events-off"]) / nops
            if per > ADDED_LIMIT_NS:
                over.append("{} (held {}): {} ns".format(label, held, fmt(per)))
        extra = (b["agent"] or 0) - (b["plain"] or 0)
        if extra >= ZERO_BYTES:
            alloc.append("{} (held {}): +{} B".format(label, held, fmt(extra, 0)))
    controls = [(label, held, med) for label, held, nops, what, med, b in verdict if not nops]
    out.append("Target, from the medians: <= {} ns per wait or event operation (events' share): **{}**{}. "
               "0 B/op added by the agent: **{}**{}. Lock fast path with events on vs off: {}.".format(
                   fmt(ADDED_LIMIT_NS, 0), "met" if not over else "NOT met",
                   " (over at: " + "; ".join(over) + ")" if over else "",
                   "met" if not alloc else "NOT met", " (allocating: " + "; ".join(alloc) + ")" if alloc else "",
                   "; ".join("{} held {}: {} vs {} ns".format(l, h, fmt(m["agent"]), fmt(m["events-off"]))
                             for l, h, m in controls if m["events-off"] is not None)))
    return "\n".join(out)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1] == "--merge":
        merged = []
        for path in argv[2:]:
            merged.extend(load(path))
        print(table(merged))
        return 0
    for path in argv[1:]:
        print(table(load(path)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
