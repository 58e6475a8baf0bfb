using System.Net.Http.Headers;
using System.Text;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFinOps.IntegrationTests.Focus;

/// <summary>Downloading an export as a finance client would, and reading it back: by hand (RFC 4180) and with DuckDB.</summary>
public static class FocusFiles
{
    public static async Task<HttpResponseMessage> GetAsync<T>(WebApplicationFactory<T> allocation, string key, string path, string? accept = null)
        where T : class
    {
        using var http = allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (accept is not null) http.DefaultRequestHeaders.Accept.ParseAdd(accept);
        return await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Saves the export to a file in <paramref name="folder"/> and returns its path.</summary>
    public static async Task<string> DownloadAsync<T>(WebApplicationFactory<T> allocation, string key, string path, string folder,
        string extension, string? accept = null) where T : class
    {
        using var response = await GetAsync(allocation, key, path, accept);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.{extension}");
        await using (var output = File.Create(file)) await response.Content.CopyToAsync(output);
        return file;
    }

    /// <summary>The CSV as header and rows of fields; empty fields are null.</summary>
    public static (string[] Header, List<Dictionary<string, string?>> Rows) ReadCsv(string file)
    {
        var text = File.ReadAllText(file, Encoding.UTF8);
        var records = Records(text);
        var header = records[0].Select(f => f!).ToArray();
        var rows = records.Skip(1).Select(r =>
        {
            Assert.Equal(header.Length, r.Count);
            return header.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
        return (header, rows);
    }

    public static List<object?[]> Query(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static DuckDBConnection DuckDb()
    {
        var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        return duck;
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes and line breaks; an empty unquoted field is null.</summary>
    private static List<List<string?>> Records(string text)
    {
        var records = new List<List<string?>>();
        var record = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        void EndField()
        {
            record.Add(field.Length == 0 && !wasQuoted ? null : field.ToString());
            field.Clear();
            wasQuoted = false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') { quoted = true; wasQuoted = true; }
            else if (ch == ',') EndField();
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                EndField();
                records.Add(record);
                record = [];
                i++;
            }
            else field.Append(ch);
        }
        Assert.True(record.Count == 0 && field.Length == 0, "the file ends with CRLF");
        return records;
    }
}
