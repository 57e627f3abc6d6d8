/// Width (min, max) of a subpattern, as CPython's getwidth(); Int.max means unbounded.
enum RegexWidth {
    static func add(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? Int.max : r
    }
    static func mul(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        return o ? Int.max : r
    }

    static func of(_ node: RegexNode, groupWidths: [(Int, Int)?]) -> (Int, Int) {
        switch node {
        case .empty, .anchor, .lookaround: return (0, 0)
        case .single: return (1, 1)
        case .sequence(let items):
            var lo = 0, hi = 0
            for item in items {
                let (a, b) = of(item, groupWidths: groupWidths)
                lo = add(lo, a)
                hi = add(hi, b)
            }
            return (lo, hi)
        case .alternation(let alts):
            var lo = Int.max, hi = 0
            for alt in alts {
                let (a, b) = of(alt, groupWidths: groupWidths)
                lo = min(lo, a)
                hi = max(hi, b)
            }
            return (lo, hi)
        case .group(_, let body), .atomic(let body):
            return of(body, groupWidths: groupWidths)
        case .repetition(let body, let mn, let mx, _):
            let (a, b) = of(body, groupWidths: groupWidths)
            let lo = mul(a, mn)
            let hi = (mx == Int.max && b > 0) ? Int.max : mul(b, mx == Int.max ? RegexSyntaxHelpers.maxRepeat : mx)
            return (lo, hi)
        case .backreference(let g, _, _):
            if g < groupWidths.count, let w = groupWidths[g] { return w }
            return (0, 0)
        case .conditional(_, let yes, let no):
            let (a, b) = of(yes, groupWidths: groupWidths)
            let (c, d) = of(no, groupWidths: groupWidths)
            return (min(a, c), max(b, d))
        }
    }
}
