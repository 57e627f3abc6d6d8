/// Where a store is, as written on the command line or in `playbooks.toml`: `sqlite:PATH` (the
/// embedded default), `files:DIR`, or the URL of a store served by another module
/// (`SCHEME://...`, kept as written).
///
/// This module parses locations and opens its own two kinds of store; which URL schemes exist,
/// and opening them, is the business of the module that knows every store
/// (`PlaybooksStores.openStore(_:durability:failpoints:)`).
///
/// ```swift
/// let location = try StoreLocation(parsing: "sqlite:.playbooks/state.db")
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case files(directory: String)
    /// A store named by a URL (`SCHEME://...`). `text` is kept as written, password included;
    /// ``description`` leaves the password out.
    case url(String)

    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .invalidLocation("'\(text)': sqlite: needs a file path, e.g. sqlite:.playbooks/state.db") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("files:") {
            let dir = String(text.dropFirst("files:".count))
            guard !dir.isEmpty else { throw .invalidLocation("'\(text)': files: needs a directory, e.g. files:.playbooks/journal") }
            self = .files(directory: dir)
        } else if let scheme = StoreLocation.urlScheme(of: text) {
            guard text.count > scheme.count + "://".count else {
                throw .invalidLocation("'\(text)': \(scheme):// needs an address after it")
            }
            self = .url(text)
        } else {
            throw .invalidLocation(
                "'\(StoreLocation.redactingPassword(text))': expected sqlite:PATH, files:DIR or the URL of a store (SCHEME://...)")
        }
    }

    /// The scheme of a ``url(_:)`` location in lower case (`postgres`), or `nil` for the others.
    public var scheme: String? {
        guard case .url(let text) = self else { return nil }
        return StoreLocation.urlScheme(of: text)?.lowercased()
    }

    public var description: String {
        switch self {
        case .sqlite(let p): return "sqlite:\(p)"
        case .files(let d): return "files:\(d)"
        case .url(let text): return StoreLocation.redactingPassword(text)
        }
    }

    /// `text` with the password of a `scheme://user:password@host` URL left out (`scheme://user@host`).
    public static func redactingPassword(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + String(text[at...])
    }

    /// The scheme of `SCHEME://...` (a letter, then letters, digits, `+`, `-` or `.`), or `nil`.
    private static func urlScheme(of text: String) -> String? {
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) })
        else { return nil }
        return String(scheme)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
