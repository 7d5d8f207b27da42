#!/usr/bin/python3
"""QuTiP (4.7, Debian python3-qutip) timings for the hot/cold machine, to compare with Benchmarks/Lindblad.

Same model as /work/shared/reference/hot-cold-cat.json: H = [[1, 0.1], [0.1, 1.2]], global bose baths, flat kappa 0.05,
T = 2 and 0.2 (E and A below), perMode 20, even cat alpha = 2 on mode 0, vacuum on mode 1.
Runs mesolve to t = 200 with 201 samples (rtol 1e-6, atol 1e-8) and steadystate, and prints wall times.
Install: apt-get install -y python3-qutip; run: /usr/bin/python3 Benchmarks/qutip/hot_cold.py
"""
import time

import numpy as np
import qutip as qt

CUTOFF = 20
H_MATRIX = np.array([[1.0, 0.1], [0.1, 1.2]])
EMISSION = np.array([[0.11055047124992488, -0.02151940208070236], [-0.02151940208070236, 0.06751166708852016]])
ABSORPTION = np.array([[0.06055047124992488, -0.02151940208070236], [-0.02151940208070237, 0.017511667088520158]])


def model(cutoff):
    a = [qt.tensor(qt.destroy(cutoff), qt.qeye(cutoff)), qt.tensor(qt.qeye(cutoff), qt.destroy(cutoff))]
    h = sum(H_MATRIX[i, j] * a[i].dag() * a[j] for i in range(2) for j in range(2))
    jumps = []
    rates, vectors = np.linalg.eigh(EMISSION)
    for k in range(2):
        if rates[k] > 1e-14:
            jumps.append(np.sqrt(rates[k]) * sum(np.conj(vectors[j, k]) * a[j] for j in range(2)))
    rates, vectors = np.linalg.eigh(ABSORPTION)
    for k in range(2):
        if rates[k] > 1e-14:
            jumps.append(np.sqrt(rates[k]) * sum(vectors[i, k] * a[i].dag() for i in range(2)))
    return a, h, jumps


def main():
    a, h, jumps = model(CUTOFF)
    alpha = 2.0
    cat = (qt.coherent(CUTOFF, alpha) + qt.coherent(CUTOFF, -alpha)).unit()
    rho0 = qt.ket2dm(qt.tensor(cat, qt.basis(CUTOFF, 0)))
    times = np.linspace(0, 200, 201)
    options = qt.Options(rtol=1e-6, atol=1e-8, nsteps=10**6)

    start = time.perf_counter()
    result = qt.mesolve(h, rho0, times, jumps, [a[0].dag() * a[0], a[1].dag() * a[1]], options=options)
    mesolve_seconds = time.perf_counter() - start

    start = time.perf_counter()
    steady = qt.steadystate(h, jumps)
    steady_seconds = time.perf_counter() - start

    print(f"qutip {qt.__version__}, perMode {CUTOFF}, D = {CUTOFF ** 2}")
    print(f"mesolve t=200, 201 samples, rtol 1e-6: {mesolve_seconds:.3f} s  (n0(200) = {result.expect[0][-1]:.10f})")
    print(f"steadystate (direct):                 {steady_seconds:.3f} s  (n0 = {qt.expect(a[0].dag() * a[0], steady):.10f})")


if __name__ == "__main__":
    main()
