using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace Evolink.Libraries.Schemas;

/// <summary><c>patternProperties</c> as the library checks it, each name's match bounded in time as <see cref="BoundedPattern"/>'s.</summary>
internal sealed class BoundedPatternProperties : IKeywordHandler
{
    public string Name => PatternPropertiesKeyword.Instance.Name;

    public object? ValidateKeywordValue(JsonElement value) =>
        ((Dictionary<string, Regex>)PatternPropertiesKeyword.Instance.ValidateKeywordValue(value)!)
            .ToDictionary(pair => pair.Key, pair => BoundedPattern.Bounded(pair.Value));

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => PatternPropertiesKeyword.Instance.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) => PatternPropertiesKeyword.Instance.Evaluate(keyword, context);
}
