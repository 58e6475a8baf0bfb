using AiFinOps.AppHost.Infrastructure;

namespace AiFinOps.AppHost.Tests;

public class InfrastructureModeTests
{
    [Theory]
    [InlineData("executables", InfrastructureMode.Executables)]
    [InlineData("Containers", InfrastructureMode.Containers)]
    [InlineData(" EXTERNAL ", InfrastructureMode.External)]
    public void A_configured_mode_wins_without_asking_the_container_engine(string configured, InfrastructureMode expected)
    {
        var asked = false;

        var mode = InfrastructureModes.Select(configured, () => asked = true);

        Assert.Equal(expected, mode);
        Assert.False(asked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_configuration_a_container_engine_that_answers_means_containers(string? configured) =>
        Assert.Equal(InfrastructureMode.Containers, InfrastructureModes.Select(configured, () => true));

    [Fact]
    public void Without_configuration_or_container_engine_the_mode_is_executables() =>
        Assert.Equal(InfrastructureMode.Executables, InfrastructureModes.Select(null, () => false));

    [Theory]
    [InlineData("docker")]
    [InlineData("3")]
    public void An_unknown_mode_is_refused_with_the_valid_ones(string configured)
    {
        var error = Assert.Throws<ArgumentException>(() => InfrastructureModes.Select(configured, () => false));

        Assert.Contains("executables, containers, external", error.Message);
    }

    [Fact]
    public void A_container_engine_that_is_not_installed_does_not_answer() =>
        Assert.False(ContainerEngine.Answers("aifinops-no-such-engine", TimeSpan.FromSeconds(5)));
}
