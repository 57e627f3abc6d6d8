import ArgumentParser

/// The `playbooks` command line.
@main
struct PlaybooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks",
        abstract: "Run agent programs durably: a checkpoint at every await, resume after any crash.",
        subcommands: [
            RunCommand.self, ResumeCommand.self, SubmitCommand.self, WorkerCommand.self, ExecutionsCommand.self, CheckpointsCommand.self,
            ExecCommand.self,
            BenchSnapshotCommand.self, BenchStreamCommand.self, BenchDurabilityCommand.self, BenchWorkersCommand.self,
        ]
    )
}
