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
}
