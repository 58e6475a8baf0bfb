using System.Security.Claims;
using AiFinOps.Web.Api;
using AiFinOps.Web.SigningIn;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFinOps.Web.Components;

/// <summary>
/// What every page shares: reads with the signed-in key, and back to sign-in when the key stops being accepted.
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource closing = new();

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private DashboardApi Api { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected DashboardSettings Settings { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Cancelled when the page goes away (navigation or a closed circuit).</summary>
    protected CancellationToken Closing => closing.Token;

    protected override async Task OnInitializedAsync() => User = (await AuthenticationState).User;

    protected async Task<ApiAnswer> GetAsync(string service, string pathAndQuery)
    {
        if (DashboardUser.KeyOf(User) is not { } key)
        {
            Navigation.NavigateTo(SignInEndpoints.SignInPath, forceLoad: true);
            return new ApiAnswer(System.Net.HttpStatusCode.Unauthorized, default, null);
        }
        var answer = await Api.GetAsync(key, service, pathAndQuery, Closing);
        if (answer.NeedsSignIn) Navigation.NavigateTo(SignInEndpoints.SignInPath + "?problem=expired", forceLoad: true);
        return answer;
    }

    /// <summary>Runs <paramref name="refresh"/> every <see cref="DashboardSettings.Refresh"/> until the page closes.</summary>
    protected void RefreshPeriodically(Func<Task> refresh) => _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(Settings.Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(Closing))
            {
                await InvokeAsync(async () =>
                {
                    await refresh();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    });

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
