import Foundation
import Testing

/// The LLM examples of `Examples/` run by the real `playbooks` executable, with their scripted
/// replies: copied into a temporary directory so the runs never touch the repository.
enum LLMExample {
    /// `Examples/NAME` in this repository.
    static func source(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples").appendingPathComponent(name)
    }

    /// Copies the example's files (not its `.playbooks` store) into `directory`; returns the path of `program`.
    static func copy(_ name: String, program: String, into directory: URL) throws -> String {
        let from = source(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: from.path) where !file.hasPrefix(".") {
            try FileManager.default.copyItem(at: from.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let path = directory.appendingPathComponent(program).path
        #expect(FileManager.default.fileExists(atPath: path), "\(name) has no \(program)")
        return path
    }

    /// The callIndex of every LLM request the runs logged with `--llm-request-log path` (empty if none).
    static func requests(_ path: URL) -> [Int] {
        guard let text = try? String(contentsOf: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// One row of `checkpoints list ID --json`.
struct CheckpointRow: Equatable, CustomStringConvertible {
    var counter: Int
    var call: String
    var result: String

    var description: String { "\(counter) \(call) -> \(result)" }

    static func list(_ id: String, store: String, in directory: URL) throws -> (rows: [CheckpointRow], raw: String) {
        let list = try CLI.run(["checkpoints", "list", id, "--store", store, "--json", "--all"], in: directory)
        #expect(list.status == 0 && list.exited, "checkpoints list \(id): \(list)")
        let array = try #require(try CLI.json(list) as? [NSDictionary], "checkpoints list --json printed no array: \(list)")
        let rows = array.map {
            CheckpointRow(
                counter: ($0["counter"] as? Int) ?? -1, call: ($0["call"] as? String) ?? "", result: ($0["result"] as? String) ?? "")
        }
        return (rows, list.stdout)
    }
}

/// Where each LLM call of an execution lies in its journal: from its `__PBStart__` record to the
/// `__PBNext__` record whose result is `None` (the response ran to its end), or — when a statement
/// failed or the playbook returned before the end — to the last `__PBNext__` before the next call.
/// (For programs whose LLM playbooks do not call each other, like the seed: a nested call's records
/// would cut its caller's span short.)
struct LLMCallSpan: Equatable, CustomStringConvertible {
    var index: Int
    var start: Int
    var end: Int

    var description: String { "call \(index): records \(start)...\(end)" }

    static func spans(_ rows: [CheckpointRow]) -> [LLMCallSpan] {
        var spans: [LLMCallSpan] = []
        for (position, row) in rows.enumerated() where row.call == "__PBStart__" {
            var end = row.counter
            for later in rows[(position + 1)...] {
                if later.call == "__PBStart__" { break }
                if later.call == "__PBNext__" {
                    end = later.counter
                    if later.result == "None" || later.result.hasPrefix("{'usage'") { break }  // the reply's end
                }
            }
            spans.append(LLMCallSpan(index: spans.count, start: row.counter, end: end))
        }
        return spans
    }
}

/// The crash points of `PLAYBOOKS_FAILPOINT` and what stays durable.
enum CrashPoint: String, CaseIterable {
    case crashBefore = "crash-before-checkpoint"
    case crashAfter = "crash-after-checkpoint"
    case tornWrite = "torn-write"

    /// The last record that survives a crash at checkpoint `n`.
    func durable(_ n: Int) -> Int { self == .crashAfter ? n : n - 1 }

    /// The LLM call whose response was in flight when the process died at checkpoint `n`: its
    /// request had been sent (the request is made while its `__PBStart__` record is being written)
    /// and the record of the response's end was not durable yet. Only that call may be requested again.
    func callInFlight(_ n: Int, spans: [LLMCallSpan]) -> Int? {
        spans.first { n >= $0.start && durable(n) < $0.end }?.index
    }
}
