using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>
/// The coherence-sector right-hand side as a sum of shifted copies of the stored blocks, one pass per derivative block,
/// for excitation-conserving models whose operators split into shift components: parts with one occupation change Δ
/// (n(r) − n(c) = Δ for every entry), one frame-energy change ΔE = E0_r − E0_c, and one phase κ_N per sector
/// (v = κ_N|v|). A Δ part has at most one entry per row and per column, so it moves local state i of sector N to one
/// local state of its source sector with a real weight |v|. Every passive quadratic model in the local modes
/// qualifies (hoppings a_i† a_k, jumps Σ_i c_i a_i and Σ_i c_i a_i†; on a total-excitation truncation the ½ L†L part
/// of G changes shape in the top sector, hence one phase per sector); a Kerr term in the frame energies, or parts of one
/// Δ with different phases in one sector, do not (<see cref="TryCreate"/> returns null and the sparse block code runs).
/// <para>
/// With G = −i(H_eff − H0) = diag(G) + Σ_K e^{iΔE_K t} K and every group of jumps with one sector shift δ written as
/// L_j = Σ_p c_jp e^{iΔE_p t} M_p over common components M_p (C_pq = Σ_j c_jp conj(c_jq)), the derivative of a stored
/// block X = ρ_{N,N'} is, entry by entry,
/// dX_ij = (G_ii + conj G_jj) X_ij + Σ_K [e^{iΔE_K t} K_i X_{K(i) j} + e^{−iΔE_K t} conj(K_j) X_{i K(j)}]
///        + Σ_pq C_pq e^{i(ΔE_p − ΔE_q)t} (M_p)_i conj((M_q)_j) ρ_{N−δ,N'−δ}[M_p(i), M_q(j)]:
/// every term is c_t(t)·κ·|u_t(i)|·|v_t(j)| times a source entry, with the source row a function of i and the source
/// column j plus a constant on each column segment. Per block the plan holds each row's source row and |u| per term,
/// each term's phase κ_N conj(κ_N') and each column segment's constant per term (planned once); per evaluation only the
/// term coefficients c_t(t) change. Each row segment is then written once by <see cref="ShiftedTermRow"/>.
/// </para>
/// <para>
/// Shifted reads of rows and columns without a source read a neighbouring stored entry with weight 0 (a state
/// without a source keeps the segment's constant with v = 0; a term without a source in a row reads the row itself).
/// Rows whose reads would leave the stored state go entry by entry. Order-0 derivative blocks are not Hermitian by
/// construction here: the caller symmetrises them. The row kernel runs about as fast in L1 as on the whole stored
/// state: its cost is the 12 or so complex-coefficient terms per entry and their source reads, which a shift of columns
/// puts off the cache lines, not memory traffic (BENCHMARKS.md).
/// </para>
/// </summary>
internal sealed class ShiftedTerms
{
    /// <summary>More terms than this per entry and the sparse block code is used instead.</summary>
    public const int MaximumTerms = 64;

    // Phases and frame-energy changes equal within this (relative) count as equal.
    private const double Tolerance = 1e-12;
    private const int Absent = int.MinValue;

    private readonly Term[] _terms;
    private readonly Complex[] _coefficients;       // c_t at _time
    private double _time = double.NaN;
    private readonly double[][] _diagonalRe, _diagonalIm;       // [sector][local] → Re, Im G_ii (row side)
    private readonly double[][] _columnRe, _columnIm;           // [sector][2·local + lane] → Re, Im conj(G_jj), twice
    private readonly double[] _factors;             // every column component's |v| twice per state, per column segment
    private readonly int _factorBase;               // the index in _factors of its first 64-byte line (lane 0 of the factors)
    private readonly BlockPlan[] _plans;
    private readonly int _laneCount;                // 2 × stored entries

