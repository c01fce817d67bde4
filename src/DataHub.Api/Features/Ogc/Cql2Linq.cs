using System.Linq.Expressions;
using System.Reflection;

namespace DataHub.Api.Features.Ogc;

/// <summary>Which column of a stored row each queryable reads, for <see cref="Cql2Linq"/>.</summary>
public sealed class Cql2Columns<T>
{
    internal Dictionary<string, LambdaExpression> Map { get; } = new(StringComparer.Ordinal);

    public Cql2Columns<T> Text(string property, Expression<Func<T, string?>> column) => Add(property, column);
    public Cql2Columns<T> Number(string property, Expression<Func<T, int?>> column) => Add(property, column);
    public Cql2Columns<T> Time(string property, Expression<Func<T, DateTime>> column) => Add(property, column);

    private Cql2Columns<T> Add(string property, LambdaExpression column)
    {
        Map[property] = column;
        return this;
    }
}

/// <summary>
/// Translates a CQL2 filter into a LINQ predicate EF Core runs in the database (SQLite and PostgreSQL alike), so a
/// filtered page of 250,000 developments is a query, not a scan in memory. Each node becomes a pair: when it is true
/// and when it is false; NOT swaps them. That keeps SQL's three-valued logic explicit, so the database and
/// <see cref="Cql2Evaluator"/> agree on empty values (EF Core would otherwise give C#'s two-valued null semantics).
/// Values go in as parameters, never as SQL text.
/// </summary>
public static class Cql2Linq
{
    /// <summary>The predicate; <paramref name="spatial"/> gives each spatial node's predicate (the database's spatial seam builds them).</summary>
    public static Expression<Func<T, bool>> Where<T>(Cql2Node filter, Cql2Columns<T> columns, IReadOnlyDictionary<Cql2Spatial, Expression<Func<T, bool>>> spatial)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, bool>>(new Translator<T>(row, columns, spatial).Translate(filter).True, row);
    }

    /// <summary>The spatial nodes of a filter, each once (by reference), so their predicates can be built before the query.</summary>
    public static IEnumerable<Cql2Spatial> SpatialParts(Cql2Node node) => node switch
    {
        Cql2Spatial s => [s],
        Cql2And a => a.Parts.SelectMany(SpatialParts),
        Cql2Or o => o.Parts.SelectMany(SpatialParts),
        Cql2Not n => SpatialParts(n.Inner),
        _ => [],
    };

    /// <summary>A value EF Core sends as a parameter (a member of a constant object), not inlined into the SQL.</summary>
    private sealed class Parameter<TValue>(TValue value)
    {
        public TValue Value = value;
    }

    private static Expression AsParameter<TValue>(TValue value) => Expression.Field(Expression.Constant(new Parameter<TValue>(value)), nameof(Parameter<TValue>.Value));

    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;

    private sealed class Translator<T>(ParameterExpression row, Cql2Columns<T> columns, IReadOnlyDictionary<Cql2Spatial, Expression<Func<T, bool>>> spatial)
    {
        public (Expression True, Expression False) Translate(Cql2Node node)
        {
            switch (node)
            {
                case Cql2And and:
                {
                    var parts = and.Parts.Select(Translate).ToList();
                    return (parts.Select(p => p.True).Aggregate(Expression.AndAlso), parts.Select(p => p.False).Aggregate(Expression.OrElse));
                }
                case Cql2Or or:
                {
                    var parts = or.Parts.Select(Translate).ToList();
                    return (parts.Select(p => p.True).Aggregate(Expression.OrElse), parts.Select(p => p.False).Aggregate(Expression.AndAlso));
                }
                case Cql2Not not:
                {
                    var (t, f) = Translate(not.Inner);
                    return (f, t);
                }
                case Cql2Constant c:
                    return (Expression.Constant(c.Value), Expression.Constant(!c.Value));
                case Cql2IsNull isNull:
                {
                    var column = Column(isNull.Property);
                    return IsNullable(column.Type)
                        ? (Expression.Equal(column, Expression.Constant(null, column.Type)), Expression.NotEqual(column, Expression.Constant(null, column.Type)))
                        : (Expression.Constant(false), Expression.Constant(true));
                }
                case Cql2Compare compare:
                {
                    var column = Column(compare.Property);
                    return Guarded(column, Comparison(column, compare.Op, compare.Value));
                }
                case Cql2Between between:
                {
                    var column = Column(between.Property);
                    return Guarded(column, Expression.AndAlso(Comparison(column, Cql2Comparison.GreaterOrEqual, between.Low), Comparison(column, Cql2Comparison.LessOrEqual, between.High)));
                }
                case Cql2In @in:
                {
                    var column = Column(@in.Property);
                    return Guarded(column, Among(column, @in.Values));
                }
                case Cql2Like like:
                {
                    Expression column = Column(like.Property);
                    var pattern = like.IgnoreCase ? like.Pattern.ToLowerInvariant() : like.Pattern;
                    var test = Expression.Call(Like, Expression.Constant(EF.Functions), like.IgnoreCase ? Expression.Call(column, ToLower) : column, AsParameter(pattern), Expression.Constant("\\"));
                    return Guarded(column, test);
                }
                case Cql2Spatial s:
                {
                    var predicate = spatial[s];
                    var test = new Rebind(predicate.Parameters[0], row).Visit(predicate.Body);
                    return (test, Expression.Not(test));
                }
                default:
                    throw new InvalidOperationException($"unknown filter node {node.GetType().Name}");
            }
        }

        private Expression Column(OgcProperty property) =>
            columns.Map.TryGetValue(property.Name, out var lambda)
                ? new Rebind(lambda.Parameters[0], row).Visit(lambda.Body)
                : throw new InvalidOperationException($"the queryable {property.Name} has no column");

        private static bool IsNullable(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

        /// <summary>True when the column has a value and the test holds; false when it has one and the test fails; neither when empty.</summary>
        private static (Expression True, Expression False) Guarded(Expression column, Expression test)
        {
            if (!IsNullable(column.Type)) return (test, Expression.Not(test));
            var present = Expression.NotEqual(column, Expression.Constant(null, column.Type));
            return (Expression.AndAlso(present, test), Expression.AndAlso(present, Expression.Not(test)));
        }

        /// <summary>
        /// The column among the values: one <c>Contains</c> on a list parameter (SQL's <c>IN</c> or <c>= ANY</c>), not a
        /// chain of a thousand ORs for the SQL generator to recurse through.
        /// </summary>
        private static Expression Among(Expression column, IReadOnlyList<object> values)
        {
            if (column.Type == typeof(string)) return Contains(values.Cast<string>().ToList(), column);
            if (values.All(v => v is double d && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue) && Nullable.GetUnderlyingType(column.Type) == typeof(int))
                return Contains(values.Select(v => (int?)(int)(double)v).ToList(), column);
            if (values.All(v => v is double)) return Contains(values.Select(v => (double?)(double)v).ToList(), Expression.Convert(column, typeof(double?)));
            // Times and truth values: few, so a chain of equalities is fine.
            return values.Select(v => Comparison(column, Cql2Comparison.Equal, v)).Aggregate(Expression.OrElse);
        }

        private static Expression Contains<TValue>(List<TValue> values, Expression column) =>
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TValue)], AsParameter(values), column.Type == typeof(TValue) ? column : Expression.Convert(column, typeof(TValue)));

        private static Expression Comparison(Expression column, Cql2Comparison op, object value)
        {
            Expression right;
            if (column.Type == typeof(string))
            {
                right = AsParameter((string)value);
                if (op is not (Cql2Comparison.Equal or Cql2Comparison.NotEqual))
                {
                    column = Expression.Call(StringCompare, column, right);
                    right = Expression.Constant(0);
                }
            }
            else if (value is double d)
            {
                // A whole number against an integer column stays an integer comparison; a fraction compares as doubles.
                if (Nullable.GetUnderlyingType(column.Type) == typeof(int) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
                    right = AsParameter<int?>((int)d);
                else
                {
                    column = Expression.Convert(column, typeof(double?));
                    right = AsParameter<double?>(d);
                }
            }
            else if (value is DateTime t)
                right = column.Type == typeof(DateTime) ? AsParameter(t) : AsParameter<DateTime?>(t);
            else if (value is bool b)
                right = Expression.Convert(AsParameter(b), column.Type);
            else
                throw new InvalidOperationException($"a literal of type {value.GetType().Name}");
            var type = op switch
            {
                Cql2Comparison.Equal => ExpressionType.Equal, Cql2Comparison.NotEqual => ExpressionType.NotEqual,
                Cql2Comparison.Less => ExpressionType.LessThan, Cql2Comparison.LessOrEqual => ExpressionType.LessThanOrEqual,
                Cql2Comparison.Greater => ExpressionType.GreaterThan, _ => ExpressionType.GreaterThanOrEqual,
            };
            return Expression.MakeBinary(type, column, right);
        }
    }

    /// <summary>Puts a column's or a spatial predicate's lambda body onto the filter's own row parameter.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
