#!/usr/bin/python3
"""QuTiP 4.7 mcsolve on the hot/cold cat machine, for comparison with Benchmarks/Trajectories.

Model (SPEC default config): H = [[1, 0.1], [0.1, 1.2]] (H = sum_ij H_ij a_i^dag a_j), global secular
dissipators with emission matrix E and absorption matrix A taken from shared/reference/hot-cold-cat.json
(bose flat kappa = 0.05 baths at T = 2 and 0.2). Jumps: E = sum_k e_k v_k v_k^dag -> L_k = sqrt(e_k) sum_j conj(v_kj) a_j;
A = sum_k alpha_k w_k w_k^dag -> L_k = sqrt(alpha_k) sum_i w_ki a_i^dag. Cutoff 20 per mode, even cat alpha = 2 in
mode 0, vacuum in mode 1, tEnd 200, 201 samples, 200 trajectories, rtol 1e-6, atol 1e-8.

Usage: /usr/bin/python3 Benchmarks/qutip/hot_cold_mc.py [--reference PATH] [--ntraj N] [--cpus 1 2]
Prints one JSON line per CPU count: wall seconds, trajectories, final <n_0>, <n_1>.
(Debian package python3-qutip; install with apt-get install -y python3-qutip.)
"""
import argparse
import json
import time

import numpy as np
import qutip


def matrix(entries):
    return np.array([[complex(re, im) for re, im in row] for row in entries])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", default="/work/shared/reference/hot-cold-cat.json")
    parser.add_argument("--ntraj", type=int, default=200)
    parser.add_argument("--cutoff", type=int, default=20)
    parser.add_argument("--cpus", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    with open(args.reference) as f:
        ref = json.load(f)
    emission = matrix(ref["emissionMatrixE"])
    absorption = matrix(ref["absorptionMatrixA"])
    hmat = np.array([[1.0, 0.1], [0.1, 1.2]])

    c = args.cutoff
    a = [qutip.tensor(qutip.destroy(c), qutip.qeye(c)), qutip.tensor(qutip.qeye(c), qutip.destroy(c))]
    H = sum(hmat[i, j] * a[i].dag() * a[j] for i in range(2) for j in range(2))
    c_ops = []
    e_vals, e_vecs = np.linalg.eigh(emission)
    for k in range(2):
        if e_vals[k] > 1e-14:
            c_ops.append(np.sqrt(e_vals[k]) * sum(np.conj(e_vecs[j, k]) * a[j] for j in range(2)))
    a_vals, a_vecs = np.linalg.eigh(absorption)
    for k in range(2):
        if a_vals[k] > 1e-14:
            c_ops.append(np.sqrt(a_vals[k]) * sum(a_vecs[i, k] * a[i].dag() for i in range(2)))

    alpha = 2.0
    cat = (qutip.coherent(c, alpha) + qutip.coherent(c, -alpha)).unit()
    psi0 = qutip.tensor(cat, qutip.basis(c, 0))
    times = np.linspace(0, 200, 201)
    e_ops = [a[0].dag() * a[0], a[1].dag() * a[1]]

    for cpus in args.cpus:
        options = qutip.Options(rtol=1e-6, atol=1e-8, num_cpus=cpus, seeds=list(range(1, args.ntraj + 1)))
        start = time.perf_counter()
        result = qutip.mcsolve(H, psi0, times, c_ops, e_ops, ntraj=args.ntraj, options=options, progress_bar=False)
        wall = time.perf_counter() - start
        print(json.dumps({
            "solver": "qutip.mcsolve", "qutip": qutip.__version__, "cpus": cpus, "ntraj": args.ntraj,
            "cutoff": c, "wallSeconds": round(wall, 3),
            "n0_final": float(np.real(result.expect[0][-1])), "n1_final": float(np.real(result.expect[1][-1])),
        }), flush=True)


if __name__ == "__main__":
    main()
