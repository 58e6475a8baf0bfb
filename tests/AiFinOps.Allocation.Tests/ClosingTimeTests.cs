using AiFinOps.Allocation.Ledger.ClosingDays;

namespace AiFinOps.Allocation.Tests;

public sealed class ClosingTimeTests
{
    [Theory]
    [InlineData("2026-12-02T00:00:00Z", "2026-12-01")] // the day just ended stays open through its grace
    [InlineData("2026-12-02T00:09:59Z", "2026-12-01")]
    [InlineData("2026-12-02T00:10:00Z", "2026-12-02")]
    [InlineData("2026-12-02T23:59:59Z", "2026-12-02")]
    [InlineData("2026-12-02T01:30:00+05:00", "2026-12-01")] // 20:30 UTC the day before
    public void A_day_can_be_closed_once_its_grace_after_midnight_UTC_has_passed(string now, string firstOpenDay)
    {
        var openFrom = ClosingTime.OpenFrom(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(firstOpenDay + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), openFrom);
        Assert.Equal(TimeSpan.Zero, openFrom.Offset);
    }
}
