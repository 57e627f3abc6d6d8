import PlaybooksDurability
import PlaybooksLLM
import PlaybooksLanguage

/// How an execution runs in this process: the host functions it may call, the messages it is
/// given, its LLM, when it writes snapshots and the limits of its code. The same value serves
/// ``ExecutionRunner/start(program:store:id:options:)``, ``ExecutionRunner/resume(id:program:store:options:)``,
/// ``RecoveryCoordinator`` and ``Worker``.
///
/// ```swift
/// var options = RunnerOptions(llm: ScriptedProvider(replies: replies))
/// options.messages = ["Paris"]
/// let runner = try await ExecutionRunner.start(program: program, store: store, options: options)
/// ```
public struct RunnerOptions: Sendable {
    /// Swift functions the code may await by name.
    public var externals: [ExternalFunction]
    /// Answers for the code's `WaitForMessage` / `Yield`, in order.
    public var messages: [String]
    /// The LLM that runs Markdown playbooks, and the model to ask for.
    public var llm: (any LLMProvider)?
    public var llmModel: String?
    public var policy: SnapshotPolicy
    public var limits: Limits
    /// Bounds of Markdown playbooks' LLM loops (replies per call, replies without progress).
    public var agentLoop = AgentLoopSettings()
    /// Limits on the execution's LLM calls, tokens and cost, checked before each LLM call (none by default).
    public var llmBudget = LLMBudget()
    /// The price of ``llmModel``, for the cost in ``LLMUsageTotals`` and ``LLMBudget/maxCost``.
    public var llmPrice: LLMPrice?
    /// Crash points honoured by the runner (tests and crash sweeps; by default those of `PLAYBOOKS_FAILPOINT`).
    package var failpoints: Failpoints = .current

    public init(
        externals: [ExternalFunction] = [], messages: [String] = [], llm: (any LLMProvider)? = nil, llmModel: String? = nil,
        policy: SnapshotPolicy = SnapshotPolicy(), limits: Limits = .playbookDefaults
    ) {
        self.externals = externals
        self.messages = messages
        self.llm = llm
        self.llmModel = llmModel
        self.policy = policy
        self.limits = limits
    }

    /// These options with other failpoints (tests).
    package func with(failpoints: Failpoints) -> RunnerOptions {
        var copy = self
        copy.failpoints = failpoints
        return copy
    }
}
