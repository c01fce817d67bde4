namespace DataHub.IntegrationTests.Infrastructure;

/// <summary>Paths in the repository the tests run from (schemas/, api-docs/).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DataHub.sln"))) return dir.FullName;
        throw new InvalidOperationException("DataHub.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
