import Foundation
import PlaybooksStores
import Testing

@testable import PlaybooksDurability

/// Locations are parsed here without naming any store outside this module; `PlaybooksStores` knows
/// which URL schemes exist.
@Suite("StoreLocation and openStore")
struct StoreLocationTests {
    @Test func parsesTheModulesOwnStoresAndAnyURL() throws {
        #expect(try StoreLocation(parsing: "sqlite:a/state.db") == .sqlite(path: "a/state.db"))
        #expect(try StoreLocation(parsing: "files:j") == .files(directory: "j"))
        let url = try StoreLocation(parsing: "Redis://u:pw@h:1/0")
        #expect(url == .url("Redis://u:pw@h:1/0"))
        #expect(url.scheme == "redis")
        #expect(url.description == "Redis://u@h:1/0")
        for bad in ["", "sqlite:", "files:", "state.db", "1x://h", "postgres://", "://h"] {
            #expect(throws: StoreError.self, "\(bad)") { try StoreLocation(parsing: bad) }
        }
    }

    @Test func openStoreRefusesASchemeNoStoreServes() throws {
        let location = try StoreLocation(parsing: "redis://u:secret@h/0")
        do {
            _ = try openStore(location, durability: .process, failpoints: Failpoints())
            Issue.record("redis:// opened")
        } catch {
            guard case .invalidLocation(let message) = error else {
                Issue.record("expected invalidLocation, got \(error)")
                return
            }
            #expect(message.contains("redis://") && message.contains("postgres://"), "\(message)")
            #expect(!message.contains("secret"), "\(message)")
        }
    }

    @Test func failpointsFromTheEnvironmentRefuseATypo() throws {
        #expect(try Failpoints.fromEnvironment([:]).isEmpty)
        #expect(try Failpoints.fromEnvironment(["PLAYBOOKS_FAILPOINT": ""]).isEmpty)
        let set = try Failpoints.fromEnvironment(["PLAYBOOKS_FAILPOINT": "torn-write:3, crash-after-checkpoint:1"])
        #expect(set.isSet(.tornWrite, at: 3) && set.isSet(.crashAfterCheckpoint, at: 1))
        for bad in ["crash-after-checkpont:3", "torn-write:0", "torn-write", "torn-write:x"] {
            #expect(throws: FailpointError.self, "\(bad)") { try Failpoints.fromEnvironment(["PLAYBOOKS_FAILPOINT": bad]) }
        }
    }
}
