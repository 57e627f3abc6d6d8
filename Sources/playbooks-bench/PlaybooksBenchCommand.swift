import ArgumentParser

/// `playbooks-bench`: the benchmarks behind `Benchmarks/` (snapshot, stream, durability, workers, society), kept out of
/// the product's `playbooks` command line. Each measures through the public library API.
@main
struct PlaybooksBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks-bench",
        abstract: "Benchmarks of the Playbooks libraries (see Benchmarks/README.md).",
        subcommands: [
            BenchSnapshotCommand.self, BenchStreamCommand.self, BenchDurabilityCommand.self, BenchWorkersCommand.self,
            BenchSocietyCommand.self,
        ]
    )
}
