namespace AiFinOps.Allocation.Tests;

/// <summary>The organisation time zones the tests bill in (IANA ids, as <c>Allocation:TimeZone</c> names them).</summary>
internal static class Zones
{
    public static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static TimeZoneInfo Named(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
