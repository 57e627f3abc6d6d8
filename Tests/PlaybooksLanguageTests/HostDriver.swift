import PlaybooksLanguage
import Testing

/// How the host answers one ``HostCall``.
enum HostAnswer {
    case value(Value)
    case error(PyException)
}

/// The host functions used by the host-call, snapshot and property tests. The Python twin that
/// produced the expected outputs (run with CPython 3.11 using top-level await) is:
///
/// ```python
/// async def fetch(x, *rest, **kw):
///     if isinstance(x, int):
///         if x < 0:
///             raise ValueError(f"negative: {x}")
///         return x * 10
///     return x.upper()
///
/// __ticks = [0]
/// async def tick():
///     __ticks[0] += 1
///     return __ticks[0]
///
/// async def get_list(n):
///     return list(range(n))
/// ```
final class StandardHost {
    static let names = ["fetch", "tick", "get_list"]
    private(set) var ticks = 0

    func answer(_ call: HostCall) -> HostAnswer {
        switch call.name {
        case "fetch":
            switch call.arguments.first {
            case .int(let n)?:
                if n < 0 { return .error(PyException(Types.valueError, "negative: \(n)")) }
                return .value(.int(n * 10))
            case .str(let s)?:
                return .value(.str(s.uppercased()))
            default:
                return .error(PyException(Types.typeError, "fetch: unexpected argument"))
            }
        case "tick":
            ticks += 1
            return .value(.int(ticks))
        case "get_list":
            guard case .int(let n)? = call.arguments.first else {
                return .error(PyException(Types.typeError, "get_list: expected an int"))
            }
            return .value(.makeList((0..<n).map { .int($0) }))
        default:
            return .error(PyException(Types.nameError, "name '\(call.name)' is not defined"))
        }
    }
}

/// Collects what `print` writes; survives replacing the VM.
final class OutputBox {
    var text = ""
    func write(_ s: String) { text += s }
}

/// What one driven run produced.
struct DrivenRun {
    var output: String
    /// "finished" or "failed TypeName: message".
    var outcome: String
    /// Every host call as the VM that was answered saw it (`fetch(1, k=2)`).
    var calls: [String]
    /// How many times the VM was encoded and replaced by a decoded copy.
    var snapshots: Int
    /// The VM that ran last (after snapshots, the last decoded one).
    var vm: VirtualMachine
}

/// A short description of a value, enough to compare host-call arguments.
func describe(_ v: Value) -> String {
    switch v {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let d): return String(d)
    case .str(let s): return "'\(s)'"
    case .tuple(let items): return "(" + items.map(describe).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .list(let l): return "[" + l.items.map(describe).joined(separator: ", ") + "]"
    case .dict(let d): return "{" + d.pairs.map { describe($0.key) + ": " + describe($0.value) }.joined(separator: ", ") + "}"
    default: return "<\(v.typeName)>"
    }
}

func describe(_ call: HostCall) -> String {
    let parts = call.arguments.map(describe) + call.keywordArguments.map { "\($0.name)=\(describe($0.value))" }
    return "\(call.name)(\(parts.joined(separator: ", ")))"
}

func describe(_ e: PyException) -> String {
    if case .str(let m)? = e.object.args.first { return "failed \(e.object.type.name): \(m)" }
    return "failed \(e.object.type.name)"
}

struct DriverError: Error, CustomStringConvertible {
    var description: String
}

/// Loads and runs `source`, answering host calls with `host` until the run ends.
///
/// With `viaSnapshot`, at every suspension (and at every await point when `stopsAtEveryAwait`)
/// the VM is encoded, thrown away, and the run continues in a VM decoded from the bytes; the
/// host call is answered from the decoded VM's ``VirtualMachine/pendingCall``.
func drive(
    _ source: String, viaSnapshot: Bool, stopsAtEveryAwait: Bool = false, limits: Limits = Limits(),
    hostNames: [String] = StandardHost.names, host: StandardHost = StandardHost(), maxSteps: Int = 100_000
) throws -> DrivenRun {
    let out = OutputBox()
    var vm = VirtualMachine(limits: limits)
    for name in hostNames { vm.registerHostFunction(name) }
    vm.output = out.write
    vm.stopsAtEveryAwait = stopsAtEveryAwait
    try vm.load(source: source)
    var calls: [String] = []
    var snapshots = 0

    func replaceVM() throws {
        let bytes = vm.encodeSnapshot()
        snapshots += 1
        let fresh = try VirtualMachine(snapshot: bytes, limits: limits)
        fresh.output = out.write
        fresh.stopsAtEveryAwait = stopsAtEveryAwait
        vm = fresh
    }

    for _ in 0..<maxSteps {
        switch vm.run() {
        case .finished:
            return DrivenRun(output: out.text, outcome: "finished", calls: calls, snapshots: snapshots, vm: vm)
        case .failed(let e):
            return DrivenRun(output: out.text, outcome: describe(e), calls: calls, snapshots: snapshots, vm: vm)
        case .awaitPoint:
            if viaSnapshot { try replaceVM() }
        case .suspended(let original):
            var call = original
            if viaSnapshot {
                try replaceVM()
                guard let decoded = vm.pendingCall else {
                    throw DriverError(description: "the decoded VM lost the pending call \(describe(original))")
                }
                guard describe(decoded) == describe(original) else {
                    throw DriverError(description: "pending call changed: \(describe(original)) became \(describe(decoded))")
                }
                call = decoded
            }
            calls.append(describe(call))
            switch host.answer(call) {
            case .value(let v): vm.resume(returning: v)
            case .error(let e): vm.resume(throwing: e)
            }
        }
    }
    throw DriverError(description: "the run did not end within \(maxSteps) steps")
}

/// Drives `source` on one VM and again through a snapshot at every suspension, checks both
/// print `expected` and end the same way, and returns both runs.
@discardableResult
func expectSameBothWays(
    _ source: String, expected: String, outcome: String = "finished", minimumSuspensions: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> (direct: DrivenRun, resumed: DrivenRun) {
    let direct = try drive(source, viaSnapshot: false)
    let resumed = try drive(source, viaSnapshot: true)
    #expect(direct.output == expected, "output of the uninterrupted run", sourceLocation: sourceLocation)
    #expect(resumed.output == expected, "output of the run resumed from snapshots", sourceLocation: sourceLocation)
    #expect(direct.outcome == outcome, sourceLocation: sourceLocation)
    #expect(resumed.outcome == outcome, sourceLocation: sourceLocation)
    #expect(direct.calls == resumed.calls, sourceLocation: sourceLocation)
    #expect(direct.calls.count >= minimumSuspensions, "expected at least \(minimumSuspensions) suspensions", sourceLocation: sourceLocation)
    #expect(resumed.snapshots == resumed.calls.count, sourceLocation: sourceLocation)
    return (direct, resumed)
}
