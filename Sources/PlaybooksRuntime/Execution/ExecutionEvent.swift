import PlaybooksDurability
import PlaybooksLanguage

/// A message in an execution's transcript.
public struct Message: Sendable, Equatable, Codable, CustomStringConvertible {
    public var sender: String
    public var target: String
    public var text: String
    public init(sender: String, target: String, text: String) {
        self.sender = sender
        self.target = target
        self.text = text
    }
    /// `sender -> target: text`, one line (line breaks in the text shown as `\n`).
    public var description: String {
        "\(sender) -> \(target): \(text.replacingOccurrences(of: "\n", with: "\\n"))"
    }
}

/// What an execution reports while it runs. Events describe work that is already durable:
/// a message is reported after the checkpoint that holds it is written, and never again on resume.
public enum ExecutionEvent: Sendable {
    case said(Message)
    case stepped(playbook: String, step: String)
    case checkpointed(sequence: Int)
    /// A resume replayed the journal: `records` awaits were answered from it without running them again.
    case recovered(fromSnapshot: Int, replayedRecords: Int, note: String?)
    case printed(String)
}

/// How a run of an execution ended.
public enum ExecutionOutcome: Sendable, Equatable {
    /// The entry playbook returned this value.
    case finished(ExecutionResult)
    /// An exception escaped; the traceback text.
    case failed(traceback: String)
    /// The code waits for a message from `source` and none was given; resume with one.
    case waitingForMessage(source: String)
}

/// The value an execution's entry playbook returned.
///
/// ```swift
/// if case .finished(let result) = try await runner.run() {
///     print(result)                        // Python's repr, e.g. {'rows': 3}
///     if case .dict(let entries)? = result.value { ... }
/// }
/// ```
public struct ExecutionResult: Sendable, Equatable, CustomStringConvertible {
    /// The value as data; `nil` when it is not plain data (an instance, a function, a set, ...).
    public var value: PortableValue?
    /// The value as Python's `repr` shows it.
    public var repr: String

    public init(value: PortableValue?, repr: String) {
        self.value = value
        self.repr = repr
    }

    public var description: String { repr }
}

/// Why an execution could not run or resume. Every message names the execution.
public enum ExecutionError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case program(String)
    case programChanged(ExecutionID, path: String)
    case notResumable(ExecutionID, status: ExecutionStatus)
    case damaged(ExecutionID, String)
    /// Replaying the journal met a different await than the one recorded.
    case diverged(ExecutionID, sequence: Int, expected: String, found: String)
    /// A failpoint stopped the run at record `at` (only when crashes are simulated, in tests).
    case crashed(ExecutionID, at: Int)
    /// ``ExecutionRunner/shouldStop`` asked the run to stop; it did so after the await that had
    /// just been recorded, so the execution resumes from there.
    case stopped(ExecutionID, at: Int)
    /// The LLM failed on every attempt. Nothing of the failed call was recorded: the execution
    /// stays at the await where it asked, and a resume (once the LLM is reachable) asks again.
    case llmUnavailable(ExecutionID, String)

    /// This error naming execution `id` when it is a store failure that does not name it yet.
    func naming(_ id: ExecutionID) -> ExecutionError {
        guard case .store(let e) = self else { return self }
        return .store(e.naming(id))
    }

    public var description: String {
        switch self {
        case .store(let e): return e.description
        case .program(let s): return s
        case .programChanged(let id, let path):
            return "execution \(id): the program \(path) changed since the execution began (its hash differs); "
                + "resume with the original program"
        case .notResumable(let id, let status): return "execution \(id) is \(status.rawValue): there is nothing to resume"
        case .damaged(let id, let s): return "execution \(id): \(s)"
        case .diverged(let id, let seq, let expected, let found):
            return "execution \(id): replay diverged at record \(seq): the journal has an await of \(expected), "
                + "the code awaited \(found)"
        case .crashed(let id, let n): return "execution \(id): stopped by a failpoint at record \(n)"
        case .stopped(let id, let n): return "execution \(id): stopped on request after record \(n); it can be resumed from there"
        case .llmUnavailable(let id, let message):
            return "execution \(id): the LLM failed (\(message)); the execution is kept where it was and can be resumed "
                + "once the LLM is reachable"
        }
    }
}
