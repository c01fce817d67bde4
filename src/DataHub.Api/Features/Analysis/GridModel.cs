using DataHub.Api.Features.Aggregates;
using DataHub.Api.Features.Developments;
using DataHub.Api.Features.Grid;
using NetTopologySuite.Geometries;

namespace DataHub.Api.Features.Analysis;

/// <summary>
/// The analysis model of the current data, held in memory and shared by all requests: the energy areas, and every
/// current development assigned to them (by share) with its load as steps per year, per rule set. Built once per
/// version of the grid data and brought up to date with changed developments (<see cref="With"/>) without
/// recomputing the rest. A request evaluates the areas it asks for through its caller's <see cref="AnalysisView"/>,
/// so the same model answers every caller with exactly what that caller may count. Immutable.
/// </summary>
public sealed partial class GridModel
{
    public static readonly IReadOnlyList<string> Sectors = CodeLists.Sectors;
    private static readonly int[] SectorOrder = [.. Enumerable.Range(0, CodeLists.Sectors.Length).OrderBy(i => CodeLists.Sectors[i], StringComparer.Ordinal)];

    public GridAreas Grid { get; }
    public IReadOnlyList<CalculationRuleSet> RuleSets { get; }
    public DataStamp Stamp { get; }
    /// <summary>By id, for updates: built on the first update (a rebuild need not pay for it).</summary>
    private readonly Lazy<Dictionary<Guid, ModelDevelopment>> _developments;
    private readonly int _count;
    private readonly ModelEntry[][] _entries;
    private readonly int _nextIndex;

    public int Count => _count;

    private GridModel(GridAreas grid, IReadOnlyList<CalculationRuleSet> ruleSets, DataStamp stamp, Lazy<Dictionary<Guid, ModelDevelopment>> developments,
        int count, ModelEntry[][] entries, int nextIndex) =>
        (Grid, RuleSets, Stamp, _developments, _count, _entries, _nextIndex) = (grid, ruleSets, stamp, developments, count, entries, nextIndex);

    public static int ScenarioBit(string scenario) => scenario switch
    {
        Scenarios.Committed => 1,
        Scenarios.Expected => 2,
        Scenarios.Ambition => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };

    public int RuleSetIndex(string id)
    {
        for (var i = 0; i < RuleSets.Count; i++) if (RuleSets[i].Id == id) return i;
        return -1;
    }

    /// <summary>The whole model from the current versions of the developments (retired ones left out by the caller).</summary>
    public static GridModel Build(GridAreas grid, IReadOnlyList<DevelopmentVersion> current, IReadOnlyList<CalculationRuleSet> ruleSets, DataStamp stamp)
    {
        var developments = new ModelDevelopment[current.Count];
        // Assignment and translation are independent per development: spread over the cores.
        Parallel.For(0, current.Count, () => new StringPool(), (i, _, pool) => { developments[i] = Create(current[i], i, grid, ruleSets, pool); return pool; }, _ => { });
        var byId = new Lazy<Dictionary<Guid, ModelDevelopment>>(() => developments.ToDictionary(d => d.Id));
        var lists = new List<ModelEntry>[grid.Areas.Count];
        foreach (var d in developments)
            foreach (var (area, share) in d.Shares)
                (lists[area] ??= []).Add(new ModelEntry(d, share));
        var entries = new ModelEntry[grid.Areas.Count][];
        Parallel.For(0, lists.Length, a => entries[a] = lists[a] is { } l ? [.. l.OrderBy(e => e.Development.Id)] : []);
        return new GridModel(grid, ruleSets, stamp, byId, developments.Length, entries, developments.Length);
    }

