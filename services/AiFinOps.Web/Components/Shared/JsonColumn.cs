namespace AiFinOps.Web.Components.Shared;

/// <summary>How a table cell shows a JSON value.</summary>
public enum CellKind { Text, Usd, Count, Percent, Time }

/// <summary>One column of a <see cref="JsonTable"/>: the JSON property (a dotted path for nested ones) and its header.</summary>
public sealed record JsonColumn(string Property, string Header, CellKind Kind = CellKind.Text);
