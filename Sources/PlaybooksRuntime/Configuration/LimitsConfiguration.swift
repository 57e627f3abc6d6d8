/// The `[limits]` table of `playbooks.toml`: bounds on one run. `nil` means no limit.
public struct LimitsConfiguration: Sendable, Equatable {
    /// Bytecode instructions the interpreter may run (`max_instructions`).
    public var maxInstructions: Int?
    /// Deepest Python call nesting (`recursion_limit`, default 1000, as in CPython).
    public var recursionLimit: Int
    /// Heap size limit in megabytes (`max_memory_mb`).
    public var maxMemoryMB: Int?
    /// Wall-clock limit for one `run()` slice, in seconds (`timeout_seconds`; an integer or a float).
    public var timeoutSeconds: Double?

    /// The largest `timeout_seconds` accepted (about 31 years).
    public static let maximumTimeoutSeconds: Double = 1_000_000_000

    public init(maxInstructions: Int? = nil, recursionLimit: Int = 1000, maxMemoryMB: Int? = nil, timeoutSeconds: Double? = nil) {
        self.maxInstructions = maxInstructions
        self.recursionLimit = recursionLimit
        self.maxMemoryMB = maxMemoryMB
        self.timeoutSeconds = timeoutSeconds
    }
}
