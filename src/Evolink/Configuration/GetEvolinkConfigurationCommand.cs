using System.Management.Automation;
using Evolink.Configuration;

namespace Evolink.Commands;

/// <summary>
/// <para type="synopsis">Shows the saved Evolink configuration, the session's settings, or both combined.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "EvolinkConfiguration")]
[OutputType(typeof(EvolinkConfiguration))]
public sealed class GetEvolinkConfigurationCommand : EvolinkCmdlet
{
    /// <summary>User: the saved file. Session: this session's settings. Effective (default): every value a call would use, with where it comes from.</summary>
    [Parameter(Position = 0)]
    [ValidateSet("Effective", "User", "Session")]
    public string Scope { get; set; } = "Effective";

    protected override void EndProcessing()
    {
        var saved = ConfigurationStore.ForCurrentUser().Load(out var problem);
        if (problem is not null)
            Warning(Advice.For(problem));
        WriteObject(ConfigurationView.ForPipeline(Scope switch
        {
            "User" => saved,
            "Session" => SessionSettings.Current,
            _ => Effective(saved),
        }));
    }

    private static EvolinkConfiguration Effective(EvolinkConfiguration saved)
    {
        var effective = ConfigurationLayers.Effective(SessionSettings.Current, saved, System.Environment.GetEnvironmentVariable);
        effective.CredentialSource ??= Advice.NoKeyFound;
        return effective;
    }
}
