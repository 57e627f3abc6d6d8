/// Why a store operation failed. Every case names what it concerns, so the message alone tells
/// a person what happened and to which execution.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidExecutionID(String)
    case executionExists(ExecutionID)
    case executionNotFound(ExecutionID)
    /// An append did not continue the journal: `expected` is the next free sequence.
    case sequenceConflict(ExecutionID, expected: Int, got: Int)
    /// Damage that is not a torn tail: a bad record followed by intact ones, or a damaged snapshot
    /// or metadata that cannot be skipped.
    case corrupted(ExecutionID, sequence: Int?, detail: String)
    /// Written by a newer (or foreign) format this build does not read.
    case unsupportedFormat(String)
    /// Another process (or another run in this one) holds the execution.
    case locked(ExecutionID, holder: String)
    /// A worker's lease on the execution is no longer current (it expired, or another worker took
    /// the execution over): the write was refused and the worker must stop working on it.
    case leaseLost(ExecutionID, detail: String)
    /// The store itself failed: a file or database error, a database that is down.
    case unavailable(String)
    case invalidLocation(String)

    public var description: String {
        switch self {
        case .invalidExecutionID(let s):
            return "invalid execution id '\(s)': use 1-64 characters of A-Z a-z 0-9 _ . - (not starting with . or -)"
        case .executionExists(let id): return "execution \(id) already exists"
        case .executionNotFound(let id): return "no execution \(id) in this store"
        case .sequenceConflict(let id, let expected, let got):
            return "execution \(id): journal append at record \(got), but the next record is \(expected)"
        case .corrupted(let id, let seq, let detail):
            if let seq { return "execution \(id): journal damaged at record \(seq): \(detail)" }
            return "execution \(id): damaged: \(detail)"
        case .unsupportedFormat(let s): return "unsupported format: \(s)"
        case .locked(let id, let holder): return "execution \(id) is in use by \(holder)"
        case .leaseLost(let id, let detail): return "execution \(id): lease lost: \(detail)"
        case .unavailable(let s): return "store unavailable: \(s)"
        case .invalidLocation(let s): return "invalid store location: \(s)"
        }
    }
}

extension StoreError {
    /// This error naming execution `id`: a store failure (``unavailable(_:)``) whose message does
    /// not name it yet gets it in front; other cases are returned as they are.
    package func naming(_ id: ExecutionID) -> StoreError {
        guard case .unavailable(let detail) = self, !detail.contains("execution \(id.rawValue)") else { return self }
        return .unavailable("execution \(id): \(detail)")
    }
}
