import Foundation
import PlaybooksDurability
import PlaybooksLanguage

/// The journal payload of one await: which host function the code awaited, with what, and how
/// it ended. Internal effects (a message said, a step taken, an artifact saved) are the call's own
/// arguments, so they are committed in the same record as the await's result.
struct AwaitRecord: Equatable {
    enum Kind: UInt8 {
        /// An await that finished: replay answers the call with ``outcome``.
        case completed = 1
        /// An at-most-once call is about to start; its outcome follows in the next record.
        case started = 2
    }

    enum Outcome: Equatable {
        case value(PortableValue)
        case error(type: String, message: String)
    }

    var kind: Kind
    var call: String
    var arguments: [PortableValue]
    var keywordArguments: [(name: String, value: PortableValue)]
    var outcome: Outcome
    /// Line of the awaiting statement (in the program file, or in the LLM response), and where its text is.
    var line: Int
    var statement: StatementReference
    var timestamp: Double
    /// Which agent of the society awaited: its index, the main agent being 0 (see ``ExecutionRunner``'s members).
    var agent: Int = 0

    /// Where the text of an await's statement is, so that a record does not repeat it: an await
    /// in a loop of an LLM response would otherwise journal the loop's text at every iteration.
    enum StatementReference: Equatable {
        /// Unknown (the prelude's own code).
        case none
        /// Line ``AwaitRecord/line`` of the program file (which travels with the execution).
        case programLine
        /// The statement of an LLM response that journal record `record` (a `__PBNext__`) delivered.
        case response(record: Int)
        /// The text itself (records of format version 1).
        case text(String)
    }

    static func == (a: AwaitRecord, b: AwaitRecord) -> Bool {
        a.kind == b.kind && a.call == b.call && a.arguments == b.arguments && a.outcome == b.outcome && a.line == b.line
            && a.statement == b.statement && a.timestamp == b.timestamp && a.agent == b.agent
            && a.keywordArguments.map(\.name) == b.keywordArguments.map(\.name)
            && a.keywordArguments.map(\.value) == b.keywordArguments.map(\.value)
    }

    /// 3: version 2 and the agent's index after the timestamp (written only for an agent other
    /// than the main one, so a one-agent program's records stay version 2); 2: the statement is a
    /// ``StatementReference``; 1: the statement's text (still read).
    static let formatVersion: UInt8 = 3

    func encoded() -> [UInt8] {
        var out: [UInt8] = [agent == 0 ? 2 : 3]
        PortableValue.str(call).encode(into: &out)
        PortableValue.list(arguments).encode(into: &out)
        PortableValue.dict(keywordArguments.map { PortableEntry(.str($0.name), $0.value) }).encode(into: &out)
        switch outcome {
        case .value(let v):
            out.append(0)
            v.encode(into: &out)
        case .error(let type, let message):
            out.append(1)
            PortableValue.str(type).encode(into: &out)
            PortableValue.str(message).encode(into: &out)
        }
        PortableValue.int(line).encode(into: &out)
        switch statement {
        case .none: out.append(0)
        case .programLine: out.append(2)
        case .response(let record):
            out.append(3)
            PortableValue.int(record).encode(into: &out)
        case .text(let text):
            out.append(1)
            PortableValue.str(text).encode(into: &out)
        }
        PortableValue.float(timestamp).encode(into: &out)
        if agent != 0 { PortableValue.int(agent).encode(into: &out) }
        return out
    }

    init(
        kind: Kind, call: String, arguments: [PortableValue], keywordArguments: [(name: String, value: PortableValue)],
        outcome: Outcome, line: Int, statement: StatementReference, timestamp: Double
    ) {
        self.kind = kind
        self.call = call
        self.arguments = arguments
        self.keywordArguments = keywordArguments
        self.outcome = outcome
        self.line = line
        self.statement = statement
        self.timestamp = timestamp
    }

    /// Decodes a journal record; any damage or unknown layout is a ``RecordFormatError``.
    init(record: JournalRecord) throws(RecordFormatError) {
        guard let kind = Kind(rawValue: record.kind) else { throw RecordFormatError("unknown record kind \(record.kind)") }
        let bytes = record.payload
        guard let version = bytes.first else { throw RecordFormatError("empty record") }
        guard (1...AwaitRecord.formatVersion).contains(version) else {
            throw RecordFormatError("record format version \(version) (this build reads version \(AwaitRecord.formatVersion))")
        }
        var p = 1
        do {
            guard case .str(let call) = try PortableValue.decode(bytes, at: &p),
                case .list(let args) = try PortableValue.decode(bytes, at: &p),
                case .dict(let kw) = try PortableValue.decode(bytes, at: &p), p < bytes.count
            else { throw RecordFormatError("bad call fields") }
            let tag = bytes[p]
            p += 1
            let outcome: Outcome
            switch tag {
            case 0: outcome = .value(try PortableValue.decode(bytes, at: &p))
            case 1:
                guard case .str(let type) = try PortableValue.decode(bytes, at: &p),
                    case .str(let message) = try PortableValue.decode(bytes, at: &p)
                else { throw RecordFormatError("bad error outcome") }
                outcome = .error(type: type, message: message)
            default: throw RecordFormatError("bad outcome tag \(tag)")
            }
            guard case .int(let line) = try PortableValue.decode(bytes, at: &p) else {
                throw RecordFormatError("bad position fields")
            }
            let statement: StatementReference
            if version == 1 {
                guard case .str(let text) = try PortableValue.decode(bytes, at: &p) else {
                    throw RecordFormatError("bad position fields")
                }
                statement = text.isEmpty ? .none : .text(text)
            } else {
                guard p < bytes.count else { throw RecordFormatError("bad statement reference") }
                let tag = bytes[p]
                p += 1
                switch tag {
                case 0: statement = .none
                case 2: statement = .programLine
                case 3:
                    guard case .int(let record) = try PortableValue.decode(bytes, at: &p) else {
                        throw RecordFormatError("bad statement reference")
                    }
                    statement = .response(record: record)
                case 1:
                    guard case .str(let text) = try PortableValue.decode(bytes, at: &p) else {
                        throw RecordFormatError("bad statement reference")
                    }
                    statement = .text(text)
                default: throw RecordFormatError("bad statement reference tag \(tag)")
                }
            }
            guard case .float(let timestamp) = try PortableValue.decode(bytes, at: &p) else {
                throw RecordFormatError("bad position fields")
            }
            var agent = 0
            if version == 3 {
                guard case .int(let index) = try PortableValue.decode(bytes, at: &p), index > 0 else {
                    throw RecordFormatError("bad agent index")
                }
                agent = index
            }
            guard p == bytes.count else { throw RecordFormatError("bad position fields") }
            var keywords: [(name: String, value: PortableValue)] = []
            for entry in kw {
                guard case .str(let name) = entry.key else { throw RecordFormatError("bad keyword name") }
                keywords.append((name, entry.value))
            }
            self.init(
                kind: kind, call: call, arguments: args, keywordArguments: keywords, outcome: outcome, line: line,
                statement: statement, timestamp: timestamp)
            self.agent = agent
        } catch let e as RecordFormatError {
            throw e
        } catch {
            throw RecordFormatError("\(error)")
        }
    }
}

extension AwaitRecord {
    /// For a `__PBNext__` record that handed a statement of an LLM response to the code: its text.
    var deliveredStatement: String? {
        guard call == HostBuiltin.next.rawValue, case .value(.list(let parts)) = outcome, case .str(let text)? = parts.first
        else { return nil }
        return text
    }
}

struct RecordFormatError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
