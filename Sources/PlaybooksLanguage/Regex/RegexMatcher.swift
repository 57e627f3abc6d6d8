// Backtracking virtual machine with an explicit, heap-allocated backtrack stack.
// Swift recursion happens only for lookaround / atomic bodies (bounded by pattern nesting).

/// Entries of the backtrack stack: resume points and undo records.
enum RegexFrame {
    case branch(pc: Int, pos: Int)
    case slot(Int, Int)  // slot index, previous value
    case register(Int, count: Int, last: Int)  // loop register, previous values
    case greedyOne(next: Int, minPos: Int, pos: Int, follow: Int)
    case lazyOne(inst: Int, pos: Int, count: Int)
}

struct RegexVM {
    let code: UnsafeBufferPointer<RegexInst>
    let text: UnsafeBufferPointer<Unicode.Scalar>
    let end: Int
    let fullMatch: Bool
    /// Start position at which an empty match is rejected (-1: none).
    var mustAdvanceAt: Int = -1
    var slots: [Int]
    var counts: [Int]
    var lasts: [Int]
    var stack: [RegexFrame] = []
    var matchStart = 0
    /// Charged for backtracking steps, so that the limits stop catastrophic backtracking.
    var meter: WorkMeter?
    /// Backtracking steps taken since the meter was last charged.
    var steps = 0
    /// Set once the meter refused more work: every attempt then fails at once.
    private(set) var aborted = false

    init(
        program: RegexProgram, code: UnsafeBufferPointer<RegexInst>, text: UnsafeBufferPointer<Unicode.Scalar>,
        end: Int, fullMatch: Bool
    ) {
        self.code = code
        self.text = text
        self.end = end
        self.fullMatch = fullMatch
        self.slots = Array(repeating: -1, count: program.slotCount)
        self.counts = Array(repeating: -1, count: program.registerCount)
        self.lasts = Array(repeating: -1, count: program.registerCount)
        stack.reserveCapacity(64)
    }

    @inline(__always)
    private func isWord(_ p: Int, ascii: Bool) -> Bool {
        RegexUnicode.isWord(text[p].value, ascii: ascii)
    }

    private func anchorHolds(_ a: RegexAnchor, _ pos: Int) -> Bool {
        switch a {
        case .beginText: return pos == 0
        case .beginLine: return pos == 0 || text[pos - 1] == "\n"
        case .endText: return pos == end
        case .endLine: return pos == end || text[pos] == "\n"
        case .endTextOrNewline: return pos == end || (pos == end - 1 && text[pos] == "\n")
        case .wordBoundary(let ascii):
            if end == 0 { return false }
            let before = pos > 0 && isWord(pos - 1, ascii: ascii)
            let after = pos < end && isWord(pos, ascii: ascii)
            return before != after
        case .notWordBoundary(let ascii):
            if end == 0 { return false }
            let before = pos > 0 && isWord(pos - 1, ascii: ascii)
            let after = pos < end && isWord(pos, ascii: ascii)
            return before == after
        }
    }

    /// Attempts a top-level match at `start`; on success slots hold the spans.
    mutating func attempt(at start: Int) -> Bool {
        for i in slots.indices { slots[i] = -1 }
        stack.removeAll(keepingCapacity: true)
        matchStart = start
        guard let e = run(0, start) else { return false }
        slots[0] = start
        slots[1] = e
        return true
    }

    @inline(__always)
    private mutating func setSlot(_ i: Int, _ v: Int) {
        stack.append(.slot(i, slots[i]))
        slots[i] = v
    }

    @inline(__always)
    private mutating func setRegister(_ r: Int, count: Int, last: Int) {
        stack.append(.register(r, count: counts[r], last: lasts[r]))
        counts[r] = count
        lasts[r] = last
    }

    /// Runs a sub-body (lookaround / atomic group). Returns its end position and keeps its captures
    /// (recorded as undo entries) when `keep` is true.
    private mutating func runSub(_ body: Int, _ pos: Int, captures: Bool, keep: Bool) -> Int? {
        let snapshot = captures ? slots : []
        let base = stack.count
        guard let r = run(body, pos) else { return nil }
        stack.removeSubrange(base...)
        if captures {
            if keep {
                for i in slots.indices where slots[i] != snapshot[i] {
                    stack.append(.slot(i, snapshot[i]))
                }
            } else {
                slots = snapshot
            }
        }
        return r
    }

