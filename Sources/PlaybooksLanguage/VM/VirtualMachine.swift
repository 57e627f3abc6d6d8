/// Limits that end a run with a clear error instead of letting it run away.
public struct Limits: Sendable, Equatable {
    /// Executed instructions before `ResourceLimitError`; `nil` for no limit. Long built-ins
    /// charge their work to the same count (about one unit per instruction's worth of work).
    public var maxInstructions: Int?
    /// Python frames before `RecursionError` (CPython's default is 1000); at most
    /// ``maxSupportedRecursionDepth`` take effect. Calls of Python code from built-ins (`__repr__`,
    /// key functions, ...) also end with `RecursionError` when the machine stack runs low.
    public var maxRecursionDepth: Int
    /// Approximate bytes held by containers before `MemoryError`; `nil` for no limit.
    public var maxMemoryBytes: Int?
    /// Wall time of one ``VirtualMachine/run()`` call before `ResourceLimitError`; `nil` for none.
    public var maxDuration: Duration?

    /// The deepest Python call nesting the VM supports (each frame is a heap object; past this
    /// depth a runaway recursion would exhaust the machine's memory before the limit stops it).
    /// A larger ``maxRecursionDepth`` acts as this value.
    public static let maxSupportedRecursionDepth = 1_000_000

    public init(
        maxInstructions: Int? = nil, maxRecursionDepth: Int = 1000, maxMemoryBytes: Int? = nil,
        maxDuration: Duration? = nil
    ) {
        self.maxInstructions = maxInstructions
        self.maxRecursionDepth = maxRecursionDepth
        self.maxMemoryBytes = maxMemoryBytes
        self.maxDuration = maxDuration
    }
}

/// How a call to ``VirtualMachine/run()`` ended.
public enum RunResult {
    /// The code finished; the value is what the outermost frame returned.
    case finished(Value)
    /// An exception escaped the code.
    case failed(PyException)
    /// The code awaits a host function. Answer with ``VirtualMachine/resume(returning:)`` or
    /// ``VirtualMachine/resume(throwing:)``, then call ``VirtualMachine/run()`` again.
    case suspended(HostCall)
    /// With ``VirtualMachine/stopsAtEveryAwait`` set: the code is about to await. Call `run()` to go on.
    case awaitPoint
}

/// The interpreter: a synchronous, sans-I/O virtual machine whose whole state is data.
///
/// ```swift
/// let vm = VirtualMachine()
/// vm.registerHostFunction("fetch")
/// try vm.load(source: "x = await fetch('a')\nprint(x)")
/// if case .suspended(let call) = vm.run() {   // call.name == "fetch"
///     vm.resume(returning: .str("data"))
///     _ = vm.run()                             // prints "data"
/// }
/// ```
public final class VirtualMachine {
    @exclusivity(unchecked) public private(set) var globals: Namespace
    /// The agent's `$name` state variables.
    @exclusivity(unchecked) public private(set) var stateVariables: DictObject
    @exclusivity(unchecked) public var limits: Limits
    /// Where `print` writes. Not part of the saved state: set it again after decoding.
    public var output: (String) -> Void = { _ in }
    /// Stop with ``RunResult/awaitPoint`` before every `await` (for checkpoint testing).
    public var stopsAtEveryAwait = false
    /// A statement the host already parsed and is about to hand to the statement runner (see
    /// ``offerParsedStatement(_:)``). Not part of the saved state.
    var offeredStatement: StatementQueue.Item?
    /// Functions that code run by the statement runner (an LLM's code) must await: a call of one
    /// of them without `await` is refused with a `RuntimeError` naming it, before the statement
    /// runs (the call would do nothing). Set by the host; not part of snapshots.
    public var namesToAwait: Set<String> = []

    /// The call stack, innermost last. A constant reference (its contents change), so that the
    /// dispatch loop reaches it without retaining it.
    let frames = FrameStack()
    @exclusivity(unchecked) var pendingHostCall: HostCall?
    @exclusivity(unchecked) var passAwaitPoint = false
    /// Levels of Swift recursion over nested data in progress (repr, comparison, JSON encoding):
    /// counted with the Python frames against the recursion limit, as CPython counts its C
    /// recursion. Zero between instructions, so not part of a snapshot.
    @exclusivity(unchecked) var nativeDepth = 0
    @exclusivity(unchecked) var modules: [String: ModuleObject] = [:]
    @exclusivity(unchecked) var hostFunctionNames: [String] = []
    @exclusivity(unchecked) var instructionCount = 0
    @exclusivity(unchecked) var lastLimitCheck = 0
    /// Changes whenever a class attribute is assigned (invalidates per-class caches).
    @exclusivity(unchecked) var classEpoch = 0
    /// Whether an instance's own attribute may share its name with a property of its class,
    /// which then takes precedence (CPython's data descriptors): set once a property is assigned
    /// to an existing class or an instance's `__dict__` is handed out, and for a VM restored
    /// from a snapshot holding properties. Until then attribute reads use an instance's own
    /// attribute without looking at its class: properties defined in the class body are set
    /// through their setters and never stored in an instance's dict.
    @exclusivity(unchecked) var propertiesMayBeShadowed = false
    @exclusivity(unchecked) var lastMemoryCheck = 0
    @exclusivity(unchecked) var memoryCheckInterval = 4096
    @exclusivity(unchecked) var deadline: ContinuousClock.Instant?
    /// Depth of Swift-driven nested runs (builtins calling Python functions).
    @exclusivity(unchecked) var nestedRuns = 0
    /// Keeps nested runs from overflowing the machine stack.
    @exclusivity(unchecked) var reprGuard: Set<ObjectIdentifier> = []
    /// Reused argument buffer for calls of built-ins (never part of the saved state).
    @exclusivity(unchecked) var argumentScratch: [Value] = []
    /// Finished frames kept for reuse (never part of the saved state).
    let framePool = FrameStack()
    /// Compiled regular expressions by flags and pattern (not part of the saved state).
    @exclusivity(unchecked) var regexCache: [String: CompiledRegex] = [:]
    /// The last int and float format specs parsed (not part of the saved state): parsing `.2f` of
    /// `f"{x:.2f}"` again for every value was a measurable share of f-string-heavy code.
    @exclusivity(unchecked) var intSpecs = FormatSpecCache()
    @exclusivity(unchecked) var floatSpecs = FormatSpecCache()

