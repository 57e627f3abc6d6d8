import Foundation
import PlaybooksDurability

/// A parsed `postgres://USER:PASSWORD@HOST:PORT/DATABASE?schema=NAME` location.
///
/// `postgresql://` is accepted too. The port defaults to 5432, the database to the user's name,
/// the schema to `public`. Without a password in the URL, `PGPASSWORD` is used when set. Tables are
/// named `playbooks_*`, so a store can share a schema with an application's own tables; `schema`
/// keeps stores apart in one database.
///
/// ```swift
/// let url = try PostgresURL(parsing: "postgres://app:secret@db.internal:5432/app?schema=agents")
/// url.redacted   // "postgres://app@db.internal:5432/app?schema=agents"
/// ```
public struct PostgresURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// The schema that holds the store's tables; created if missing.
    public var schema: String

    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        let shown = StoreLocation.redactingPassword(text)
        self.redacted = shown
        func invalid(_ why: String) -> StoreError {
            .invalidLocation("'\(shown)': \(why); expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let components = URLComponents(string: text) else {
            throw invalid("not a URL")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("no host") }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }
        guard let user = components.user, !user.isEmpty else { throw invalid("no user") }
        self.user = user
        self.password = components.password ?? environment["PGPASSWORD"]
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        guard !database.contains("/") else { throw invalid("the path must be one database name") }
        self.database = database.isEmpty ? user : database
        var schema = "public"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                schema = item.value ?? ""
            default:
                throw invalid("unknown parameter '\(item.name)' (known: schema)")
            }
        }
        guard PostgresURL.isPlainIdentifier(schema) else {
            throw invalid("schema '\(schema)' must be 1-63 characters of a-z 0-9 _, starting with a letter or _")
        }
        self.schema = schema
    }

    /// The URL as written but without the password: what messages and ``PostgresCheckpointStore/location`` show.
    public let redacted: String

    /// `host:port`, for messages about reaching the server.
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Lower-case letters, digits and `_`, not starting with a digit: usable in SQL without quoting rules.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 63, !(0x30...0x39).contains(first) else { return false }
        return text.utf8.allSatisfy { b in (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x5F }
    }
}
