/// Checks a decoded snapshot before a VM adopts it, so that any byte string either fails with a
/// ``SnapshotError`` or gives a state the dispatch loop runs safely.
///
/// The decoder already checks every operand against its code object's tables and every
/// reference against the kind of object it must be. What it cannot see one record at a time is
/// checked here, once everything is decoded:
/// - each code object's operand-stack depths (``CodeStackAnalysis``): no path underflows the
///   stack, pops a handler that is not installed or meets itself with another depth; closures
///   capture cells its parent has; parameters fit in its locals;
/// - each frame against its code: the instruction pointer is one some path reaches, the saved
///   operand stack has the depth found there (one less for a frame waiting for a call or an
///   `await` to give it a value), the installed handlers are the ones the code installs there,
///   and its globals hold every slot its code (and code it creates) names;
/// - the call stack: no frame twice, nor a frame that a not-yet-started coroutine would push
///   again; a coroutine that has not started has a frame that has not run;
/// - functions: a closure cell for each free variable, globals for every slot;
/// - classes: base chains end (no cycle); exceptions are of exception classes;
/// - iterators: chains of iterators over iterators end and are not too deep to follow, and a
///   string iterator's offset lies on a character boundary.
struct SnapshotVerifier {
    /// How deeply iterators may wrap iterators (`enumerate(zip(map(...)))`): the next item is
    /// found by a Swift call per level.
    static let maxIteratorNesting = 1000

    let codes: [CodeObject]
    let objects: [AnyObject]
    private var analyses: [ObjectIdentifier: CodeStackAnalysis] = [:]
    /// One more than the highest global slot each code object, or one it creates, uses.
    private var globalSlotsNeeded: [ObjectIdentifier: Int] = [:]

    static func damaged(_ what: String) -> SnapshotError { SnapshotDecoder.damaged(what) }

    init(codes: [CodeObject], objects: [AnyObject]) {
        self.codes = codes
        self.objects = objects
    }

    /// Runs every check; `frames` is the call stack, outermost first.
    mutating func verify(frames: [Frame], waitingForHost: Bool, pendingException: Bool) throws(SnapshotError) {
        for code in codes { try verifyCode(code) }
        var onStack = Set<ObjectIdentifier>()
        for (i, frame) in frames.enumerated() {
            guard onStack.insert(ObjectIdentifier(frame)).inserted else {
                throw Self.damaged("frame of '\(frame.code.name)' is on the call stack twice")
            }
            let isTop = i == frames.count - 1
            try verifyFrame(frame, waiting: isTop ? (waitingForHost ? .yes : pendingException ? .either : .no) : .yes)
        }
        // Classes first: the other checks follow base chains.
        for case let t as TypeObject in objects { try verifyClass(t) }
        var iterators: [IteratorObject] = []
        var startable = Set<ObjectIdentifier>()
        for object in objects {
            switch object {
            case let fn as FunctionObject: try verifyFunction(fn)
            case let e as ExceptionObject:
                guard e.type.isExceptionClass else { throw Self.damaged("an exception's type '\(e.type.name)' is not an exception class") }
            case let it as IteratorObject:
                try verifyIterator(it)
                iterators.append(it)
            case let co as CoroutineObject:
                guard co.state == .created else { continue }
                guard let frame = co.frame else { throw Self.damaged("coroutine '\(co.name)' has not started but has no frame") }
                let id = ObjectIdentifier(frame)
                guard !onStack.contains(id), startable.insert(id).inserted else {
                    throw Self.damaged("coroutine '\(co.name)' has not started but its frame is running or shared")
                }
                guard frame.ip == 0, frame.sp == 0, frame.handlers.isEmpty else {
                    throw Self.damaged("coroutine '\(co.name)' has not started but its frame has run")
                }
                try verifyGlobals(frame.code, frame.globals, "frame of '\(frame.code.name)'")
            default: continue
            }
        }
        try verifyIteratorNesting(iterators)
    }

    // MARK: Code objects

    private mutating func verifyCode(_ code: CodeObject) throws(SnapshotError) {
        let id = ObjectIdentifier(code)
        guard analyses[id] == nil else { return }
        func check(_ ok: Bool, _ what: String) throws(SnapshotError) {
            if !ok { throw Self.damaged("code object '\(code.name)' \(what)") }
        }
        try check(
            code.positionalOnlyCount <= code.positionalCount && code.parameterSlotCount <= code.localNames.count,
            "has more parameters than local variables")
        try check(
            code.closureSlots.count == code.freeNames.count,
            "captures \(code.closureSlots.count) cells for \(code.freeNames.count) free variables")
        let cells = code.cellNames.count + code.freeNames.count
        var slots = 0
        for instruction in code.instructions {
            switch instruction {
            case .loadGlobal(let i), .storeGlobal(let i), .deleteGlobal(let i):
                try check(i >= 0, "has a negative global slot")
                slots = max(slots, Int(i) + 1)
            case .makeFunction(let k, _):
                // (The decoder checked `k`; code objects come children first.)
                let child = code.codeConstants[Int(k)]
                try check(child.closureSlots.allSatisfy { $0 >= 0 && Int($0) < cells }, "makes a closure over cells it does not have")
            default: continue
            }
        }
        for child in code.codeConstants {
            try verifyCode(child)
            slots = max(slots, globalSlotsNeeded[ObjectIdentifier(child)] ?? 0)
        }
        globalSlotsNeeded[id] = slots
        analyses[id] = try CodeStackAnalysis(code)
    }

