namespace Evolink.Configuration;

/// <summary>
/// What is wrong with the saved configuration file, said in the engine's
/// terms; the host adds what to do (which of its commands fixes it).
/// </summary>
public sealed class ConfigurationProblem
{
    public ConfigurationProblem(string path, string description, bool unreadable)
    {
        Path = path;
        Description = description;
        Unreadable = unreadable;
    }

    public string Path { get; }

    /// <summary>What is wrong and what is used instead.</summary>
    public string Description { get; }

    /// <summary>True when nothing in the file could be read (it is then never written over); false when only some values are ignored.</summary>
    public bool Unreadable { get; }

    public override string ToString() => Description;
}