    private ShiftedTerms(Term[] terms, Component[] components, Complex[] coherentDiagonal, CoherenceSectorLayout layout)
    {
        _terms = terms;
        _coefficients = new Complex[terms.Length];
        _laneCount = 2 * layout.Length;
        var states = layout.States;
        _diagonalRe = [.. states.Select(s => s.Select(r => coherentDiagonal[r].Real).ToArray())];
        _diagonalIm = [.. states.Select(s => s.Select(r => coherentDiagonal[r].Imaginary).ToArray())];
        _columnRe = [.. states.Select(s => s.SelectMany(r => Twice(coherentDiagonal[r].Real)).ToArray())];
        _columnIm = [.. states.Select(s => s.SelectMany(r => Twice(-coherentDiagonal[r].Imaginary)).ToArray())];

        var columnComponents = terms.Where(t => t.Column >= 0).Select(t => t.Column).Distinct().ToArray();
        var segments = Enumerable.Range(0, states.Length).Select(n => Segments(n, states[n].Length, columnComponents, components)).ToArray();
        (_factors, _factorBase, var factorLanes) = ColumnFactors(components, columnComponents, segments);
        _plans = [.. Enumerable.Range(0, layout.Blocks.Length).Select(b => Plan(b, layout, components, factorLanes, segments))];
    }

    /// <summary>Number of terms per entry (besides the diagonal).</summary>
    public int Count => _terms.Length;

    /// <summary>
    /// The shifted-term form of <paramref name="problem"/>'s working-frame generator, or null when an operator does not
    /// split into shift components or there would be more than <see cref="MaximumTerms"/> terms (see the class comment).
    /// </summary>
    public static ShiftedTerms? TryCreate(
        LindbladProblem problem, Complex[] coherentDiagonal, SparseMatrix offDiagonal, CoherenceSectorLayout layout, int[] sectorOf, int[] local)
    {
        var space = problem.Space;
        var energies = problem.FrameEnergies;
        var components = new List<Component>();
        var terms = new List<Term>();
        foreach (var part in Split(offDiagonal, space).Values)
        {
            var k = Component.TryCreate(part, energies, layout, sectorOf, local);
            if (k is null) return null;
            components.Add(k);
            int index = components.Count - 1;
            terms.Add(new Term(index, -1, Complex.One, k.EnergyChange, 0));
            terms.Add(new Term(-1, index, Complex.One, -k.EnergyChange, 0));
        }
        foreach (var group in problem.Jumps.Where(j => j.NonZeroCount > 0).GroupBy(j => CoherenceSectorRightHandSide.ShiftOf(j, sectorOf)))
        {
            // L_j = Σ_p c_jp M_p: every Δ part of a jump is a multiple of a component of the group, or a new one.
            var groupComponents = new List<(Component Component, List<(int Row, int Column, Complex Value)> Entries)>();
            var c = new List<Dictionary<int, Complex>>();
            foreach (var jump in group)
            {
                var coefficients = new Dictionary<int, Complex>();
                foreach (var part in Split(jump, space).Values)
                {
                    var match = groupComponents.Select((g, index) => (Index: index, Ratio: JumpFamily.ProportionalityRatio(part, g.Entries))).FirstOrDefault(m => m.Ratio is not null);
                    if (match.Ratio is { } ratio)
                    {
                        coefficients[match.Index] = coefficients.GetValueOrDefault(match.Index) + ratio;
                        continue;
                    }
                    var m = Component.TryCreate(part, energies, layout, sectorOf, local);
                    if (m is null) return null;
                    groupComponents.Add((m, part));
                    coefficients[groupComponents.Count - 1] = Complex.One;
                }
                c.Add(coefficients);
            }
            int first = components.Count;
            components.AddRange(groupComponents.Select(g => g.Component));
            for (int p = 0; p < groupComponents.Count; p++)
            {
                for (int q = 0; q < groupComponents.Count; q++)
                {
                    Complex cpq = Complex.Zero;
                    foreach (var cj in c) cpq += cj.GetValueOrDefault(p) * Complex.Conjugate(cj.GetValueOrDefault(q));
                    if (cpq == Complex.Zero) continue;
                    terms.Add(new Term(first + p, first + q, cpq, groupComponents[p].Component.EnergyChange - groupComponents[q].Component.EnergyChange, group.Key));
                }
            }
            if (terms.Count > MaximumTerms) return null;
        }
        return terms.Count > MaximumTerms ? null : new ShiftedTerms([.. terms], [.. components], coherentDiagonal, layout);
    }

