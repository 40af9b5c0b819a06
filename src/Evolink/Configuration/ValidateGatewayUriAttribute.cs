using System;
using System.Management.Automation;
using Evolink.Credentials;

namespace Evolink.Commands;

/// <summary>A gateway's (or a proxy's) address must be an absolute http(s) URI; PowerShell would otherwise accept any text as a relative Uri.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateGatewayUriAttribute : ValidateArgumentsAttribute
{
    /// <summary>The address is a proxy's, not a gateway's (only the words differ).</summary>
    public bool ForProxy { get; set; }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is Uri uri && GatewayEndpoint.IsHttpUri(uri) || value is null && ForProxy)
            return;
        throw new ValidationMetadataException(ForProxy
            ? $"'{value}' is not a proxy address. Give it as an absolute http(s) URI, e.g. http://proxy.example:8080."
            : $"'{value}' is not a gateway address. Give the gateway's root as an absolute http(s) URI, e.g. https://direct.evolink.ai.");
    }
}
