#!/usr/bin/python3
"""Collects what Benchmarks/run_all.sh measured into one machine-readable file and the tables for BENCHMARKS.md.

Usage: /usr/bin/python3 Benchmarks/collect_results.py [RESULTS_DIR]   (default Benchmarks/results)
Reads, when present: RESULTS_DIR/bdn/results/*-report*.json (BenchmarkDotNet JSON exporter),
RESULTS_DIR/hyperfine-*.json (hyperfine --export-json), RESULTS_DIR/compare-qutip.json (compare_qutip.py),
RESULTS_DIR/started, uptime-before, uptime-after. Writes RESULTS_DIR/latest.json and RESULTS_DIR/latest.md.
"""
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return None


def machine():
    info = {"platform": platform.platform(), "logicalCpus": os.cpu_count()}
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Core(s) per socket", "Socket(s)", "Thread(s) per core"):
                info[key.strip()] = value.strip()
    except OSError:
        pass
    try:
        info["dotnet"] = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def benchmarkdotnet(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "bdn", "results", "*-report*.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for b in report.get("Benchmarks", []):
            stats = b.get("Statistics") or {}
            memory = b.get("Memory") or {}
            rows.append({
                "suite": b.get("Type"), "method": b.get("Method"), "parameters": b.get("Parameters") or "",
                "medianNanoseconds": stats.get("Median"), "meanNanoseconds": stats.get("Mean"),
                "standardErrorNanoseconds": stats.get("StandardError"), "n": stats.get("N"),
                "allocatedBytesPerOperation": memory.get("BytesAllocatedPerOperation"),
                "source": os.path.relpath(path, folder),
            })
    return rows


def hyperfine(folder):
    rows = []
    for path in sorted(glob.glob(os.path.join(folder, "hyperfine-*.json"))):
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        for r in report.get("results", []):
            rows.append({"name": os.path.basename(path)[len("hyperfine-"):-len(".json")], "command": r["command"],
                         "medianSeconds": r.get("median", statistics.median(r["times"])), "meanSeconds": r.get("mean"),
                         "stddevSeconds": r.get("stddev"), "runs": len(r.get("times", []))})
    return rows


def duration(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def size(b):
    if b is None:
        return "–"
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if b >= scale:
            return f"{b / scale:.3g} {unit}"
    return f"{b} B"


def markdown(latest):
    m = latest["machine"]
    lines = [f"Machine: {m.get('Model name', '?')}, {m.get('logicalCpus')} logical CPUs "
             f"({m.get('Core(s) per socket', '?')} cores per socket × {m.get('Socket(s)', '?')} sockets), .NET SDK {m.get('dotnet', '?')}, "
             f"commit {m.get('commit', '?')}. Started {latest.get('started')}, collected {latest['date']}.",
             f"Load: before `{latest.get('uptimeBefore')}`; after `{latest.get('uptimeAfter')}`.", ""]
    if latest.get("qutip"):
        q = latest["qutip"]
        lines += ["## This engine and QuTiP side by side", "",
                  "`/usr/bin/python3 Benchmarks/compare_qutip.py" + (" --quick" if q.get("quick") else "")
                  + f" --repeats {q.get('repeats')}` (solve: in-process solver time; process: whole command; medians)", ""]
        table = read_text(os.path.join(latest["folder"], "compare-qutip.md"))
        if table:
            lines += [table, ""]
    if latest.get("hyperfine"):
        lines += ["## Whole command (hyperfine)", "", "| command | median (s) | mean ± sd (s) | runs |", "|---|---|---|---|"]
        for r in latest["hyperfine"]:
            lines.append(f"| `{r['command']}` | {r['medianSeconds']:.3f} | {r['meanSeconds']:.3f} ± {r['stddevSeconds'] or 0:.3f} | {r['runs']} |")
        lines.append("")
    if latest.get("benchmarkDotNet"):
        lines += ["## BenchmarkDotNet", "", "`cd Benchmarks && dotnet bin/Release/net10.0/Benchmarks.dll --filter '*'` "
                  "(each suite's own job; median, allocation per operation)", "",
                  "| suite | method | parameters | median | mean | allocated |", "|---|---|---|---|---|---|"]
        for r in latest["benchmarkDotNet"]:
            lines.append(f"| {r['suite']} | {r['method']} | {r['parameters']} | {duration(r['medianNanoseconds'])} "
                         f"| {duration(r['meanNanoseconds'])} | {size(r['allocatedBytesPerOperation'])} |")
        lines.append("")
    return "\n".join(lines)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "Benchmarks", "results")
    latest = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "folder": folder, "machine": machine(), "started": read_text(os.path.join(folder, "started")),
              "uptimeBefore": read_text(os.path.join(folder, "uptime-before")),
              "uptimeAfter": read_text(os.path.join(folder, "uptime-after")),
              "benchmarkDotNet": benchmarkdotnet(folder), "hyperfine": hyperfine(folder)}
    compare = os.path.join(folder, "compare-qutip.json")
    if os.path.exists(compare):
        with open(compare, encoding="utf-8") as f:
            latest["qutip"] = json.load(f)
    with open(os.path.join(folder, "latest.json"), "w", encoding="utf-8") as f:
        json.dump(latest, f, indent=1)
    with open(os.path.join(folder, "latest.md"), "w", encoding="utf-8") as f:
        f.write(markdown(latest))
    print(f"wrote {os.path.join(folder, 'latest.json')} and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
