/// A worker's ownership of one execution, as granted by an ``ExecutionQueue``.
///
/// `token` is a fencing token: it goes up by one every time the execution gets a new owner. A
/// store view fenced by a lease (``ExecutionQueue/fenced(by:)``) writes only while the execution's
/// current token is this one and the lease has not expired; a worker that lost the execution (it
/// was paused, partitioned or presumed dead, and another worker took over) gets
/// ``StoreError/leaseLost(_:detail:)`` instead of writing.
public struct Lease: Sendable, Hashable, CustomStringConvertible {
    public let executionID: ExecutionID
    /// Who holds it: one identity per worker process, e.g. "pid 4242 on host-a #9f3c".
    public let owner: String
    public let token: Int64

    public init(executionID: ExecutionID, owner: String, token: Int64) {
        self.executionID = executionID
        self.owner = owner
        self.token = token
    }

    public var description: String { "\(executionID) (owner \(owner), token \(token))" }
}
