import Foundation

/// Where an execution stands.
public enum ExecutionStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not ended: running now, or stopped by a crash (then it can be resumed).
    case running
    /// Waiting for input (a message from the user); resume it with the message.
    case waiting
    /// Ended normally.
    case finished
    /// Ended with an error that escaped the program.
    case failed
}

/// What a store keeps about an execution besides its journal: enough to list executions and to
/// check, before a resume, that the program is the one the execution began with.
public struct ExecutionInfo: Sendable, Equatable, Codable {
    public var id: ExecutionID
    /// The program file the execution runs (as given when it started).
    public var programPath: String
    /// SHA-256 (hex) of the program text when the execution started.
    public var programHash: String
    public var status: ExecutionStatus
    public var createdAt: Date
    public var updatedAt: Date
    /// Free-form details for people and tools (agent name, what it waits for, the error that ended it).
    public var attributes: [String: String]

    public init(
        id: ExecutionID, programPath: String, programHash: String, status: ExecutionStatus = .running,
        createdAt: Date = Date(), updatedAt: Date? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        self.programPath = programPath
        self.programHash = programHash
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.attributes = attributes
    }
}
