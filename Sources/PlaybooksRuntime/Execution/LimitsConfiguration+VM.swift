import PlaybooksLanguage

extension LimitsConfiguration {
    /// The interpreter limits these settings describe.
    public var vmLimits: Limits {
        Limits(
            maxInstructions: maxInstructions, maxRecursionDepth: recursionLimit,
            maxMemoryBytes: maxMemoryMB.map { $0 * 1024 * 1024 },
            maxDuration: timeoutSeconds.map { .milliseconds(Int64($0 * 1000)) })
    }
}
