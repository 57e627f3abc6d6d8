// Public face of the regex engine: compile once, match/search many times.

enum MatchMode: Sendable { case prefix, full }

/// Result of a successful match. `spans[0]` is the whole match, `spans[g]` group g (nil if the
/// group did not participate). Offsets are Unicode-scalar indices into the searched text.
struct RegexMatch: Sendable, Equatable {
    var spans: [Range<Int>?]
}

final class CompiledRegex: Sendable {
    let pattern: String
    let flags: RegexFlags
    let groupCount: Int
    let groupNames: [String: Int]
    let program: RegexProgram

    init(pattern: String, flags: RegexFlags) throws(RegexError) {
        let parsed = try RegexParser.parse(pattern, flags: flags)
        self.pattern = pattern
        self.flags = parsed.flags
        self.groupCount = parsed.groupCount
        self.groupNames = parsed.groupNames
        self.program = try RegexCompiler.compile(parsed)
    }

    /// Group number -> name (Python's `groupindex` inverted).
    var groupIndexToName: [Int: String] {
        var out: [Int: String] = [:]
        for (k, v) in groupNames { out[v] = k }
        return out
    }

    private func clamp(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
        // Same clamping as CPython's state_init: both bounds are limited to [0, len(text)].
        let e = Swift.max(0, Swift.min(end, text.count))
        let s = Swift.max(0, Swift.min(start, text.count))
        return (s, e)
    }

    private func result(_ vm: RegexVM) -> RegexMatch {
        var spans: [Range<Int>?] = []
        spans.reserveCapacity(groupCount + 1)
        for g in 0...groupCount {
            let s = vm.slots[2 * g]
            let e = vm.slots[2 * g + 1]
            spans.append(s >= 0 && e >= s ? s..<e : nil)
        }
        return RegexMatch(spans: spans)
    }

    /// Like `pattern.match(text, start, end)` / `pattern.fullmatch(...)`: a match beginning exactly
    /// at `start`, looking only at `text[..<end]`. `mustAdvance` rejects an empty match at `start`.
    func match(
        _ text: [Unicode.Scalar], at start: Int, end: Int, mode: MatchMode,
        mustAdvance: Bool = false, meter: WorkMeter? = nil
    ) -> RegexMatch? {
        let (s, e) = clamp(text, start, end)
        if s > e { return nil }
        return program.code.withUnsafeBufferPointer { code in
            text.withUnsafeBufferPointer { buf in
                var vm = RegexVM(program: program, code: code, text: buf, end: e, fullMatch: mode == .full)
                vm.meter = meter
                if mustAdvance { vm.mustAdvanceAt = s }
                return vm.attempt(at: s) ? result(vm) : nil
            }
        }
    }

    /// Like `pattern.search(text, start, end)`: the leftmost match at or after `start`.
    /// `mustAdvance` rejects an empty match at `start` (used when iterating matches).
    func search(
        _ text: [Unicode.Scalar], from start: Int, end: Int, mustAdvance: Bool = false, meter: WorkMeter? = nil
    ) -> RegexMatch? {
        let (s, e) = clamp(text, start, end)
        if s > e { return nil }
        return program.code.withUnsafeBufferPointer { code in
            text.withUnsafeBufferPointer { buf in
                var vm = RegexVM(program: program, code: code, text: buf, end: e, fullMatch: false)
                vm.meter = meter
                if mustAdvance { vm.mustAdvanceAt = s }
                if program.anchoredAtStart {
                    return s == 0 && vm.attempt(at: 0) ? result(vm) : nil
                }
                var p = s
                if let firsts = program.firstScalar {
                    if firsts.count == 1 {
                        let first = firsts[0]
                        while p < e && !vm.aborted {
                            if first.matches(buf[p].value) && vm.attempt(at: p) { return result(vm) }
                            p += 1
                        }
                    } else {
                        while p < e && !vm.aborted {
                            let c = buf[p].value
                            if firsts.contains(where: { $0.matches(c) }) && vm.attempt(at: p) { return result(vm) }
                            p += 1
                        }
                    }
                    return nil
                }
                while p <= e && !vm.aborted {
                    if vm.attempt(at: p) { return result(vm) }
                    p += 1
                }
                return nil
            }
        }
    }

    /// All non-overlapping matches in `text[start..<end]` with Python's finditer/findall/sub
    /// semantics (an empty match may directly follow a non-empty one; after an empty match the
    /// next match may start at the same position only if non-empty).
    func allMatches(_ text: [Unicode.Scalar], from start: Int = 0, end: Int? = nil, meter: WorkMeter? = nil) -> [RegexMatch] {
        let e = end ?? text.count
        var out: [RegexMatch] = []
        var pos = start
        var mustAdvance = false
        while pos <= e {
            guard let m = search(text, from: pos, end: e, mustAdvance: mustAdvance, meter: meter), let whole = m.spans[0] else { break }
            out.append(m)
            mustAdvance = whole.isEmpty
            pos = whole.upperBound
        }
        return out
    }
}
