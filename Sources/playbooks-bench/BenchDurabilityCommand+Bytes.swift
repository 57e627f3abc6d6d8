import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

#if canImport(Glibc)
    import Glibc
#endif

// `playbooks-bench durability`, section c: journal and snapshot bytes per await for namespaces of several sizes.
extension BenchDurabilityCommand {
    struct BytesRow {
        var namespaceKiB: Int
        var awaits: Int
        var records: Int
        var journalBytes: Int
        var snapshots: [(sequence: Int, bytes: Int)]
        var filesOnDisk: Int
        var usPerAwait: Double
        var snapshotBytes: Int { snapshots.reduce(0) { $0 + $1.bytes } }
        var journalPerAwait: Double { Double(journalBytes) / Double(awaits) }
        var snapshotPerAwait: Double { Double(snapshotBytes) / Double(awaits) }
        var totalPerAwait: Double { journalPerAwait + snapshotPerAwait }
    }

    /// What changes per await: the step id (`S:` and up to 4 digits) and one int.
    static let changedBytes = 14

    func measureBytes(_ scratch: Scratch) async throws -> [BytesRow] {
        var rows: [BytesRow] = []
        let n = bytesAwaits
        for kib in try Self.integers(namespaces, option: "--namespaces") {
            let program = Self.namespaceProgram(kib: kib, awaits: n)
            let id = try ExecutionID(validating: "bytes-\(kib)")
            let store = try Self.open(.sqlite, .process, in: try scratch.fresh("bytes-sqlite-\(kib)"))
            let seconds = try await Self.runToEnd(program, store: store, id: id.rawValue, expect: "\(kib)")
            let journal = try await store.readJournal(id, from: 1)
            var snapshots: [(sequence: Int, bytes: Int)] = []
            for s in try await store.snapshotSequences(id) {
                if let snap = try await store.latestSnapshot(id, atOrBefore: s), snap.sequence == s {
                    snapshots.append((s, snap.bytes.count))
                }
            }
            // The same run in the files store, for the bytes it puts on disk (frame headers included).
            let filesDir = try scratch.fresh("bytes-files-\(kib)")
            let files = try Self.open(.files, .process, in: filesDir)
            _ = try await Self.runToEnd(program, store: files, id: id.rawValue, expect: "\(kib)")
            let executionDir = "\(filesDir)/journal/\(id.rawValue)"
            let onDisk =
                Self.fileSize("\(executionDir)/journal")
                + (try FileManager.default.contentsOfDirectory(atPath: "\(executionDir)/snapshots"))
                .reduce(0) { $0 + Self.fileSize("\(executionDir)/snapshots/\($1)") }
            rows.append(
                BytesRow(
                    namespaceKiB: kib, awaits: n, records: journal.records.count,
                    journalBytes: journal.records.reduce(0) { $0 + $1.payload.count }, snapshots: snapshots, filesOnDisk: onDisk,
                    usPerAwait: seconds * 1e6 / Double(n)))
        }
        return rows
    }

    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// The report of the bytes per await: its lines and its JSON rows.
    func bytesSection(_ scratch: Scratch) async throws -> BenchSection {
        var lines: [String] = []
        let rows = try await measureBytes(scratch)
        lines.append("")
        lines.append(
            "c. bytes per await: a namespace of K KiB (K strings of 1 KiB), then \(bytesAwaits) awaits each changing one int "
                + "and the step id; default SnapshotPolicy (everyRecords 64)")
        lines.append(
            "   namespace  snapshot KB  snapshots  journal B/await  snapshot B/await  total B/await  target  met  files store on disk B/await  us/await"
        )
        let target = 200 + Self.changedBytes
        for row in rows {
            let lastKB = Double(row.snapshots.last?.bytes ?? 0) / 1000
            lines.append(
                "   \(Self.lpad("\(row.namespaceKiB) KiB", 9))  \(Self.lpad(Self.fmt(lastKB, 1), 11))  \(Self.lpad("\(row.snapshots.count)", 9))  "
                    + "\(Self.lpad(Self.fmt(row.journalPerAwait, 1), 15))  \(Self.lpad(Self.fmt(row.snapshotPerAwait, 1), 16))  "
                    + "\(Self.lpad(Self.fmt(row.totalPerAwait, 1), 13))  \(Self.lpad("<= \(target)", 6))  \(row.totalPerAwait <= Double(target) ? "yes" : " NO")  "
                    + "\(Self.lpad(Self.fmt(Double(row.filesOnDisk) / Double(row.awaits), 1), 28))  \(Self.lpad(Self.fmt(row.usPerAwait, 1), 8))"
            )
        }
        lines.append(
            "   (journal = record payloads read back with readJournal; snapshots = every snapshot kept, at sequences "
                + rows.map { "\($0.namespaceKiB) KiB: \($0.snapshots.map { "\($0.sequence)" }.joined(separator: ","))" }.joined(
                    separator: "; ")
                + "; target = 200 + \(Self.changedBytes) bytes changed)")
        let json = rows.map { row -> [String: Any] in
            [
                "namespace_kib": row.namespaceKiB, "awaits": row.awaits, "records": row.records, "journal_bytes": row.journalBytes,
                "snapshot_sequences": row.snapshots.map(\.sequence), "snapshot_bytes": row.snapshots.map(\.bytes),
                "journal_bytes_per_await": row.journalPerAwait, "snapshot_bytes_per_await": row.snapshotPerAwait,
                "total_bytes_per_await": row.totalPerAwait, "files_store_bytes_on_disk": row.filesOnDisk,
                "us_per_await_process_sqlite": row.usPerAwait, "target_bytes_per_await": target,
            ]
        }
        return BenchSection(key: "bytes", lines: lines, json: json)
    }
}
