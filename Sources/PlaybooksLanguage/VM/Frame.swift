/// An installed exception handler: where to jump, and how deep the stacks were when it was set up.
struct ExceptionHandler: Equatable {
    var target: Int32
    var stackDepth: Int32
    var handledDepth: Int32
}

/// One activation of a code object. All interpreter state lives in frames and the objects they
/// reference — never on the Swift call stack across a suspension — so a frame is plain data for
/// the snapshot encoder.
///
/// The operand stack and the local variables live in manually managed buffers: pushing and
/// popping is the hottest thing the interpreter does, and a Swift array would check uniqueness
/// on every mutation. The buffers are private to the frame and released in `deinit`.
final class Frame {
    var code: CodeObject {
        didSet { instructions = code.instructionBuffer }
    }
    /// `code`'s instructions, kept here so that the dispatch loop switching frames reads them
    /// without retaining and releasing the code object (the frame holds `code`, which owns them).
    @exclusivity(unchecked) private(set) var instructions: UnsafeMutableBufferPointer<Instruction>
    @exclusivity(unchecked) var globals: Namespace
    @exclusivity(unchecked) var ip: Int = 0

    @exclusivity(unchecked) private(set) var slots: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) private var capacity: Int
    /// The number of values on the operand stack.
    @exclusivity(unchecked) private(set) var sp: Int = 0

    @exclusivity(unchecked) private(set) var localSlots: UnsafeMutablePointer<Value?>
    @exclusivity(unchecked) private var localCapacity: Int
    /// The number of local variable slots.
    @exclusivity(unchecked) private(set) var localCount: Int = 0

    @exclusivity(unchecked) var cells: [Cell]
    @exclusivity(unchecked) var handlers: [ExceptionHandler] = []
    /// Exceptions being handled by `except`/`finally` bodies in this frame, innermost last.
    @exclusivity(unchecked) var handled: [ExceptionObject] = []
    /// The coroutine this frame runs, if it is an `async def` body.
    @exclusivity(unchecked) var coroutine: CoroutineObject?
    /// Set on the bottom frame of a nested (Swift-driven) run: returning from it ends that run.
    @exclusivity(unchecked) var isNestedBoundary = false
    /// For class bodies: the class under construction receives the body's locals.
    @exclusivity(unchecked) var isClassBody = false
    /// For `__init__` frames started by `Cls(...)`: the new instance, which the call evaluates to.
    @exclusivity(unchecked) var constructing: Value?

    init(code: CodeObject, globals: Namespace, locals: [Value?], cells: [Cell]) {
        self.code = code
        self.instructions = code.instructionBuffer
        self.globals = globals
        self.cells = cells
        capacity = 16
        slots = .allocate(capacity: 16)
        localCapacity = max(8, locals.count)
        localSlots = .allocate(capacity: localCapacity)
        for l in locals { appendLocal(l) }
    }

    deinit {
        slots.deinitialize(count: sp)
        slots.deallocate()
        localSlots.deinitialize(count: localCount)
        localSlots.deallocate()
    }

    var line: Int { code.line(at: ip - 1) }

    // MARK: Operand stack

    @inline(__always)
    func push(_ v: consuming Value) {
        if sp == capacity { grow() }
        (slots + sp).initialize(to: v)
        sp += 1
    }

    @inline(never)
    private func grow() {
        slots = slots.movedToNewAllocation(count: sp, capacity: capacity * 2)
        capacity *= 2
    }

    @inline(__always)
    func pop() -> Value {
        sp -= 1
        return (slots + sp).move()
    }

    /// Removes the top `n` values. (One by one: `deinitialize(count:)` goes through the
    /// runtime's generic array destroy, which costs more than a few direct destroys.)
    @inline(__always)
    func drop(_ n: Int) {
        var i = 0
        while i < n {
            sp -= 1
            // A value without references needs no destroying (which is an out-of-line call).
            if !(slots + sp).pointee.holdsNoReference { _ = (slots + sp).move() }
            i += 1
        }
    }

    /// The value `depth` below the top (0 is the top).
    @inline(__always)
    func peek(_ depth: Int = 0) -> Value { slots[sp - 1 - depth] }

    @inline(__always)
    func setPeek(_ depth: Int, _ v: Value) { slots[sp - 1 - depth] = v }

    /// Drops values until `depth` remain.
    func truncate(to depth: Int) {
        if sp > depth { drop(sp - depth) }
    }

    /// The values from index `start` to the top (or to `end`), as an array slice (for calls).
    @inline(__always)
    func values(from start: Int, to end: Int? = nil) -> ArraySlice<Value> {
        Array(UnsafeBufferPointer(start: slots + start, count: (end ?? sp) - start))[...]
    }

    /// Removes the top `n` values and returns them, bottom first, moved into one new array (a
    /// list or tuple display): no reference counting, one allocation.
    @inline(__always)
    func popArray(_ n: Int) -> [Value] {
        sp -= n
        let start = slots + sp
        return [Value](unsafeUninitializedCapacity: n) { buffer, count in
            if let base = buffer.baseAddress { base.moveInitialize(from: start, count: n) }
            count = n
        }
    }

    /// Removes the top `n` values and returns them, bottom first, moved into a new tuple (a
    /// tuple display): no reference counting, one allocation. (Not inlined: what is inlined into
    /// the dispatch loop changes which of its values stay in registers; see `.unpackSequence` in `run`.)
    @inline(never)
    func popTuple(_ n: Int) -> TupleItems {
        sp -= n
        let start = slots + sp
        return TupleItems(count: n) { base in base.moveInitialize(from: start, count: n) }
    }

    /// The top `n` values, bottom first, lent to `body` in place (not copied into an array).
    @inline(__always)
    func withTop<R>(_ n: Int, _ body: (UnsafeBufferPointer<Value>) -> R) -> R {
        body(UnsafeBufferPointer(start: slots + (sp - n), count: n))
    }

    /// Hands the values from index `start` to the top to `take`, bottom first, moving them (no
    /// reference counting: they leave the stack); `start` values remain. A call's arguments
    /// move this way into the callee's locals or the built-in argument buffer.
    @inline(__always)
    func moveValues(from start: Int, _ take: (consuming Value) -> Void) {
        var i = start
        while i < sp {
            take((slots + i).move())
            i += 1
        }
        sp = start
    }

    /// The value at absolute stack index `i`.
    @inline(__always)
    func at(_ i: Int) -> Value { slots[i] }

    /// Moves the value at absolute stack index `i` out, leaving `None` in its place. A call
    /// takes its callee this way: copying it would retain it, and release it twice after.
    @inline(__always)
    func take(_ i: Int) -> Value {
        let v = (slots + i).move()
        (slots + i).initialize(to: .none)
        return v
    }

    /// Whether the value at absolute stack index `i` is `None` (looked at in place, not copied).
    @inline(__always)
    func holdsNone(at i: Int) -> Bool {
        if case .none = slots[i] { return true }
        return false
    }

    /// The operand stack as an array (snapshots, tests).
    var stack: [Value] {
        get { Array(UnsafeBufferPointer(start: slots, count: sp)) }
        set {
            truncate(to: 0)
            for v in newValue { push(v) }
        }
    }

    // MARK: Locals

    @inline(__always)
    func local(_ i: Int) -> Value? { localSlots[i] }

    @inline(__always)
    func setLocal(_ i: Int, _ v: consuming Value?) {
        // Overwriting an unbound local or one without references needs no destroying first.
        let slot = localSlots + i
        if slot.pointee?.holdsNoReference ?? true {
            slot.initialize(to: v)
        } else {
            slot.pointee = v
        }
    }

    /// The attribute `name` of the instance in local `i`, found in its own dict; `nil` when the
    /// local is not an instance or the attribute is not there. The local is read in place.
    /// (The caller checks that no property can shadow it: ``VirtualMachine/propertiesMayBeShadowed``.)
    @inline(__always)
    func instanceAttribute(local i: Int, name: String, hash: Int) -> Value? {
        guard case .instance(let o)? = localSlots[i] else { return nil }
        return o.attributes.get(name, hash: hash)
    }

    /// Pushes local `i`; `false` when it is unbound. An int is pushed as a new value rather
    /// than copied: copying a `Value` is an out-of-line call that switches on its case.
    @inline(__always)
    func pushLocal(_ i: Int) -> Bool {
        if case .int(let x)? = localSlots[i] {
            push(.int(x))
            return true
        }
        guard let v = localSlots[i] else { return false }
        push(v)
        return true
    }

    @inline(__always)
    func appendLocal(_ v: consuming Value?) {
        if localCount == localCapacity {
            localSlots = localSlots.movedToNewAllocation(count: localCount, capacity: localCapacity * 2)
            localCapacity *= 2
        }
        (localSlots + localCount).initialize(to: v)
        localCount += 1
    }

    /// Appends unbound locals until there are `n` (a call's locals after its arguments).
    @inline(__always)
    func padLocals(to n: Int) {
        while localCount < n { appendLocal(nil) }
    }

    /// The local variables as an array (snapshots, argument binding, class bodies).
    var locals: [Value?] {
        get { Array(UnsafeBufferPointer(start: localSlots, count: localCount)) }
        set {
            localSlots.deinitialize(count: localCount)
            localCount = 0
            for v in newValue { appendLocal(v) }
        }
    }

    /// Empties the frame for reuse.
    func reset() {
        ip = 0
        if sp > 0 { drop(sp) }
        while localCount > 0 {
            localCount -= 1
            if !((localSlots + localCount).pointee?.holdsNoReference ?? true) { _ = (localSlots + localCount).move() }
        }
        if !cells.isEmpty { cells.removeAll(keepingCapacity: true) }
        if !handlers.isEmpty { handlers.removeAll() }
        if !handled.isEmpty { handled.removeAll() }
        isNestedBoundary = false
        isClassBody = false
        if case .some = constructing { constructing = nil }
    }
}