    private mutating func analysis(_ code: CodeObject) throws(SnapshotError) -> CodeStackAnalysis {
        if let a = analyses[ObjectIdentifier(code)] { return a }
        try verifyCode(code)
        guard let a = analyses[ObjectIdentifier(code)] else { throw Self.damaged("code object '\(code.name)' was not analysed") }
        return a
    }

    private mutating func verifyGlobals(_ code: CodeObject, _ globals: Namespace, _ what: String) throws(SnapshotError) {
        _ = try analysis(code)
        let needed = globalSlotsNeeded[ObjectIdentifier(code)] ?? 0
        guard needed <= globals.names.count else {
            throw Self.damaged("\(what) uses global slot \(needed - 1) but its globals have \(globals.names.count)")
        }
    }

    // MARK: Frames

    /// Whether a frame waits for a value to be pushed before it goes on (a call below the top
    /// of the stack returns it; the host answers an `await`).
    enum Waiting { case yes, no, either }

    private mutating func verifyFrame(_ frame: Frame, waiting: Waiting) throws(SnapshotError) {
        let code = frame.code
        let name = "frame of '\(code.name)'"
        let a = try analysis(code)
        try verifyGlobals(code, frame.globals, name)
        guard frame.ip >= 0, frame.ip < a.entry.count, let state = a.entry[frame.ip] else {
            throw Self.damaged("\(name) has an instruction pointer (\(frame.ip)) that its code never reaches")
        }
        var depths: [Int] = []
        if waiting != .no, frame.ip > 0, CodeStackAnalysis.mayPushFrame(code.instructions[frame.ip - 1]) {
            depths.append(state.depth - 1)
        }
        if waiting != .yes { depths.append(state.depth) }
        guard depths.contains(frame.sp) else {
            throw Self.damaged(
                "\(name) has \(frame.sp) values on its operand stack where its code has \(state.depth) at instruction \(frame.ip) (at most \(a.maxDepth))"
            )
        }
        let handlers = frame.handlers.map { CodeStackAnalysis.Block(target: $0.target, depth: Int($0.stackDepth)) }
        guard handlers == state.blocks else {
            throw Self.damaged("\(name) has exception handlers that its code does not install at instruction \(frame.ip)")
        }
    }

    // MARK: Heap objects

    private mutating func verifyFunction(_ fn: FunctionObject) throws(SnapshotError) {
        guard fn.closure.count == fn.code.freeNames.count else {
            throw Self.damaged("function '\(fn.name)' has \(fn.closure.count) closure cells for \(fn.code.freeNames.count) free variables")
        }
        try verifyGlobals(fn.code, fn.globals, "function '\(fn.name)'")
    }

    private func verifyClass(_ t: TypeObject) throws(SnapshotError) {
        var seen = Set<ObjectIdentifier>()
        var c: TypeObject? = t
        while let x = c {
            guard seen.insert(ObjectIdentifier(x)).inserted else { throw Self.damaged("class '\(t.name)' is its own base") }
            c = x.base
        }
    }

    private func verifyIterator(_ it: IteratorObject) throws(SnapshotError) {
        if case .str(let s, let offset) = it.state {
            let utf8 = s.utf8
            guard offset <= utf8.count else { throw Self.damaged("a string iterator is past the end of its string") }
            if offset < utf8.count {
                let index = utf8.index(utf8.startIndex, offsetBy: offset)
                guard index.samePosition(in: s.unicodeScalars) != nil else {
                    throw Self.damaged("a string iterator is inside a character")
                }
            }
        }
    }

    /// Iterators over iterators (`enumerate(zip(map(...)))`) must form chains that end, at most
    /// ``maxIteratorNesting`` deep: the next item is found by a Swift call per level.
    private func verifyIteratorNesting(_ iterators: [IteratorObject]) throws(SnapshotError) {
        func inner(_ x: IteratorObject) -> [IteratorObject] {
            switch x.state {
            case .enumerate(let i, _), .filter(_, let i): return [i]
            case .zip(let inners), .map(_, let inners): return inners
            default: return []
            }
        }
        // Heights by depth-first search without recursion; a node met again while on the
        // path is a cycle.
        var height: [ObjectIdentifier: Int] = [:]
        var onPath = Set<ObjectIdentifier>()
        for root in iterators where height[ObjectIdentifier(root)] == nil {
            var stack: [(node: IteratorObject, children: [IteratorObject], next: Int)] = [(root, inner(root), 0)]
            onPath.insert(ObjectIdentifier(root))
            while let top = stack.last {
                if top.next < top.children.count {
                    stack[stack.count - 1].next += 1
                    let child = top.children[top.next]
                    let id = ObjectIdentifier(child)
                    if height[id] != nil { continue }
                    guard !onPath.contains(id) else { throw Self.damaged("iterators refer to each other in a cycle") }
                    guard stack.count < Self.maxIteratorNesting else {
                        throw Self.damaged("iterators are nested more than \(Self.maxIteratorNesting) deep")
                    }
                    onPath.insert(id)
                    stack.append((child, inner(child), 0))
                } else {
                    let h = 1 + (top.children.map { height[ObjectIdentifier($0)] ?? 0 }.max() ?? 0)
                    guard h <= Self.maxIteratorNesting else {
                        throw Self.damaged("iterators are nested more than \(Self.maxIteratorNesting) deep")
                    }
                    height[ObjectIdentifier(top.node)] = h
                    onPath.remove(ObjectIdentifier(top.node))
                    stack.removeLast()
                }
            }
        }
    }
}
