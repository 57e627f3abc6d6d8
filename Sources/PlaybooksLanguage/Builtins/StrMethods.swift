/// Methods of `str`. Strings are searched as UTF-8 bytes (which matches code-point semantics,
/// since UTF-8 is self-synchronizing) and indexed by code point, as Python does.
enum StrMethods {
    static func receiver(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> String {
        guard let first = args.first else {
            throw PyException.typeError("unbound method str.\(name)() needs an argument")
        }
        guard case .str(let s) = first else {
            throw PyException.typeError("descriptor '\(name)' for 'str' objects doesn't apply to a '\(first.typeName)' object")
        }
        return s
    }

    static func strArg(_ v: Value, _ name: String) throws(PyException) -> String {
        guard let s = v.stringLike else {
            throw PyException.typeError("\(name)() argument must be str, not \(v.typeName)")
        }
        return s
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x1C...0x20: return true
        case 0..<0x80: return false
        default: return u.properties.isWhitespace
        }
    }

    /// Byte offset of `needle` in `hay` at or after `from`, before `end`.
    static func find(_ hay: [UInt8], _ needle: [UInt8], from: Int = 0, end: Int? = nil) -> Int? {
        let e = end ?? hay.count
        if needle.isEmpty { return from <= e ? from : nil }
        let limit = e - needle.count
        if from > limit { return nil }
        let first = needle[0]
        var i = from
        while i <= limit {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func rfind(_ hay: [UInt8], _ needle: [UInt8], from: Int = 0, end: Int? = nil) -> Int? {
        let e = end ?? hay.count
        var i = e - needle.count
        while i >= from {
            var j = 0
            while j < needle.count && hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
            i -= 1
        }
        return nil
    }

    /// Code-point index of a byte offset.
    static func scalarIndex(_ bytes: [UInt8], _ offset: Int) -> Int {
        var n = 0
        for i in 0..<offset where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Byte offset of a code-point index (clamped).
    static func byteOffset(_ bytes: [UInt8], _ index: Int) -> Int {
        if index <= 0 { return 0 }
        var n = 0
        for i in 0..<bytes.count where bytes[i] & 0xC0 != 0x80 {
            if n == index { return i }
            n += 1
        }
        return bytes.count
    }

    /// Resolves optional `start`/`end` code-point arguments to byte offsets.
    static func range(_ vm: VirtualMachine, _ bytes: [UInt8], _ args: ArraySlice<Value>, from i: Int) throws(PyException) -> (Int, Int) {
        let ascii = bytes.allSatisfy { $0 < 0x80 }
        let count = ascii ? bytes.count : scalarIndex(bytes, bytes.count)
        func norm(_ v: Value?, _ dflt: Int) throws(PyException) -> Int {
            guard let v, !v.isNone else { return dflt }
            var x = try vm.integerArgument(v)
            if x < 0 { x = max(0, x + count) }
            return min(x, count)
        }
        let s = try norm(i < args.count ? args[args.startIndex + i] : nil, 0)
        let e = try norm(i + 1 < args.count ? args[args.startIndex + i + 1] : nil, count)
        if ascii { return (s, max(s, e)) }
        return (byteOffset(bytes, s), max(byteOffset(bytes, s), byteOffset(bytes, e)))
    }

    static func str(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    static func scalarsString(_ s: ArraySlice<Unicode.Scalar>) -> String {
        UnicodeText.string(s)
    }

    static func split(_ s: String, _ sep: String?, _ maxsplit: Int) throws(PyException) -> [Value] {
        if let sep {
            if sep.isEmpty { throw PyException.valueError("empty separator") }
            let b = Array(s.utf8)
            let n = Array(sep.utf8)
            var out: [Value] = []
            var start = 0
            var splits = 0
            while maxsplit < 0 || splits < maxsplit, let i = find(b, n, from: start) {
                out.append(.str(str(b[start..<i])))
                start = i + n.count
                splits += 1
            }
            out.append(.str(str(b[start...])))
            return out
        }
        var out: [Value] = []
        let scalars = UnicodeText.scalars(s)
        var i = 0
        var splits = 0
        while i < scalars.count {
            while i < scalars.count && isSpace(scalars[i]) { i += 1 }
            if i >= scalars.count { break }
            if maxsplit >= 0 && splits >= maxsplit {
                var end = scalars.count
                while end > i && isSpace(scalars[end - 1]) { end -= 1 }
                out.append(.str(scalarsString(scalars[i..<end])))
                return out
            }
            let start = i
            while i < scalars.count && !isSpace(scalars[i]) { i += 1 }
            out.append(.str(scalarsString(scalars[start..<i])))
            splits += 1
        }
        return out
    }

    static func rsplit(_ s: String, _ sep: String?, _ maxsplit: Int) throws(PyException) -> [Value] {
        if maxsplit < 0 { return try split(s, sep, maxsplit) }
        if let sep {
            if sep.isEmpty { throw PyException.valueError("empty separator") }
            let b = Array(s.utf8)
            let n = Array(sep.utf8)
            var out: [Value] = []
            var end = b.count
            var splits = 0
            while splits < maxsplit, let i = rfind(b, n, from: 0, end: end) {
                out.append(.str(str(b[(i + n.count)..<end])))
                end = i
                splits += 1
            }
            out.append(.str(str(b[0..<end])))
            return out.reversed()
        }
        let scalars = UnicodeText.scalars(s)
        var out: [Value] = []
        var i = scalars.count
        var splits = 0
        while i > 0 {
            while i > 0 && isSpace(scalars[i - 1]) { i -= 1 }
            if i == 0 { break }
            if splits >= maxsplit {
                var start = 0
                while start < i && isSpace(scalars[start]) { start += 1 }
                out.append(.str(scalarsString(scalars[start..<i])))
                return out.reversed()
            }
            let end = i
            while i > 0 && !isSpace(scalars[i - 1]) { i -= 1 }
            out.append(.str(scalarsString(scalars[i..<end])))
            splits += 1
        }
        return out.reversed()
    }

    static func strip(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String {
        let scalars = UnicodeText.scalars(s)
        let set: Set<UInt32>? = chars.map { Set($0.unicodeScalars.map { $0.value }) }
        func strippable(_ u: Unicode.Scalar) -> Bool { set.map { $0.contains(u.value) } ?? isSpace(u) }
        var a = 0
        var b = scalars.count
        if left { while a < b && strippable(scalars[a]) { a += 1 } }
        if right { while b > a && strippable(scalars[b - 1]) { b -= 1 } }
        if a == 0 && b == scalars.count { return s }
        return scalarsString(scalars[a..<b])
    }

    static func replace(_ s: String, _ old: String, _ new: String, _ count: Int) -> String {
        if old.isEmpty {
            var out = ""
            var n = 0
            for u in s.unicodeScalars {
                if count < 0 || n < count {
                    out += new
                    n += 1
                }
                out.unicodeScalars.append(u)
            }
            if count < 0 || n < count { out += new }
            return out
        }
        let b = Array(s.utf8)
        let o = Array(old.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var start = 0
        var n = 0
        while count < 0 || n < count, let i = find(b, o, from: start) {
            out.append(contentsOf: b[start..<i])
            out.append(contentsOf: new.utf8)
            start = i + o.count
            n += 1
        }
        if n == 0 { return s }
        out.append(contentsOf: b[start...])
        return String(decoding: out, as: UTF8.self)
    }

    static func countOccurrences(_ b: [UInt8], _ n: [UInt8], _ start: Int, _ end: Int) -> Int {
        if n.isEmpty { return scalarIndex(Array(b[start..<end]), end - start) + 1 }
        var c = 0
        var i = start
        while let j = find(b, n, from: i, end: end) {
            c += 1
            i = j + n.count
        }
        return c
    }

    static func padded(_ s: String, _ width: Int, _ fill: Unicode.Scalar, _ align: Character) -> String {
        let len = s.unicodeScalars.count
        if width <= len { return s }
        let total = width - len
        let f = String(fill)
        switch align {
        case "<": return s + String(repeating: f, count: total)
        case ">": return String(repeating: f, count: total) + s
        default:
            // CPython's center puts the extra space on the left when both the padding and the width are odd.
            var left = total / 2
            if total % 2 == 1 && width % 2 == 1 { left += 1 }
            return String(repeating: f, count: left) + s + String(repeating: f, count: total - left)
        }
    }

    static func fillChar(_ args: ArraySlice<Value>, _ i: Int) throws(PyException) -> Unicode.Scalar {
        guard i < args.count else { return " " }
        guard case .str(let f) = args[args.startIndex + i], f.unicodeScalars.count == 1, let u = f.unicodeScalars.first else {
            throw PyException.typeError("The fill character must be exactly one character long")
        }
        return u
    }

    static func isAlpha(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return (u.value | 0x20) >= 0x61 && (u.value | 0x20) <= 0x7A }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDecimal(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
        return u.properties.numericType == .decimal
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
        return u.properties.numericType == .decimal || u.properties.numericType == .digit
    }

    static func isNumeric(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
        return u.properties.numericType != nil
    }

    static func predicate(_ name: String, _ test: @escaping @Sendable (Unicode.Scalar) -> Bool) -> (String, NativeFunction) {
        (
            name,
            { _, args, _ throws(PyException) in
                let s = try receiver(args, name)
                if s.isEmpty { return .bool(false) }
                return .bool(s.unicodeScalars.allSatisfy(test))
            }
        )
    }

    static func cased(_ s: String) -> (hasUpper: Bool, hasLower: Bool) {
        var up = false
        var low = false
        for u in s.unicodeScalars {
            if u.properties.isUppercase { up = true }
            if u.properties.isLowercase { low = true }
        }
        return (up, low)
    }

    static func title(_ s: String) -> String {
        var out = ""
        var previousCased = false
        for u in s.unicodeScalars {
            if previousCased { out += String(u).lowercased() } else { out += u.properties.titlecaseMapping }
            previousCased = u.properties.isCased
        }
        return out
    }

    static func prefixCheck(_ vm: VirtualMachine, _ args: ArraySlice<Value>, _ name: String, suffix: Bool) throws(PyException) -> Value {
        let s = try receiver(args, name)
        guard args.count >= 2 else { throw PyException.typeError("\(name)() takes at least 1 argument (0 given)") }
        let b = Array(s.utf8)
        let (start, end) = try range(vm, b, args, from: 2)
        let part = b[start..<end]
        let candidates: [Value]
        switch args[args.startIndex + 1] {
        case .tuple(let t): candidates = t.array
        case .str: candidates = [args[args.startIndex + 1]]
        default:
            throw PyException.typeError("\(name) first arg must be str or a tuple of str, not \(args[args.startIndex + 1].typeName)")
        }
        for c in candidates {
            guard case .str(let p) = c else {
                throw PyException.typeError("tuple for \(name) must only contain str, not \(c.typeName)")
            }
            let pb = Array(p.utf8)
            if pb.count <= part.count {
                if suffix ? part.suffix(pb.count).elementsEqual(pb) : part.prefix(pb.count).elementsEqual(pb) { return .bool(true) }
            }
        }
        return .bool(false)
    }

    static func splitArguments(
        _ vm: VirtualMachine, _ args: ArraySlice<Value>, _ kwargs: [(String, Value)], _ name: String
    ) throws(PyException) -> (String?, Int) {
        let r = ArgumentReader(name, args, kwargs)
        try r.checkKeywords(["sep", "maxsplit"])
        var sep: String? = nil
        if let v = r.optional(1, "sep"), !v.isNone {
            guard case .str(let s) = v else { throw PyException.typeError("must be str or None, not \(v.typeName)") }
            sep = s
        }
        var maxsplit = -1
        if let v = r.optional(2, "maxsplit") { maxsplit = try vm.integerArgument(v) }
        return (sep, maxsplit)
    }

    static func charsArg(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> String? {
        guard args.count > 1 else { return nil }
        let v = args[args.startIndex + 1]
        if v.isNone { return nil }
        guard case .str(let c) = v else { throw PyException.typeError("\(name) arg must be None or str") }
        return c
    }

    static func findMethod(
        _ vm: VirtualMachine, _ args: ArraySlice<Value>, _ name: String, reverse: Bool, raise: Bool
    ) throws(PyException) -> Value {
        let s = try receiver(args, name)
        guard args.count >= 2 else { throw PyException.typeError("\(name)() takes at least 1 argument (0 given)") }
        guard case .str(let sub) = args[args.startIndex + 1] else {
            throw PyException.typeError("must be str, not \(args[args.startIndex + 1].typeName)")
        }
        let b = Array(s.utf8)
        let (start, end) = try range(vm, b, args, from: 2)
        let n = Array(sub.utf8)
        let found = reverse ? rfind(b, n, from: start, end: end) : find(b, n, from: start, end: end)
        guard let i = found else {
            if raise { throw PyException.valueError("substring not found") }
            return .int(-1)
        }
        return .int(scalarIndex(b, i))
    }

    static func oneArgument(_ args: ArraySlice<Value>, _ name: String) throws(PyException) -> Value {
        guard args.count == 2 else { throw PyException.typeError("str.\(name)() takes exactly one argument (\(args.count - 1) given)") }
        return args[args.startIndex + 1]
    }

    static func partition(_ args: ArraySlice<Value>, reverse: Bool) throws(PyException) -> Value {
        let name = reverse ? "rpartition" : "partition"
        let s = try receiver(args, name)
        let sep = try strArg(try oneArgument(args, name), name)
        if sep.isEmpty { throw PyException.valueError("empty separator") }
        let b = Array(s.utf8)
        let found = reverse ? rfind(b, Array(sep.utf8)) : find(b, Array(sep.utf8))
        guard let i = found else {
            return reverse ? .tuple([.str(""), .str(""), .str(s)]) : .tuple([.str(s), .str(""), .str("")])
        }
        return .tuple([.str(str(b[..<i])), .str(sep), .str(str(b[(i + sep.utf8.count)...]))])
    }

    static func justify(_ vm: VirtualMachine, _ args: ArraySlice<Value>, _ name: String, _ align: Character) throws(PyException) -> Value {
        let s = try receiver(args, name)
        guard args.count >= 2 else { throw PyException.typeError("\(name) expected at least 1 argument, got 0") }
        let width = try vm.integerArgument(args[args.startIndex + 1])
        let fill = try fillChar(args, 2)
        try reservePadding(vm, s, width, fill)
        return .str(padded(s, width, fill, align))
    }

    /// Fails with `MemoryError` before `s` is padded to `width` characters of `fill` if the
    /// result cannot be held.
    static func reservePadding(_ vm: VirtualMachine, _ s: String, _ width: Int, _ fill: Unicode.Scalar) throws(PyException) {
        let missing = width - s.unicodeScalars.count
        guard missing > 0 else { return }
        let (pad, o1) = missing.multipliedReportingOverflow(by: UTF8.width(fill))
        let (size, o2) = s.utf8.count.addingReportingOverflow(pad)
        try vm.reserveString(bytes: o1 || o2 ? nil : size)
    }

    /// UTF-8 bytes of `s.expandtabs(tabSize)`, counted before expanding (`nil`: overflow).
    static func expandedSize(_ s: String, _ tabSize: Int) -> Int? {
        var size = 0
        var col = 0
        for u in s.unicodeScalars {
            var add = UTF8.width(u)
            if u == "\t" {
                guard tabSize > 0 else { continue }
                add = tabSize - col % tabSize
                let (c, o) = col.addingReportingOverflow(add)
                if o { return nil }
                col = c
            } else {
                col = (u == "\n" || u == "\r") ? 0 : col &+ 1
            }
            let (t, o) = size.addingReportingOverflow(add)
            if o { return nil }
            size = t
        }
        return size
    }

    /// UTF-8 bytes of `s.replace(old, new, count)`, counted before replacing (`nil`: too many to count).
    static func replacedSize(_ s: String, _ old: String, _ new: String, _ count: Int) -> Int? {
        let newBytes = new.utf8.count
        let oldBytes = old.utf8.count
        if newBytes <= oldBytes { return s.utf8.count }
        var n: Int
        if old.isEmpty {
            n = s.unicodeScalars.count + 1
        } else {
            let b = Array(s.utf8)
            n = countOccurrences(b, Array(old.utf8), 0, b.count)
        }
        if count >= 0 { n = min(n, count) }
        let (growth, o1) = (newBytes - oldBytes).multipliedReportingOverflow(by: n)
        let (size, o2) = s.utf8.count.addingReportingOverflow(growth)
        return o1 || o2 ? nil : size
    }

    static func splitLines(_ s: String, keepEnds: Bool) -> [Value] {
        var out: [Value] = []
        let scalars = UnicodeText.scalars(s)
        var start = 0
        var i = 0
        while i < scalars.count {
            let u = scalars[i].value
            let isBreak = (0x0A...0x0D).contains(u) || (0x1C...0x1E).contains(u) || u == 0x85 || u == 0x2028 || u == 0x2029
            if isBreak {
                var end = i + 1
                if u == 0x0D && i + 1 < scalars.count && scalars[i + 1].value == 0x0A { end = i + 2 }
                out.append(.str(scalarsString(scalars[start..<(keepEnds ? end : i)])))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < scalars.count { out.append(.str(scalarsString(scalars[start...]))) }
        return out
    }
}
