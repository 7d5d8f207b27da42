#!/usr/bin/env bash
# Regenerates every figure of BENCHMARKS.md in one command, from the repository root:
#
#   bash Benchmarks/run_all.sh [--quick] [--repeats R] [--bdn-filter GLOB] [--skip-bdn] [--skip-qutip] [--skip-hyperfine]
#
# Steps (each writes into Benchmarks/results/, which is git-ignored):
#   1. dotnet build -c Release (engine, benchmarks).
#   2. BenchmarkDotNet suites (Benchmarks/*: kernels, Lindblad RHS + triad, trajectory step, steady state, Lyapunov,
#      cutoff scaling, Kerr), each with the job its class declares; JSON + markdown per suite in results/bdn/.
#      --bdn-filter narrows them (BenchmarkDotNet --filter glob, default '*'); --quick runs only the Kerr suite.
#   3. hyperfine: the whole `run` command on the Kerr benchmark (lindblad; trajectories 100 on 2 threads), median of
#      --repeats runs after one warm-up, results/hyperfine-kerr-*.json.
#   4. Benchmarks/compare_qutip.py: this engine and QuTiP 4.7 side by side (agreement and time ratios), medians of
#      --repeats fresh-process runs; --quick skips the hot/cold mesolve runs (~2 and ~5 minutes each).
#      results/compare-qutip.{json,md}.
#   5. Benchmarks/collect_results.py: results/latest.json (machine, date, load, every median and ratio) and
#      results/latest.md (the tables for BENCHMARKS.md).
# Needs: .NET 10 SDK, Debian python3-qutip and hyperfine (installed with apt-get when missing and running as root).
# Run it on an otherwise idle machine: the figures are wall times.
set -euo pipefail

cd "$(dirname "$0")/.."
RESULTS=Benchmarks/results
QUICK=""
REPEATS=3
BDN_FILTER="*"
SKIP_BDN=0
SKIP_QUTIP=0
SKIP_HYPERFINE=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK="--quick"; BDN_FILTER="*Kerr*"; shift ;;
        --repeats) REPEATS="$2"; shift 2 ;;
        --bdn-filter) BDN_FILTER="$2"; shift 2 ;;
        --skip-bdn) SKIP_BDN=1; shift ;;
        --skip-qutip) SKIP_QUTIP=1; shift ;;
        --skip-hyperfine) SKIP_HYPERFINE=1; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "run_all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

need_apt() {   # need_apt COMMAND-OR-PYTHON-MODULE PACKAGE
    if [[ "$1" == python:* ]]; then /usr/bin/python3 -c "import ${1#python:}" 2>/dev/null && return 0
    else command -v "$1" >/dev/null && return 0; fi
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y "$2" >/dev/null
    else echo "run_all.sh: $2 is missing; install it with apt-get install -y $2" >&2; exit 2; fi
}

mkdir -p "$RESULTS"
date -u +%Y-%m-%dT%H:%M:%SZ > "$RESULTS/started"
uptime > "$RESULTS/uptime-before"

echo "== 1. build"
dotnet build -c Release -v q -nologo

if [[ $SKIP_BDN -eq 0 ]]; then
    echo "== 2. BenchmarkDotNet ($BDN_FILTER)"
    rm -rf "$RESULTS/bdn"
    (cd Benchmarks && dotnet bin/Release/net10.0/Benchmarks.dll --filter "$BDN_FILTER" \
        --exporters json markdown --artifacts "../$RESULTS/bdn")
fi

if [[ $SKIP_HYPERFINE -eq 0 ]]; then
    echo "== 3. hyperfine (whole command, Kerr)"
    need_apt hyperfine hyperfine
    OUT="$RESULTS/engine-out"
    ENGINE="dotnet Engine/bin/Release/net10.0/Engine.dll run configs/kerr-benchmark.jsonc --out $OUT"
    hyperfine --warmup 1 --runs "$REPEATS" --export-json "$RESULTS/hyperfine-kerr-lindblad.json" \
        "$ENGINE --method lindblad --threads 2"
    hyperfine --warmup 1 --runs "$REPEATS" --export-json "$RESULTS/hyperfine-kerr-trajectories.json" \
        "$ENGINE --method trajectories --trajectories 100 --threads 2"
    rm -rf "$OUT"
fi

if [[ $SKIP_QUTIP -eq 0 ]]; then
    echo "== 4. QuTiP side by side"
    need_apt python:qutip python3-qutip
    # Exit code 1 means an answer disagreed: keep going so that the tables show it.
    /usr/bin/python3 Benchmarks/compare_qutip.py $QUICK --repeats "$REPEATS" --out "$RESULTS" || status=$?
    if [[ ${status:-0} -eq 2 ]]; then exit 2; fi
fi

uptime > "$RESULTS/uptime-after"
echo "== 5. collect"
/usr/bin/python3 Benchmarks/collect_results.py "$RESULTS"
echo "tables: $RESULTS/latest.md; data: $RESULTS/latest.json"
exit "${status:-0}"
