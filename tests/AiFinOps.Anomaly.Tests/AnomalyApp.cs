using AiFinOps.Anomaly;

namespace AiFinOps.Anomaly.Tests;

/// <summary>The anomaly service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>).</summary>
public sealed class AnomalyApp() : ServiceApp<Program>(AnomalyModule.Name);