    /// <summary>
    /// The model with these developments' latest versions applied: each is taken out of its areas and, unless it is
    /// retired or superseded, assigned and translated anew. Only the areas it touches are copied.
    /// </summary>
    public GridModel With(IEnumerable<DevelopmentVersion> latest, DataStamp stamp)
    {
        var developments = new Dictionary<Guid, ModelDevelopment>(_developments.Value);
        var entries = (ModelEntry[][])_entries.Clone();
        var touched = new Dictionary<int, List<ModelEntry>>();
        List<ModelEntry> Area(int a) => touched.TryGetValue(a, out var l) ? l : touched[a] = [.. entries[a]];
        var next = _nextIndex;
        var pool = new StringPool();
        foreach (var row in latest)
        {
            if (developments.Remove(row.DevelopmentId, out var old))
                foreach (var (a, _) in old.Shares) Area(a).RemoveAll(e => e.Development == old);
            if (row.ValidTo is not null || row.IsRetired) continue;
            var d = Create(row, next++, Grid, RuleSets, pool);
            developments[d.Id] = d;
            foreach (var (a, share) in d.Shares) Area(a).Add(new ModelEntry(d, share));
        }
        foreach (var (a, list) in touched) entries[a] = [.. list.OrderBy(e => e.Development.Id)];
        return new GridModel(Grid, RuleSets, stamp, new(developments), developments.Count, entries, next);
    }

    public bool Contains(Guid development) => _developments.Value.ContainsKey(development);

    /// <summary>The energy areas a development is assigned to (by location; a large one may span several), none when it is not in the model.</summary>
    public IEnumerable<Guid> AreasOf(Guid development) =>
        _developments.Value.TryGetValue(development, out var d) ? d.Shares.Select(s => Grid.Areas[s.Area].Id) : [];

    /// <summary>The developments assigned to an area (any share), by id; what a caller may see of them is for the caller's query to decide.</summary>
    public IEnumerable<Guid> DevelopmentsIn(int area) => _entries[area].Select(e => e.Development.Id);

    private static ModelDevelopment Create(DevelopmentVersion v, int index, GridAreas grid, IReadOnlyList<CalculationRuleSet> ruleSets, StringPool pool)
    {
        var facts = DevelopmentFacts.Of(v);
        var scenarios = 0;
        foreach (var s in Analysis.Scenarios.All) if (Analysis.Scenarios.Includes(s, facts.Certainty)) scenarios |= ScenarioBit(s);
        return new ModelDevelopment
        {
            Index = index,
            Id = v.DevelopmentId, Owner = pool.Get(v.OwnerCode), Visibility = pool.Get(v.Visibility), PlanType = pool.Get(v.PlanType),
            SectorCode = pool.Get(v.Sector), Certainty = pool.Get(v.Certainty), Municipality = pool.GetOrNull(v.MunicipalityCode),
            Province = pool.GetOrNull(v.ProvinceCode), ResRegion = pool.GetOrNull(v.ResRegionCode),
            Sector = Math.Max(0, Array.IndexOf(CodeLists.Sectors, facts.Sector)),
            Scenarios = scenarios,
            Shares = grid.Assign(v.Geometry),
            RuleSteps = StepsPerRuleSet(facts, ruleSets, useStatedEnergy: false),
            StatedSteps = facts.Energy.Count == 0 ? null : StepsPerRuleSet(facts, ruleSets, useStatedEnergy: true),
        };
    }


    private static LoadStep[][] StepsPerRuleSet(DevelopmentFacts facts, IReadOnlyList<CalculationRuleSet> ruleSets, bool useStatedEnergy)
    {
        var steps = new LoadStep[ruleSets.Count][];
        for (var i = 0; i < steps.Length; i++) steps[i] = Steps(facts, ruleSets[i], useStatedEnergy);
        return steps;
    }

    /// <summary>
    /// A development's electricity load as steps: the translation changes only in the years something is stated
    /// (a quantity, a stated energy figure) and the year after decommissioning, so it is evaluated in those years only.
    /// </summary>
    public static LoadStep[] Steps(DevelopmentFacts d, CalculationRuleSet rules, bool useStatedEnergy)
    {
        Span<int> years = stackalloc int[d.Quantities.Count + (useStatedEnergy ? d.Energy.Count : 0) + 1];
        var n = 0;
        foreach (var q in d.Quantities) years[n++] = q.Year;
        if (useStatedEnergy) foreach (var e in d.Energy) years[n++] = e.Year;
        if (d.DecommissioningYear is { } end) years[n++] = end + 1;
        years = years[..n];
        years.Sort();
        Span<LoadStep> steps = stackalloc LoadStep[n];
        var count = 0;
        var previous = new LoadStep(0, 0, 0, 0, false);
        for (var i = 0; i < n; i++)
        {
            var year = years[i];
            if (i > 0 && years[i - 1] == year) continue;
            var step = LoadTranslation.At(d, rules, year, "electricity", useStatedEnergy) is { } l
                ? new LoadStep(year, l.PeakOfftakeMw, l.PeakFeedInMw, l.AnnualEnergyMwh, true) : new LoadStep(year, 0, 0, 0, false);
            if (step with { Year = 0 } != previous with { Year = 0 }) steps[count++] = step;
            previous = step;
        }
        return steps[..count].ToArray();
    }

