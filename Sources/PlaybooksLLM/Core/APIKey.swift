import Foundation

/// An API key that never shows itself: its description, debug description and mirror all read `<redacted>`.
///
/// ```swift
/// let key = try APIKey.fromEnvironment("OPENAI_API_KEY", provider: "openai")
/// print(key)                      // <redacted>
/// key.redact("bad key sk-123...") // "bad key <redacted>"
/// ```
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself, for the request header only.
    let value: String

    /// A key given directly (tests, embedders). Prefer ``fromEnvironment(_:provider:environment:)``.
    public init(_ value: String) { self.value = value }

    /// Reads the key from the environment variable `name`.
    ///
    /// - Throws: ``LLMError`` (kind `.configuration`) naming the variable — never its value — when it is unset or empty.
    public static func fromEnvironment(
        _ name: String, provider: String, environment: [String: String]
    ) throws(LLMError) -> APIKey {
        guard let value = environment[name]?.trimmingWhitespace(), !value.isEmpty else {
            throw LLMError(
                provider: provider, kind: .configuration,
                message: "the environment variable \(name) (api_key_env) is not set or empty")
        }
        return APIKey(value)
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `text` with the key removed: the whole key, and any word that starts with the key's first 8 characters or
    /// ends with its last 8 (servers echo keys partly masked), become `<redacted>`.
    public func redact(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        var result = text.replacingOccurrences(of: value, with: "<redacted>")
        if value.count >= 12 {
            let head = String(value.prefix(8))
            let tail = String(value.suffix(8))
            result = result.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                word.contains(head) || word.contains(tail) ? "<redacted>" : String(word)
            }.joined(separator: " ")
        }
        return result
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
