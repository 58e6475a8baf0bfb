using System.Diagnostics.Metrics;

namespace AiFinOps.Ingest.Tests.SpendMetrics;

/// <summary>Collects what the instruments of one meter factory record (other factories' meters are ignored).</summary>
internal sealed class Measurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Measurement> recorded = [];

    public Measurements(IMeterFactory scope)
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
        var measurement = new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!));
        lock (recorded) recorded.Add(measurement);
    }

    public void Dispose() => listener.Dispose();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);
}
