/// The `[limits]` table of `playbooks.toml`: bounds on one run. `nil` means no limit.
///
/// A `.pb` run has a time and an instruction limit by default, so that a runaway loop written by
/// an LLM (`while True: pass`) ends with a clear error instead of holding a worker for ever:
/// ``defaultTimeoutSeconds`` of pure computation between two awaits (waiting for an LLM, a message
/// or an external function does not count) and ``defaultMaxInstructions`` over the whole execution
/// (a deterministic bound: a replay stops at the same instruction). Both are far above what agent
/// code needs (a playbook step typically runs thousands of instructions, so a busy agent running a
/// hundred thousand per turn still has a hundred thousand turns) and can be changed or lifted (`0`)
/// in `playbooks.toml`.
public struct LimitsConfiguration: Sendable, Equatable {
    /// The default `max_instructions`: ten billion bytecode instructions over an execution's life
    /// (a minute or more of pure computation in a release build).
    public static let defaultMaxInstructions = 10_000_000_000
    /// The default `timeout_seconds`: a minute of computation in one `run()` slice.
    public static let defaultTimeoutSeconds = 60.0

    /// Bytecode instructions the interpreter may run over the whole execution (`max_instructions`).
    public var maxInstructions: Int?
    /// Deepest Python call nesting (`recursion_limit`, default 1000, as in CPython).
    public var recursionLimit: Int
    /// Heap size limit in megabytes (`max_memory_mb`).
    public var maxMemoryMB: Int?
    /// Wall-clock limit for one `run()` slice, in seconds (`timeout_seconds`; an integer or a float).
    public var timeoutSeconds: Double?

    /// The largest `timeout_seconds` accepted (about 31 years).
    public static let maximumTimeoutSeconds: Double = 1_000_000_000

    public init(
        maxInstructions: Int? = defaultMaxInstructions, recursionLimit: Int = 1000, maxMemoryMB: Int? = nil,
        timeoutSeconds: Double? = defaultTimeoutSeconds
    ) {
        self.maxInstructions = maxInstructions
        self.recursionLimit = recursionLimit
        self.maxMemoryMB = maxMemoryMB
        self.timeoutSeconds = timeoutSeconds
    }
}
