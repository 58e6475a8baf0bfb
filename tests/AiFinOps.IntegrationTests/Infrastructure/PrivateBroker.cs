using System.Diagnostics;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.IntegrationTests.Infrastructure;

/// <summary>
/// A RabbitMQ of the test's own, started through <c>deploy/local/rabbitmq.sh</c> (the same script the AppHost runs),
/// so a test can stop and restart the broker without disturbing the shared one.
/// </summary>
public sealed class PrivateBroker(int port) : IAsyncDisposable
{
    /// <summary>RabbitMQ boots in ~8 s on an idle machine; a CI machine busy with parallel test hosts may need far longer.</summary>
    private const int StartTimeoutSeconds = 180;

    private readonly string folder = Directory.CreateTempSubdirectory("aifinops-broker-").FullName;
    private const string Password = "broker-test-password";
    private Process? process;

    public string ConnectionString => $"amqp://aifinops:{Password}@127.0.0.1:{port}/";

    /// <summary>
    /// Erlang's two ports, fixed per AMQP port and below the kernel's ephemeral range (32768–60999): left to the script,
    /// two private brokers starting at once (tests run in parallel) could pick the same free port, and a port in the
    /// ephemeral range can be taken by any outgoing connection between the check and the bind — the broker then exits.
    /// </summary>
    private int DistributionPort => 20_000 + port % 1_000 * 2;

    public async Task StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "rabbitmq.sh");
        var start = new ProcessStartInfo("bash", [script, "--dir", folder, "--port", port.ToString(),
            "--dist-port", DistributionPort.ToString(), "--epmd-port", (DistributionPort + 1).ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AIFINOPS_RABBITMQ_PASSWORD"] = Password;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"rabbitmq.sh exited with {process.ExitCode}");
            if (await Answers()) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"the private RabbitMQ on port {port} did not accept connections within {StartTimeoutSeconds} s");
    }

    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        process = null;
    }

    /// <summary>Started means a client can log in and open a channel, not merely that the port accepts TCP: a
    /// booting node opens its listener before it is ready to serve, which made a restart look done too early.</summary>
    private async Task<bool> Answers()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
        }
        catch (SocketException)
        {
            return false;
        }
        try
        {
            await using var connection = await new ConnectionFactory { Uri = new Uri(ConnectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(10) }
                .CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            return true;
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException or AlreadyClosedException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AiFinOps.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AiFinOps.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
