/// Frees nested lists, dicts, instances and tuples with a work list instead of recursion.
///
/// Swift releases a class instance's stored properties when it is freed, so freeing a list that
/// holds the only reference to a list that holds the only reference to a list ... recurses once
/// per level and overflows the stack for data nested some tens of thousands deep (`a = [a]` in a
/// loop, or `t = (t,)`). The `deinit` of ``ListObject``, ``DictObject`` and ``TupleStorage``
/// hands its values to ``drain(_:)`` when one of them is a container: each container whose last
/// reference is in the work list has its own values moved into the work list before it is freed,
/// so every `deinit` finds an empty container and the depth of the Swift stack stays constant.
/// A shared container is only released (its reference count goes down), never walked.
enum NestedRelease {
    /// Whether freeing `value` can free further lists, dicts, instances or tuples.
    @inline(__always)
    static func holdsContainers(_ value: Value) -> Bool {
        switch value {
        case .list, .dict, .instance, .tuple: return true
        default: return false
        }
    }

    /// Releases `pending` (and whatever it alone keeps alive) iteratively.
    static func drain(_ pending: inout [Value]) {
        while !pending.isEmpty {
            var slot = pending.removeLast()
            if var list = takeList(&slot) {
                guard isKnownUniquelyReferenced(&list) else { continue }
                pending.append(contentsOf: list.items)
                list.items = []
            } else if var dict = takeDict(&slot) {
                guard isKnownUniquelyReferenced(&dict) else { continue }
                dict.moveEntries(into: &pending)
            } else if var instance = takeInstance(&slot) {
                guard isKnownUniquelyReferenced(&instance), instance.attributes.count > 0 else { continue }
                pending.append(.dict(instance.attributes))
                instance.attributes = DictObject()
            } else if var tuple = takeTuple(&slot) {
                guard isKnownUniquelyReferenced(&tuple.storage) else { continue }
                tuple.storage.moveItems(into: &pending)
            }
        }
    }

    // The reference is moved out of the value (which becomes `None`) in a function of its own,
    // so that no copy of the value (such as a `switch` subject) outlives the uniqueness check.

    static func takeList(_ value: inout Value) -> ListObject? {
        guard case .list(let list) = value else { return nil }
        value = .none
        return list
    }

    static func takeDict(_ value: inout Value) -> DictObject? {
        guard case .dict(let dict) = value else { return nil }
        value = .none
        return dict
    }

    static func takeInstance(_ value: inout Value) -> InstanceObject? {
        guard case .instance(let instance) = value else { return nil }
        value = .none
        return instance
    }

    static func takeTuple(_ value: inout Value) -> TupleItems? {
        guard case .tuple(let tuple) = value else { return nil }
        value = .none
        return tuple
    }
}

extension DictObject {
    /// Moves every key and value to `pending`, leaving the dict empty.
    func moveEntries(into pending: inout [Value]) {
        for case let entry? in table.entries {
            pending.append(entry.key)
            pending.append(entry.value)
        }
        table.removeAll()
    }

    /// Whether some value (or key) is a list, dict, instance or tuple.
    var holdsContainers: Bool {
        for case let entry? in table.entries {
            if NestedRelease.holdsContainers(entry.value) || NestedRelease.holdsContainers(entry.key) { return true }
        }
        return false
    }
}
