import ArgumentParser
import PlaybooksLLM
import PlaybooksRuntime

/// `--message` and `--non-interactive`, shared by `run` and `resume`: what the agent is given when it waits.
struct MessageOptions: ParsableArguments {
    @Option(help: "A message for the agent's next WaitForMessage / Yield; repeat for several.")
    var message: [String] = []

    @Flag(help: "Never read messages from the terminal: save and exit when the agent waits.")
    var nonInteractive = false

    /// The runner options of a `run` or `resume`: these messages, the LLM, and the snapshot policy and limits of
    /// `configuration` (the defaults of `playbooks.toml` when there is none).
    func runnerOptions(llm: (any LLMProvider)?, llmOptions: LLMOptions, configuration: RunConfiguration?) -> RunnerOptions {
        let settings = configuration ?? RunConfiguration()
        return RunnerOptions(
            messages: message, llm: llm, llmModel: llmOptions.modelName(configuration: configuration),
            policy: SnapshotPolicy(everyRecords: settings.durability.snapshotEvery, keepLast: settings.durability.keepLastN),
            limits: settings.limits.vmLimits)
    }
}