    /// <summary>
    /// The load of one area per scenario and year for one caller. Developments the caller sees in detail count in
    /// full and are listed as contributions (when asked); developments it may count in aggregates only are added to
    /// a year's figures only when that aggregate-only part passes disclosure control (enough owners, none
    /// dominant), otherwise the figures leave it out and say why. Sums run in development order: deterministic.
    /// </summary>
    public IReadOnlyList<AreaYearLoad> Evaluate(int area, AnalysisView view, int ruleSet, int from, int to, IReadOnlyList<string> scenarios,
        bool contributions, DisclosureOptions disclosure, bool bySector = true)
    {
        var rules = RuleSets[ruleSet];
        int ny = to - from + 1, ns = scenarios.Count, nk = Sectors.Count;
        var bits = scenarios.Select(ScenarioBit).ToArray();
        var anyBit = bits.Aggregate(0, (a, b) => a | b);
        // [part (0 detail, 1 aggregate-only)][scenario][sector][year]
        var size = 2 * ns * nk * ny;
        // Scratch sums from a pool: a national request evaluates thousands of areas.
        var offtake = System.Buffers.ArrayPool<double>.Shared.Rent(size);
        var feedIn = System.Buffers.ArrayPool<double>.Shared.Rent(size);
        var annual = System.Buffers.ArrayPool<double>.Shared.Rent(size);
        var count = System.Buffers.ArrayPool<int>.Shared.Rent(size);
        Array.Clear(offtake, 0, size); Array.Clear(feedIn, 0, size); Array.Clear(annual, 0, size); Array.Clear(count, 0, size);
        Dictionary<string, double[]>? restrictedByOwner = null; // [scenario][year][direction]
        var listed = contributions ? new List<Contribution>[ns * ny] : null;

        foreach (var (d, share) in _entries[area])
        {
            var sight = view.Of(d);
            if (sight == Sight.None) continue;
            var steps = sight == Sight.DetailWithStatedEnergy && d.StatedSteps is { } stated ? stated[ruleSet] : d.RuleSteps[ruleSet];
            if (steps.Length == 0 || (d.Scenarios & anyBit) == 0) continue;
            var part = sight == Sight.AggregateOnly ? 1 : 0;
            double[]? owner = null;
            if (part == 1)
            {
                restrictedByOwner ??= new(StringComparer.Ordinal);
                if (!restrictedByOwner.TryGetValue(d.Owner, out owner)) restrictedByOwner[d.Owner] = owner = new double[ns * ny * 2];
            }
            var counted = false;
            var k = 0;
            var current = new LoadStep(0, 0, 0, 0, false);
            for (var yi = 0; yi < ny; yi++)
            {
                var year = from + yi;
                while (k < steps.Length && steps[k].Year <= year) current = steps[k++];
                if (!current.Present) continue;
                double o = share * current.PeakOfftakeMw, f = share * current.PeakFeedInMw, a = share * current.AnnualEnergyMwh;
                for (var s = 0; s < ns; s++)
                {
                    if ((d.Scenarios & bits[s]) == 0) continue;
                    var i = ((part * ns + s) * nk + d.Sector) * ny + yi;
                    offtake[i] += o; feedIn[i] += f; annual[i] += a; count[i]++;
                    counted = true;
                    if (owner is not null) { owner[(s * ny + yi) * 2] += o; owner[(s * ny + yi) * 2 + 1] += f; }
                    else if (listed is not null) (listed[s * ny + yi] ??= []).Add(new Contribution(d.Id, share, o, f));
                }
            }
            if (counted) view.Count(d);
        }

        var grid = Grid.Areas[area];
        var factors = new double[nk];
        for (var k = 0; k < nk; k++) factors[k] = rules.SimultaneityOf(Sectors[k]);
        var capacities = new CapacityYear?[ny];
        for (var yi = 0; yi < ny; yi++) capacities[yi] = grid.CapacityIn(from + yi);
        var result = new List<AreaYearLoad>(ns * ny);
        for (var s = 0; s < ns; s++)
            for (var yi = 0; yi < ny; yi++)
            {
                var withheld = restrictedByOwner is null ? null : Judge(restrictedByOwner.Values, (s * ny + yi) * 2, disclosure);
                var parts = withheld is null ? 2 : 1;
                double peakOfftake = 0, peakFeedIn = 0, energy = 0;
                var aggregateOnly = 0;
                var sectors = bySector ? new Dictionary<string, double>(StringComparer.Ordinal) : NoSectors; // filled in code order, and enumerates so
                foreach (var sector in SectorOrder)
                {
                    double o = 0, f = 0, a = 0;
                    var n = 0;
                    for (var part = 0; part < parts; part++)
                    {
                        var i = ((part * ns + s) * nk + sector) * ny + yi;
                        o += offtake[i]; f += feedIn[i]; a += annual[i]; n += count[i];
                        if (part == 1) aggregateOnly += count[i];
                    }
                    if (n == 0) continue;
                    var factor = factors[sector];
                    peakOfftake += o * factor; peakFeedIn += f * factor; energy += a;
                    if (bySector) sectors[Sectors[sector]] = o * factor;
                }
                var capacity = capacities[yi];
                IReadOnlyList<Contribution> list = listed?[s * ny + yi] is { } l
                    ? [.. l.OrderByDescending(c => c.PeakOfftakeMw + c.PeakFeedInMw).ThenBy(c => c.Development)] : [];
                result.Add(new AreaYearLoad(grid.Id, from + yi, scenarios[s], peakOfftake, peakFeedIn, energy, capacity?.OfftakeMw, capacity?.FeedInMw,
                    sectors, list) { AggregateOnlyDevelopments = aggregateOnly, AggregateOnlyWithheldBecause = withheld });
            }
        System.Buffers.ArrayPool<double>.Shared.Return(offtake); System.Buffers.ArrayPool<double>.Shared.Return(feedIn);
        System.Buffers.ArrayPool<double>.Shared.Return(annual); System.Buffers.ArrayPool<int>.Shared.Return(count);
        return result;
    }

