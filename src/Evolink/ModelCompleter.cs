using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using System.Threading;

namespace Evolink.Commands;

/// <summary>
/// Completes -Model from the models the key may use, within a short wait, and
/// falls back to cached or documented ids. Any other id may still be typed.
/// </summary>
public sealed class ModelCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(1500);
    private static readonly Lazy<ModelCatalog> Catalog = new(() => new ModelCatalog(
        Path.Combine(Path.GetDirectoryName(ConfigurationStore.ForCurrentUser().Path) ?? Path.GetTempPath(), "cache"), TimeSpan.FromHours(12)));

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Ids(fakeBoundParameters)
            .Where(id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(id => new CompletionResult(id.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? $"'{id}'" : id, id, CompletionResultType.ParameterValue, id));
    }

    private static IReadOnlyList<string> Ids(IDictionary bound)
    {
        try
        {
            // Only keys that need no prompt: an explicit -ApiKey or the environment. A vault is never opened from a completer.
            var key = ApiKeyResolver.Resolve(Unwrap(bound["ApiKey"]) as SecureString, Environment.GetEnvironmentVariable).Key;
            var baseUri = EvolinkClientOptions.ResolveBaseUri(Unwrap(bound["BaseUri"]) as Uri, Environment.GetEnvironmentVariable);
            var client = new EvolinkClient(new EvolinkClientOptions(key) { BaseUri = baseUri, Retry = new RetryPolicy { MaximumRetryCount = 0 } });
            var task = Catalog.Value.GetIdsAsync(ModelCatalog.CacheKey(baseUri, key),
                async token => (await client.ListModelsAsync(token).ConfigureAwait(false)).Data.Select(m => m.Id).ToList(), Wait);
            return task.Wait(Wait + TimeSpan.FromMilliseconds(500)) ? task.Result : ModelCatalog.DocumentedIds;
        }
        catch (Exception ex) when (ex is EvolinkException or AggregateException or UriFormatException)
        {
            return ModelCatalog.DocumentedIds;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
