using System.Globalization;
using Npgsql;

namespace AiFinOps.Benchmarks.Throughput;

/// <summary>
/// CPU seconds and proportional resident memory (PSS) of the three kinds of process the system runs as — this .NET process (the services),
/// the PostgreSQL server (postmaster and its backends) and the RabbitMQ node — read from /proc, so a figure can be
/// split by who spent it.
/// </summary>
public sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int postmaster;
    private readonly int broker;

    private ProcessCpu(int postmaster, int broker)
    {
        this.postmaster = postmaster;
        this.broker = broker;
    }

    /// <summary>Finds the server's postmaster through its data directory, and the broker as the process listening on its port.</summary>
    public static async Task<ProcessCpu> FindAsync(NpgsqlDataSource database, Uri rabbitMq)
    {
        await using var command = database.CreateCommand("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
        var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
        var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        return new ProcessCpu(postmaster, ListeningProcess(rabbitMq.Port) ?? -1);
    }

    /// <summary>The process holding the socket that listens on <paramref name="port"/> (/proc/net/tcp, then each process's fds).</summary>
    private static int? ListeningProcess(int port)
    {
        var hexPort = $":{port:X4}";
        var inode = File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[1].EndsWith(hexPort, StringComparison.Ordinal) && f[3] == "0A")
            .Select(f => f[9]).FirstOrDefault();
        if (inode is null) return null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (Directory.EnumerateFileSystemEntries($"{directory}/fd")
                    .Any(fd => new FileInfo(fd).LinkTarget == $"socket:[{inode}]")) return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not ours to read, or gone
            }
        }
        return null;
    }

    /// <param name="memory">Also read each process's PSS (the kernel walks its page tables: costly, so not every second).</param>
    public Sample Read(bool memory = true)
    {
        double dotnet = 0, postgres = 0, rabbit = 0;
        long dotnetRss = 0, postgresRss = 0, rabbitRss = 0;
        var self = Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            var stat = TryRead($"{directory}/stat");
            if (stat is null) continue;
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            if (pid == self) { dotnet += cpu; dotnetRss += memory ? Pss(directory) : 0; }
            else if (pid == postmaster || parent == postmaster) { postgres += cpu; postgresRss += memory ? Pss(directory) : 0; }
            else if (pid == broker || parent == broker) { rabbit += cpu; rabbitRss += memory ? Pss(directory) : 0; }
        }
        return new Sample(dotnet, postgres, rabbit, dotnetRss, postgresRss, rabbitRss);
    }

    /// <summary>Proportional set size: resident memory with pages shared between processes (PostgreSQL's shared buffers) split among them.</summary>
    private static long Pss(string directory) =>
        (TryRead($"{directory}/smaps_rollup") ?? "").Split('\n')
            .Where(line => line.StartsWith("Pss:", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024)
            .FirstOrDefault();

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Cumulative CPU seconds and current proportional resident bytes.</summary>
    public sealed record Sample(double Services, double Postgres, double RabbitMq, long ServicesRss, long PostgresRss, long RabbitMqRss)
    {
        public Sample Minus(Sample earlier) => this with
        {
            Services = Services - earlier.Services,
            Postgres = Postgres - earlier.Postgres,
            RabbitMq = RabbitMq - earlier.RabbitMq,
        };
    }
}
