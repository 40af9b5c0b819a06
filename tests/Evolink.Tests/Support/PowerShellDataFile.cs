using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Evolink.Tests;

/// <summary>
/// Reads the subset of PowerShell data-file syntax a module manifest uses
/// (hashtables, @() arrays, quoted strings, numbers, $true/$false, comments),
/// so the manifest can be checked where PowerShell cannot run.
/// </summary>
internal sealed class PowerShellDataFile
{
    private readonly string _text;
    private int _at;

    private PowerShellDataFile(string text) => _text = text;

    public static Dictionary<string, object?> Parse(string text)
    {
        var reader = new PowerShellDataFile(text);
        var value = reader.Value();
        reader.Skip();
        if (reader._at != text.Length)
            throw reader.Fail("unexpected text after the hashtable");
        return value as Dictionary<string, object?> ?? throw reader.Fail("the file is not a hashtable");
    }

    private object? Value()
    {
        Skip();
        if (Take("@{")) return Table();
        if (Take("@(")) return Array();
        if (Peek == '\'' || Peek == '"') return Quoted();
        if (Take("$true")) return true;
        if (Take("$false")) return false;
        if (Take("$null")) return null;
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(Peek) || Peek == '.' || Peek == '-')) _at++;
        var word = _text.Substring(start, _at - start);
        return double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : throw Fail($"cannot read '{word}'");
    }

    private Dictionary<string, object?> Table()
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            Skip();
            if (Take("}")) return table;
            if (Take(";")) continue;
            var key = Peek == '\'' || Peek == '"' ? Quoted() : Word();
            Skip();
            if (!Take("=")) throw Fail($"expected '=' after {key}");
            table[key] = Value();
        }
    }

    private List<object?> Array()
    {
        var items = new List<object?>();
        while (true)
        {
            Skip();
            if (Take(")")) return items;
            if (Take(",")) continue;
            items.Add(Value());
        }
    }

    private string Quoted()
    {
        var quote = _text[_at++];
        var builder = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (c == quote)
            {
                if (_at < _text.Length && _text[_at] == quote) { builder.Append(c); _at++; continue; }
                return builder.ToString();
            }
            builder.Append(c);
        }
        throw Fail("unterminated string");
    }

    private string Word()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(Peek) || Peek == '_')) _at++;
        return start == _at ? throw Fail("expected a key") : _text.Substring(start, _at - start);
    }

    private void Skip()
    {
        while (_at < _text.Length)
        {
            if (char.IsWhiteSpace(Peek)) _at++;
            else if (Take("<#")) { var end = _text.IndexOf("#>", _at, StringComparison.Ordinal); _at = end < 0 ? _text.Length : end + 2; }
            else if (Peek == '#') { while (_at < _text.Length && Peek != '\n') _at++; }
            else return;
        }
    }

    private char Peek => _at < _text.Length ? _text[_at] : '\0';

    private bool Take(string token)
    {
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0) return false;
        _at += token.Length;
        return true;
    }

    private FormatException Fail(string what) => new($"Manifest syntax: {what} at offset {_at}.");
}
