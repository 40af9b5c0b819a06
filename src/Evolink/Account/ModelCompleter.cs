using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Security;
using System.Text.RegularExpressions;
using Evolink.Account;
using Evolink.Configuration;
using Evolink.Errors;
using Evolink.Files;

namespace Evolink.Commands;

/// <summary>
/// Completes -Model from the models the key may use, within a short wait,
/// and falls back to cached or documented ids. Any other id may still be
/// typed. It asks the gateway the command itself would ask, and never
/// opens a vault (a completer cannot prompt).
/// </summary>
public sealed class ModelCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(1500);
    private static readonly Regex PlainWord = new("^[A-Za-z0-9][A-Za-z0-9._/:+-]*$", RegexOptions.CultureInvariant);
    private static readonly Lazy<ModelCatalog> Catalog = new(() => new ModelCatalog(UserFolders.Current.Cache, TimeSpan.FromHours(12)));

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Ids(fakeBoundParameters)
            .Where(id => ModelCatalog.IsUsableId(id) && id.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(id => new CompletionResult(Quoted(id), id, CompletionResultType.ParameterValue, id));
    }

    /// <summary>A plain id as it is; anything else single-quoted with PowerShell's own escaping, so the completed line runs no code.</summary>
    internal static string Quoted(string id) =>
        PlainWord.IsMatch(id) ? id : "'" + CodeGeneration.EscapeSingleQuotedStringContent(id) + "'";

    private static IReadOnlyList<string> Ids(IDictionary bound)
    {
        try
        {
            var typed = new EvolinkConfiguration()
                .With(Settings.ApiKey, Unwrap(bound["ApiKey"]) as SecureString)
                // A -BaseUri typed on the line arrives here as text, not yet a Uri.
                .With(Settings.BaseUri, Unwrap(bound["BaseUri"]) switch
                {
                    Uri uri => uri,
                    string text when Uri.TryCreate(text.Trim('\'', '"'), UriKind.Absolute, out var parsed) => parsed,
                    _ => null,
                })
                .With(Settings.AllowUnencryptedAuthentication, bound["AllowUnencryptedAuthentication"] is { } allow && LanguagePrimitives.IsTrue(Unwrap(allow)) ? true : null)
                // A completer must not hold the line: no retries, and a short limit.
                .With(Settings.MaximumRetryCount, 0)
                .With(Settings.TimeoutSec, 30);
            // The same settings the command would use; no vault is opened (a completer cannot prompt).
            var options = SettingsResolver.Resolve(typed, SessionSettings.Current, ConfigurationStore.ForCurrentUser().Load(out _),
                Environment.GetEnvironmentVariable, secrets: null).Options;
            var client = new EvolinkClient(options);
            var task = Catalog.Value.GetIdsAsync(ModelCatalog.CacheKey(options.BaseUri, options.ApiKey),
                async token => (await client.ListModelsAsync(token).ConfigureAwait(false)).Data.Select(m => m?.Id!).ToList(), Wait);
            return task.Wait(Wait + TimeSpan.FromMilliseconds(500)) ? task.Result : ModelCatalog.DocumentedIds;
        }
        catch (Exception ex) when (ex is EvolinkException or AggregateException or UriFormatException)
        {
            return ModelCatalog.DocumentedIds;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
