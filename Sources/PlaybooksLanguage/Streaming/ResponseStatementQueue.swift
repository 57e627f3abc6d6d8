/// The statements of a streamed LLM response, in order, as soon as each is complete — with the
/// same treatment of prose as ``StreamingExecutor``: before the first Markdown fence, a statement
/// that does not parse (or is only bare words) is held back; if a fence then opens, the held text
/// was prose and is dropped; if the response ends with no fence, the held statements are released
/// (and the first reports its syntax error when it runs).
///
/// ```swift
/// var queue = ResponseStatementQueue()
/// queue.feed("Sure.\n```python\nx = 1\n")
/// queue.next()   // Statement(text: "x = 1\n", line: 3)
/// ```
public struct ResponseStatementQueue: Sendable {
    var splitter = StatementSplitter()
    var held: [StatementSplitter.Statement] = []
    var ready: [StatementSplitter.Statement] = []
    var sawFence = false
    public private(set) var isFinished = false

    public init() {}

    public mutating func feed(_ chunk: String) {
        splitter.feed(chunk)
        absorb()
    }

    /// The response ended.
    public mutating func finish() {
        splitter.finish()
        absorb()
        if !sawFence {
            ready.append(contentsOf: held)
            held.removeAll()
        }
        isFinished = true
    }

    /// The next complete statement, if one is ready.
    public mutating func next() -> StatementSplitter.Statement? {
        ready.isEmpty ? nil : ready.removeFirst()
    }

    /// Statements ready and not yet taken.
    public var pending: [StatementSplitter.Statement] { ready }

    mutating func absorb() {
        for item in splitter.take() {
            switch item {
            case .firstFence:
                sawFence = true
                held.removeAll()
            case .statement(let s):
                if !sawFence {
                    if !held.isEmpty {
                        held.append(s)
                        continue
                    }
                    do throws(SyntaxError) {
                        let module = try Parser.parse(s.text, firstLine: s.line)
                        if StreamingExecutor.looksLikeProse(module) {
                            held.append(s)
                            continue
                        }
                    } catch {
                        held.append(s)
                        continue
                    }
                }
                ready.append(s)
            }
        }
    }
}
