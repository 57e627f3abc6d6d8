/// Where a store is, as written on the command line or in `playbooks.toml`:
/// `sqlite:PATH` (the embedded default), `files:DIR`, or `postgres://USER:PASSWORD@HOST:PORT/DB`
/// (also `postgresql://`; opened by the PlaybooksPostgres module, see ``PostgresStoreOpener``).
///
/// ```swift
/// let location = try StoreLocation(parsing: "sqlite:.playbooks/state.db")
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case files(directory: String)
    /// A PostgreSQL database. `url` is kept as written, password included; ``description`` leaves the password out.
    case postgres(url: String)

    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .invalidLocation("'\(text)': sqlite: needs a file path, e.g. sqlite:.playbooks/state.db") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("files:") {
            let dir = String(text.dropFirst("files:".count))
            guard !dir.isEmpty else { throw .invalidLocation("'\(text)': files: needs a directory, e.g. files:.playbooks/journal") }
            self = .files(directory: dir)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            // The rest is checked when the store opens; here only that it names a user and a host.
            let rest = text.dropFirst(text.hasPrefix("postgres://") ? "postgres://".count : "postgresql://".count)
            let authority = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
            guard let at = authority.lastIndex(of: "@"), at != authority.startIndex,
                authority[authority.index(after: at)...].contains(where: { $0 != ":" })
            else {
                throw .invalidLocation(
                    "'\(StoreLocation.redactingPassword(text))': needs a user and a host, e.g. postgres://USER:PASSWORD@HOST:5432/DB")
            }
            self = .postgres(url: text)
        } else {
            throw .invalidLocation(
                "'\(StoreLocation.redactingPassword(text))': expected sqlite:PATH, files:DIR or postgres://USER@HOST:PORT/DB")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let p): return "sqlite:\(p)"
        case .files(let d): return "files:\(d)"
        case .postgres(let url): return StoreLocation.redactingPassword(url)
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
}
