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

extension Limits {
    /// The limits of a `.pb` run without a `[limits]` table: ``LimitsConfiguration``'s defaults
    /// (a time and an instruction limit).
    public static var playbookDefaults: Limits { LimitsConfiguration().vmLimits }
}
