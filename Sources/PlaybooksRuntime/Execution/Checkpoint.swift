import Foundation
import PlaybooksDurability
import PlaybooksLanguage

/// One checkpoint of an execution: a finished await, durable in the journal, and — when asked
/// for with ``CheckpointManager/get(_:)`` — the whole state right after it.
///
/// It carries what the seed's checkpoint carries: an id, the namespace, the execution state
/// (variables, call stack, agents, meetings) and metadata (statement, counter, execution id,
/// timestamp, the LLM response and the code executed from it, for LLM playbooks).
public struct Checkpoint: Sendable, Equatable, Codable {
    /// `EXECUTION_ckpt_N`.
    public var id: String
    public var executionID: ExecutionID
    /// N: the position in the execution's journal, from 1.
    public var counter: Int
    public var timestamp: Date
    /// The awaiting statement and its line (in the program file, or in an LLM reply: see ``lineIn``).
    public var statement: String
    public var line: Int
    /// Where ``line`` is: `program` (the program file), `reply` (the LLM reply that held the
    /// statement), or `nil` (the runtime's own code).
    public var lineIn: String?
    /// The host function awaited, its arguments (as `repr`) and its result (`repr`, or `Type: message`).
    public var call: String
    public var arguments: [String]
    public var result: String
    /// `completed`, or `started` for the record written before an at-most-once call.
    public var kind: String
    /// The LLM response being executed and how much of it had run (LLM playbooks; `nil` otherwise).
    public var llmResponse: String?
    public var executedCode: String?
    /// The state right after this checkpoint (`nil` in ``CheckpointManager/list()``): the await's
    /// result delivered and the code run on to its next await — exactly where a resume from this
    /// checkpoint would stand. (So the seed's `ckpt_7` for `data = await FetchData()` has `data`
    /// in its namespace, and a playbook that returned right after the await is off the call stack.)
    public var state: ExecutionState?

    /// Whether this is a record of the Markdown playbook loop's own (`__PBPrompt__`, `__PBStart__`,
    /// `__PBNext__`) rather than an await of the playbooks' code.
    public var isInternal: Bool { HostBuiltin(rawValue: call)?.isLLM ?? false }

    /// The namespace: the program's module-level names (from ``state``).
    public var namespace: [NamedValue] { state?.namespace ?? [] }

    init(executionID: ExecutionID, counter: Int, record: AwaitRecord, statement: String) {
        self.id = "\(executionID)_ckpt_\(counter)"
        self.executionID = executionID
        self.counter = counter
        self.timestamp = Date(timeIntervalSince1970: record.timestamp)
        self.statement = statement
        self.line = record.line
        switch record.statement {
        case .programLine: self.lineIn = "program"
        case .response, .text: self.lineIn = "reply"
        case .none: self.lineIn = nil
        }
        self.call = record.call
        self.arguments = record.arguments.map(\.description) + record.keywordArguments.map { "\($0.name)=\($0.value)" }
        switch record.outcome {
        case .value(let v): self.result = v.description
        case .error(let type, let message): self.result = "\(type): \(message)"
        }
        self.kind = record.kind == .started ? "started" : "completed"
    }
}
