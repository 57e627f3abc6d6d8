/// How much a committed record survives.
public enum DurabilityLevel: String, Sendable, Codable, CaseIterable {
    /// Survives the process being killed (kill -9, OOM): written to the OS, no fsync.
    case process
    /// Survives power loss and the machine going down: fsync on every commit. Commits of concurrent
    /// executions in one process are grouped into one fsync.
    case machine
}
