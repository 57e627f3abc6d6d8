import Foundation

/// The JSON both stores keep an ``ExecutionInfo`` as.
package enum ExecutionInfoCoding {
    package static func encode(_ info: ExecutionInfo) throws(StoreError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return Array(try encoder.encode(info)) } catch {
            throw .unavailable("cannot encode the info of execution \(info.id): \(error)")
        }
    }

    package static func decode(_ bytes: [UInt8], id: ExecutionID) throws(StoreError) -> ExecutionInfo {
        let info: ExecutionInfo
        do { info = try JSONDecoder().decode(ExecutionInfo.self, from: Data(bytes)) } catch {
            throw .corrupted(id, sequence: nil, detail: "unreadable execution info: \(error)")
        }
        guard info.id == id else {
            throw .corrupted(id, sequence: nil, detail: "execution info names another execution, \(info.id)")
        }
        return info
    }
}
