using System;
using System.IO;

namespace Evolink.Module.Tests;

/// <summary>
/// What the documented examples take for granted: the files they read, the
/// vault secrets they name, the variables of earlier steps, the MCP server
/// they call files (registered, never started), a generation task, and a user who
/// answers the key prompt and says yes when asked.
/// </summary>
public static class ExampleWorld
{
    // A 1x1 PNG: enough for the MIME sniffing that turns a file into a data: URI.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static void Prepare(ModuleEnvironment env, Shell shell)
    {
        env.WriteFile("notes.txt", "their going to the meeting tomorow\n");
        env.WriteFile("prompts.txt", "What is DNS?\nWhat is DHCP?\nWhat is NTP?\n");
        env.WriteFile("tickets.txt", "VPN drops every hour\nPrinter on floor 2 jams\nNew starter needs a laptop\n");
        // The echo model answers with the prompt, so a JSON diff gives a reply that meets the review schema.
        env.WriteFile("tickets.csv", "Title,Body\nVPN drops,The network VPN drops every hour\nFan noise,Laptop hardware fan is loud\n");
        env.WriteFile("events.csv", "Id,ProviderName,Message\n7036,Service Control Manager,The Print Spooler service entered the stopped state.\n41,Kernel-Power,The system has rebooted without cleanly shutting down first.\n");
        env.WriteFile("changed.txt", "docs/README.md\nsrc/Evolink/Enrichment/AddEvolinkPropertyCommand.cs\ntests/Acceptance/Runs.Tests.ps1\n");
        env.WriteFile("services.csv", "Name,DisplayName\nSpooler,Print Spooler\nW32Time,Windows Time\n");
        env.WriteFile("diff.txt", """{ "verdict": "pass", "reasons": ["small, tested change"] }""");
        foreach (var image in new[] { "error.png", "before.png", "after.png", "shot.png" })
            File.WriteAllBytes(Path.Combine(env.WorkFolder, image), Png);
        var key = Quote(env.Key);
        shell.Run($$"""
            $k = ConvertTo-SecureString {{key}} -AsPlainText -Force
            foreach ($s in @('SecretStore/Evolink', 'Work/EvolinkTest', 'Work/EvolinkProd')) {
                $vault, $name = $s -split '/'
                Microsoft.PowerShell.SecretManagement\Set-Secret -Name $name -Vault $vault -SecureStringSecret $k
            }
            $global:SecretCalls = @()
            Invoke-EvolinkChat 'Plan a migration' | Export-EvolinkConversation ./chat.json
            Invoke-EvolinkChat 'Plan a migration from Exchange to Graph' | Export-EvolinkConversation ./migration.json
            Invoke-EvolinkChat 'first saved chat' | Export-EvolinkConversation ./chats/one.json
            Invoke-EvolinkChat 'second saved chat' | Export-EvolinkConversation ./chats/two.json
            $global:review = Invoke-EvolinkChat 'Review this diff'
            $env:BUILD_ARTIFACTSTAGINGDIRECTORY = $PWD.Path
            $null = New-Item -ItemType Directory ./journals
            Get-Content ./tickets.txt | Invoke-EvolinkChat -Shard 1/2 -Journal ./journals/1.jsonl | Out-Null
            Get-Content ./tickets.txt | Invoke-EvolinkChat -Shard 2/2 -Journal ./journals/2.jsonl | Out-Null
            Register-EvolinkMcpServer files npx -ArgumentList '-y', '@modelcontextprotocol/server-filesystem', $HOME -Force
            # The fake gateway's tasks finish in a few reads: read them quickly, as a fast real task would be.
            $global:PSDefaultParameterValues['*-Evolink*:PollIntervalSec'] = 0.05
            $global:task = New-EvolinkImage 'A compass rose' -NoWait
            """).Succeeded();
        // The user the examples assume: types the key when asked for it, and says yes when asked to confirm.
        shell.UI.Responder = prompt => prompt.Kind == "Choice" ? "Y" : env.Key;
    }

    /// <summary>The example as written, with the placeholder key 'sk-…' standing for the user's own: the fake's.</summary>
    public static string Adapt(string script, ModuleEnvironment env) => script.Replace("'sk-…'", Quote(env.Key));

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
