import Foundation
import Logging

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

    /// The failpoints in `environment`'s `PLAYBOOKS_FAILPOINT` (none when it is unset or empty).
    /// Throws for an invalid value: a program that honours failpoints checks this at start and
    /// refuses to run with a typo in them.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(FailpointError) -> Failpoints {
        guard let text = environment["PLAYBOOKS_FAILPOINT"], !text.isEmpty else { return Failpoints() }
        return try Failpoints(parsing: text)
    }

    /// The failpoints of this process, from its environment (none when the variable is unset or
    /// empty), read once. An invalid value is logged (`playbooks.failpoints`) and means none: check
    /// it first with ``fromEnvironment(_:)``, as the `playbooks` command does.
    public static let current: Failpoints = {
        do { return try fromEnvironment() } catch {
            Logger(label: "playbooks.failpoints").error("ignoring PLAYBOOKS_FAILPOINT: \(error)")
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
