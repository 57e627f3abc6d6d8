/// The executions of a store, oldest first, with those whose stored info cannot be read set apart:
/// one damaged execution does not hide the others.
public struct ExecutionListing: Sendable, Equatable {
    /// The executions whose info reads back, oldest first.
    public var executions: [ExecutionInfo]
    /// One error per execution whose info is damaged (``StoreError/corrupted(_:sequence:detail:)``).
    public var damaged: [StoreError]

    public init(executions: [ExecutionInfo], damaged: [StoreError] = []) {
        self.executions = executions
        self.damaged = damaged
    }
}

extension CheckpointStore {
    /// By default, ``CheckpointStore/listExecutions()``: a store that can tell one damaged
    /// execution from the others implements this itself.
    public func listExecutionsReportingDamage() async throws(StoreError) -> ExecutionListing {
        ExecutionListing(executions: try await listExecutions())
    }
}
