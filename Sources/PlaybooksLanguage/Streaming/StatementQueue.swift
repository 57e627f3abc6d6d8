/// The statements of a streamed LLM response, parsed, in order, as soon as each is complete: the
/// one place where a response's text becomes code. Agents (each statement handed to the code of
/// a Markdown playbook) and `playbooks exec --stream` (``StreamingExecutor``) both read it.
///
/// Prose: before the first Markdown fence, a statement that does not parse (or is only bare
/// words, like "Sure." or "Okay then") is held back with everything after it; if a fence then
/// opens, the held text was prose and is dropped; if the response ends with no fence, the held
/// statements are released (and the first reports its syntax error when it runs). Each statement
/// is parsed once, when it completes.
///
/// ```swift
/// var queue = StatementQueue()
/// queue.feed("Sure.\n```python\nx = 1\n")
/// queue.next()?.statement   // Statement(text: "x = 1\n", line: 3)
/// ```
public struct StatementQueue: Sendable {
    /// A complete statement and the result of parsing it.
    public struct Item: Sendable {
        public var statement: StatementSplitter.Statement
        public var parsed: Result<Module, SyntaxError>

        init(_ statement: StatementSplitter.Statement, parsed: Result<Module, SyntaxError>) {
            self.statement = statement
            self.parsed = parsed
        }

        init(_ statement: StatementSplitter.Statement) {
            self.statement = statement
            do throws(SyntaxError) {
                parsed = .success(try Parser.parse(statement.text, firstLine: statement.line))
            } catch {
                parsed = .failure(error)
            }
        }
    }

    var splitter = StatementSplitter()
    var held: [Item] = []
    var ready: [Item] = []
    var readyHead = 0
    var sawFence = false
    /// Whether the response ended (``finish()``).
    public private(set) var isFinished = false

    public init() {}

    /// Whether a statement is ready for ``next()``.
    public var hasReady: Bool { readyHead < ready.count }

    /// Whether the text read so far ends after a closed Markdown fence: until another fence opens, what follows is
    /// prose, not code.
    public var isAfterCodeBlock: Bool { splitter.fenceMode == .outside }

    /// Feeds a chunk of the response.
    public mutating func feed(_ chunk: String) {
        splitter.feed(chunk)
        absorb()
    }

    /// The response ended: the last statement completes.
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
    public mutating func next() -> Item? {
        guard readyHead < ready.count else { return nil }
        let item = ready[readyHead]
        readyHead += 1
        if readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
        }
        return item
    }

    /// Statements ready and not yet taken.
    public var pending: [StatementSplitter.Statement] { ready[readyHead...].map(\.statement) }

    /// Bytes of the response received but not yet part of a complete statement.
    public var bufferedByteCount: Int { splitter.pendingByteCount }

    mutating func absorb() {
        for output in splitter.take() {
            switch output {
            case .firstFence:
                sawFence = true
                held.removeAll()
            case .statement(let s):
                let item = Item(s)
                if !sawFence {
                    if !held.isEmpty {
                        held.append(item)
                        continue
                    }
                    switch item.parsed {
                    case .failure:
                        held.append(item)
                        continue
                    case .success(let module):
                        if Self.looksLikeProse(module) {
                            held.append(item)
                            continue
                        }
                    }
                }
                ready.append(item)
            }
        }
    }

    /// A statement that is only bare names (and comparisons or attributes of them): code with no
    /// effect, which before the first fence is taken for a line of prose.
    static func looksLikeProse(_ module: Module) -> Bool {
        guard module.body.count == 1, case .expr(let e) = module.body[0].kind else { return false }
        // A docstring or a number is code-like; prose is words.
        if case .constant = e.kind { return false }
        return !e.contains { node in
            switch node.kind {
            case .name, .constant, .compare, .boolOp, .unary, .tuple, .attribute: return false
            default: return true
            }
        }
    }

    // MARK: Saving

    func encode(into w: inout ByteWriter) {
        splitter.encode(into: &w)
        func items(_ list: ArraySlice<Item>) {
            w.count(list.count)
            for item in list {
                w.string(item.statement.text)
                w.varint(item.statement.line)
            }
        }
        items(ready[readyHead...])
        items(held[...])
        w.bool(sawFence)
        w.bool(isFinished)
    }

    init(from r: inout ByteReader) throws(SnapshotError) {
        splitter = try StatementSplitter(from: &r)
        func items(_ r: inout ByteReader) throws(SnapshotError) -> [Item] {
            let count = try r.count()
            var list: [Item] = []
            for _ in 0..<count {
                let text = try r.string()
                // Parsing is deterministic: the parse result is recovered by parsing again.
                list.append(Item(StatementSplitter.Statement(text: text, line: try r.varint())))
            }
            return list
        }
        ready = try items(&r)
        held = try items(&r)
        sawFence = try r.bool()
        isFinished = try r.bool()
    }
}
