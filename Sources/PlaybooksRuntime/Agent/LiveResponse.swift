import PlaybooksLLM
import PlaybooksLanguage

/// The LLM response a Markdown playbook is executing, as the host reads it: a stream of text
/// deltas cut into complete statements. It lives only in this process; what the code has
/// received of it is in the journal (one record per statement), so after a crash the runtime
/// rebuilds it from the saved statements or by asking the LLM to continue.
final class LiveResponse {
    private var deltas: AsyncThrowingStream<LLMStreamEvent, any Error>.AsyncIterator?
    private var queue = StatementQueue()
    private var saved: [StatementSplitter.Statement]
    /// Text the code already received before this stream (a continuation): statements at the
    /// start of the stream that repeat it exactly are skipped.
    private var alreadyReceived: String
    private(set) var streamEnded = false
    /// Whether any text arrived from the stream (a failure before that is the provider's to retry).
    private(set) var receivedText = false
    /// Whether a journal record already carries ``remaining``.
    var restJournaled = false
    /// The token usage the provider reported for this request, once its stream has ended (`nil` before, and for a
    /// response rebuilt from saved statements: its usage was journaled with them).
    private(set) var usage: LLMUsage?
    /// Whether a journal record already carries ``usage``.
    var usageJournaled = false
    /// An error met while reading ahead, thrown by the next ``next()``.
    private var pendingError: (any Error)?

    init(stream: AsyncThrowingStream<LLMStreamEvent, any Error>, alreadyReceived: String = "") {
        self.deltas = stream.makeAsyncIterator()
        self.saved = []
        self.alreadyReceived = alreadyReceived
    }

    /// A response that had fully arrived before a crash: the statements not yet run.
    init(saved: [StatementSplitter.Statement]) {
        self.deltas = nil
        self.saved = saved
        self.alreadyReceived = ""
        self.streamEnded = true
    }

    /// The next complete statement, or `nil` at the end of the response; with its parse when it
    /// came from the stream (statements saved before a crash are parsed when they run).
    func next() async throws -> (statement: StatementSplitter.Statement, parsed: StatementQueue.Item?)? {
        if deltas == nil {
            return saved.isEmpty ? nil : (saved.removeFirst(), nil)
        }
        while true {
            if let item = queue.next() {
                let s = item.statement
                if !alreadyReceived.isEmpty {
                    if alreadyReceived.hasPrefix(s.text) {
                        alreadyReceived.removeFirst(s.text.count)
                        continue
                    }
                    alreadyReceived = ""
                }
                if !queue.isFinished {
                    if Self.returns(s.text) {
                        await readAhead(toEnd: true)
                    } else if queue.isAfterCodeBlock, !queue.hasReady {
                        await readAhead(toEnd: false)
                    }
                }
                return (s, item)
            }
            if let error = pendingError {
                pendingError = nil
                throw error
            }
            if queue.isFinished {
                streamEnded = true
                return nil
            }
            if let event = try await deltas?.next(isolation: #isolation) {
                switch event {
                case .text(let delta):
                    if !delta.isEmpty { receivedText = true }
                    queue.feed(delta)
                case .usage(let reported): usage = (usage ?? .zero) + reported
                }
            } else {
                queue.finish()
            }
        }
    }

    /// Whether `statement` is a top-level `await Return(...)`: nothing after it runs.
    static func returns(_ statement: String) -> Bool {
        statement.hasPrefix("await Return(")
    }

    /// Reads on before a statement is handed over, so that it goes with the reply's end — its usage and the statements
    /// left — in one journal record: after a closed code block (only prose or another block can follow) until
    /// another statement is ready or the stream ends; before a `Return` (nothing after it runs) to the end. An
    /// error is kept for the next call.
    private func readAhead(toEnd: Bool) async {
        do {
            while !queue.isFinished, toEnd || !queue.hasReady {
                if let event = try await deltas?.next(isolation: #isolation) {
                    switch event {
                    case .text(let delta): queue.feed(delta)
                    case .usage(let reported): usage = (usage ?? .zero) + reported
                    }
                } else {
                    queue.finish()
                }
            }
        } catch {
            pendingError = error
        }
    }

    /// Reads the rest of the stream, discarding its text, so that its usage arrives: for a response the code stopped
    /// reading (a statement failed or returned). Errors end the draining quietly (no usage then).
    func drain() async {
        guard deltas != nil, !queue.isFinished else { return }
        do {
            while let event = try await deltas?.next(isolation: #isolation) {
                if case .usage(let reported) = event { usage = (usage ?? .zero) + reported }
            }
        } catch {}
        queue.finish()
        streamEnded = true
    }

    /// Once the stream has ended: the statements received and not yet handed over.
    var remaining: [StatementSplitter.Statement]? {
        if deltas == nil { return saved }
        return queue.isFinished ? queue.pending : nil
    }
}
