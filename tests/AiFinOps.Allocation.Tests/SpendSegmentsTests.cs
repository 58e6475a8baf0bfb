using System.Globalization;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Spend.GettingSpend;

namespace AiFinOps.Allocation.Tests;

public sealed class SpendSegmentsTests
{
    private const string Lines = LedgerTables.Lines;
    private const string Hourly = LedgerTables.Hourly;
    private const string Daily = LedgerTables.Daily;

    /// <summary>The hourly rollup read for the days of a daily segment still open (not yet closed into the daily rollup).</summary>
    private const string OpenDays = LedgerTables.Hourly + " (open days)";

    private static DateTimeOffset T(string instant) =>
        DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static IReadOnlyList<SpendSegment> Of(DateTimeOffset from, DateTimeOffset to) =>
        SpendSegments.Of(from, to, Lines, Hourly, Daily);

    private static IReadOnlyList<(string Table, DateTimeOffset From, DateTimeOffset To)> Split(string from, string to) =>
        Of(T(from), T(to)).Select(s => (s.OpenDaysOnly ? OpenDays : s.Table, s.From, s.To)).ToList();

    [Fact]
    public void A_range_inside_one_hour_is_read_from_the_lines_only()
    {
        Assert.Equal([(Lines, T("2026-11-15T10:15:00Z"), T("2026-11-15T10:45:00Z"))], Split("2026-11-15T10:15:00Z", "2026-11-15T10:45:00Z"));
    }

    [Theory]
    [InlineData("2026-11-15T10:00:00Z", "2026-11-15T10:30:00Z")]
    [InlineData("2026-11-15T10:30:00Z", "2026-11-15T11:00:00Z")]
    [InlineData("2026-11-15T10:15:00Z", "2026-11-15T11:45:00Z")]
    [InlineData("2026-11-15T23:59:59Z", "2026-11-16T00:00:01Z")]
    public void A_range_holding_no_whole_hour_is_read_from_the_lines_in_one_segment(string from, string to)
    {
        Assert.Equal([(Lines, T(from), T(to))], Split(from, to));
    }

    [Fact]
    public void A_range_of_whole_hours_within_a_day_is_read_from_the_hourly_rollup_only()
    {
        Assert.Equal([(Hourly, T("2026-11-15T10:00:00Z"), T("2026-11-15T14:00:00Z"))], Split("2026-11-15T10:00:00Z", "2026-11-15T14:00:00Z"));
    }

    [Fact]
    public void A_range_of_whole_hours_across_midnight_but_no_whole_day_is_one_hourly_segment()
    {
        Assert.Equal([(Hourly, T("2026-11-14T20:00:00Z"), T("2026-11-15T03:00:00Z"))], Split("2026-11-14T20:00:00Z", "2026-11-15T03:00:00Z"));
    }

    [Fact]
    public void An_hour_aligned_range_with_whole_days_reads_no_lines()
    {
        Assert.Equal(
            [
                (Hourly, T("2026-11-14T20:00:00Z"), T("2026-11-15T00:00:00Z")),
                (Daily, T("2026-11-15T00:00:00Z"), T("2026-11-16T00:00:00Z")),
                (OpenDays, T("2026-11-15T00:00:00Z"), T("2026-11-16T00:00:00Z")),
                (Hourly, T("2026-11-16T00:00:00Z"), T("2026-11-16T03:00:00Z")),
            ],
            Split("2026-11-14T20:00:00Z", "2026-11-16T03:00:00Z"));
    }

