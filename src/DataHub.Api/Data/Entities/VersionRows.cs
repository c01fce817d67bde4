namespace DataHub.Api.Data;

/// <summary>A version that was in force from <see cref="ValidFrom"/> until <see cref="ValidTo"/> (open: still in force).</summary>
public interface IValidity
{
    DateTime ValidFrom { get; }
    DateTime? ValidTo { get; }
}

/// <summary>A version row of a versioned resource: what the change feed records of it.</summary>
public interface IVersionRow
{
    string ResourceType { get; }
    Guid ResourceId { get; }
    int Version { get; }
    bool IsRetired { get; }
    string OwnerCode { get; }
    DateTime ValidFrom { get; }
}
