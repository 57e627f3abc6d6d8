import Foundation
import PlaybooksDurability

extension ExecutionRunner {
    /// Starts a new execution from checkpoint `sequence` of `id` — time travel: resume the copy
    /// (for example with another model) and the original stays as it was.
    ///
    /// The copy gets the original's journal up to `sequence` and its snapshots up to there; it is
    /// `running`, so ``resume(id:program:store:options:)``
    /// continues it from that checkpoint.
    ///
    /// ```swift
    /// let copy = try await ExecutionRunner.fork(id, from: 7, store: store)
    /// let runner = try await ExecutionRunner.resume(
    ///     id: copy, program: program, store: store, options: RunnerOptions(llm: otherModel))
    /// ```
    public static func fork(
        _ id: ExecutionID, from sequence: Int, store: any CheckpointStore, newID: ExecutionID? = nil
    ) async throws(ExecutionError) -> ExecutionID {
        guard let original = try await ExecutionJournal.wrap({ () async throws(StoreError) in try await store.loadExecution(id) }) else {
            throw .store(.executionNotFound(id))
        }
        let read = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.readJournal(id, from: 1) }
        let records = read.records.filter { $0.sequence <= sequence }
        guard let last = records.last, last.sequence == sequence else {
            throw .damaged(id, "there is no checkpoint \(sequence) to fork from (the journal has \(read.records.last?.sequence ?? 0))")
        }
        guard records.first?.sequence == 1 else {
            throw .damaged(
                id,
                "records before \(records.first?.sequence ?? 0) were pruned: a fork needs the whole history up to checkpoint \(sequence)")
        }
        let copyID = newID ?? ExecutionID.generate()
        var info = ExecutionInfo(
            id: copyID, programPath: original.programPath, programHash: original.programHash, status: .running,
            attributes: original.attributes)
        info.attributes["result"] = nil
        info.attributes["error"] = nil
        info.attributes["waiting_for"] = nil
        info.attributes["forked_from"] = "\(id)@\(sequence)"
        // The copy keeps the messages its code had taken by checkpoint `sequence`; those the
        // original took later, or was still to take, are not the copy's.
        let taken = records.reduce(0) { count, record in
            guard let r = try? AwaitRecord(record: record), r.kind == .completed, case .value(let value) = r.outcome else {
                return count
            }
            if r.call == HostBuiltin.waitForMessage.rawValue || r.call == HostBuiltin.yield.rawValue { return count + 1 }
            // A society's wait: `["message", text, "user", ...]` took one of the user's messages.
            if r.call == HostBuiltin.wait.rawValue, case .list(let got) = value, got.count >= 3, got[0] == .str("message"),
                got[2] == .str("user")
            {
                return count + 1
            }
            return count
        }
        let given = messagesGiven(original)
        info.attributes[messagesAttribute] = given.isEmpty ? nil : encodeMessages(Array(given.prefix(taken)))
        let copy = info
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.createExecution(copy) }
        try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.append(records, to: copyID) }
        let snapshots = try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.snapshotSequences(id) }
        for s in snapshots where s <= sequence {
            if let snapshot = try await ExecutionJournal.wrap({ () async throws(StoreError) in
                try await store.latestSnapshot(id, atOrBefore: s)
            }),
                snapshot.sequence == s
            {
                try await ExecutionJournal.wrap { () async throws(StoreError) in try await store.writeSnapshot(snapshot, for: copyID) }
            }
        }
        return copyID
    }
}
