using System;
using System.Management.Automation;

namespace Evolink.Commands;

/// <summary>A gateway address must be an absolute http(s) URI; PowerShell would otherwise accept any text as a relative Uri.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateGatewayUriAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is Uri uri && GatewayEndpoint.IsHttpUri(uri))
            return;
        throw new ValidationMetadataException(
            $"'{value}' is not a gateway address. Give the gateway's root as an absolute http(s) URI, e.g. https://direct.evolink.ai.");
    }
}
