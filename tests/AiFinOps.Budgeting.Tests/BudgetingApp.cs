using AiFinOps.Budgeting;

namespace AiFinOps.Budgeting.Tests;

/// <summary>The budgeting service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>).</summary>
public sealed class BudgetingApp() : ServiceApp<Program>(BudgetingModule.Name);
