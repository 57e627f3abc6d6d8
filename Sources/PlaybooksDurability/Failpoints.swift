import Foundation

/// Crash points for testing recovery, read from `PLAYBOOKS_FAILPOINT` and off unless set.
///
/// The variable holds one or more comma-separated `name:N` entries:
/// - `crash-before-checkpoint:N`: the await's work is done, record N is not yet written;
/// - `crash-after-checkpoint:N`: record N is durable, the execution has not moved on;
/// - `torn-write:N`: half of record N's bytes reach the store.
///
/// At the point named, the process kills itself with SIGKILL, as a crash would: no cleanup,
/// no flush, no `defer`.
///
/// ```
/// PLAYBOOKS_FAILPOINT=crash-after-checkpoint:7 playbooks run Examples/seed_scenario.pb
/// ```
public struct Failpoints: Sendable, Equatable {
    public enum Point: String, Sendable, CaseIterable {
        case crashBeforeCheckpoint = "crash-before-checkpoint"
        case crashAfterCheckpoint = "crash-after-checkpoint"
        case tornWrite = "torn-write"
    }

    public private(set) var entries: [Point: Set<Int>] = [:]

    public init(entries: [Point: Set<Int>] = [:]) { self.entries = entries }

    /// Parses the variable's text; throws a message naming the bad entry.
    public init(parsing text: String) throws(FailpointError) {
        for raw in text.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let point = Point(rawValue: parts[0]), let n = Int(parts[1]), n >= 1 else {
                throw FailpointError(
                    entry: item,
                    message:
                        "expected NAME:N with N >= 1 and NAME one of \(Point.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            entries[point, default: []].insert(n)
        }
    }

    /// The failpoints of this process, from its environment (none when the variable is unset or empty).
    /// An invalid value is reported on stderr once and ignored, so a typo never crashes a real run.
    public static let current: Failpoints = {
        guard let text = ProcessInfo.processInfo.environment["PLAYBOOKS_FAILPOINT"], !text.isEmpty else {
            return Failpoints()
        }
        do { return try Failpoints(parsing: text) } catch {
            FileHandle.standardError.write(Data("playbooks: ignoring PLAYBOOKS_FAILPOINT: \(error)\n".utf8))
            return Failpoints()
        }
    }()

    public var isEmpty: Bool { entries.isEmpty }

    public func isSet(_ point: Point, at sequence: Int) -> Bool {
        entries[point]?.contains(sequence) ?? false
    }

    /// Kills the process with SIGKILL if `point` is set for `sequence`.
    public func crashIfSet(_ point: Point, at sequence: Int) {
        if isSet(point, at: sequence) { Failpoints.crashNow() }
    }

    /// Kills this process with SIGKILL.
    public static func crashNow() -> Never {
        kill(getpid(), SIGKILL)
        // SIGKILL cannot be caught; if delivery is somehow delayed, do not run on.
        while true { pause() }
    }
}

public struct FailpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var entry: String
    public var message: String
    public var description: String { "bad failpoint '\(entry)': \(message)" }
}
