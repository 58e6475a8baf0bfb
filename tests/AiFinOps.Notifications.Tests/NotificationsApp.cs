using System.Collections.Concurrent;
using AiFinOps.Contracts.Messages;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.Notifications.Tests;

/// <summary>
/// The notifications service for one test class, against the real servers (see <see cref="ServiceApp{TProgram}"/>),
/// with a short retry schedule (0.2 s, then 0.4 s; 4 attempts), a 5 s timeout, and e-mail through the class's own
/// <see cref="SmtpSink"/>.
/// </summary>
public sealed class NotificationsApp : ServiceApp<Program>
{
    public const int MaxAttempts = 4;

    public NotificationsApp() : base(NotificationsModule.Name) { }

    public SmtpSink Smtp { get; } = new();

    /// <summary>How many times the consumer finished with each alert: proof that a duplicate was consumed, not merely published.</summary>
    public ConcurrentDictionary<Guid, int> Consumed { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:Delivery:Backoff:0", "00:00:00.200");
        builder.UseSetting("Notifications:Delivery:Backoff:1", "00:00:00.400");
        builder.UseSetting("Notifications:Delivery:MaxAttempts", MaxAttempts.ToString());
        builder.UseSetting("Notifications:Delivery:Timeout", "00:00:05");
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", Smtp.Port.ToString());
        builder.UseSetting("Notifications:Smtp:From", "aifinops@example.com");
        builder.ConfigureTestServices(services => services.AddSingleton<IConsumeObserver>(new ConsumeCounter(Consumed)));
    }

    /// <summary>Publishes an alert as budgeting does: persistent, with the alert id as message id.</summary>
    public Task RaiseAsync(AlertRaised alert) =>
        Services.GetRequiredService<IBus>().Publish(alert, context => context.MessageId = alert.AlertId);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private sealed class ConsumeCounter(ConcurrentDictionary<Guid, int> consumed) : IConsumeObserver
    {
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is AlertRaised alert) consumed.AddOrUpdate(alert.AlertId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
