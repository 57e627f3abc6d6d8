import PlaybooksDurability

/// The `[durability]` table of `playbooks.toml`.
public struct DurabilityConfiguration: Sendable, Equatable {
    /// Whether the run writes checkpoints at all (`enabled`, default `true`).
    public var enabled: Bool
    /// What a committed checkpoint survives (`level`, default `process`).
    public var level: DurabilityLevel
    /// Where checkpoints go (`store`, default `sqlite:.playbooks/state.db`). Relative paths are relative to
    /// the program's directory once the configuration is resolved (``RunConfiguration/load(forProgramAt:)``).
    public var store: StoreLocation
    /// At most this many journal records between two snapshots (`snapshot_every`, default 64).
    public var snapshotEvery: Int
    /// Retention (`keep_last_n`): 0 keeps everything; N prunes so that the last N checkpoints stay restorable.
    public var keepLastN: Int

    /// The default store: SQLite beside the program.
    public static let defaultStore = StoreLocation.sqlite(path: ".playbooks/state.db")

    public init(
        enabled: Bool = true, level: DurabilityLevel = .process, store: StoreLocation = defaultStore,
        snapshotEvery: Int = 64, keepLastN: Int = 0
    ) {
        self.enabled = enabled
        self.level = level
        self.store = store
        self.snapshotEvery = snapshotEvery
        self.keepLastN = keepLastN
    }

    /// The same configuration with a relative store path made absolute against `directory`.
    public func resolvingStore(against directory: String) -> DurabilityConfiguration {
        var copy = self
        switch store {
        case .sqlite(let path): copy.store = .sqlite(path: ConfigurationPath.resolve(path, against: directory))
        case .files(let dir): copy.store = .files(directory: ConfigurationPath.resolve(dir, against: directory))
        case .url: break  // a server, not a path
        }
        return copy
    }
}
