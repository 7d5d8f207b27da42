#!/usr/bin/python3
"""Side by side: this engine and QuTiP 4.7 on the same problems, in one run.

Each problem is a config from configs/ and a method. Both programs run it as a user would, each repeat in a fresh
process, alternating engine and QuTiP so that load on the machine affects both alike:

  engine  dotnet Engine/bin/Release/net10.0/Engine.dll run CONFIG --out DIR --method M --threads T [--trajectories N]
          (the script reads DIR/<name>/summary.json and timeseries.csv)
  QuTiP   /usr/bin/python3 Benchmarks/compare_qutip.py --qutip-worker JOB.json  (this file: builds the same model
          from the same config with qutip, then calls mesolve / steadystate / mcsolve once)

Timings, each the median over --repeats runs:
  solve    engine: summary.json timing.solveSeconds (operators built, evolution or solve, observations at the output
           times; no config reading, final analysis or output writing). QuTiP: time.perf_counter() around the
           mesolve / steadystate / mcsolve call (it builds its Liouvillian and evaluates e_ops inside the call).
  process  the whole command, start to exit (.NET start-up and JIT; Python start-up and `import qutip`).
Ratios are QuTiP / engine for both.

Agreement (TOLERANCES below; scale s = 1 + max over modes and times of <n_i>):
  lindblad, steadystate  final <n_i>, final <a_i^dag a_j>, final quadrature covariance, and (lindblad) the <n_i>(t)
                         series, each within TOLERANCES[method] * s;
  trajectories           final <n_i> and every point of the <n_i>(t) series within 4 combined standard errors
                         (sigma = sqrt(SE_engine^2 + SE_qutip^2), the largest sigma over each mode's series: at early
                         times few sampled trajectories have jumped, so a pointwise SE underestimates the spread),
                         and the final covariance within 4 sigma from the delta method on QuTiP's per-trajectory
                         values, widened for the engine's ensemble (same distribution, N_engine trajectories).
The two programs use different random numbers, so trajectory ensembles agree only statistically.

Problems (--problems NAME:METHOD,... selects some):
  hot-cold-cat:lindblad       configs/hot-cold-cat.jsonc, perMode 20 (D = 400), t in [0, 200], 201 samples (~2 min
                              in QuTiP; --quick skips it)
  hot-cold-cat:steadystate    the same model, L rho = 0
  hot-cold-cat:trajectories   200 trajectories (mcsolve with num_cpus = --threads)
  hot-cold-total-excitations:lindblad
                              configs/hot-cold-total-excitations.jsonc: the same machine on sum n_i <= 30 (D = 496;
                              QuTiP's enr_destroy space), which the engine evolves in the normal modes of H (~4 min
                              in QuTiP; --quick skips it)
  kerr-benchmark:lindblad     configs/kerr-benchmark.jsonc: N = 50, H = 0.1 a^dag a + 0.025 a^dag2 a2 + 2 (a + a^dag),
                              jumps sqrt(1.2) a and sqrt(0.2) a^dag, vacuum, t in [0, 10], 100 samples, atol 1e-8,
                              rtol 1e-6
  kerr-benchmark:trajectories 100 trajectories
Pictures (analysis.wigner) are removed from the configs: they are not part of the comparison.
The thermal machine's dissipators (E, A) are read from the engine's summary.json (model.emissionMatrix,
model.absorptionMatrix), so both programs integrate the same master equation and the comparison is of the solvers.

Usage: /usr/bin/python3 Benchmarks/compare_qutip.py [--quick] [--repeats R] [--threads T] [--problems ...]
                                                     [--out DIR] [--engine PATH]
Needs a Release build of the engine (dotnet build -c Release) and Debian's python3-qutip (QuTiP 4.7).
Writes DIR/compare-qutip.json and DIR/compare-qutip.md (default DIR: Benchmarks/results). Exit code 0 when every
answer agrees, 1 when one disagrees or a solver fails, 2 on a usage or setup problem.
"""
import argparse
import copy
import csv
import datetime
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
except ImportError:  # e.g. `python3` resolving to an interpreter without Debian's numpy/qutip: use the system one
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    raise

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ENGINE = os.path.join(REPO, "Engine", "bin", "Release", "net10.0", "Engine.dll")
PYTHON = sys.executable or "/usr/bin/python3"

