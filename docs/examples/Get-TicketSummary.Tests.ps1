# Tests Get-TicketSummary.ps1 offline and the same way every time: the gateway's answers were recorded once
# (with a key: $env:EVOLINK_REPLAY_MODE = 'Record') into Get-TicketSummary.answers.jsonl, and are replayed here
# with no key and no network. A request the recording does not have fails the test, showing how it differs.
BeforeAll {
    $env:EVOLINK_REPLAY = Join-Path $PSScriptRoot 'Get-TicketSummary.answers.jsonl'
    $env:EVOLINK_REPLAY_MODE = 'Replay'
    Set-Content TestDrive:/tickets.txt 'VPN drops every hour since Monday', '', 'Printer on floor 2 jams on every duplex job'
}

AfterAll {
    Remove-Item Env:EVOLINK_REPLAY, Env:EVOLINK_REPLAY_MODE -ErrorAction Ignore
}

Describe 'Get-TicketSummary' {
    It 'gives one summary per ticket, in order, skipping blank lines' {
        $summaries = @(& (Join-Path $PSScriptRoot 'Get-TicketSummary.ps1') -Path TestDrive:/tickets.txt)

        $summaries.Count | Should -Be 2
        $summaries[0] | Should -Match 'VPN'
        $summaries[1] | Should -Match 'Printer'
    }
}
