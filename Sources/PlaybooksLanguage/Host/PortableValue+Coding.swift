/// A compact binary form of ``PortableValue``: a tag byte, then varints, UTF-8 and
/// little-endian doubles. Used for journal records, where every byte per await counts.
extension PortableValue {
    private enum Tag: UInt8 {
        case none = 0, falseValue, trueValue, int, bigInt, float, str, list, tuple, dict
    }

    /// The value's bytes.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        encode(into: &out)
        return out
    }

    /// Appends the value's bytes to `out`.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .none: out.append(Tag.none.rawValue)
        case .bool(let b): out.append(b ? Tag.trueValue.rawValue : Tag.falseValue.rawValue)
        case .int(let i):
            out.append(Tag.int.rawValue)
            PortableValue.appendVarint(UInt64(bitPattern: Int64((i << 1) ^ (i >> 63))), to: &out)
        case .bigInt(let s):
            out.append(Tag.bigInt.rawValue)
            PortableValue.appendString(s, to: &out)
        case .float(let d):
            out.append(Tag.float.rawValue)
            var bits = d.bitPattern
            for _ in 0..<8 {
                out.append(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        case .str(let s):
            out.append(Tag.str.rawValue)
            PortableValue.appendString(s, to: &out)
        case .list(let items), .tuple(let items):
            if case .list = self { out.append(Tag.list.rawValue) } else { out.append(Tag.tuple.rawValue) }
            PortableValue.appendVarint(UInt64(items.count), to: &out)
            for item in items { item.encode(into: &out) }
        case .dict(let entries):
            out.append(Tag.dict.rawValue)
            PortableValue.appendVarint(UInt64(entries.count), to: &out)
            for e in entries {
                e.key.encode(into: &out)
                e.value.encode(into: &out)
            }
        }
    }

    /// Decodes a value that fills `bytes` exactly.
    public static func decode(_ bytes: [UInt8]) throws(PortableValueError) -> PortableValue {
        var position = 0
        let value = try decode(bytes, at: &position)
        guard position == bytes.count else { throw PortableValueError("\(bytes.count - position) bytes left after a value") }
        return value
    }

    /// Decodes one value starting at `position` and moves `position` past it.
    public static func decode(_ bytes: [UInt8], at position: inout Int) throws(PortableValueError) -> PortableValue {
        try decode(bytes, at: &position, depth: 0)
    }

    private static func decode(_ bytes: [UInt8], at p: inout Int, depth: Int) throws(PortableValueError) -> PortableValue {
        guard depth < 200 else { throw PortableValueError("value nests deeper than 200 levels") }
        guard p < bytes.count else { throw PortableValueError("value cut short") }
        guard let tag = Tag(rawValue: bytes[p]) else { throw PortableValueError("unknown value tag \(bytes[p])") }
        p += 1
        switch tag {
        case .none: return .none
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .int:
            let z = try readVarint(bytes, at: &p)
            return .int(Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))))
        case .bigInt:
            let s = try readString(bytes, at: &p)
            guard !s.isEmpty, s.drop(while: { $0 == "-" }).allSatisfy(\.isNumber) else {
                throw PortableValueError("bad big integer digits")
            }
            return .bigInt(s)
        case .float:
            guard p + 8 <= bytes.count else { throw PortableValueError("float cut short") }
            var bits: UInt64 = 0
            for i in (0..<8).reversed() { bits = (bits << 8) | UInt64(bytes[p + i]) }
            p += 8
            return .float(Double(bitPattern: bits))
        case .str: return .str(try readString(bytes, at: &p))
        case .list, .tuple:
            let n = try readCount(bytes, at: &p)
            var items: [PortableValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try decode(bytes, at: &p, depth: depth + 1)) }
            return tag == .list ? .list(items) : .tuple(items)
        case .dict:
            let n = try readCount(bytes, at: &p)
            var entries: [PortableEntry] = []
            entries.reserveCapacity(n)
            for _ in 0..<n {
                let k = try decode(bytes, at: &p, depth: depth + 1)
                let v = try decode(bytes, at: &p, depth: depth + 1)
                entries.append(PortableEntry(k, v))
            }
            return .dict(entries)
        }
    }

    static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        appendVarint(UInt64(s.utf8.count), to: &out)
        out.append(contentsOf: s.utf8)
    }

    static func readVarint(_ bytes: [UInt8], at p: inout Int) throws(PortableValueError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard p < bytes.count else { throw PortableValueError("number cut short") }
            let b = bytes[p]
            p += 1
            guard shift < 64 else { throw PortableValueError("number too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A length that must fit in what is left of the input (each element takes at least a byte).
    static func readCount(_ bytes: [UInt8], at p: inout Int) throws(PortableValueError) -> Int {
        let n = try readVarint(bytes, at: &p)
        guard n <= UInt64(bytes.count - p) else { throw PortableValueError("length \(n) runs past the end") }
        return Int(n)
    }

    static func readString(_ bytes: [UInt8], at p: inout Int) throws(PortableValueError) -> String {
        let n = try readCount(bytes, at: &p)
        defer { p += n }
        guard let s = String(validating: bytes[p..<(p + n)], as: UTF8.self) else { throw PortableValueError("text is not UTF-8") }
        return s
    }
}
