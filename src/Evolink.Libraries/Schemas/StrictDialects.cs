using System;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// The drafts a schema may be written in (2020-12 when it names none, 2019-09, 07 and 06), each made strict: an
/// unknown keyword is refused instead of ignored, a pattern's match is bounded in time, and a format must be one
/// the validator knows. The same identifiers as the library's own dialects, in a registry of ours, so a schema's
/// <c>$schema</c> picks the strict one.
/// </summary>
internal static class StrictDialects
{
    public static readonly Dialect Default = Strict(Dialect.Draft202012, Json.Schema.Keywords.FormatKeyword.Instance);

    public static readonly DialectRegistry Registry = Build();

    private static DialectRegistry Build()
    {
        var registry = new DialectRegistry();
        registry.Register(Default);
        registry.Register(Strict(Dialect.Draft201909, Json.Schema.Keywords.FormatKeyword.Instance));
        registry.Register(Strict(Dialect.Draft07, Json.Schema.Keywords.Draft06.FormatKeyword.Validate));
        registry.Register(Strict(Dialect.Draft06, Json.Schema.Keywords.Draft06.FormatKeyword.Validate));
        return registry;
    }

    private static Dialect Strict(Dialect dialect, IKeywordHandler format) => dialect.With(
        new IKeywordHandler[] { new BoundedPattern(), new BoundedPatternProperties(), new KnownFormat(format) },
        dialect.Id, dialect.RefIgnoresSiblingKeywords, allowUnknownKeywords: false);

    /// <summary>The library's message, with what to do when the schema names a draft Evolink does not check.</summary>
    public static string Explain(string message)
    {
        var unknown = System.Text.RegularExpressions.Regex.Match(message, @"^Unknown keywords \((.*)\) are disallowed");
        if (unknown.Success)
            return $"it uses {unknown.Groups[1].Value}, which its draft does not define (a misspelling, or a vendor extension); " +
                "Evolink checks every keyword of a schema, so it refuses one it cannot check rather than ignore it.";
        const string Missing = "Cannot find dialect with ID '";
        var at = message.IndexOf(Missing, StringComparison.Ordinal);
        if (at < 0)
            return message;
        var named = message.Substring(at + Missing.Length);
        named = named.Substring(0, Math.Max(0, named.IndexOf('\'')));
        return $"its $schema names '{named}', a draft Evolink does not check. Evolink checks drafts 2020-12, 2019-09, 07 and 06: " +
            "name one of them in $schema, or leave $schema out for 2020-12.";
    }
}
