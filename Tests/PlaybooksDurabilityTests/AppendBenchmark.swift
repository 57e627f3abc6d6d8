import Foundation
import Testing

@testable import PlaybooksDurability

/// Per-append cost of each store at each durability level. Hidden: run with
/// `PLAYBOOKS_BENCH=1 swift test --filter AppendBenchmark` (ideally `-c release`). Prints, asserts nothing.
@Suite("Append benchmark", .enabled(if: ProcessInfo.processInfo.environment["PLAYBOOKS_BENCH"] != nil))
struct AppendBenchmark {
    @Test(arguments: StoreConformance.everyStoreAndLevel)
    func appendCost(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        let id = try await makeExecution(store, "bench")
        let count = durability == .process ? 5000 : 300
        let records = makeRecords(1...count, size: 100)
        let clock = ContinuousClock()
        let elapsed = try await clock.measure {
            for record in records { try await store.append([record], to: id) }
        }
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
        print(
            "append \(kind) \(durability): \(String(format: "%.1f", micros / Double(count))) us per append (\(count) appends of 100 bytes)")
    }

    /// Latency of one append while `n` executions append at once (each awaits its own append, as an
    /// execution awaits its checkpoint), and the appends per second all of them reach together.
    @Test(arguments: StoreKind.allCases, DurabilityLevel.allCases)
    func concurrentAppendLatency(kind: StoreKind, durability: DurabilityLevel) async throws {
        let fixture = StoreFixture(kind: kind)
        defer { fixture.remove() }
        let store = try fixture.open(durability: durability)
        for executions in [1, 100] {
            var ids: [ExecutionID] = []
            for n in 0..<executions { ids.append(try await makeExecution(store, "bench-\(executions)-\(n)")) }
            let perExecution = executions == 1 ? (durability == .process ? 2000 : 300) : (durability == .process ? 40 : 20)
            let clock = ContinuousClock()
            let started = clock.now
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for id in ids {
                    group.addTask {
                        var times: [Duration] = []
                        for n in 1...perExecution {
                            let start = clock.now
                            try await store.append(makeRecords(n...n, size: 100), to: id)
                            times.append(clock.now - start)
                        }
                        return times
                    }
                }
                var all: [Duration] = []
                for try await times in group { all += times }
                return all.sorted()
            }
            let total = clock.now - started
            func ms(_ d: Duration) -> String {
                String(format: "%.2f", Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
            }
            let mean = latencies.reduce(Duration.zero, +) / latencies.count
            let rate = Double(latencies.count) / (Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18)
            print(
                "append \(kind) \(durability) x\(executions) concurrent: mean \(ms(mean)) ms, median \(ms(latencies[latencies.count / 2])) ms, "
                    + "p99 \(ms(latencies[latencies.count * 99 / 100])) ms, \(Int(rate)) appends/s (\(latencies.count) appends of 100 bytes)"
            )
        }
    }
}
