import Foundation
import Testing

@testable import PlaybooksDurability

/// Concurrent appends of many executions share SQLite transactions.
@Suite("Group commit")
struct GroupCommitTests {
    @Test func concurrentAppendsShareTransactions() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteCheckpointStore(path: "\(dir.path)/state.db", durability: .machine, failpoints: Failpoints())
        var ids: [ExecutionID] = []
        for n in 0..<100 { ids.append(try await makeExecution(store, "group-\(n)")) }

        let before = store.transactionCount
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { try await store.append(makeRecords(1...2), to: id) } }
            try await group.waitForAll()
        }
        let transactions = store.transactionCount - before
        #expect(transactions >= 1)
        #expect(transactions < 50, "100 appends took \(transactions) transactions")
        for id in ids { #expect(try await store.readJournal(id, from: 1).records == makeRecords(1...2)) }
    }

    @Test func aConflictingAppendFailsAloneInItsBatch() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try SQLiteCheckpointStore(path: "\(dir.path)/state.db", durability: .machine, failpoints: Failpoints())
        var ids: [ExecutionID] = []
        for n in 0..<40 { ids.append(try await makeExecution(store, "mixed-\(n)")) }
        let (finished, failures) = await withTaskGroup(of: (Int, StoreError?).self) { group in
            for (n, id) in ids.enumerated() {
                group.addTask {
                    // Every fourth append skips a sequence.
                    let records = n % 4 == 0 ? makeRecords(2...2) : makeRecords(1...1)
                    do {
                        try await store.append(records, to: id)
                        return (n, nil)
                    } catch { return (n, error as? StoreError ?? .unavailable("unexpected \(error)")) }
                }
            }
            var all: [Int: StoreError] = [:]
            var finished = 0
            for await (n, error) in group {
                finished += 1
                if let error { all[n] = error }
            }
            return (finished, all)
        }
        #expect(finished == ids.count)
        #expect(failures.count == ids.count / 4)
        for (n, id) in ids.enumerated() {
            if n % 4 == 0 {
                #expect(failures[n] == .sequenceConflict(id, expected: 1, got: 2))
                #expect(try await store.lastSequence(id) == 0)
            } else {
                #expect(failures[n] == nil)
                #expect(try await store.lastSequence(id) == 1)
            }
        }
    }
}
