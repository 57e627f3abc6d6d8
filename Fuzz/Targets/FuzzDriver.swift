@testable import PlaybooksLanguage

/// What every fuzz target shares: tight limits, and a driver that runs a VM the way a host
/// would (answering host calls) for a bounded number of steps.
enum FuzzDriver {
    static let limits = Limits(
        maxInstructions: 20_000, maxRecursionDepth: 100, maxMemoryBytes: 32_000_000, maxDuration: .seconds(1))

    /// Runs `vm`, answering each host call with `1`, for at most a few suspensions.
    static func exercise(_ vm: VirtualMachine) {
        vm.output = { _ in }
        for _ in 0..<8 {
            if vm.pendingCall != nil { vm.resume(returning: .int(1)) }
            switch vm.run() {
            case .suspended, .awaitPoint: continue
            case .finished, .failed: return
            }
        }
    }
}
