using System;
using System.Text.Json;

namespace Evolink.Configuration;

/// <summary>Where a setting may be given, from the widest to the narrowest.</summary>
public enum SettingScope
{
    /// <summary>Saved in the configuration file, set for a session, or given to one command.</summary>
    Saved,

    /// <summary>Set for a session or given to one command; never written to the file (a credential: the file names where its secret is kept instead).</summary>
    Session,

    /// <summary>Given to one command only (a key, or a switch that lowers safety): never saved, never a session's.</summary>
    Call,
}

/// <summary>
/// One setting a user can set, described once (<see cref="Settings"/>): its
/// name, type, allowed values, default, where it may be given, whether it is
/// secret, and how it reaches the client. The configuration file, the
/// layering of sources, the effective view and the resolver all follow from
/// this description, so a setting is added in one place.
/// </summary>
public abstract class Setting
{
    private protected Setting(string name, SettingScope scope, bool secret, string? environmentVariable)
    {
        Name = name;
        FileName = char.ToLowerInvariant(name[0]) + name.Substring(1);
        Scope = scope;
        Secret = secret;
        EnvironmentVariable = environmentVariable;
    }

    /// <summary>The setting's name: the cmdlets' parameter, and how the effective configuration shows it.</summary>
    public string Name { get; }

    /// <summary>Its name in the configuration file: camel case, as PowerShell users write JSON.</summary>
    public string FileName { get; }

    public SettingScope Scope { get; }

    /// <summary>Its value is never shown, logged or saved; only whether it is set.</summary>
    public bool Secret { get; }

    /// <summary>An environment variable that gives it between the session's settings and the file's, if any.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>A file path, which a host resolves against its own current location before handing it over.</summary>
    public bool IsPath { get; private protected set; }

    public abstract Type ValueType { get; }

    /// <summary>The value when no source gives one; null when the setting is simply off or absent.</summary>
    public abstract object? Default { get; }

    /// <summary>What is wrong with a value (e.g. "must be a whole number from 0 to 10"), or null when it may be used.</summary>
    public abstract string? Problem(object value);

    /// <summary>A value from the file; a wrong one is left out and <paramref name="problem"/> says why.</summary>
    internal abstract object? Read(JsonElement element, out string? problem);

    internal abstract void Write(Utf8JsonWriter writer, object value);

    /// <summary>A value from its environment variable's text.</summary>
    internal abstract object? Parse(string text, out string? problem);

    /// <summary>Sets the value where the client reads it; settings the resolver handles itself (the key, the proxy) do nothing here.</summary>
    internal abstract void Apply(EvolinkClientOptions options, object? value);

    public override string ToString() => Name;
}

/// <summary>A setting whose values are of type <typeparamref name="T"/>.</summary>
public sealed class Setting<T> : Setting
{
    private readonly T? _default;
    private readonly Func<T, string?>? _check;
    private readonly Func<JsonElement, (object? Value, string? Problem)> _read;
    private readonly Action<Utf8JsonWriter, T> _write;
    private readonly Func<string, (object? Value, string? Problem)>? _parse;
    private readonly Action<EvolinkClientOptions, T?>? _apply;

    internal Setting(string name, SettingScope scope, T? @default,
        Func<JsonElement, (object? Value, string? Problem)> read, Action<Utf8JsonWriter, T> write,
        Func<T, string?>? check = null, Action<EvolinkClientOptions, T?>? apply = null,
        bool secret = false, string? environmentVariable = null, Func<string, (object? Value, string? Problem)>? parse = null, bool isPath = false)
        : base(name, scope, secret, environmentVariable)
    {
        _default = @default;
        _check = check;
        _read = read;
        _write = write;
        _parse = parse;
        _apply = apply;
        IsPath = isPath;
    }

    public override Type ValueType => typeof(T);

    public override object? Default => _default;

    public override string? Problem(object value) =>
        value is not T typed ? $"must be a {typeof(T).Name}" : _check?.Invoke(typed);

    internal override object? Read(JsonElement element, out string? problem)
    {
        var (value, readProblem) = _read(element);
        problem = readProblem ?? (value is null ? null : Problem(value));
        return problem is null ? value : null;
    }

    internal override void Write(Utf8JsonWriter writer, object value) => _write(writer, (T)value);

    internal override object? Parse(string text, out string? problem)
    {
        if (_parse is null)
        {
            problem = "is not read from the environment";
            return null;
        }
        var (value, parseProblem) = _parse(text);
        problem = parseProblem ?? (value is null ? null : Problem(value));
        return problem is null ? value : null;
    }

    internal override void Apply(EvolinkClientOptions options, object? value) => _apply?.Invoke(options, value is T typed ? typed : default);
}