    [Theory]
    [InlineData("2026-11-15T00:00:00Z", "2026-11-16T00:00:00Z")]
    [InlineData("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    public void A_range_of_whole_days_is_read_from_the_daily_rollup_and_its_open_days_from_the_hourly(string from, string to)
    {
        Assert.Equal([(Daily, T(from), T(to)), (OpenDays, T(from), T(to))], Split(from, to));
    }

    [Fact]
    public void A_range_with_minutes_at_both_edges_reads_lines_then_hours_then_days_then_hours_then_lines()
    {
        var segments = Of(T("2026-11-14T20:15:00Z"), T("2026-11-16T03:45:00Z"));

        Assert.Equal(
            [
                new SpendSegment(Lines, "occurred_at", T("2026-11-14T20:15:00Z"), T("2026-11-14T21:00:00Z")),
                new SpendSegment(Hourly, "bucket", T("2026-11-14T21:00:00Z"), T("2026-11-15T00:00:00Z")),
                new SpendSegment(Daily, "bucket", T("2026-11-15T00:00:00Z"), T("2026-11-16T00:00:00Z")),
                new SpendSegment(Hourly, "bucket", T("2026-11-15T00:00:00Z"), T("2026-11-16T00:00:00Z"), OpenDaysOnly: true),
                new SpendSegment(Hourly, "bucket", T("2026-11-16T00:00:00Z"), T("2026-11-16T03:00:00Z")),
                new SpendSegment(Lines, "occurred_at", T("2026-11-16T03:00:00Z"), T("2026-11-16T03:45:00Z")),
            ],
            segments);
    }

    [Fact]
    public void A_month_so_far_reads_whole_days_whole_hours_and_the_last_minutes()
    {
        Assert.Equal(
            [
                (Daily, T("2026-11-01T00:00:00Z"), T("2026-11-15T00:00:00Z")),
                (OpenDays, T("2026-11-01T00:00:00Z"), T("2026-11-15T00:00:00Z")),
                (Hourly, T("2026-11-15T00:00:00Z"), T("2026-11-15T12:00:00Z")),
                (Lines, T("2026-11-15T12:00:00Z"), T("2026-11-15T12:34:56Z")),
            ],
            Split("2026-11-01T00:00:00Z", "2026-11-15T12:34:56Z"));
    }

    [Fact]
    public void Hours_and_days_are_UTC_whatever_the_offset_of_the_bounds()
    {
        // 10:00 at UTC+05:30 is 04:30 UTC: not on a UTC hour.
        var from = new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.FromHours(5.5));
        var to = new DateTimeOffset(2026, 11, 16, 1, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(
            [
                (Lines, T("2026-11-15T04:30:00Z"), T("2026-11-15T05:00:00Z")),
                (Hourly, T("2026-11-15T05:00:00Z"), T("2026-11-16T00:00:00Z")),
            ],
            Of(from, to).Select(s => (s.Table, s.From, s.To)));
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("9999-12-29T12:30:00Z")]
    [InlineData("9999-12-29T23:30:00Z")]
    public void A_range_open_to_the_end_of_time_is_read_up_to_the_last_instant_usage_can_have(string from)
    {
        // to=9999-12-31 (a whole day, included) is read by TimeRange as DateTimeOffset.MaxValue.
        var segments = Of(T(from), DateTimeOffset.MaxValue);

        AssertExactCover(T(from), SpendSegments.EndOfUsage, segments);
    }

    [Theory]
    [InlineData("9999-12-30T00:00:00Z")]
    [InlineData("9999-12-31T00:30:00Z")]
    [InlineData("9999-12-31T23:30:00Z")]
    public void A_range_after_the_last_instant_usage_can_have_reads_nothing(string from)
    {
        Assert.Empty(Of(T(from), DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Segments_exactly_cover_any_range_with_the_fewest_reads()
    {
        var random = new Random(20261115);
        var origin = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TimeSpan[] alignments = [TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1)];
        TimeSpan[] lengths = [TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(90), TimeSpan.FromHours(60), TimeSpan.FromDays(120)];
        TimeSpan[] offsets = [TimeSpan.Zero, TimeSpan.FromHours(-10), TimeSpan.FromHours(5.5), TimeSpan.FromHours(9), TimeSpan.FromHours(12.75)];

        for (var run = 0; run < 20_000; run++)
        {
            var from = Align(origin + Random(TimeSpan.FromDays(3_650)), alignments[random.Next(alignments.Length)]);
            var to = Align(from + Random(lengths[random.Next(lengths.Length)]), alignments[random.Next(alignments.Length)]);
            if (to <= from) continue;
            from = from.ToOffset(offsets[random.Next(offsets.Length)]);
            to = to.ToOffset(offsets[random.Next(offsets.Length)]);

            AssertExactCover(from, to, Of(from, to));
        }

        TimeSpan Random(TimeSpan max) => TimeSpan.FromTicks(random.NextInt64(1, max.Ticks + 1));
        static DateTimeOffset Align(DateTimeOffset t, TimeSpan unit) => new(t.UtcTicks - t.UtcTicks % unit.Ticks, TimeSpan.Zero);
    }

    private static void AssertExactCover(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<SpendSegment> read)
    {
        var range = $"[{from:O}, {to:O})";
        // The days of a daily segment are read again from the hourly rollup, only those still open: right after it, same range.
        for (var i = 0; i < read.Count; i++)
        {
            if (read[i].OpenDaysOnly)
                Assert.True(i > 0 && read[i] == read[i - 1] with { Table = Hourly, OpenDaysOnly = true }, $"{range}: open days at {i} not after their daily segment");
            else if (read[i].Table == Daily)
                Assert.True(i + 1 < read.Count && read[i + 1].OpenDaysOnly, $"{range}: daily segment {i} without its open days");
        }
        var segments = read.Where(s => !s.OpenDaysOnly).ToList();
        Assert.NotEmpty(segments);
        Assert.True(segments[0].From == from, $"{range}: the first segment starts at {segments[0].From:O}");
        Assert.True(segments[^1].To == to, $"{range}: the last segment ends at {segments[^1].To:O}");
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            Assert.True(s.From < s.To, $"{range}: segment {i} [{s.From:O}, {s.To:O}) is empty");
            if (i > 0)
            {
                Assert.True(segments[i - 1].To == s.From, $"{range}: segment {i} starts at {s.From:O}, not where segment {i - 1} ends ({segments[i - 1].To:O})");
                Assert.True(segments[i - 1].Table != s.Table, $"{range}: segments {i - 1} and {i} both read {s.Table}: one read would do");
            }
            switch (s.Table)
            {
                case Lines:
                    Assert.Equal("occurred_at", s.TimeColumn);
                    Assert.True(i == 0 || i == segments.Count - 1, $"{range}: lines are read in the middle (segment {i})");
                    Assert.False(HoldsWhole(s, TimeSpan.FromHours(1)), $"{range}: lines [{s.From:O}, {s.To:O}) hold a whole hour");
                    break;
                case Hourly:
                    Assert.Equal("bucket", s.TimeColumn);
                    Assert.True(IsAligned(s.From, TimeSpan.FromHours(1)) && IsAligned(s.To, TimeSpan.FromHours(1)), $"{range}: hourly [{s.From:O}, {s.To:O}) is not on whole hours");
                    Assert.False(HoldsWhole(s, TimeSpan.FromDays(1)), $"{range}: hourly [{s.From:O}, {s.To:O}) holds a whole day");
                    break;
                case Daily:
                    Assert.Equal("bucket", s.TimeColumn);
                    Assert.True(IsAligned(s.From, TimeSpan.FromDays(1)) && IsAligned(s.To, TimeSpan.FromDays(1)), $"{range}: daily [{s.From:O}, {s.To:O}) is not on whole days");
                    break;
                default:
                    Assert.Fail($"{range}: segment {i} reads unknown table {s.Table}");
                    break;
            }
        }
        if (IsAligned(from, TimeSpan.FromHours(1)) && IsAligned(to, TimeSpan.FromHours(1)))
            Assert.DoesNotContain(segments, s => s.Table == Lines);
        if (IsAligned(from, TimeSpan.FromDays(1)) && IsAligned(to, TimeSpan.FromDays(1)))
            Assert.Equal([Daily], segments.Select(s => s.Table));
    }

    private static bool IsAligned(DateTimeOffset t, TimeSpan unit) => t.UtcTicks % unit.Ticks == 0;

    /// <summary>Whether [From, To) contains a whole UTC hour or day: then a coarser table should have answered it.</summary>
    private static bool HoldsWhole(SpendSegment s, TimeSpan unit)
    {
        var firstBoundary = s.From.UtcTicks % unit.Ticks == 0 ? s.From.UtcTicks : s.From.UtcTicks - s.From.UtcTicks % unit.Ticks + unit.Ticks;
        return firstBoundary <= s.To.UtcTicks - unit.Ticks;
    }
}
