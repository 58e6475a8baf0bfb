using AiFinOps.Contracts.Usage.V1;
using Grpc.Core;

namespace AiFinOps.Client;

public sealed partial class UsageEmitter
{
    /// <summary>Sends one batch until the server answers, retrying transient failures with the very same events.</summary>
    private async Task SendAsync(List<UsageEvent> events)
    {
        var batch = new UsageBatch { Events = { events } };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _abort.Token.ThrowIfCancellationRequested();
                var result = await _client.RecordBatchAsync(
                    batch, _headers, DateTime.UtcNow + _options.CallTimeout, _abort.Token).ConfigureAwait(false);
                Answered(events, result, attempt);
                return;
            }
            catch (Exception exception) when (
                !_abort.IsCancellationRequested && attempt < _options.MaxAttempts && RetryClassification.IsTransient(exception))
            {
                _counters.Retried();
                var wait = RetryClassification.Pushback(exception) ?? _options.Backoff.Delay(attempt, Random.Shared.NextDouble());
                await Task.Delay(wait, _abort.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception exception)
            {
                GaveUp(events, exception, attempt);
                return;
            }
        }
    }

    private void Answered(List<UsageEvent> events, BatchResult result, int attempts)
    {
        _counters.Answered(events.Count, result.Accepted, result.Duplicates, result.Rejected.Count);
        foreach (var rejection in result.Rejected)
        {
            var usage = rejection.Index >= 0 && rejection.Index < events.Count ? events[rejection.Index] : null;
            Raise(Rejected, new UsageRejection(usage, rejection.EventId, rejection.Field, rejection.Reason));
        }
        Raise(BatchCompleted, new BatchCompletion(events, result, attempts));
    }

    private void GaveUp(List<UsageEvent> events, Exception exception, int attempts)
    {
        _counters.GaveUp(events.Count);
        var (status, detail) = exception switch
        {
            RpcException rpc => (rpc.StatusCode, rpc.Status.Detail),
            OperationCanceledException when _abort.IsCancellationRequested =>
                (StatusCode.Cancelled, "The emitter was disposed before this batch could be sent."),
            _ => (StatusCode.Unavailable, exception.Message),
        };
        var transient = RetryClassification.IsTransient(exception) || status == StatusCode.Cancelled;
        Raise(BatchFailed, new BatchFailure(events, status, detail, transient, attempts, exception));
    }

    private static void Raise<T>(Action<T>? handler, T notification)
    {
        try
        {
            handler?.Invoke(notification);
        }
        catch (Exception)
        {
            // A subscriber's bug must not stop the emitter from sending the app's usage.
        }
    }
}
