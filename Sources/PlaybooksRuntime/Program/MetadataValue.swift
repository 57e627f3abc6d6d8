import Foundation

/// A value of program metadata: YAML front matter, `key: value` lines under an agent's `#` heading or
/// a playbook's `##` heading, and the keyword arguments of `@playbook(...)`.
///
/// ```swift
/// // required_attendees: [HeadChef, MarketingSpecialist]
/// MetadataValue.list([.string("HeadChef"), .string("MarketingSpecialist")])
/// ```
public enum MetadataValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case list([MetadataValue])
    case map(Metadata)

    /// The value as a string when it is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a boolean when it is one.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The items when the value is a list; a single string counts as a list of one.
    public var listValue: [MetadataValue]? {
        switch self {
        case .list(let items): return items
        case .string: return [self]
        default: return nil
        }
    }

    /// The value written compactly in YAML flow style, e.g. `[HeadChef, MarketingSpecialist]`.
    public var description: String {
        switch self {
        case .string(let text): return MetadataValue.needsQuotes(text) ? MetadataValue.quoted(text) : text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let map):
            return "{" + map.entries.map { "\($0.key): \($0.value.description)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value as plain JSON-compatible Swift values (for `JSONSerialization`).
    public var jsonObject: Any {
        switch self {
        case .string(let text): return text
        case .int(let number): return number
        case .double(let number): return number
        case .bool(let flag): return flag
        case .null: return NSNull()
        case .list(let items): return items.map(\.jsonObject)
        case .map(let map): return map.jsonObject
        }
    }

    static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased()) { return true }
        if Int(text) != nil || Double(text) != nil { return true }
        return text.contains { ",[]{}:#\"'\n".contains($0) } || text.first == " " || text.last == " "
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for ch in text {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}

/// Ordered `key: value` metadata; keys keep the order they were written in.
public struct Metadata: Sendable, Equatable {
    /// The entries in the order written; a key appears once (a later duplicate replaces the value).
    public private(set) var entries: [(key: String, value: MetadataValue)]

    public init(_ entries: [(key: String, value: MetadataValue)] = []) {
        self.entries = []
        for entry in entries { self[entry.key] = entry.value }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    /// The value of `key`; setting `nil` removes it.
    public subscript(key: String) -> MetadataValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// Adds every entry of `other`, replacing values of keys already present.
    public mutating func merge(_ other: Metadata) {
        for entry in other.entries { self[entry.key] = entry.value }
    }

    /// Whether `key` is the boolean `true` (`public: true`, `meeting: true`, `@playbook(public=True)`).
    public func isTrue(_ key: String) -> Bool { self[key]?.boolValue == true }

    /// The strings of a list value (`required_attendees: [A, B]`), or `[]`.
    public func strings(_ key: String) -> [String] {
        (self[key]?.listValue ?? []).compactMap { item in
            if case .string(let text) = item { return text }
            return item.description
        }
    }

    /// The metadata as a JSON-compatible dictionary.
    public var jsonObject: [String: Any] {
        var out: [String: Any] = [:]
        for entry in entries { out[entry.key] = entry.value.jsonObject }
        return out
    }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
