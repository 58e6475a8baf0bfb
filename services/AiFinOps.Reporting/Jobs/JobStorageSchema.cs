namespace AiFinOps.Reporting.Jobs;

/// <summary>Hangfire keeps its tables in a schema of its own beside the service's, so neither migrates the other's.</summary>
public static class JobStorageSchema
{
    public static string For(string serviceSchema) => serviceSchema + "_hangfire";
}
