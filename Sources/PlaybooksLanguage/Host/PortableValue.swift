import BigInt

/// A Python value made only of data — `None`, bools, ints, floats, strings, lists, tuples and
/// dicts of them — detached from any interpreter, so a host can keep it, send it across tasks,
/// write it to a journal and hand it back to a VM later.
///
/// ```swift
/// let answer: PortableValue = .dict([(.str("rows"), .int(3))])
/// vm.resume(returning: answer.makeValue())
/// let bytes = answer.encoded()
/// let same = try PortableValue.decode(bytes)          // == answer
/// ```
public indirect enum PortableValue: Sendable, Equatable, CustomStringConvertible {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer outside `Int`'s range, in decimal.
    case bigInt(String)
    case float(Double)
    case str(String)
    case list([PortableValue])
    case tuple([PortableValue])
    case dict([PortableEntry])

    /// Converts a VM value; throws when it holds something that is not plain data (a function,
    /// a class instance, a set, ...) or contains a cycle. An instance of a class that names one
    /// of its fields in ``plainFieldName`` (`__pb_plain__ = "content"`) is converted as that field.
    public init(_ value: Value) throws(PortableValueError) {
        var depth = 0
        self = try PortableValue.convert(value, depth: &depth)
    }

    private static func convert(_ value: Value, depth: inout Int) throws(PortableValueError) -> PortableValue {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw PortableValueError("value nests deeper than 200 levels (or contains itself)") }
        switch value {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .bigInt(let b): return .bigInt(b.value.description)
        case .float(let d): return .float(d)
        case .str(let s): return .str(s)
        case .tuple(let items):
            var out: [PortableValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try convert(item, depth: &depth)) }
            return .tuple(out)
        case .list(let l):
            var out: [PortableValue] = []
            out.reserveCapacity(l.items.count)
            for item in l.items { out.append(try convert(item, depth: &depth)) }
            return .list(out)
        case .dict(let d):
            var out: [PortableEntry] = []
            for (k, v) in d.pairs { out.append(PortableEntry(try convert(k, depth: &depth), try convert(v, depth: &depth))) }
            return .dict(out)
        case .instance(let o):
            // A class that stands for one of its fields (`__pb_plain__ = "content"`: a message
            // object is its text) is carried as that field.
            guard let inner = o.plainField else { throw notPlain(value) }
            return try convert(inner, depth: &depth)
        default:
            throw notPlain(value)
        }
    }

    /// The class attribute naming the field an instance is carried as when it must be plain data.
    public static let plainFieldName = "__pb_plain__"

    private static func notPlain(_ value: Value) -> PortableValueError {
        PortableValueError(
            "a value of type '\(value.typeName)' is not plain data (None, bool, int, float, str, list, tuple, dict)")
    }

    /// A new VM value with the same content (lists and dicts are fresh objects).
    public func makeValue() -> Value {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .bigInt(let s): return BigInt(s).map { Value.integer($0) } ?? .none
        case .float(let d): return .float(d)
        case .str(let s): return .str(s)
        case .list(let items): return .list(ListObject(items.map { $0.makeValue() }))
        case .tuple(let items): return .tuple(TupleItems(items.map { $0.makeValue() }))
        case .dict(let entries):
            let d = DictObject()
            for e in entries {
                let k = e.key.makeValue()
                if let key = HashKey(k) { d[key] = e.value.makeValue() }
            }
            return .dict(d)
        }
    }

    /// Python's `repr` of the value.
    public var description: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .bigInt(let s): return s
        case .float(let d): return PyFormat.floatRepr(d)
        case .str(let s): return VirtualMachine.quoteText(s)
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let items):
            return items.count == 1 ? "(\(items[0]),)" : "(" + items.map(\.description).joined(separator: ", ") + ")"
        case .dict(let entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// The text `str()` gives: strings as they are, everything else as `repr`.
    public var text: String {
        if case .str(let s) = self { return s }
        return description
    }
}

/// One key/value pair of a ``PortableValue/dict(_:)``, in insertion order.
public struct PortableEntry: Sendable, Equatable {
    public var key: PortableValue
    public var value: PortableValue
    public init(_ key: PortableValue, _ value: PortableValue) {
        self.key = key
        self.value = value
    }
}

public struct PortableValueError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