    private static readonly Dictionary<string, double> NoSectors = [];

    /// <summary>Primary disclosure control on the aggregate-only part of one cell; null when it may be shown.</summary>
    private static string? Judge(IEnumerable<double[]> byOwner, int at, DisclosureOptions options)
    {
        int owners = 0;
        double offtake = 0, feedIn = 0, largestOfftake = 0, largestFeedIn = 0;
        foreach (var o in byOwner)
        {
            var (x, y) = (o[at], o[at + 1]);
            if (x == 0 && y == 0) continue;
            owners++;
            offtake += x; feedIn += y;
            largestOfftake = Math.Max(largestOfftake, x); largestFeedIn = Math.Max(largestFeedIn, y);
        }
        if (owners == 0) return null;
        if (owners < options.MinOwners) return $"aggregate-only data of fewer than {options.MinOwners} owners left out";
        if ((offtake > 0 && largestOfftake / offtake * 100 > options.MaxDominancePercent) || (feedIn > 0 && largestFeedIn / feedIn * 100 > options.MaxDominancePercent))
            return $"aggregate-only data left out: one owner holds more than {options.MaxDominancePercent:0.#} % of it";
        return null;
    }

    /// <summary>One instance per distinct code string, so 250,000 developments do not hold 250,000 copies of "GM0344".</summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
        public string Get(string s) => _pool.TryGetValue(s, out var p) ? p : _pool[s] = s;
        public string? GetOrNull(string? s) => s is null ? null : Get(s);
    }
}
