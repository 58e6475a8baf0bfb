using System.Security.Cryptography;

namespace AiFinOps.AppHost.Infrastructure;

/// <summary>
/// The folder that outlives the app host: PostgreSQL's and RabbitMQ's data (executables mode) and the generated
/// secrets. <c>AIFINOPS_DATA_DIR</c>, else <c>/var/lib/aifinops</c> for root and <c>~/.local/share/aifinops</c>
/// (or <c>$XDG_DATA_HOME/aifinops</c>) otherwise: never inside the repository or the build output.
/// </summary>
public sealed class LocalData
{
    public const string ConfigurationKey = "AIFINOPS_DATA_DIR";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private LocalData(string root) => Root = root;

    public string Root { get; }

    public string SecretsFolder => Path.Combine(Root, "secrets");

    public static string ResolveRoot(string? configured, bool isRoot, string? xdgDataHome, string home)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        if (isRoot) return "/var/lib/aifinops";
        var dataHome = string.IsNullOrWhiteSpace(xdgDataHome) ? Path.Combine(home, ".local", "share") : xdgDataHome;
        return Path.Combine(dataHome, "aifinops");
    }

    /// <summary>Creates the folder if needed. It stays searchable (0755) because PostgreSQL runs as its own user
    /// when the app host runs as root; what is secret inside it is readable by its owner alone.</summary>
    public static LocalData Open(string root)
    {
        CreateFolder(root, OwnerOnly | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return new LocalData(root);
    }

    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        CreateFolder(path, OwnerOnly | UnixFileMode.UserExecute);
        return path;
    }

    public string SecretPath(string name) => Path.Combine(SecretsFolder, name);

    /// <summary>The secret of that name, generated on first use and kept in a 0600 file from then on.</summary>
    public string Secret(string name, string prefix = "")
    {
        Folder("secrets");
        var path = SecretPath(name);
        if (File.Exists(path)) return ReadSecret(path);

        var value = prefix + RandomNumberGenerator.GetString(SecretAlphabet, 32);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.WriteLine(value);
            return value;
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadSecret(path); // another process created it first
        }
    }

    private static void CreateFolder(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, mode);
    }

    private static string ReadSecret(string path) =>
        File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The secret file {path} is empty: delete it to generate a new one.");
}
