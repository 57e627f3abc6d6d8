import PlaybooksLLM
import PlaybooksLanguage

/// The LLM response a Markdown playbook is executing, as the host reads it: a stream of text
/// deltas cut into complete statements. It lives only in this process; what the code has
/// received of it is in the journal (one record per statement), so after a crash the runtime
/// rebuilds it from the saved statements or by asking the LLM to continue.
final class LiveResponse {
    private var deltas: AsyncThrowingStream<String, any Error>.AsyncIterator?
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

    init(stream: AsyncThrowingStream<String, any Error>, alreadyReceived: String = "") {
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
                return (s, item)
            }
            if queue.isFinished {
                streamEnded = true
                return nil
            }
            if let delta = try await deltas?.next(isolation: #isolation) {
                if !delta.isEmpty { receivedText = true }
                queue.feed(delta)
            } else {
                queue.finish()
            }
        }
    }

    /// Once the stream has ended: the statements received and not yet handed over.
    var remaining: [StatementSplitter.Statement]? {
        if deltas == nil { return saved }
        return queue.isFinished ? queue.pending : nil
    }
}
