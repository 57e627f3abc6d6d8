import ArgumentParser

/// The `playbooks` command line.
@main
struct PlaybooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks",
        abstract: "Run Python-subset agent code with durable, resumable state.",
        subcommands: [ExecCommand.self, BenchSnapshotCommand.self, BenchStreamCommand.self]
    )
}
