#!/usr/bin/env python3
"""Sums two libtorch profiles of the same scripted training step per op: self time (an op's time less the ops it
called) in microseconds per batch, the two side by side, biggest difference first.

    profile_ops.py BATCHES A.json B.json [LABEL_A LABEL_B]

A and B are Chrome traces: ScriptedStep --profile (DJL's libtorch) and scripted_step.py time with PROFILE=
(PyTorch). Both profilers add a cost per recorded op, so compare ops with each other, not with unprofiled rates."""
import collections
import json
import sys


def self_times(path):
    events = json.load(open(path))
    if isinstance(events, dict):
        events = events.get("traceEvents", [])
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[(e.get("pid"), e.get("tid"))].append((float(e["ts"]), float(e["dur"]), e["name"]))
    totals = collections.Counter()
    for spans in by_thread.values():
        spans.sort(key=lambda s: (s[0], -s[1]))
        stack = []  # [end, name, child time]
        for ts, dur, name in spans:
            while stack and ts >= stack[-1][0] - 1e-6:
                end, n, child = stack.pop()
                totals[n] -= child
            if stack:
                stack[-1][2] += dur
            totals[name] += dur
            stack.append([ts + dur, name, 0.0])
        while stack:
            end, n, child = stack.pop()
            totals[n] -= child
    return totals


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit("usage: profile_ops.py BATCHES A.json B.json [LABEL_A LABEL_B]")
    batches = int(sys.argv[1])
    a, b = self_times(sys.argv[2]), self_times(sys.argv[3])
    la, lb = (sys.argv[4], sys.argv[5]) if len(sys.argv) == 6 else ("A", "B")
    print(f"| op (self time) | {la} µs/batch | {lb} µs/batch | {la}/{lb} |")
    print("| --- | --- | --- | --- |")
    names = sorted(set(a) | set(b), key=lambda n: -abs(a[n] - b[n]))
    for n in names[:25]:
        ratio = f"{a[n] / b[n]:.2f}" if b[n] > 0 else "-"
        print(f"| {n} | {a[n] / batches:.1f} | {b[n] / batches:.1f} | {ratio} |")
    print(f"| all ops | {sum(a.values()) / batches:.1f} | {sum(b.values()) / batches:.1f} | "
          f"{sum(a.values()) / max(sum(b.values()), 1e-9):.2f} |")


if __name__ == "__main__":
    main()
