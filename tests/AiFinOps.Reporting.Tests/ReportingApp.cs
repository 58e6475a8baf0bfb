using AiFinOps.Reporting;
using AiFinOps.Reporting.Jobs;

namespace AiFinOps.Reporting.Tests;

/// <summary>The reporting service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>).</summary>
public sealed class ReportingApp() : ServiceApp<Program>(ReportingModule.Name)
{
    /// <summary>Hangfire's schema beside the service's goes with it.</summary>
    protected override IEnumerable<string> Schemas => [Schema, JobStorageSchema.For(Schema)];
}
