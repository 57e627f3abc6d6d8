import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime
import PlaybooksStores

#if canImport(Glibc)
    import Glibc
#endif

// `playbooks-bench durability`: the stores it measures and the scratch directories they live in.
extension BenchDurabilityCommand {
    enum Kind: String, CaseIterable {
        case sqlite, files
    }

    static func open(_ kind: Kind, _ durability: DurabilityLevel, in dir: String) throws -> any CheckpointStore {
        switch kind {
        case .sqlite: return try openStore(.sqlite(path: "\(dir)/state.db"), durability: durability, failpoints: Failpoints())
        case .files: return try openStore(.files(directory: "\(dir)/journal"), durability: durability, failpoints: Failpoints())
        }
    }

    final class Scratch {
        let root: String
        private var counter = 0
        let keep: Bool

        init(directory: String?, keep: Bool) throws {
            if let directory {
                root = directory
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } else {
                let base = FileManager.default.temporaryDirectory.path
                root = "\(base)/playbooks-bench-durability-\(getpid())"
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            }
            self.keep = keep
        }

        /// A new empty directory under the root.
        func fresh(_ label: String) throws -> String {
            counter += 1
            let path = "\(root)/\(counter)-\(label)"
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        func cleanUp() {
            if !keep { try? FileManager.default.removeItem(atPath: root) }
        }
    }
}
