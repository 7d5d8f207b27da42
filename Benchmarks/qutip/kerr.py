#!/usr/bin/python3
"""QuTiP 4.7 timings for the driven Kerr oscillator (configs/kerr-benchmark.jsonc). Run: /usr/bin/python3 Benchmarks/qutip/kerr.py"""
import time, numpy as np, qutip as qt
N = 50
a = qt.destroy(N)
H = 0.1 * a.dag() * a + 0.025 * a.dag() * a.dag() * a * a + 2 * (a + a.dag())
c_ops = [np.sqrt(1.2) * a, np.sqrt(0.2) * a.dag()]
psi0 = qt.basis(N, 0)
times = np.linspace(0, 10, 100)
opts = qt.Options(rtol=1e-6, atol=1e-8)
best = []
for _ in range(3):
    s = time.perf_counter(); r = qt.mesolve(H, psi0, times, c_ops, [a.dag() * a], options=opts); best.append(time.perf_counter() - s)
print("mesolve", sorted(best)[1], "n(10) =", r.expect[0][-1])
best = []
for _ in range(3):
    s = time.perf_counter(); r = qt.mcsolve(H, psi0, times, c_ops, [a.dag() * a], ntraj=100, options=qt.Options(rtol=1e-6, atol=1e-8, num_cpus=2), progress_bar=False); best.append(time.perf_counter() - s)
print("mcsolve100", sorted(best)[1], "n(10) =", r.expect[0][-1])
