using System.Reflection;

namespace DataHub.Api.Http;

/// <summary>
/// A query parameter's description taken from a static member (a text built from a code list or a limit), so that a
/// query record's OpenAPI description names the same codes and numbers the operation checks against.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DescribedByAttribute(Type type, string member) : DescriptionAttribute
{
    public override string Description =>
        (type.GetProperty(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
         ?? type.GetField(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)) as string
        ?? throw new InvalidOperationException($"{type.Name}.{member} is not a static text");
}
