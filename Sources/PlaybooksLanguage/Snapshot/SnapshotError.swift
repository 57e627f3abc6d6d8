/// Why saved bytes could not be turned back into a running VM.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
