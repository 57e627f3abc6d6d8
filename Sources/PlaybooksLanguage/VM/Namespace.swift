/// A module's global variables, stored in slots so that compiled code reads a global with one
/// array access. The compiler asks for a name's slot; a slot that was never assigned falls back
/// to the built-in of the same name, if any.
public final class Namespace: @unchecked Sendable {
    @exclusivity(unchecked) public private(set) var names: [String] = []
    @exclusivity(unchecked) var slotsByName: [String: Int] = [:]
    @exclusivity(unchecked) var values: [Value?] = []
    @exclusivity(unchecked) var builtinFallback: [Value?] = []

    public init() {}

    /// The slot for `name`, created on first use.
    public func slot(for name: String) -> Int {
        if let s = slotsByName[name] { return s }
        let s = names.count
        names.append(name)
        slotsByName[name] = s
        values.append(nil)
        builtinFallback.append(Builtins.lookup(name))
        return s
    }

    /// The value of the global in slot `i`, or the built-in it falls back to.
    @inline(__always)
    func value(at i: Int) -> Value? { values[i] ?? builtinFallback[i] }

    public subscript(name: String) -> Value? {
        get {
            guard let s = slotsByName[name] else { return nil }
            return values[s]
        }
        set { values[slot(for: name)] = newValue }
    }

    /// Assigned globals in definition order.
    public var bindings: [(name: String, value: Value)] {
        var out: [(String, Value)] = []
        for (i, n) in names.enumerated() { if let v = values[i] { out.append((n, v)) } }
        return out
    }

    /// Refills a namespace from its saved slots (the snapshot decoder).
    func restore(names: [String], values: [Value?]) {
        self.names = names
        self.values = values
        slotsByName = [:]
        for (i, n) in names.enumerated() { slotsByName[n] = i }
        builtinFallback = names.map { Builtins.lookup($0) }
    }
}
