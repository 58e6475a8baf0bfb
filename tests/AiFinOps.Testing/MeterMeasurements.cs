using System.Diagnostics.Metrics;

namespace AiFinOps.Testing;

/// <summary>
/// Collects what the instruments of one meter factory (a host's, or a test's own) record; other factories — hosts of
/// other test classes running in parallel — are ignored.
/// </summary>
public sealed class MeterMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Measurement> recorded = [];

    public MeterMeasurements(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == scope) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        listener.Start();
    }

    public IReadOnlyList<Measurement> Of(string instrument)
    {
        lock (recorded) return recorded.Where(m => m.Instrument == instrument).ToList();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString() ?? ""));
        lock (recorded) recorded.Add(measurement);
    }

    public void Dispose() => listener.Dispose();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);
}
