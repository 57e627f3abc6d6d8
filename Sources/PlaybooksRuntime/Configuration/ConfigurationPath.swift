import Foundation

/// Resolution of the relative paths written in `playbooks.toml`.
enum ConfigurationPath {
    /// `path` itself when absolute, else `path` taken from `directory`, normalised (`a/./b/../c` is `a/c`).
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
    }

    /// The absolute directory of the file at `path`.
    static func directory(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    }
}
