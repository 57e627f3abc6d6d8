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
        let model = llmOptions.modelName(configuration: configuration)
        var options = RunnerOptions(
            messages: message, llm: llm, llmModel: model,
            policy: SnapshotPolicy(everyRecords: settings.durability.snapshotEvery, keepLast: settings.durability.keepLastN),
            limits: settings.limits.vmLimits)
        options.llmBudget = settings.llm.budget
        options.agentLoop = settings.llm.agentLoop
        options.llmPrice = settings.llm.price(of: model ?? llm?.name)
        return options
    }
}
