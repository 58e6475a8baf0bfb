using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace AiFinOps.FaultTests.Infrastructure;

/// <summary>
/// A PostgreSQL and a RabbitMQ of the fault tests' own, on free ports, started through the scripts the AppHost and
/// deploy/local/test.sh run (<c>deploy/local/postgres.sh</c>, <c>rabbitmq.sh</c>) from a temporary folder: the
/// scenarios crash and restart them, which they must never do to servers other tests share.
/// </summary>
public sealed class PrivateServers : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string folder = Directory.CreateTempSubdirectory("aifinops-faults-").FullName;
    private readonly string pgPassword = NewPassword();
    private readonly string rabbitPassword = NewPassword();
    private readonly int[] ports = FreePorts.Take(4);

    public SupervisedProcess Postgres { get; private set; } = null!;
    public SupervisedProcess RabbitMq { get; private set; } = null!;

    public int PostgresPort => ports[0];

    public string RabbitMqUri => $"amqp://aifinops:{rabbitPassword}@127.0.0.1:{ports[1]}";

    /// <summary>The Npgsql connection string of <paramref name="database"/> on the private server.</summary>
    public string Database(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Database={database};Username=postgres;Password={pgPassword};Include Error Detail=true";

    public async Task InitializeAsync()
    {
        // The postgres user must reach the folder when the tests run as root (CreateTempSubdirectory makes it 0700).
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var logs = Repository.LogFolder("servers");
        var pgPasswordFile = Secret("postgres.password", pgPassword);
        var rabbitPasswordFile = Secret("rabbitmq.password", rabbitPassword);

        Postgres = new SupervisedProcess("postgres", Bash(Repository.Script("postgres.sh"),
                "--dir", Path.Combine(folder, "postgres"), "--port", ports[0].ToString(), "--password-file", pgPasswordFile,
                "--database", "aifinops_faults"),
            () => FreePorts.AnswersAsync(ports[0]), logs);
        RabbitMq = new SupervisedProcess("rabbitmq", Bash(Repository.Script("rabbitmq.sh"),
                "--dir", Path.Combine(folder, "rabbitmq"), "--port", ports[1].ToString(), "--dist-port", ports[2].ToString(),
                "--epmd-port", ports[3].ToString(), "--password-file", rabbitPasswordFile),
            () => FreePorts.AnswersAsync(ports[1]), logs);
        await Task.WhenAll(Postgres.StartAsync(StartTimeout), RabbitMq.StartAsync(StartTimeout));
    }

    /// <summary>A fresh database for one scenario; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        // Unpooled: a pooled connection may have died with a server an earlier scenario crashed.
        await using var connection = new NpgsqlConnection(Database("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return Database(name);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: the server quits at once, without a checkpoint, as in a power cut;
    /// the next start replays the write-ahead log.</summary>
    public async Task CrashPostgresAsync()
    {
        var pgCtl = "/usr/lib/postgresql/15/bin/pg_ctl";
        string[] stop = [pgCtl, "stop", "-m", "immediate", "-D", Path.Combine(folder, "postgres", "data")];
        var command = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. stop])
            : new ProcessStartInfo(stop[0], stop[1..]);
        command.RedirectStandardOutput = true;
        command.RedirectStandardError = true;
        using var pgCtlProcess = Process.Start(command)!;
        var output = await pgCtlProcess.StandardOutput.ReadToEndAsync() + await pgCtlProcess.StandardError.ReadToEndAsync();
        await pgCtlProcess.WaitForExitAsync();
        if (pgCtlProcess.ExitCode != 0) throw new InvalidOperationException($"pg_ctl stop -m immediate failed: {output}");
        await Postgres.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public Task StartPostgresAsync() => Postgres.StartAsync(StartTimeout);

    /// <summary>A graceful stop (SIGTERM): the broker closes its connections and keeps its durable queues and
    /// persistent messages for the next start.</summary>
    public Task StopRabbitMqAsync() => RabbitMq.StopAsync(TimeSpan.FromSeconds(60));

    public Task StartRabbitMqAsync() => RabbitMq.StartAsync(StartTimeout);

    public async Task DisposeAsync()
    {
        if (RabbitMq is not null)
        {
            await RabbitMq.StopAsync(TimeSpan.FromSeconds(60));
            await RabbitMq.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.StopAsync(TimeSpan.FromSeconds(30));
            await Postgres.DisposeAsync();
        }
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Secret(string name, string value)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, value + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static ProcessStartInfo Bash(string script, params string[] args) => new("bash", [script, .. args]);

    /// <summary>Letters and digits only: the RabbitMQ password travels inside an amqp:// URI.</summary>
    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
