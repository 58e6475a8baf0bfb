using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiFinOps.Cli.Common;
using Spectre.Console;

namespace AiFinOps.Cli.Prices;

/// <summary><c>aifinops prices import litellm FILE [--effective-from DATE] [--apply]</c>: a preview by default.</summary>
public sealed class ImportLiteLlmCommand : Command
{
    private readonly Argument<FileInfo> _file = new("file") { Description = "LiteLLM's model_prices_and_context_window.json (or a file in its format)" };
    private readonly Option<DateOnly?> _effectiveFrom = new("--effective-from")
    {
        Description = "The date the prices take effect, like 2025-11-01 (default: today)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            result.AddError($"'{text}' is not a date like 2025-11-01.");
            return null;
        },
    };
    private readonly Option<bool> _apply = new("--apply") { Description = "Add the new and changed prices (without it, only a preview); conflicts are never applied" };
    private readonly Option<string?> _note = new("--note") { Description = "Added to the source of each price, e.g. the file's commit" };
    private readonly Option<Uri> _gateway = CommonOptions.Gateway();
    private readonly Option<string?> _key = CommonOptions.ApiKey();
    private readonly Option<bool> _json = CommonOptions.Json();

    public ImportLiteLlmCommand() : base("litellm", "Preview (or --apply) LiteLLM's model prices: new, unchanged, changed and conflicting models")
    {
        Arguments.Add(_file);
        Options.Add(_effectiveFrom);
        Options.Add(_apply);
        Options.Add(_note);
        Options.Add(_gateway);
        Options.Add(_key);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    public string ImportPath(ParseResult parse)
    {
        var query = new List<string> { $"apply={(parse.GetValue(_apply) ? "true" : "false")}" };
        if (parse.GetValue(_effectiveFrom) is { } day) query.Insert(0, $"effectiveFrom={day:yyyy-MM-dd}");
        if (parse.GetValue(_note) is { Length: > 0 } note) query.Add($"note={Uri.EscapeDataString(note)}");
        return "/api/v1/prices/imports/litellm?" + string.Join("&", query);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetRequiredValue(_file);
        JsonElement body;
        try
        {
            await using var stream = file.OpenRead();
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return Output.Error($"Cannot read {file.FullName}: {exception.Message}");
        }

        using var gateway = new GatewayClient(parse.GetRequiredValue(_gateway), CommonOptions.ResolveApiKey(parse.GetValue(_key)));
        try
        {
            var plan = await gateway.PostAsync(ImportPath(parse), body, cancellationToken);
            if (parse.GetValue(_json)) Output.Json(plan);
            else Print(plan);
            return ExitCodes.Ok;
        }
        catch (GatewayException exception)
        {
            return Output.Error(exception.Message);
        }
    }

    public static void Print(JsonElement plan)
    {
        var table = new Table().AddColumns("Outcome", "Provider", "Model", "In force (in / out per 1M)", "Imported (in / out per 1M)", "Note");
        foreach (var line in plan.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("outcome").GetString() != "unchanged"))
        {
            var outcome = line.GetProperty("outcome").GetString() ?? "";
            table.AddRow(
                outcome switch { "conflict" => "[red]conflict[/]", "changed" => "[yellow]changed[/]", _ => $"[green]{Markup.Escape(outcome)}[/]" },
                Markup.Escape(line.GetProperty("provider").GetString() ?? ""),
                Markup.Escape(line.GetProperty("model").GetString() ?? ""),
                Markup.Escape(Figures(line, "current")),
                Markup.Escape(Figures(line, "imported")),
                Markup.Escape(line.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString()! : ""));
        }
        AnsiConsole.Write(table);

        var counts = plan.GetProperty("counts");
        int Count(string name) => counts.GetProperty(name).GetInt32();
        AnsiConsole.MarkupLine(
            $"{Count("new")} new, {Count("changed")} changed, {Count("unchanged")} unchanged, [red]{Count("conflict")} conflict(s)[/], {Count("skipped")} skipped " +
            $"(effective from {plan.GetProperty("effectiveFrom").GetString()}).");
        foreach (var reason in plan.GetProperty("skipped").EnumerateArray()
            .GroupBy(s => s.GetProperty("reason").GetString() ?? "").OrderByDescending(g => g.Count()).Take(5))
            AnsiConsole.MarkupLine($"  skipped {reason.Count()}: {Markup.Escape(reason.Key)}");
        AnsiConsole.MarkupLine(plan.GetProperty("applied").GetBoolean()
            ? "[green]Applied[/] the new and changed prices; conflicts were not applied (correct them with a reason)."
            : "Preview only: nothing was changed. Run again with --apply to add the new and changed prices.");
    }

    /// <summary>The standard tier's input and output prices per million tokens.</summary>
    private static string Figures(JsonElement line, string name)
    {
        if (!line.TryGetProperty(name, out var tiers) || tiers.ValueKind != JsonValueKind.Object
            || !tiers.TryGetProperty("standard", out var standard)) return "—";
        var rates = standard.GetProperty("rates");
        return $"${rates.GetProperty("input").GetDecimal().ToString(CultureInfo.InvariantCulture)} / " +
            $"${rates.GetProperty("output").GetDecimal().ToString(CultureInfo.InvariantCulture)}";
    }
}
