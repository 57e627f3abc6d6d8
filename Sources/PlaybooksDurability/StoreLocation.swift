/// Where a store is, as written on the command line or in `playbooks.toml`:
/// `sqlite:PATH` (the embedded default) or `files:DIR`.
///
/// ```swift
/// let location = try StoreLocation(parsing: "sqlite:.playbooks/state.db")
/// ```
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case files(directory: String)

    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .invalidLocation("'\(text)': sqlite: needs a file path, e.g. sqlite:.playbooks/state.db") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("files:") {
            let dir = String(text.dropFirst("files:".count))
            guard !dir.isEmpty else { throw .invalidLocation("'\(text)': files: needs a directory, e.g. files:.playbooks/journal") }
            self = .files(directory: dir)
        } else {
            throw .invalidLocation("'\(text)': expected sqlite:PATH or files:DIR")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let p): return "sqlite:\(p)"
        case .files(let d): return "files:\(d)"
        }
    }
}
