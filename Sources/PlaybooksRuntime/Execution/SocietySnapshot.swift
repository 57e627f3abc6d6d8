import PlaybooksLanguage

/// The snapshot of a society: the host's ``SocietyState`` and each agent's VM snapshot.
///
/// Layout: `PBSO` magic, a format version byte, the state as a ``PortableValue``, the number of
/// agents, then each agent's VM snapshot as a length-prefixed byte string. An execution of one
/// agent writes its VM's snapshot alone (`PBVM`...), as it always has.
///
/// An agent whose VM did not run since the last snapshot gives the bytes it gave then (see
/// ``SocietyMember/snapshotBytes()``): idle agents are not encoded again.
enum SocietySnapshot {
    static let magic: [UInt8] = Array("PBSO".utf8)
    static let version: UInt8 = 1

    static func encode(state: SocietyState, agents: [[UInt8]]) -> [UInt8] {
        var out = magic
        out.append(version)
        state.portable.encode(into: &out)
        PortableValue.int(agents.count).encode(into: &out)
        for bytes in agents {
            PortableValue.int(bytes.count).encode(into: &out)
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Whether `bytes` is a society snapshot (rather than one VM's).
    static func isSociety(_ bytes: [UInt8]) -> Bool {
        bytes.count > magic.count && Array(bytes.prefix(magic.count)) == magic
    }

    /// The state and each agent's VM snapshot, for a program of `members` agents (the state adds
    /// those `CreateAgent` made); any damage, or a society of another size, is a ``RecordFormatError``.
    static func decode(_ bytes: [UInt8], members programAgents: Int) throws(RecordFormatError) -> (SocietyState, [[UInt8]]) {
        guard isSociety(bytes) else { throw RecordFormatError("not a society snapshot") }
        guard bytes[magic.count] == version else {
            throw RecordFormatError("society snapshot format \(bytes[magic.count]) (this build reads \(version))")
        }
        var p = magic.count + 1
        do {
            let state = try SocietyState(portable: try PortableValue.decode(bytes, at: &p), members: programAgents)
            let members = programAgents + state.created.count
            guard case .int(let count) = try PortableValue.decode(bytes, at: &p), count == members else {
                throw RecordFormatError("the snapshot is of a society with another number of agents (this program has \(members))")
            }
            var agents: [[UInt8]] = []
            for _ in 0..<count {
                guard case .int(let length) = try PortableValue.decode(bytes, at: &p), length >= 0, length <= bytes.count - p
                else { throw RecordFormatError("an agent's snapshot is cut short") }
                agents.append(Array(bytes[p..<(p + length)]))
                p += length
            }
            guard p == bytes.count else { throw RecordFormatError("bytes after the last agent's snapshot") }
            return (state, agents)
        } catch let e as RecordFormatError {
            throw e
        } catch {
            throw RecordFormatError("\(error)")
        }
    }
}
