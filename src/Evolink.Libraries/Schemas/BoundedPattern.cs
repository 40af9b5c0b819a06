using System;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace Evolink.Libraries.Schemas;

/// <summary>
/// <c>pattern</c> as the library checks it, with the match bounded in time: the value comes from a model's reply,
/// and a pattern that backtracks could otherwise be made to run for ever (the library's own expressions have no
/// time limit).
/// </summary>
internal sealed class BoundedPattern : IKeywordHandler
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    public string Name => PatternKeyword.Instance.Name;

    public object? ValidateKeywordValue(JsonElement value) => Bounded((Regex)PatternKeyword.Instance.ValidateKeywordValue(value)!);

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => PatternKeyword.Instance.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) => PatternKeyword.Instance.Evaluate(keyword, context);

    /// <summary>The same expression with the same options, stopped after <see cref="Limit"/>; interpreted, not compiled to IL, which costs milliseconds per pattern and pays only over long texts.</summary>
    public static Regex Bounded(Regex expression) => new(expression.ToString(), expression.Options & ~RegexOptions.Compiled, Limit);
}