TOLERANCES = {
    # Both integrate at rtol 1e-6, atol 1e-8 with different methods (engine: dopri5 in the interaction picture;
    # QuTiP: zvode Adams); each one's global error over a run reaches ~1e-5 s, so 1e-4 s separates agreement from a
    # wrong model or frame.
    "lindblad": 1e-4,
    # The engine stops GMRES at |L rho| < 1e-8 (steadyTolerance); QuTiP solves directly. Moments of a state with
    # residual r err by ~r / (slowest rate 0.05) ~ 1e-6; 1e-5 s leaves a margin.
    "steadystate": 1e-5,
    # Statistical: 4 combined standard errors (a false alarm for one Gaussian quantity has probability 6e-5).
    "trajectoriesSigmas": 4.0,
    # Absolute floor under the statistical band (exact zeros at t = 0 on both sides).
    "trajectoriesFloor": 1e-6,
}

# (name, config, method, trajectories)
PROBLEMS = [
    ("hot-cold-cat", "configs/hot-cold-cat.jsonc", "lindblad", None),
    ("hot-cold-cat", "configs/hot-cold-cat.jsonc", "steadystate", None),
    ("hot-cold-cat", "configs/hot-cold-cat.jsonc", "trajectories", 200),
    ("hot-cold-total-excitations", "configs/hot-cold-total-excitations.jsonc", "lindblad", None),
    ("kerr-benchmark", "configs/kerr-benchmark.jsonc", "lindblad", None),
    ("kerr-benchmark", "configs/kerr-benchmark.jsonc", "trajectories", 100),
]
QUICK_SKIPS = {"hot-cold-cat:lindblad", "hot-cold-total-excitations:lindblad"}


# ---------------------------------------------------------------------------------------------------------------
# Config reading (JSON with comments and trailing commas, as the engine accepts)

