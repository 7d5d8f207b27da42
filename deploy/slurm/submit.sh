#!/bin/bash
# Usage: deploy/slurm/submit.sh CONFIG [SHARDS]   (from the repository root, on a login node with dotnet)
# Builds the engine once, submits SHARDS array tasks and a merge job that runs when all of them succeeded.
set -euo pipefail
CONFIG="$1"
SHARDS="${2:-8}"
dotnet build Engine -c Release
OUT="results/shards/$(basename "$CONFIG" .jsonc)-$(date +%Y%m%d-%H%M%S)"
array=$(sbatch --parsable --array="0-$((SHARDS - 1))" --export=ALL,CONFIG="$CONFIG",OUT="$OUT" deploy/slurm/trajectories.sbatch)
sbatch --dependency="afterok:${array}" --export=ALL,OUT="$OUT" deploy/slurm/merge.sbatch
echo "shards in $OUT; merged result in results/<name>/ when job ${array} is done"