    public init(limits: Limits = Limits(), globals: Namespace = Namespace(), stateVariables: DictObject = DictObject()) {
        self.limits = limits
        self.globals = globals
        self.stateVariables = stateVariables
    }

    func adopt(globals: Namespace, stateVariables: DictObject) {
        self.globals = globals
        self.stateVariables = stateVariables
    }

    /// Makes `name` callable from Python; awaiting the call suspends the VM with a ``HostCall``.
    public func registerHostFunction(_ name: String) {
        if !hostFunctionNames.contains(name) { hostFunctionNames.append(name) }
        globals[name] = .builtin(BuiltinFunction.host(name))
    }

    /// Compiles `source` as a module and prepares to run it in ``globals``.
    public func load(source: String, filename: String = "<string>") throws(SyntaxError) {
        let code = try Compiler.compile(source: source, filename: filename, namespace: globals)
        start(code)
    }

    /// Prepares to run an already compiled module-level code object.
    public func start(_ code: CodeObject) {
        let frame = Frame(code: code, globals: globals, locals: Array(repeating: nil, count: code.localNames.count), cells: [])
        frames.replaceAll(with: [frame])
        pendingHostCall = nil
    }

    /// Whether a run is in progress (started and not finished or failed).
    public var isActive: Bool { !frames.isEmpty }

    /// The host call the VM is waiting on, if any.
    public var pendingCall: HostCall? { pendingHostCall }

    /// Answers the pending host call with a value.
    public func resume(returning value: Value) {
        guard pendingHostCall != nil, let top = frames.last else { return }
        pendingHostCall = nil
        top.push(value)
    }

    /// Answers the pending host call with an exception, raised at the `await`.
    public func resume(throwing error: PyException) {
        guard pendingHostCall != nil else { return }
        pendingHostCall = nil
        pendingException = error
    }

    @exclusivity(unchecked) var pendingException: PyException?

    /// Runs until the code finishes, fails, or suspends.
    public func run() -> RunResult {
        if let d = limits.maxDuration { deadline = ContinuousClock.now.advanced(by: d) } else { deadline = nil }
        if pendingHostCall != nil {
            return .failed(
                PyException(Types.runtimeError, "the VM is waiting for host call '\(pendingHostCall?.name ?? "")' to be answered"))
        }
        if let e = pendingException {
            pendingException = nil
            if let r = unwind(e, stopAtBoundary: false) { return r }
        }
        return execute(stopAtBoundary: false)
    }

    /// Calls a Python callable from Swift and runs it to completion (for builtins such as
    /// `sorted(key=...)`). Code run this way cannot suspend.
    func callNested(_ callee: Value, _ args: [Value], _ kwargs: [(String, Value)] = []) throws(PyException) -> Value {
        switch callee {
        case .function(let fn) where !fn.code.isCoroutine:
            let frame = try makeFrame(fn, args[...], kwargs)
            return try runNested(frame)
        case .boundMethod(let m):
            return try callNested(m.function, [m.receiver] + args, kwargs)
        default:
            return try callValue(callee, args[...], kwargs)
        }
    }

    func runNested(_ frame: Frame) throws(PyException) -> Value {
        // Each nested run of the dispatch loop is Swift recursion: bounded by the stack too.
        guard frames.count < recursionLimit, !StackGuard.isNearlyExhausted() else {
            throw PyException(Types.recursionError, "maximum recursion depth exceeded")
        }
        frame.isNestedBoundary = true
        frames.append(frame)
        nestedRuns += 1
        defer { nestedRuns -= 1 }
        switch execute(stopAtBoundary: true) {
        case .finished(let v): return v
        case .failed(let e): throw e
        case .suspended(let call):
            throw PyException(
                Types.runtimeError,
                "cannot await host function '\(call.name)' here: it was called from a synchronous context (a key function, map, or class body)"
            )
        case .awaitPoint:
            throw PyException(Types.runtimeError, "cannot await here: called from a synchronous context")
        }
    }
}

extension VirtualMachine {
    /// The recursion limit in force: ``Limits/maxRecursionDepth`` capped at
    /// ``Limits/maxSupportedRecursionDepth``.
    @inline(__always)
    var recursionLimit: Int { min(limits.maxRecursionDepth, Limits.maxSupportedRecursionDepth) }
}
