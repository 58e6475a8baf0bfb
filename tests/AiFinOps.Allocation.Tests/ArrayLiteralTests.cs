using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Tests;

public sealed class ArrayLiteralTests
{
    [Fact]
    public void No_values_make_an_empty_array() => Assert.Equal("{}", LedgerProjection.ArrayLiteral([]));

    [Fact]
    public void Every_value_is_quoted_so_commas_braces_spaces_and_NULL_stay_text() =>
        Assert.Equal("""{"openai/gpt-4o","a,b","{x}"," ","NULL",""}""",
            LedgerProjection.ArrayLiteral(["openai/gpt-4o", "a,b", "{x}", " ", "NULL", ""]));

    [Fact]
    public void Quotes_and_backslashes_are_escaped() =>
        Assert.Equal("""{"say \"hi\"","C:\\models"}""", LedgerProjection.ArrayLiteral(["say \"hi\"", @"C:\models"]));
}
