using System;
using System.Collections.Generic;
using System.Linq;

namespace Evolink.Configuration;

/// <summary>
/// Values of <see cref="Settings"/>: a user's saved defaults, a session's,
/// what one command was given, or all of them combined (the effective
/// configuration, where every value says where it came from). There is
/// deliberately no key in a saved one: the file names where the key lives
/// (a vault and a secret), never the key.
/// </summary>
public sealed class EvolinkConfiguration
{
    private Dictionary<Setting, object> _values = new();
    private Dictionary<string, string> _sources = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A setting's value, or null when this configuration has none; setting null clears it.</summary>
    public object? this[Setting setting]
    {
        get => _values.TryGetValue(setting, out var value) ? value : null;
        set
        {
            if (value is null)
                _values.Remove(setting);
            else
                _values[setting] = value;
        }
    }

    /// <summary>Sets a value and returns this configuration: <c>new EvolinkConfiguration().With(Settings.DefaultModel, "gpt-5.2")</c>.</summary>
    public EvolinkConfiguration With(Setting setting, object? value)
    {
        this[setting] = value;
        return this;
    }

    /// <summary>The value when this configuration has one.</summary>
    public bool TryGet<T>(Setting<T> setting, out T value)
    {
        if (_values.TryGetValue(setting, out var found) && found is T typed)
        {
            value = typed;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The value, else the setting's default.</summary>
    public T? Value<T>(Setting<T> setting) => TryGet(setting, out var value) ? value : (T?)setting.Default;

    /// <summary>Where each value comes from ("parameter", "session", "environment (…)", "file", "default"); set on a combined configuration only.</summary>
    public string? SourceOf(string name) => _sources.TryGetValue(name, out var source) ? source : null;

    internal void SetSource(Setting setting, string? source)
    {
        if (source is null)
            _sources.Remove(setting.Name);
        else
            _sources[setting.Name] = source;
    }

    /// <summary>Where the API key will come from, in words (never the key); set on the effective configuration.</summary>
    public string? CredentialSource { get; set; }

    /// <summary>Where this configuration was read from or will be written to.</summary>
    public string? Path { get; set; }

    public EvolinkConfiguration Copy()
    {
        var copy = (EvolinkConfiguration)MemberwiseClone();
        copy._values = new Dictionary<Setting, object>(_values);
        copy._sources = new Dictionary<string, string>(_sources, StringComparer.OrdinalIgnoreCase);
        return copy;
    }

    /// <summary>Makes this secret the key to use.</summary>
    public bool UseSecret(string secretName, string? vault)
    {
        this[Settings.SecretName] = secretName;
        this[Settings.Vault] = vault;
        return true;
    }

    /// <summary>Forgets the key's secret if it is this one; true when it was.</summary>
    public bool ForgetSecret(string secretName, string? vault)
    {
        if (!string.Equals(this[Settings.SecretName] as string, secretName, StringComparison.OrdinalIgnoreCase) || this[Settings.Vault] as string != vault)
            return false;
        this[Settings.SecretName] = null;
        this[Settings.Vault] = null;
        return true;
    }

    /// <summary>The settings that have a value here, in the order of <see cref="Settings.All"/>. (A method, and this no enumerable: PowerShell would show, serialise or unroll those.)</summary>
    public IReadOnlyList<KeyValuePair<Setting, object>> GetValues() =>
        Settings.All.Where(_values.ContainsKey).Select(s => new KeyValuePair<Setting, object>(s, _values[s])).ToList();
}
