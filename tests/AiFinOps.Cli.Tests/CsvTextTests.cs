using AiFinOps.Cli.Common;

namespace AiFinOps.Cli.Tests;

public sealed class CsvTextTests
{
    [Fact]
    public void Fields_with_commas_quotes_or_line_breaks_are_quoted_and_lines_end_in_crlf()
    {
        var csv = CsvText.Write(["team", "note"], [["search", "plain"], ["a,b", "say \"hi\""], ["x", "two\nlines"], ["y", null]]);

        Assert.Equal("team,note\r\nsearch,plain\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\ny,\r\n", csv);
    }

    [Fact]
    public void Numbers_are_invariant_and_unrounded() => Assert.Equal("1234.000015", CsvText.Number(1234.000015m));
}