    /// Executes from `startPC` at `startPos` until `match`/`subMatch` succeeds (returns the end
    /// position) or every alternative above the current stack height is exhausted (returns nil).
    mutating func run(_ startPC: Int, _ startPos: Int) -> Int? {
        let base = stack.count
        var pc = startPC
        var pos = startPos
        while true {
            var ok = true
            switch code[pc] {
            case .one(let m):
                if pos < end && m.matches(text[pos].value) {
                    pos += 1
                    pc += 1
                } else {
                    ok = false
                }
            case .anchor(let a):
                if anchorHolds(a, pos) { pc += 1 } else { ok = false }
            case .split(let first, let second):
                stack.append(.branch(pc: second, pos: pos))
                pc = first
            case .jump(let target):
                pc = target
            case .save(let i):
                setSlot(i, pos)
                pc += 1
            case .backref(let g, let ic, let ascii):
                let s = slots[2 * g]
                let e = slots[2 * g + 1]
                if s < 0 || e < 0 || e < s || pos + (e - s) > end {
                    ok = false
                } else {
                    var i = 0
                    let n = e - s
                    while i < n {
                        let a = text[s + i].value
                        let b = text[pos + i].value
                        if a != b {
                            if !ic { break }
                            if ascii {
                                if RegexUnicode.asciiLower(a) != RegexUnicode.asciiLower(b) { break }
                            } else if RegexUnicode.lower(a) != RegexUnicode.lower(b) {
                                break
                            }
                        }
                        i += 1
                    }
                    if i == n {
                        pos += n
                        pc += 1
                    } else {
                        ok = false
                    }
                }
            case .repeatInit(let r, let loop):
                setRegister(r, count: -1, last: -1)
                pc = loop
            case .repeatLoop(let r, let mn, let mx, let greedy, let body, let exit):
                let c = counts[r] + 1
                if c < mn {
                    setRegister(r, count: c, last: lasts[r])
                    pc = body
                } else if greedy {
                    if c < mx && pos != lasts[r] {
                        stack.append(.branch(pc: exit, pos: pos))
                        setRegister(r, count: c, last: pos)
                        pc = body
                    } else {
                        pc = exit
                    }
                } else {
                    stack.append(.branch(pc: exit - 1, pos: pos))
                    pc = exit
                }
            case .repeatLazyMore(let r, let mx, let body):
                let c = counts[r] + 1
                if c >= mx || pos == lasts[r] {
                    ok = false
                } else {
                    setRegister(r, count: c, last: pos)
                    pc = body
                }
            case .repeatOne(let m, let mn, let mx, let greedy, let follow):
                if greedy {
                    let limit = Swift.min(mx, end - pos)
                    var n = 0
                    while n < limit && m.matches(text[pos + n].value) { n += 1 }
                    if n < mn {
                        ok = false
                    } else {
                        if n > mn {
                            stack.append(.greedyOne(next: pc + 1, minPos: pos + mn, pos: pos + n, follow: follow))
                        }
                        pos += n
                        pc += 1
                    }
                } else {
                    if end - pos < mn {
                        ok = false
                    } else {
                        var n = 0
                        while n < mn && m.matches(text[pos + n].value) { n += 1 }
                        if n < mn {
                            ok = false
                        } else {
                            pos += mn
                            if mn < mx { stack.append(.lazyOne(inst: pc, pos: pos, count: mn)) }
                            pc += 1
                        }
                    }
                }
            case .look(let behind, let negated, let width, let body, let next, let captures):
                var from = pos
                var matched = false
                if behind {
                    from = pos - width
                }
                if from >= 0 {
                    matched = runSub(body, from, captures: captures, keep: !negated) != nil
                }
                if matched != negated { pc = next } else { ok = false }
            case .atomic(let body, let next, let captures):
                if let r = runSub(body, pos, captures: captures, keep: true) {
                    pos = r
                    pc = next
                } else {
                    ok = false
                }
            case .groupExists(let g, let no):
                if slots[2 * g] >= 0 && slots[2 * g + 1] >= 0 { pc += 1 } else { pc = no }
            case .subMatch:
                return pos
            case .match:
                if (fullMatch && pos != end) || (pos == mustAdvanceAt && matchStart == mustAdvanceAt) {
                    ok = false
                } else {
                    return pos
                }
            }
            if ok { continue }

            // Backtrack: undo records until a resume point is found.
            steps &+= 1
            if steps >= 1024 {
                steps = 0
                if let meter, !meter.spend(1024) { aborted = true }
            }
            if aborted {
                stack.removeSubrange(base...)
                return nil
            }
            var resumed = false
            while stack.count > base {
                switch stack.removeLast() {
                case .slot(let i, let v):
                    slots[i] = v
                case .register(let r, let c, let l):
                    counts[r] = c
                    lasts[r] = l
                case .branch(let p, let q):
                    pc = p
                    pos = q
                    resumed = true
                case .greedyOne(let next, let minPos, let p, let follow):
                    var np = p - 1
                    if follow >= 0 {
                        while np >= minPos && (np >= end || text[np].value != UInt32(follow)) { np -= 1 }
                        if np < minPos { continue }
                    }
                    if np > minPos {
                        stack.append(.greedyOne(next: next, minPos: minPos, pos: np, follow: follow))
                    }
                    pc = next
                    pos = np
                    resumed = true
                case .lazyOne(let inst, let p, let count):
                    guard case .repeatOne(let m, _, let mx, _, _) = code[inst] else { continue }
                    if p < end && m.matches(text[p].value) {
                        if count + 1 < mx {
                            stack.append(.lazyOne(inst: inst, pos: p + 1, count: count + 1))
                        }
                        pc = inst + 1
                        pos = p + 1
                        resumed = true
                    }
                }
                if resumed { break }
            }
            if !resumed { return nil }
        }
    }
}
