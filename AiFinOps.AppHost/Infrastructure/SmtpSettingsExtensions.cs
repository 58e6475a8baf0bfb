using Microsoft.Extensions.Configuration;

namespace AiFinOps.AppHost.Infrastructure;

public static class SmtpSettingsExtensions
{
    public const string Section = "Notifications:Smtp";

    /// <summary>
    /// Passes the SMTP settings given to the app host (<c>Notifications:Smtp:Host</c>, <c>Port</c>, <c>From</c>,
    /// <c>UserName</c>, <c>Password</c>, <c>EnableSsl</c>: appsettings, environment or user secrets) on to the service,
    /// as its own configuration. None given: e-mail deliveries fail visibly with that reason.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSmtpSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        foreach (var setting in configuration.GetSection(Section).GetChildren().Where(s => !string.IsNullOrEmpty(s.Value)))
        {
            project.WithEnvironment($"{Section.Replace(":", "__")}__{setting.Key}", setting.Value);
        }
        return project;
    }
}
