import ArgumentParser
import PlaybooksDurability

/// The `playbooks` command line.
@main
struct PlaybooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks",
        abstract: "Run agent programs durably: a checkpoint at every await, resume after any crash.",
        version: PlaybooksVersion.current,
        subcommands: [
            RunCommand.self, ResumeCommand.self, SubmitCommand.self, WorkerCommand.self, ExecutionsCommand.self, CheckpointsCommand.self,
            ExecCommand.self, CheckCommand.self,
        ]
    )

    /// Starts the command line. The bare `playbooks exec FILE` — how benchmarks and scripts run
    /// Python — skips the argument parser: its reflection over the command tree and the
    /// options' types costs ~15M instructions (a few milliseconds) of start-up, more than a
    /// small script takes to run.
    static func main() async {
        // A typo in the failpoints of a recovery test must not run the test without them.
        do { _ = try Failpoints.fromEnvironment() } catch {
            exit(withError: fail("invalid PLAYBOOKS_FAILPOINT: \(error)", status: ExitStatus.usage))
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == ExecCommand.configuration.commandName, !arguments[1].hasPrefix("-") {
            do {
                try ExecCommand.run(arguments[1])
            } catch {
                exit(withError: error)
            }
            return
        }
        await main(nil)
    }
}
