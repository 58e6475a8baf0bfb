using AiFinOps.AppHost.Infrastructure;

namespace AiFinOps.AppHost.Tests;

public sealed class LocalDataTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aifinops-localdata-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_configured_folder_wins() =>
        Assert.Equal("/srv/aifinops", LocalData.ResolveRoot("/srv/aifinops", isRoot: true, xdgDataHome: "/x", home: "/home/a"));

    [Fact]
    public void Root_keeps_its_data_in_var_lib() =>
        Assert.Equal("/var/lib/aifinops", LocalData.ResolveRoot(null, isRoot: true, xdgDataHome: null, home: "/root"));

    [Fact]
    public void A_user_keeps_it_in_the_xdg_data_home() =>
        Assert.Equal("/home/a/.local/share/aifinops", LocalData.ResolveRoot("", isRoot: false, xdgDataHome: null, home: "/home/a"));

    [Fact]
    public void An_explicit_xdg_data_home_is_honoured() =>
        Assert.Equal("/data/aifinops", LocalData.ResolveRoot(null, isRoot: false, xdgDataHome: "/data", home: "/home/a"));

    [Fact]
    public void A_secret_is_generated_once_and_kept_readable_by_its_owner_alone()
    {
        var data = LocalData.Open(_folder);

        var first = data.Secret("postgres-password");
        var second = LocalData.Open(_folder).Secret("postgres-password");

        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
        Assert.True(first.All(char.IsAsciiLetterOrDigit));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.SecretPath("postgres-password")));
        }
    }

    [Fact]
    public void Secrets_differ_and_keep_their_prefix()
    {
        var data = LocalData.Open(_folder);

        var adminKey = data.Secret("admin-key", prefix: "afo_admin_");

        Assert.StartsWith("afo_admin_", adminKey);
        Assert.NotEqual(data.Secret("rabbitmq-password"), data.Secret("postgres-password"));
    }

    [Fact]
    public void An_empty_secret_file_is_reported_not_used()
    {
        var data = LocalData.Open(_folder);
        data.Folder("secrets");
        File.WriteAllText(data.SecretPath("admin-key"), "\n");

        var error = Assert.Throws<InvalidOperationException>(() => data.Secret("admin-key"));

        Assert.Contains("empty", error.Message);
    }
}