    /// <summary>Sets the term coefficients c_t(t) = constant_t · e^{i rate_t t} (once per time).</summary>
    public void SetTime(double t)
    {
        if (t == _time) return;
        for (int k = 0; k < _terms.Length; k++)
        {
            var (sin, cos) = Math.SinCos(_terms[k].Rate * t);
            _coefficients[k] = _terms[k].Constant * new Complex(cos, sin);
        }
        _time = t;
    }

    /// <summary>Writes the derivative block Y of stored block <paramref name="b"/> at the time of <see cref="SetTime"/> (overwrites Y).</summary>
    public void EvaluateBlock(int b, StoredBlock block, ReadOnlySpan<Complex> rho, Span<Complex> derivative)
    {
        var plan = _plans[b];
        int active = plan.Terms.Length;
        Span<double> re = stackalloc double[active], im = stackalloc double[active];
        for (int q = 0; q < active; q++)
        {
            Complex c = _coefficients[plan.Terms[q]] * plan.Phases[q];
            (re[q], im[q]) = (c.Real, c.Imaginary);
        }
        Span<RowTerm> terms = stackalloc RowTerm[active];
        ref RowTerm term = ref MemoryMarshal.GetReference(terms);
        ref double state = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(rho));
        ref double output = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetReference(derivative));
        ref double factors = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_factors), _factorBase);
        ref double weights = ref MemoryMarshal.GetArrayDataReference(plan.RowFactors);
        double[] rowRe = _diagonalRe[block.RowSector], rowIm = _diagonalIm[block.RowSector];
        ref double columnRe = ref MemoryMarshal.GetArrayDataReference(_columnRe[block.ColumnSector]);
        ref double columnIm = ref MemoryMarshal.GetArrayDataReference(_columnIm[block.ColumnSector]);
        bool vectors = Vector256.IsHardwareAccelerated;
        foreach (var segment in plan.Segments)
        {
            nint lanes = 2 * segment.Columns;
            ref int sources = ref MemoryMarshal.GetArrayDataReference(segment.Sources);
            for (int q = 0; q < active; q++) terms[q].Factor = segment.FactorLanes[q];
            for (int i = 0; i < block.Rows; i++)
            {
                // Per row only the weights change; a term without a source here has weight 0 and reads the row itself.
                int at = i * active;
                for (int q = 0; q < active; q++)
                {
                    double u = Unsafe.Add(ref weights, at + q) * segment.Weight[q];
                    ref RowTerm t = ref Unsafe.Add(ref term, q);
                    t.Source = Unsafe.Add(ref sources, at + q);
                    t.Re = re[q] * u;
                    t.Im = im[q] * u;
                }
                int own = 2 * (block.Offset + (i * block.Columns) + segment.Start);
                ref double x = ref Unsafe.Add(ref state, own);
                ref double y = ref Unsafe.Add(ref output, own);
                ref double gRe = ref Unsafe.Add(ref columnRe, 2 * segment.Start);
                ref double gIm = ref Unsafe.Add(ref columnIm, 2 * segment.Start);
                ReadOnlySpan<RowTerm> rowOnly = terms[..plan.RowOnly], general = terms[plan.RowOnly..];
                if (vectors && segment.Inside[i] && lanes >= ShiftedTermRow.MinimumLanes)
                    ShiftedTermRow.Run(ref x, ref y, ref state, ref factors, ref gRe, ref gIm, rowRe[i], rowIm[i], rowOnly, general, lanes);
                else
                    ShiftedTermRow.RunByEntry(ref x, ref y, ref state, ref factors, ref gRe, ref gIm, rowRe[i], rowIm[i], rowOnly, general, lanes);
            }
        }
    }

    /// <summary>
    /// The plan of stored block <paramref name="b"/>: its terms with a source block (those with v ≡ 1 first), their rows
    /// and column segments.
    /// </summary>
    private BlockPlan Plan(int b, CoherenceSectorLayout layout, Component[] components, int[][][] factorLanes, (Segment[] Segments, int[] Offsets)[] segments)
    {
        var block = layout.Blocks[b];
        var active = new List<int>();
        var from = new List<StoredBlock>();
        foreach (int t in Enumerable.Range(0, _terms.Length).OrderBy(t => _terms[t].Column >= 0))
        {
            int source = layout.BlockIndex(block.RowSector - _terms[t].Shift, block.ColumnSector - _terms[t].Shift);
            if (source < 0) continue;
            active.Add(t);
            from.Add(layout.Blocks[source]);
        }
        int count = active.Count;
        // κ of the row weights in sector N times conj(κ) of the column weights in sector N': the weights go in as |v|.
        var phases = active.Select(t => (_terms[t].Row < 0 ? Complex.One : components[_terms[t].Row].Phase[block.RowSector])
            * Complex.Conjugate(_terms[t].Column < 0 ? Complex.One : components[_terms[t].Column].Phase[block.ColumnSector])).ToArray();
        var rowSources = new int[block.Rows * count];
        var rowFactors = new double[block.Rows * count];
        for (int i = 0; i < block.Rows; i++)
        {
            for (int q = 0; q < count; q++)
            {
                int row = _terms[active[q]].Row;
                int sourceRow = row < 0 ? i : components[row].SourceOf[block.RowSector][i];
                double u = row < 0 ? 1 : components[row].Magnitude[block.RowSector][i];
                bool none = sourceRow < 0 || u == 0;
                rowSources[(i * count) + q] = none ? -1 : 2 * (from[q].Offset + (sourceRow * from[q].Columns));
                rowFactors[(i * count) + q] = none ? 0 : u;
            }
        }
        var (columnSegments, offsets) = segments[block.ColumnSector];
        var plans = new SegmentPlan[columnSegments.Length];
        for (int s = 0; s < columnSegments.Length; s++)
        {
            var (start, columns) = columnSegments[s];
            var columnLanes = new int[count];
            var termFactors = new nint[count];
            for (int q = 0; q < count; q++)
            {
                int column = _terms[active[q]].Column;
                int offset = column < 0 ? 0 : offsets[(s * components.Length) + column];
                columnLanes[q] = offset == Absent ? Absent : 2 * (start + offset);
                termFactors[q] = column < 0 ? -1 : factorLanes[column][block.ColumnSector][s];
            }
            // Each row's source lane per term in this segment (the row itself when the term has none), and whether the
            // row's shifted reads stay inside the stored state (the other rows go entry by entry).
            var sourceLanes = new int[block.Rows * count];
            var inside = new bool[block.Rows];
            for (int i = 0; i < block.Rows; i++)
            {
                inside[i] = true;
                int own = 2 * (block.Offset + (i * block.Columns) + start);
                for (int q = 0; q < count; q++)
                {
                    int source = rowSources[(i * count) + q];
                    bool on = source >= 0 && columnLanes[q] != Absent;
                    sourceLanes[(i * count) + q] = on ? source + columnLanes[q] : own;
                    if (on) inside[i] &= source + columnLanes[q] >= 0 && source + columnLanes[q] + (2 * columns) <= _laneCount;
                }
            }
            double[] weight = [.. columnLanes.Select(c => c == Absent ? 0.0 : 1.0)];
            plans[s] = new SegmentPlan(start, columns, sourceLanes, weight, termFactors, inside);
        }
        return new BlockPlan([.. active], active.Count(t => _terms[t].Column < 0), phases, rowFactors, plans);
    }

    /// <summary>
    /// The column factors |v| (twice per state, one lane each for re and im) of every column component, one stream per
    /// sector and column segment, each starting on a 64-byte line, in a pinned array (it never moves, so the lines stay
    /// lines): a factor stream then never straddles two lines where the row kernel reads it, which costs the kernel about a
    /// fifth of its time when it does (BENCHMARKS.md). Returns the array, the index of its first line, and per component,
    /// sector and segment the lane of the stream counted from there (empty for components that are not column components).
    /// </summary>
    private static unsafe (double[] Factors, int Base, int[][][] Lanes) ColumnFactors(
        Component[] components, int[] columnComponents, (Segment[] Segments, int[] Offsets)[] segments)
    {
        const int line = 64 / sizeof(double);
        var lanes = new int[components.Length][][];
        int length = 0;
        foreach (int p in columnComponents)
        {
            lanes[p] = new int[segments.Length][];
            for (int n = 0; n < segments.Length; n++)
            {
                lanes[p][n] = new int[segments[n].Segments.Length];
                for (int s = 0; s < lanes[p][n].Length; s++)
                {
                    lanes[p][n][s] = length;
                    length += (2 * segments[n].Segments[s].Columns + line - 1) / line * line;
                }
            }
        }
        var factors = GC.AllocateArray<double>(length + line, pinned: true);
        int first = (int)((line - (((nint)Unsafe.AsPointer(ref factors[0]) / sizeof(double)) % line)) % line);
        foreach (int p in columnComponents)
        {
            for (int n = 0; n < segments.Length; n++)
            {
                for (int s = 0; s < lanes[p][n].Length; s++)
                {
                    var (start, columns) = segments[n].Segments[s];
                    for (int c = 0; c < columns; c++)
                        factors[first + lanes[p][n][s] + (2 * c)] = factors[first + lanes[p][n][s] + (2 * c) + 1] = components[p].Magnitude[n][start + c];
                }
            }
        }
        return (factors, first, lanes);
    }

    /// <summary>
    /// The states of a sector cut where some column component's source − state changes (states without a source do not
    /// cut), with every component's source − state per segment ([segment · components + p]; Absent when no state of the
    /// segment has a source or p is not a column component).
    /// </summary>
    private static (Segment[] Segments, int[] Offsets) Segments(int sector, int width, int[] columnComponents, Component[] components)
    {
        var cuts = new SortedSet<int> { 0, width };
        foreach (int p in columnComponents)
        {
            int[] sources = components[p].SourceOf[sector];
            int? offset = null;
            for (int c = 0; c < width; c++)
            {
                if (sources[c] < 0) continue;
                if (offset is { } o && sources[c] - c != o) cuts.Add(c);
                offset = sources[c] - c;
            }
        }
        var bounds = cuts.ToArray();
        var segments = new Segment[Math.Max(0, bounds.Length - 1)];
        var offsets = new int[segments.Length * components.Length];
        Array.Fill(offsets, Absent);
        for (int s = 0; s < segments.Length; s++)
        {
            segments[s] = new Segment(bounds[s], bounds[s + 1] - bounds[s]);
            foreach (int p in columnComponents)
            {
                int[] sources = components[p].SourceOf[sector];
                int c = Array.FindIndex(sources, bounds[s], segments[s].Columns, v => v >= 0);
                if (c >= 0) offsets[(s * components.Length) + p] = sources[c] - c;
            }
        }
        return (segments, offsets);
    }

    /// <summary>
    /// The entries of <paramref name="matrix"/> by occupation change n(r) − n(c), each list in CSR order (explicit zeros
    /// left out).
    /// </summary>
    private static Dictionary<string, List<(int Row, int Column, Complex Value)>> Split(SparseMatrix matrix, FockSpace space)
    {
        var parts = JumpFamily.SplitByOccupationChange(matrix, space);
        foreach (var list in parts.Values) list.RemoveAll(e => e.Value == Complex.Zero);
        foreach (var key in parts.Where(p => p.Value.Count == 0).Select(p => p.Key).ToArray()) parts.Remove(key);
        return parts;
    }

    private static double[] Twice(double value) => [value, value];

    /// <summary>
    /// One term: its row component (−1: identity), column component (−1: identity), c_t(t) = Constant·e^{i Rate t}, and the
    /// sector shift δ of its source block ρ_{N−δ, N'−δ}.
    /// </summary>
    private readonly record struct Term(int Row, int Column, Complex Constant, double Rate, int Shift);

    /// <summary>Local states [Start, Start + Columns) of a sector.</summary>
    private readonly record struct Segment(int Start, int Columns);

    /// <summary>
    /// A stored block's terms (those with a source block; the first <c>RowOnly</c> have v ≡ 1), the phase of each term's
    /// weights on this block, each row's weight |u_t(i)| per term (0: no source row), and its column segments.
    /// </summary>
    private sealed record BlockPlan(int[] Terms, int RowOnly, Complex[] Phases, double[] RowFactors, SegmentPlan[] Segments);

    /// <summary>
    /// A column segment of a block: per row and term the lane of the source entry of the segment's first column (the
    /// row itself when the term has no source there); per term a weight of 1, or 0 when it has no source in the
    /// segment, and the lane of its column factors (−1: v ≡ 1); per row, whether every read stays inside the stored state.
    /// </summary>
    private sealed record SegmentPlan(int Start, int Columns, int[] Sources, double[] Weight, nint[] FactorLanes, bool[] Inside);

    /// <summary>
    /// A shift component: the entries of one occupation change with one frame-energy change ΔE; per sector and local
    /// state its source (local state in sector N − δ, −1 when none) and |v|, and per sector the one phase κ_N of its values
    /// there (v = κ_N |v|).
    /// </summary>
    private sealed class Component
    {
        private Component(double energyChange, int[][] sourceOf, double[][] magnitude, Complex[] phase)
        {
            EnergyChange = energyChange;
            SourceOf = sourceOf;
            Magnitude = magnitude;
            Phase = phase;
        }

        public double EnergyChange { get; }

        public int[][] SourceOf { get; }

        public double[][] Magnitude { get; }

        /// <summary>[sector] → κ_N (1 where the component has no entry in that sector).</summary>
        public Complex[] Phase { get; }

        /// <summary>The component of <paramref name="entries"/>, or null when ΔE or the phase within a sector is not one number.</summary>
        public static Component? TryCreate(List<(int Row, int Column, Complex Value)> entries, ReadOnlySpan<double> energies, CoherenceSectorLayout layout, int[] sectorOf, int[] local)
        {
            var sourceOf = layout.States.Select(s => Enumerable.Repeat(-1, s.Length).ToArray()).ToArray();
            var magnitude = layout.States.Select(s => new double[s.Length]).ToArray();
            var phase = new Complex?[layout.States.Length];
            double energyChange = energies[entries[0].Row] - energies[entries[0].Column];
            foreach (var (r, c, v) in entries)
            {
                double de = energies[r] - energies[c];
                if (Math.Abs(de - energyChange) > Tolerance * Math.Max(1, Math.Abs(energyChange))) return null;
                int n = sectorOf[r];
                Complex unit = v / v.Magnitude;
                phase[n] ??= unit;
                if ((unit - phase[n]!.Value).Magnitude > Tolerance) return null;
                sourceOf[n][local[r]] = local[c];
                magnitude[n][local[r]] = v.Magnitude;
            }
            return new Component(energyChange, sourceOf, magnitude, [.. phase.Select(k => k ?? Complex.One)]);
        }
    }
}