def read_jsonc(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", "".join(out)))


def complex_of(value):
    return complex(value[0], value[1]) if isinstance(value, list) else complex(value)


def complex_matrix(rows):
    return np.array([[complex_of(x) for x in row] for row in rows])


def quadrature_covariance(mean_a, adagger_a, aa):
    """Sigma_jk = 1/2 <{x_j, x_k}> - <x_j><x_k>, x = (q1, p1, ..., qd, pd), q = (a + a^dag)/sqrt2,
    p = i(a^dag - a)/sqrt2, from <a_i>, <a_i^dag a_j> (entry [i][j]) and <a_i a_j> (SPEC section 1)."""
    d = len(mean_a)
    identity = np.eye(d)
    # c = (a_1..a_d, a_1^dag..a_d^dag); S_kl = 1/2 <{c_k, c_l}> with [a_i, a_j^dag] = delta_ij.
    s = np.zeros((2 * d, 2 * d), dtype=complex)
    s[:d, :d] = aa
    s[:d, d:] = adagger_a.T + identity / 2          # 1/2<{a_i, a_j^dag}> = <a_j^dag a_i> + delta/2
    s[d:, :d] = adagger_a + identity / 2            # 1/2<{a_i^dag, a_j}> = <a_i^dag a_j> + delta/2
    s[d:, d:] = np.conj(aa)
    m = np.concatenate([mean_a, np.conj(mean_a)])
    t = np.zeros((2 * d, 2 * d), dtype=complex)     # x = T c
    for i in range(d):
        t[2 * i, i], t[2 * i, d + i] = 1 / math.sqrt(2), 1 / math.sqrt(2)
        t[2 * i + 1, i], t[2 * i + 1, d + i] = -1j / math.sqrt(2), 1j / math.sqrt(2)
    mean_x = t @ m
    return (t @ s @ t.T - np.outer(mean_x, mean_x)).real


# ---------------------------------------------------------------------------------------------------------------
# The same model in QuTiP

class QutipModel:
    """H, jump operators, a_i and the initial state of a config, on the config's per-mode cutoffs."""

    def __init__(self, qt, config, summary):
        self.qt = qt
        d = config["modes"]
        truncation = config["truncation"]
        self.excitations = truncation.get("totalExcitations")
        if self.excitations is not None:
            # Sum n_i <= K: QuTiP's excitation-number-restricted space, the same truncated space as the engine's.
            self.levels = [self.excitations + 1] * d
            self.a = list(qt.enr_destroy(self.levels, self.excitations))
        else:
            levels = truncation["perMode"]
            self.levels = [levels] * d if isinstance(levels, int) else list(levels)
            identities = [qt.qeye(n) for n in self.levels]
            self.a = []
            for i in range(d):
                factors = list(identities)
                factors[i] = qt.destroy(self.levels[i])
                self.a.append(qt.tensor(factors) if d > 1 else factors[0])
        model = config["model"]
        if model["kind"] == "lindblad":
            self.h, self.c_ops = self._explicit(model, d)
        elif model["kind"] == "thermalMachine":
            self.h, self.c_ops = self._thermal_machine(model, d, summary)
        else:
            raise ValueError(f"model kind {model['kind']} is not supported by the QuTiP comparison")
        # e_ops: <a_i>, <a_i^dag a_j> (i <= j), <a_i a_j> (i <= j); the rest follow by conjugation or symmetry.
        self.d = d
        self.pairs = [(i, j) for i in range(d) for j in range(i, d)]
        self.e_ops = ([self.a[i] for i in range(d)]
                      + [self.a[i].dag() * self.a[j] for i, j in self.pairs]
                      + [self.a[i] * self.a[j] for i, j in self.pairs])
        self.psi0 = self._initial_state(config["initialState"], d)

    def moments(self, values):
        """(<a>, <a^dag a>, <a a>) from one value per e_op."""
        d, p = self.d, len(self.pairs)
        mean = np.array(values[:d], dtype=complex)
        adagger_a = np.zeros((d, d), dtype=complex)
        aa = np.zeros((d, d), dtype=complex)
        for k, (i, j) in enumerate(self.pairs):
            adagger_a[i, j], adagger_a[j, i] = values[d + k], np.conj(values[d + k])
            aa[i, j] = aa[j, i] = values[d + p + k]
        for i in range(d):
            adagger_a[i, i] = adagger_a[i, i].real
        return mean, adagger_a, aa

    def occupation_indices(self):
        return [self.d + self.pairs.index((i, i)) for i in range(self.d)]

    def _zero(self):
        return 0 * self.a[0].dag() * self.a[0]

    def _ops(self, text):
        product = None
        for token in text.split():
            match = re.fullmatch(r"(ad|a)(\d+)", token)
            if not match:
                raise ValueError(f"cannot read operator '{token}' in '{text}'")
            op = self.a[int(match.group(2))]
            op = op.dag() if match.group(1) == "ad" else op
            product = op if product is None else product * op
        return product

    def _matrix_hamiltonian(self, matrix, d):
        h = self._zero()
        for i in range(d):
            for j in range(d):
                m = complex_of(matrix[i][j])
                if m != 0:
                    h += m * self.a[i].dag() * self.a[j]
        return h

    def _terms(self, terms):
        h = self._zero()
        for term in terms:
            op = complex_of(term["coefficient"]) * self._ops(term["ops"])
            h += op + op.dag() if term.get("plusHc", False) else op
        return h

    def _explicit(self, model, d):
        ham = model["hamiltonian"]
        h = self._matrix_hamiltonian(ham["matrix"], d) if "matrix" in ham else self._zero()
        for s in ham.get("squeezing", []):
            i, j = s["modes"]
            op = complex_of(s["rate"]) * self.a[i].dag() * self.a[j].dag()
            h += op + op.dag()
        h += self._terms(ham.get("terms", []))
        c_ops = []
        for jump in model.get("jumps", []):
            rate = float(jump["rate"])
            if "ops" in jump:
                op = self._ops(jump["ops"])
            else:
                op = self._zero()
                for i, u in enumerate(jump.get("annihilate", [0] * d)):
                    op += complex_of(u) * self.a[i]
                for i, v in enumerate(jump.get("create", [0] * d)):
                    op += complex_of(v) * self.a[i].dag()
            c_ops.append(math.sqrt(rate) * op)
        return h, c_ops

    def _thermal_machine(self, model, d, summary):
        if model.get("lambShift", False):
            raise ValueError("lambShift is not reproduced by the QuTiP comparison")
        ham = model["hamiltonian"]
        if "matrix" in ham:
            matrix = complex_matrix(ham["matrix"])
        else:
            matrix = np.zeros((d, d), dtype=complex)
            for i, w in enumerate(ham["frequencies"]):
                matrix[i, i] = w
            for hop in ham.get("hoppings", []):
                i, j = hop["modes"]
                matrix[i, j] += complex_of(hop["rate"])
                matrix[j, i] += complex_of(hop["rate"]).conjugate()
        h = self._matrix_hamiltonian(matrix, d) + self._terms(model.get("extraTerms", []))
        emission = complex_matrix(summary["model"]["emissionMatrix"])
        absorption = complex_matrix(summary["model"]["absorptionMatrix"])
        c_ops = []
        # SPEC section 1: E = sum_k e_k v_k v_k^dag -> L_k = sqrt(e_k) sum_j conj(v_kj) a_j;
        # A = sum_k alpha_k w_k w_k^dag -> L_k = sqrt(alpha_k) sum_i w_ki a_i^dag.
        for matrix_, creates in ((emission, False), (absorption, True)):
            rates, vectors = np.linalg.eigh(matrix_)
            for k in range(d):
                if rates[k] > 1e-14 * max(1.0, abs(rates).max()):
                    if creates:
                        op = sum(vectors[i, k] * self.a[i].dag() for i in range(d))
                    else:
                        op = sum(np.conj(vectors[j, k]) * self.a[j] for j in range(d))
                    c_ops.append(math.sqrt(rates[k]) * op)
        return h, c_ops

    def _one_mode(self, state, n):
        qt = self.qt
        kind, p = next(iter(state.items()))
        if kind == "vacuum":
            return qt.basis(n, 0)
        if kind == "fock":
            return qt.basis(n, p["n"])
        if kind == "coherent":
            return qt.coherent(n, complex_of(p["alpha"]), method="analytic")
        if kind == "cat":
            alpha = complex_of(p["alpha"])
            phase = p.get("phase", 0)
            return (qt.coherent(n, alpha, method="analytic")
                    + np.exp(1j * phase) * qt.coherent(n, -alpha, method="analytic")).unit()
        raise ValueError(f"initial state '{kind}' is not supported by the QuTiP comparison")

    def _initial_state(self, state, d):
        if "product" not in state:
            raise ValueError("QuTiP comparison supports product initial states only")
        factors = [self._one_mode(s, self.levels[i]) for i, s in enumerate(state["product"])]
        if self.excitations is None:
            return (self.qt.tensor(factors) if d > 1 else factors[0]).unit()
        # The product restricted to sum n_i <= K, renormalised (what the engine builds on that truncation).
        amplitudes = [f.full().ravel() for f in factors]
        count, _, index_to_state = self.qt.enr_state_dictionaries(self.levels, self.excitations)
        psi = np.zeros(count, dtype=complex)
        for k in range(count):
            psi[k] = np.prod([amplitudes[i][n] for i, n in enumerate(index_to_state[k])])
        template = self.qt.enr_fock(self.levels, self.excitations, [0] * d)
        return self.qt.Qobj(psi.reshape(-1, 1), dims=template.dims).unit()


def qutip_solve(qt, model, config, method, threads, trajectories):
    """One solve; returns the solve seconds and the answers (final moments, <n_i>(t), per-trajectory spread)."""
    run = config.get("run", {})
    rtol, atol = run.get("rtol", 1e-6), run.get("atol", 1e-8)
    occupation = model.occupation_indices()
    if method == "steadystate":
        start = time.perf_counter()
        rho = qt.steadystate(model.h, model.c_ops)
        seconds = time.perf_counter() - start
        values = [qt.expect(op, rho) for op in model.e_ops]
        return {"solveSeconds": seconds, "final": values}
    times = np.linspace(0, float(run["tEnd"]), int(run["samples"]))
    if method == "lindblad":
        options = qt.Options(rtol=rtol, atol=atol, nsteps=10 ** 7)
        rho0 = qt.ket2dm(model.psi0)
        start = time.perf_counter()
        result = qt.mesolve(model.h, rho0, times, model.c_ops, model.e_ops, options=options)
        seconds = time.perf_counter() - start
        values = np.array(result.expect)                      # (e_ops, times)
        return {"solveSeconds": seconds, "times": times, "final": values[:, -1],
                "n": values[occupation, :].real.T}
    options = qt.Options(rtol=rtol, atol=atol, nsteps=10 ** 7, num_cpus=threads, average_expect=False,
                         seeds=list(range(1, trajectories + 1)))
    start = time.perf_counter()
    result = qt.mcsolve(model.h, model.psi0, times, model.c_ops, model.e_ops, ntraj=trajectories,
                        options=options, progress_bar=False)
    seconds = time.perf_counter() - start
    per_trajectory = np.array(result.expect)                  # (trajectories, e_ops, times)
    values = per_trajectory.mean(axis=0)
    se = per_trajectory.real.std(axis=0, ddof=1) / math.sqrt(trajectories)
    return {"solveSeconds": seconds, "times": times, "final": values[:, -1], "n": values[occupation, :].real.T,
            "nSe": se[occupation, :].T, "finalPerTrajectory": per_trajectory[:, :, -1]}


def qutip_worker(job_path):
    """--qutip-worker JOB.json: the QuTiP side of one repeat, in its own process (writes JOB.json.result.npz)."""
    with open(job_path, encoding="utf-8") as f:
        job = json.load(f)
    import qutip as qt
    config = job["config"]
    summary = job["summary"]
    model = QutipModel(qt, config, summary)
    answer = qutip_solve(qt, model, config, job["method"], job["threads"], job["trajectories"])
    np.savez(job_path + ".result.npz", **{k: np.asarray(v) for k, v in answer.items()})
    return 0


# ---------------------------------------------------------------------------------------------------------------
# Runs

def engine_command(engine, config_path, method, out_dir, threads, trajectories):
    args = ["dotnet", engine, "run", config_path, "--out", out_dir, "--method", method, "--threads", str(threads)]
    if trajectories is not None:
        args += ["--trajectories", str(trajectories)]
    return args


def run_engine(args, out_dir, name):
    start = time.perf_counter()
    process = subprocess.run(args, capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"engine exit code {process.returncode}: {process.stderr.strip()[-2000:]}")
    folder = os.path.join(out_dir, name)
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    with open(os.path.join(folder, "timeseries.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    timing = summary["timing"]
    return {"summary": summary, "rows": rows, "processSeconds": process_seconds,
            "wallSeconds": timing["wallSeconds"], "solveSeconds": timing.get("solveSeconds", timing["wallSeconds"])}


def run_qutip(job_path):
    start = time.perf_counter()
    process = subprocess.run([PYTHON, os.path.abspath(__file__), "--qutip-worker", job_path], capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"QuTiP worker exit code {process.returncode}: {process.stderr.strip()[-2000:]}")
    with np.load(job_path + ".result.npz") as data:
        answer = {k: data[k] for k in data.files}
    answer["solveSeconds"] = float(answer["solveSeconds"])
    answer["processSeconds"] = process_seconds
    return answer


def engine_answer(result, d):
    summary, rows = result["summary"], result["rows"]
    moments = summary["final"]["moments"]
    mean = np.array([complex_of(x) for x in moments["a"]])
    adagger_a = complex_matrix(moments["adaggerA"])
    aa = complex_matrix(moments["aa"])
    answer = {"mean": mean, "adaggerA": adagger_a, "aa": aa, "covariance": np.array(summary["final"]["covariance"]),
              "n": None, "times": None, "nSe": None}
    if rows and "n_0" in rows[0] and summary["method"] != "steadystate":
        answer["times"] = np.array([float(r["t"]) for r in rows])
        answer["n"] = np.array([[float(r[f"n_{i}"]) for i in range(d)] for r in rows])
        if "n_0_se" in rows[0]:
            answer["nSe"] = np.array([[float(r[f"n_{i}_se"]) for i in range(d)] for r in rows])
    if summary.get("statistics"):
        answer["trajectories"] = summary["statistics"]["trajectories"]
    return answer


def covariance_standard_error(model, per_trajectory):
    """Delta-method standard error of each covariance entry from per-trajectory values (trajectories, e_ops)."""
    values = np.asarray(per_trajectory)
    n = values.shape[0]
    centre = values.mean(axis=0)
    base = quadrature_covariance(*model.moments(centre))
    # Gradient by complex-step-free finite differences on the real and imaginary parts of each mean.
    gradient = []
    h = 1e-6
    for k in range(values.shape[1]):
        for unit in (1, 1j):
            shifted = centre.copy()
            shifted[k] += h * unit
            gradient.append(((quadrature_covariance(*model.moments(shifted)) - base) / h, k, unit))
    influence = np.zeros((n,) + base.shape)
    for g, k, unit in gradient:
        deviation = (values[:, k] - centre[k])
        component = deviation.real if unit == 1 else deviation.imag
        influence += component[:, None, None] * g[None, :, :]
    return influence.std(axis=0, ddof=1) / math.sqrt(n)


def compare(method, model, engine, qutip):
    """(agrees, details): the largest deviations against the stated tolerances."""
    d = model.d
    q_mean, q_adagger_a, q_aa = model.moments(qutip["final"])
    q_covariance = quadrature_covariance(q_mean, q_adagger_a, q_aa)
    e_n_final = np.diag(engine["adaggerA"]).real
    q_n_final = np.diag(q_adagger_a).real
    series_max = float(engine["n"].max()) if engine["n"] is not None else 0.0
    scale = 1 + max(float(e_n_final.max()), series_max)
    details = {
        "scale": scale,
        "finalOccupationEngine": e_n_final.tolist(), "finalOccupationQutip": q_n_final.tolist(),
        "finalOccupationMaxAbsDifference": float(np.abs(e_n_final - q_n_final).max()),
        "finalAdaggerAMaxAbsDifference": float(np.abs(engine["adaggerA"] - q_adagger_a).max()),
        "finalCovarianceMaxAbsDifference": float(np.abs(engine["covariance"] - q_covariance).max()),
    }
    series_diff = None
    if engine["n"] is not None and qutip.get("n") is not None:
        if engine["n"].shape != qutip["n"].shape or not np.allclose(engine["times"], qutip["times"], rtol=0, atol=1e-9):
            details["note"] = "output times differ"
            return False, details
        series_diff = np.abs(engine["n"] - qutip["n"])
        details["seriesMaxAbsDifference"] = float(series_diff.max())
    if method == "trajectories":
        k = TOLERANCES["trajectoriesSigmas"]
        floor = TOLERANCES["trajectoriesFloor"]
        n_engine, n_qutip = engine["trajectories"], qutip["finalPerTrajectory"].shape[0]
        sigma_series = np.sqrt(engine["nSe"] ** 2 + qutip["nSe"] ** 2)
        sigma_mode = sigma_series.max(axis=0, keepdims=True)
        series_ratio = series_diff / (k * sigma_mode + floor)
        final_ratio = np.abs(e_n_final - q_n_final) / (k * sigma_series[-1] + floor)
        sigma_cov = covariance_standard_error(model, qutip["finalPerTrajectory"]) * math.sqrt(1 + n_qutip / n_engine)
        cov_ratio = np.abs(engine["covariance"] - q_covariance) / (k * sigma_cov + floor)
        details.update({
            "tolerance": f"{k:g} SE",
            "seriesWorstInSigmas": float((series_diff / np.maximum(sigma_mode, 1e-300)).max()),
            "finalOccupationInSigmas": float((np.abs(e_n_final - q_n_final) / np.maximum(sigma_series[-1], 1e-300)).max()),
            "finalCovarianceInSigmas": float((np.abs(engine["covariance"] - q_covariance) / np.maximum(sigma_cov, 1e-300)).max()),
        })
        agrees = bool(series_ratio.max() <= 1 and final_ratio.max() <= 1 and cov_ratio.max() <= 1)
        return agrees, details
    tol = TOLERANCES[method] * scale
    details["tolerance"] = tol
    worst = max(details["finalOccupationMaxAbsDifference"], details["finalAdaggerAMaxAbsDifference"],
                details["finalCovarianceMaxAbsDifference"], details.get("seriesMaxAbsDifference", 0.0))
    return worst <= tol, details


# ---------------------------------------------------------------------------------------------------------------

def derived_config(path):
    config = read_jsonc(os.path.join(REPO, path))
    config.get("analysis", {}).pop("wigner", None)      # pictures are not part of the comparison
    return config


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in lscpu.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket"):
                info[key.strip()] = value.strip()
    except OSError:
        pass
    info["logicalCpus"] = os.cpu_count()
    try:
        info["dotnet"] = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def fmt(x, spec=".3g"):
    return "–" if x is None else format(x, spec)


def markdown(report):
    lines = [f"QuTiP {report['qutip']} vs this engine, {report['date']}, {report['machine'].get('Model name', '?')}, "
             f"{report['machine'].get('logicalCpus')} logical CPUs, threads {report['threads']}, "
             f"median of {report['repeats']}; load average {report['loadBefore']} before, {report['loadAfter']} after.",
             "",
             "| problem | method | D | engine solve (s) | QuTiP solve (s) | ratio solve | engine process (s) "
             "| QuTiP process (s) | ratio process | largest deviation | tolerance | agrees |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for case in report["cases"]:
        if case.get("skipped"):
            lines.append(f"| {case['problem']} | {case['method']} | | | | | | | | | | skipped ({case['skipped']}) |")
            continue
        c = case.get("comparison", {})
        if case["method"] == "trajectories":
            deviation = (f"n(t) {fmt(c.get('seriesWorstInSigmas'), '.2f')} SE, n final {fmt(c.get('finalOccupationInSigmas'), '.2f')} SE, "
                         f"Σ {fmt(c.get('finalCovarianceInSigmas'), '.2f')} SE")
            tolerance = c.get("tolerance", "")
        else:
            worst = max([c.get(k) for k in ("finalOccupationMaxAbsDifference", "finalAdaggerAMaxAbsDifference",
                                            "finalCovarianceMaxAbsDifference", "seriesMaxAbsDifference") if c.get(k) is not None],
                        default=None)
            deviation = fmt(worst)
            tolerance = fmt(c.get("tolerance"))
        verdict = "yes" if case.get("agrees") else "NO" + (": " + case["error"] if case.get("error") else "")
        lines.append(
            f"| {case['problem']} | {case['method']}{' ' + str(case['trajectories']) if case.get('trajectories') else ''} "
            f"| {case.get('hilbertDimension', '')} "
            f"| {fmt(case.get('engineSolveSeconds'))} | {fmt(case.get('qutipSolveSeconds'))} | {fmt(case.get('ratioSolve'), '.1f')}× "
            f"| {fmt(case.get('engineProcessSeconds'))} | {fmt(case.get('qutipProcessSeconds'))} | {fmt(case.get('ratioProcess'), '.1f')}× "
            f"| {deviation} | {tolerance} | {verdict} |")
    lines += ["", "Commands (engine side; QuTiP side: `/usr/bin/python3 Benchmarks/compare_qutip.py --problems NAME:METHOD`):", ""]
    for case in report["cases"]:
        if case.get("command"):
            lines.append(f"- `{case['command']}`")
    return "\n".join(lines) + "\n"


def median(values):
    return statistics.median(values) if values else None


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--qutip-worker":
        return qutip_worker(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the ~2 minute hot/cold mesolve (hot-cold-cat:lindblad)")
    parser.add_argument("--repeats", type=int, default=3, help="fresh-process runs per program and problem; medians are reported (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="engine --threads and QuTiP mcsolve num_cpus (default 2)")
    parser.add_argument("--problems", default=None, help="comma-separated NAME:METHOD, e.g. kerr-benchmark:lindblad")
    parser.add_argument("--out", default=os.path.join(REPO, "Benchmarks", "results"))
    parser.add_argument("--engine", default=DEFAULT_ENGINE, help="path of Engine.dll (default: the Release build)")
    args = parser.parse_args()
    if args.repeats < 1 or args.threads < 1:
        parser.error("--repeats and --threads must be at least 1")
    if not os.path.exists(args.engine):
        print(f"error: {args.engine} not found; build it first: dotnet build -c Release", file=sys.stderr)
        return 2
    try:
        import qutip as qt
    except ImportError:
        print("error: QuTiP is not installed; on Debian: apt-get install -y python3-qutip", file=sys.stderr)
        return 2
    known = [f"{n}:{m}" for n, _, m, _ in PROBLEMS]
    selected = [p for p in PROBLEMS]
    if args.problems:
        wanted = [p.strip() for p in args.problems.split(",") if p.strip()]
        unknown = [w for w in wanted if w not in known]
        if unknown:
            print(f"error: --problems: unknown {', '.join(unknown)}; valid: {', '.join(known)}", file=sys.stderr)
            return 2
        selected = [p for p in PROBLEMS if f"{p[0]}:{p[2]}" in wanted]

    import scipy
    report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "loadBefore": load_average(),
              "qutip": qt.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
              "quick": args.quick, "repeats": args.repeats, "threads": args.threads, "tolerances": TOLERANCES,
              "timing": "solve: engine summary.json timing.solveSeconds, QuTiP perf_counter around the solver call; "
                        "process: the whole command; each repeat a fresh process; medians",
              "cases": []}
    all_agree = True
    with tempfile.TemporaryDirectory(prefix="compare-qutip-") as work:
        for name, path, method, trajectories in selected:
            key = f"{name}:{method}"
            case = {"problem": name, "method": method, "config": path, "trajectories": trajectories}
            if args.quick and key in QUICK_SKIPS:
                case["skipped"] = "--quick"
                report["cases"].append(case)
                print(f"{key}: skipped (--quick)", flush=True)
                continue
            config = derived_config(path)
            case["truncation"] = config["truncation"]
            config_path = os.path.join(work, f"{name}.json")
            with open(config_path, "w", encoding="utf-8") as f:
                json.dump(config, f, indent=1)
            out_dir = os.path.join(work, "out")
            command = engine_command(args.engine, config_path, method, out_dir, args.threads, trajectories)
            case["command"] = " ".join(engine_command(os.path.relpath(args.engine, REPO), path, method, "OUT", args.threads, trajectories))
            print(f"{key} ...", flush=True)
            engine_runs, qutip_runs = [], []
            try:
                job_path = os.path.join(work, f"{name}-{method}.job.json")
                for repeat in range(args.repeats):
                    engine_runs.append(run_engine(command, out_dir, config["name"]))
                    if repeat == 0:
                        with open(job_path, "w", encoding="utf-8") as f:
                            json.dump({"config": config, "summary": engine_runs[0]["summary"], "method": method,
                                       "threads": args.threads, "trajectories": trajectories}, f)
                    qutip_runs.append(run_qutip(job_path))
                    print(f"  repeat {repeat + 1}: engine solve {engine_runs[-1]['solveSeconds']:.3f} s "
                          f"(process {engine_runs[-1]['processSeconds']:.2f} s), QuTiP solve {qutip_runs[-1]['solveSeconds']:.3f} s "
                          f"(process {qutip_runs[-1]['processSeconds']:.2f} s)", flush=True)
                summary = engine_runs[-1]["summary"]
                model = QutipModel(qt, config, summary)
                agrees, details = compare(method, model, engine_answer(engine_runs[-1], config["modes"]), qutip_runs[-1])
                case.update({
                    "hilbertDimension": summary.get("hilbertDimension"),
                    "engineSolveSeconds": median([r["solveSeconds"] for r in engine_runs]),
                    "engineWallSeconds": median([r["wallSeconds"] for r in engine_runs]),
                    "engineProcessSeconds": median([r["processSeconds"] for r in engine_runs]),
                    "qutipSolveSeconds": median([r["solveSeconds"] for r in qutip_runs]),
                    "qutipProcessSeconds": median([r["processSeconds"] for r in qutip_runs]),
                    "engineSolveSecondsAll": [r["solveSeconds"] for r in engine_runs],
                    "engineWallSecondsAll": [r["wallSeconds"] for r in engine_runs],
                    "engineProcessSecondsAll": [r["processSeconds"] for r in engine_runs],
                    "qutipSolveSecondsAll": [r["solveSeconds"] for r in qutip_runs],
                    "qutipProcessSecondsAll": [r["processSeconds"] for r in qutip_runs],
                    "engineDetails": summary.get("details"),
                    "comparison": details, "agrees": agrees,
                })
                case["ratioSolve"] = case["qutipSolveSeconds"] / case["engineSolveSeconds"] if case["engineSolveSeconds"] > 0 else None
                case["ratioProcess"] = case["qutipProcessSeconds"] / case["engineProcessSeconds"]
            except Exception as e:  # a failing solver is reported, and the run goes on with the next problem
                case.update({"agrees": False, "error": f"{type(e).__name__}: {e}"})
            all_agree = all_agree and case.get("agrees", False)
            print(f"  {key}: solve engine {fmt(case.get('engineSolveSeconds'))} s, QuTiP {fmt(case.get('qutipSolveSeconds'))} s "
                  f"({fmt(case.get('ratioSolve'), '.1f')}×); process engine {fmt(case.get('engineProcessSeconds'))} s, "
                  f"QuTiP {fmt(case.get('qutipProcessSeconds'))} s ({fmt(case.get('ratioProcess'), '.1f')}×); agrees: {case.get('agrees')}"
                  + (f" ({case['error']})" if case.get("error") else ""), flush=True)
            report["cases"].append(case)
    report["loadAfter"] = load_average()

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "compare-qutip.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))
    table = markdown(report)
    with open(os.path.join(args.out, "compare-qutip.md"), "w", encoding="utf-8") as f:
        f.write(table)
    print()
    print(table)
    print(f"wrote {os.path.join(args.out, 'compare-qutip.json')} and compare-qutip.md")
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())
