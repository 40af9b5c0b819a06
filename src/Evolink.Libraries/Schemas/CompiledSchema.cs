using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Evolink.Structured;
using Json.Schema;

namespace Evolink.Libraries.Schemas;

/// <summary>A schema JsonSchema.Net has read, checking values and saying each mismatch as "path: what is wrong".</summary>
internal sealed class CompiledSchema : ISchemaCheck
{
    // One line of an error may quote the reply's value: a hostile reply must not make the message unbounded.
    private const int LongestLine = 300;

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonSchema _schema;

    static CompiledSchema()
    {
        // The library's wording, with what was expected where it leaves it out. Global to the library, which on
        // PowerShell 7 only Evolink uses (it loads in the module's own context).
        ErrorMessages.Type = "expected [[expected]], got [[received]]";
        ErrorMessages.Enum = "[[received]] is not one of [[values]]";
        ErrorMessages.Const = "must be [[value]]";
        ErrorMessages.Pattern = "does not match the pattern [[pattern]]";
        ErrorMessages.Format = "is not a valid [[format]]";
        ErrorMessages.FormatWithDetail = "is not a valid [[format]] ([[detail]])";
        ErrorMessages.FalseSchema = "no value is allowed here";
        ErrorMessages.Required = "the required properties [[missing]] are missing";
        ErrorMessages.DependentRequired = "the properties [[missing]] must be present beside it";
        ErrorMessages.Minimum = "[[received]] is less than the minimum [[limit]]";
        ErrorMessages.Maximum = "[[received]] is more than the maximum [[limit]]";
        ErrorMessages.ExclusiveMinimum = "[[received]] must be more than [[limit]]";
        ErrorMessages.ExclusiveMaximum = "[[received]] must be less than [[limit]]";
        ErrorMessages.MultipleOf = "[[received]] is not a multiple of [[divisor]]";
        ErrorMessages.MinLength = "is shorter than [[limit]] characters";
        ErrorMessages.MaxLength = "is longer than [[limit]] characters";
        ErrorMessages.MinItems = "has [[received]] items, fewer than [[limit]]";
        ErrorMessages.MaxItems = "has [[received]] items, more than [[limit]]";
        ErrorMessages.MinProperties = "has [[received]] properties, fewer than [[limit]]";
        ErrorMessages.MaxProperties = "has [[received]] properties, more than [[limit]]";
        ErrorMessages.UniqueItems = "holds the same item more than once (at the index pairs [[duplicates]])";
        ErrorMessages.ContainsTooFew = "holds [[received]] items that match 'contains', fewer than [[minimum]]";
        ErrorMessages.ContainsTooMany = "holds [[received]] items that match 'contains', more than [[maximum]]";
        ErrorMessages.OneOf = "matches [[count]] of the oneOf choices, not exactly one";
    }

    public CompiledSchema(JsonSchema schema) => _schema = schema;

    public IReadOnlyList<string> Check(JsonElement value)
    {
        EvaluationResults results;
        try
        {
            results = _schema.Evaluate(value, Options);
        }
        catch (RegexMatchTimeoutException ex)
        {
            return new[] { $"$: matching the pattern {Shorten(ex.Pattern)} took longer than {BoundedPattern.Limit.TotalSeconds:0} s, so the value is taken as not matching it" };
        }
        if (results.IsValid)
            return Array.Empty<string>();
        var errors = new List<string>();
        Collect(results, errors);
        foreach (var detail in results.Details ?? (IReadOnlyList<EvaluationResults>)Array.Empty<EvaluationResults>())
            Collect(detail, errors);
        if (errors.Count == 0)
            errors.Add("$: does not match the schema");
        return errors;
    }

    private static void Collect(EvaluationResults node, List<string> errors)
    {
        if (node.Errors is null)
            return;
        foreach (var error in node.Errors)
        {
            // A keyword without a name of its own is a subschema that refused the value (false, or additionalProperties: false).
            var keyword = error.Key.Length > 0 ? string.Empty : " (" + LastSegment(node.EvaluationPath.ToString()) + ")";
            // The library quotes type names as JSON strings; they read better bare ("expected integer, got string").
            var message = error.Key == "type" ? error.Value.Replace("\"", string.Empty) : error.Value;
            errors.Add(Shorten($"{PathOf(node.InstanceLocation.ToString())}: {message}{keyword}"));
        }
    }

    /// <summary>A JSON pointer (<c>/items/2/name</c>) as the path people read (<c>$.items[2].name</c>).</summary>
    internal static string PathOf(string pointer)
    {
        var path = new StringBuilder("$");
        if (pointer.Length == 0)
            return path.ToString();
        foreach (var raw in pointer.Substring(1).Split('/'))
        {
            var name = raw.Replace("~1", "/").Replace("~0", "~");
            if (name.Length > 0 && IsIndex(name))
                path.Append('[').Append(name).Append(']');
            else if (IsPlainName(name))
                path.Append('.').Append(name);
            else
                path.Append("['").Append(name.Replace("'", "\\'")).Append("']");
        }
        return path.ToString();
    }

    private static bool IsIndex(string name)
    {
        foreach (var c in name)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return true;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
                return false;
        }
        return true;
    }

    private static string LastSegment(string pointer) => pointer.Substring(pointer.LastIndexOf('/') + 1);

    private static string Shorten(string text) => text.Length <= LongestLine ? text : text.Substring(0, LongestLine) + "...";
}
