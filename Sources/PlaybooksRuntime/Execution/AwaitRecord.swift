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
    /// Line of the awaiting statement in the program file, and its text.
    var line: Int
    var statement: String
    var timestamp: Double

    static func == (a: AwaitRecord, b: AwaitRecord) -> Bool {
        a.kind == b.kind && a.call == b.call && a.arguments == b.arguments && a.outcome == b.outcome && a.line == b.line
            && a.statement == b.statement && a.timestamp == b.timestamp
            && a.keywordArguments.map(\.name) == b.keywordArguments.map(\.name)
            && a.keywordArguments.map(\.value) == b.keywordArguments.map(\.value)
    }

    static let formatVersion: UInt8 = 1

    func encoded() -> [UInt8] {
        var out: [UInt8] = [AwaitRecord.formatVersion]
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
        PortableValue.str(statement).encode(into: &out)
        PortableValue.float(timestamp).encode(into: &out)
        return out
    }

    init(
        kind: Kind, call: String, arguments: [PortableValue], keywordArguments: [(name: String, value: PortableValue)],
        outcome: Outcome, line: Int, statement: String, timestamp: Double
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
        guard version == AwaitRecord.formatVersion else {
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
            guard case .int(let line) = try PortableValue.decode(bytes, at: &p),
                case .str(let statement) = try PortableValue.decode(bytes, at: &p),
                case .float(let timestamp) = try PortableValue.decode(bytes, at: &p), p == bytes.count
            else { throw RecordFormatError("bad position fields") }
            var keywords: [(name: String, value: PortableValue)] = []
            for entry in kw {
                guard case .str(let name) = entry.key else { throw RecordFormatError("bad keyword name") }
                keywords.append((name, entry.value))
            }
            self.init(
                kind: kind, call: call, arguments: args, keywordArguments: keywords, outcome: outcome, line: line,
                statement: statement, timestamp: timestamp)
        } catch let e as RecordFormatError {
            throw e
        } catch {
            throw RecordFormatError("\(error)")
        }
    }
}

struct RecordFormatError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
